"""What the owner and the accountant need at month end, in the chat: the sales chart as a
picture, the books as a workbook, CSV files or Tally XML, and the GST or VAT return figures.

The figures come from ledger/ (series, exports, returns) and the files from pdf/ (chart,
xlsx, tally, returns), rendered in the renderer threads. These are reads: the conversation runs
them before the write transaction opens (core.DOCUMENT_READS), and they go to the owner only
(policy.py), never to a customer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from intents.models import ExportBooks, QuerySales, TaxReport
from ledger.exports import books_export
from ledger.periods import Period, period, previous
from ledger.returns import gstr1, gstr3b, vat201
from ledger.series import sales_chart_data
from pdf.render import in_worker
from pdf.returns import gstr1_json, gstr1_xlsx, vat201_xlsx
from pdf.tally import tally_xml
from pdf.xlsx import books_csv_zip, books_xlsx

from ..messages import Document, OutboundReply
from ..sender import Sender
from .outcome import Outcome
from .reads import period_words, query_sales

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# One day makes a chart of one bar: a chart asked for "today" shows the week so far.
_CHART_SPAN = {"today": "this_week", "yesterday": "this_week"}
_BEFORE = {"this_week": "last_week", "this_month": "last_month", "this_quarter": "last_quarter"}
_BEFORE |= {"this_year": "last_year"}


def _period_before(p: Period, now: datetime, timezone: str) -> Period:
    """The period to compare with: all of last month for this month, the month before for last
    month (weeks, quarters and years the same), else as many days just before."""
    if p.name in _BEFORE:
        return period(_BEFORE[p.name], now, timezone)
    if p.name.startswith("last_") or p.name == "yesterday":
        # "last month" seen from inside p's first day is the month before p, in full
        return period(p.name, p.start + timedelta(hours=12), timezone)
    return previous(p, timezone)


async def sales_chart(
    session: AsyncSession, sender: Sender, intent: QuerySales, now: datetime
) -> Outcome:
    """The sales report of the period, with its chart as a picture."""
    # matplotlib takes a second to import: only a process that draws a chart pays it.
    from pdf.chart import render_sales_chart_async

    assert sender.business is not None
    shop = sender.business
    name, _ = period_words(intent.period)
    name = _CHART_SPAN.get(name, name)
    shown = intent.model_copy(update={"period": name})
    report = await query_sales(session, sender, shown, now)
    span = period(name, now, shop.timezone)
    data = await sales_chart_data(session, shop.id, span, _period_before(span, now, shop.timezone))
    png = await render_sales_chart_async(data, language=sender.language)
    text = report.replies[0].text if report.replies else ""
    picture = Document(
        f"Sales-{span.first_day.isoformat()}-{span.last_day.isoformat()}.png", "image/png", png
    )
    return Outcome([OutboundReply(text=text, document=picture)])


async def export_books(
    session: AsyncSession, sender: Sender, intent: ExportBooks, now: datetime
) -> Outcome:
    """The period's books as the accountant asked: xlsx (default), CSV files or Tally XML."""
    assert sender.business is not None
    shop = sender.business
    name, label = period_words(intent.period or "this_month")
    span = period(name, now, shop.timezone)
    export = await books_export(session, shop.id, span, what=intent.what or "all")
    stem = f"Books-{shop.name[:30]}-{span.first_day.isoformat()}-{span.last_day.isoformat()}"
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)
    kind = intent.format or "xlsx"
    if kind == "tally":
        data = await in_worker(tally_xml, export)
        document = Document(f"{stem}-Tally.xml", "application/xml", data)
    elif kind == "csv":
        data = await in_worker(books_csv_zip, export)
        document = Document(f"{stem}-csv.zip", "application/zip", data)
    else:
        data = await in_worker(books_xlsx, export)
        document = Document(f"{stem}.xlsx", XLSX, data)
    text = sender.words().render(
        "books_ready",
        period=label,
        first=span.first_day,
        last=span.last_day,
        format=kind,
        sales=len(export.sales),
        cancelled=len(export.cancelled),
        purchases=len(export.purchases),
        expenses=len(export.expenses),
        payments=len(export.payments),
        sections=list(export.sections),
    )
    return Outcome([OutboundReply(text=text, document=document)])


async def tax_report(
    session: AsyncSession, sender: Sender, intent: TaxReport, now: datetime
) -> Outcome:
    """GSTR-1 and GSTR-3B figures (India) or VAT 201 (UAE) of the period, with the files."""
    assert sender.business is not None
    shop = sender.business
    words = sender.words()
    name, label = period_words(intent.period)
    span = period(name, now, shop.timezone)
    if shop.country == "IN":
        outward = await gstr1(session, shop.id, span)
        summary = await gstr3b(session, shop.id, span, r1=outward)
        workbook = await in_worker(gstr1_xlsx, outward, summary)
        offline = await in_worker(gstr1_json, outward)
        stem = f"GSTR1-{span.first_day:%Y-%m}"
        fixes = list(dict.fromkeys((*outward.fix_before_filing, *summary.fix_before_filing)))
        text = words.render(
            "gst_report",
            period=label,
            taxable=summary.outward_taxable_minor,
            tax=summary.outward_tax,
            itc=summary.itc,
            cash=summary.pay_in_cash,
            credit=summary.credit_left,
            b2b=len(outward.b2b),
            credit_notes=len(outward.cdnr) + len(outward.b2c_credit_notes),
            fixes=fixes,
        )
        return Outcome(
            [
                OutboundReply(text=text, document=Document(f"{stem}.xlsx", XLSX, workbook)),
                OutboundReply(
                    text=words.render("gst_json_caption"),
                    document=Document(f"{stem}.json", "application/json", offline),
                ),
            ]
        )
    if shop.country == "AE":
        vat = await vat201(session, shop.id, span)
        workbook = await in_worker(vat201_xlsx, vat)
        text = words.render(
            "vat_report",
            period=label,
            supplies=vat.box8_amount_minor,
            zero_rated=vat.zero_rated_minor,
            output=vat.box8_vat_minor,
            expenses=vat.expenses_minor,
            input=vat.input_vat_minor,
            net=vat.net_vat_due_minor,
            # Emirates the shop sold in (its own, even at nought), not seven lines of zeros.
            emirates=[
                (row.name, row.amount_minor, row.vat_minor)
                for row in vat.box1
                if row.amount_minor or row.vat_minor or row.code == vat.emirate
            ],
            credit_notes=len(vat.credit_notes),
            fixes=list(vat.fix_before_filing),
        )
        document = Document(f"VAT201-{span.first_day:%Y-%m}.xlsx", XLSX, workbook)
        return Outcome([OutboundReply(text=text, document=document)])
    return Outcome.say(words.render("tax_report_unsupported", country=shop.country))
