"""Month end in the chat, through the production pipeline (privacy on): the sales chart as a
picture, the books for the accountant (xlsx, CSV, Tally XML), the GST and VAT return figures
with their files; owner only, nothing booked, and a missing GSTIN or HSN listed, not guessed."""

from __future__ import annotations

import io
import json
import zipfile
from xml.etree import ElementTree

from openpyxl import load_workbook

from bot.messages import OutboundReply
from ledger import Database, sales_report
from tests.bot.helpers import CATALOG_IN, books, load_shop, say, send
from tests.consent.helpers import private_conversation
from tests.factories import new_phone

PNG = b"\x89PNG\r\n\x1a\n"


def _document(replies: list[OutboundReply]) -> OutboundReply:
    (found,) = [r for r in replies if r.document is not None and r.to is None]
    return found


async def test_the_owner_gets_this_months_sales_chart_as_a_picture(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    for text in ("sold 2 rice to ahmed", "sold 3 milk", "sold 1 oil to fatima on credit"):
        await say(conv, shop.owner, text)
    before = await books(db, shop)
    replies = await send(conv, shop.owner, "show me this month's sales chart")
    chart = _document(replies)
    assert chart.document is not None
    assert chart.document.mime_type == "image/png" and chart.document.data.startswith(PNG)
    assert "AED 121.50" in chart.text  # the month's total, as the sales report says it
    assert await books(db, shop) == before  # a read books nothing
    again = _document(await send(conv, shop.owner, "show me this month's sales chart"))
    assert again.document is not None and again.document.data == chart.document.data


async def test_the_books_go_to_the_accountant_as_xlsx_csv_or_tally(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    for text in ("sold 2 rice to ahmed", "sold 3 milk", "electricity bill 250", "ahmed paid 50"):
        await say(conv, shop.owner, text)

    xlsx = _document(await send(conv, shop.owner, "send this month's books in excel for my CA"))
    assert xlsx.document is not None and xlsx.document.filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(xlsx.document.data), read_only=True)
    assert {"Sales", "Expenses", "Payments"} <= set(book.sheetnames)
    assert "2 sale lines" in xlsx.text

    csv = _document(await send(conv, shop.owner, "this month's sales as csv"))
    assert csv.document is not None and csv.document.mime_type == "application/zip"
    with zipfile.ZipFile(io.BytesIO(csv.document.data)) as archive:
        assert any(name.lower().startswith("sales") for name in archive.namelist())

    tally = _document(await send(conv, shop.owner, "tally export this month"))
    assert tally.document is not None and tally.document.filename.endswith(".xml")
    root = ElementTree.fromstring(tally.document.data)
    assert root.tag == "ENVELOPE"
    vouchers = root.findall(".//VOUCHER")
    assert sum(v.get("VCHTYPE") == "Sales" for v in vouchers) == 2


async def test_vat_return_figures_for_a_uae_shop(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "sold 2 rice to ahmed")  # AED 80, VAT 5 % inside: 3.81
    await say(conv, shop.owner, "emirate dubai")
    replies = await send(conv, shop.owner, "VAT return this month")
    report = _document(replies)
    assert "VAT 201" in report.text
    assert "Dubai: AED 76.19, VAT AED 3.81" in report.text
    assert "Sharjah" not in report.text  # no line of zeros for emirates it never sold in
    assert report.document is not None and report.document.filename.endswith(".xlsx")
    load_workbook(io.BytesIO(report.document.data), read_only=True)


async def test_gst_report_lists_what_to_fix_instead_of_guessing(db: Database) -> None:
    shop = await load_shop(db, CATALOG_IN)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "sold 2 atta to ravi")
    await say(conv, shop.owner, "state maharashtra")
    replies = await send(conv, shop.owner, "GST report for this month")
    documents = [r for r in replies if r.document is not None]
    assert [d.document.mime_type for d in documents if d.document] == [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/json",
    ]
    text = documents[0].text
    assert "GSTR-1" in text and "Fix before filing" in text
    assert "Atta 10kg" in text  # sold without an HSN code: listed, not guessed
    assert documents[1].document is not None
    offline = json.loads(documents[1].document.data)
    assert offline["b2cs"] and "fp" in offline


async def test_only_the_owner_gets_month_end_files(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    cashier = new_phone()
    await say(conv, shop.owner, f"add my cashier {cashier}")
    await say(conv, shop.owner, "yes")
    for text in ("send this month's books in excel", "VAT return this month", "sales chart"):
        replies = await send(conv, cashier, text)
        assert all(r.document is None for r in replies), text
        assert any("only the shop owner" in r.text for r in replies), text
    customer = shop.phones["Ahmed Khan"]
    replies = await send(conv, customer, "send this month's books in excel")
    assert all(r.document is None for r in replies)


async def test_charts_are_asked_for_in_arabic_too(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    await say(conv, shop.owner, "sold 2 rice")
    for text in ("رسم بياني للمبيعات هذا الأسبوع", "ملخص المبيعات رسم بياني هذا الشهر"):
        chart = _document(await send(conv, shop.owner, text))
        assert chart.document is not None and chart.document.mime_type == "image/png", text
        assert "AED 80" in chart.text, text


async def test_the_chart_total_is_the_sales_reports(db: Database) -> None:
    shop = await load_shop(db)
    conv, _ = private_conversation(db)
    for text in ("sold 2 rice", "sold 1 tea to fatima"):
        await say(conv, shop.owner, text)
    chart = _document(await send(conv, shop.owner, "is hafte ki bikri ka graph"))
    async with db.read() as session:
        from datetime import UTC, datetime

        report = await sales_report(session, shop.business.id, "this_week", datetime.now(UTC))
    assert report.total_minor == 9500
    assert "AED 95" in chart.text
