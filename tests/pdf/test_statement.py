"""A statement of account: every entry and balance on the page, across pages, in any script."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from ledger.money import format_amount
from ledger.views import StatementLine, StatementView
from pdf.errors import InvoiceDataError
from pdf.layout_statement import render_statement, render_statement_async
from tests.pdf.factory import Country, shop
from tests.pdf.reading import page_texts, text_of

# (label, debit, credit) in minor units; the running balance is worked out from the opening.
_ENTRIES = [
    ("Invoice INV-2026-0101", 12550, 0),
    ("Payment received (cash)", 0, 10000),
    ("Invoice INV-2026-0117", 4875, 0),
    ("INV-2026-0101 cancelled", 0, 12550),
]
# 20:30 UTC is already the next day in Dubai (00:30) and in Kolkata (02:00).
_FIRST = datetime(2026, 11, 3, 20, 30, tzinfo=UTC)


def statement(
    country: Country = "AE",
    *,
    party: str = "Ahmed Khan",
    phone: str = "+971501234567",
    kind: str = "customer",
    opening: int = 3000,
    entries: list[tuple[str, int, int]] | None = None,
) -> StatementView:
    """November 2026 for one party, the balance running on from `opening` as the ledger keeps it."""
    balance = opening
    lines: list[StatementLine] = []
    for i, (label, debit, credit) in enumerate(_ENTRIES if entries is None else entries):
        balance += debit - credit
        lines.append(StatementLine(_FIRST + timedelta(hours=3 * i), label, debit, credit, balance))
    return StatementView(
        business=shop(country),
        party_name=party,
        party_phone=phone,
        party_kind=kind,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        opening_minor=opening,
        lines=tuple(lines),
        closing_minor=balance,
    )


def _settling(closing: int) -> StatementView:
    """A statement whose one payment leaves `closing` (AED minor units) as the balance."""
    return statement(opening=5000, entries=[("Payment received (card)", 0, 5000 - closing)])


def _amount(minor: int) -> str:
    return format_amount(minor, "AED", symbol=False)


def _balance(minor: int) -> str:
    """A balance as the statement prints it: owed to the party marked CR."""
    return f"{_amount(-minor)} CR" if minor < 0 else _amount(minor)


def _row(*cells: str) -> str:
    """A table row as the text layer reads it back: its cells in order, whitespace between."""
    return r"\s+".join(re.escape(cell) for cell in cells)


def test_the_header_names_the_shop_the_period_and_the_party() -> None:
    view = statement()
    text = text_of(render_statement(view))
    for part in ("Al Noor Grocery", "Al Rigga Road", "+971 4 123 4567", "TRN 100234567800003"):
        assert part in text
    assert "Statement of account" in text
    assert "1 Nov 2026 – 30 Nov 2026" in text
    assert "Customer" in text
    assert "Ahmed Khan" in text
    assert "+971501234567" in text


def test_opening_every_entry_and_closing_balance_are_printed() -> None:
    view = statement()
    text = text_of(render_statement(view))
    assert re.search(_row("1 Nov 2026", "Opening balance", "30.00"), text)
    for line in view.lines:
        amount = _amount(line.debit_minor or line.credit_minor)
        assert re.search(_row("4 Nov 2026", line.label, amount, _balance(line.balance_minor)), text)
    assert re.search(_row("30 Nov 2026", "Closing balance", "21.25 CR"), text)


def test_entry_dates_are_days_in_the_shops_time_zone() -> None:
    text = text_of(render_statement(statement()))
    assert "4 Nov 2026" in text  # 20:30 UTC on the 3rd is past midnight in Dubai
    assert "3 Nov 2026" not in text


def test_an_empty_debit_or_credit_cell_is_blank_not_zero() -> None:
    text = text_of(render_statement(statement()))
    assert not re.search(r"(?<![\d,])0\.00", text)


def test_a_balance_owed_to_the_party_is_marked_cr_and_the_note_says_so() -> None:
    view = statement(opening=-2000, entries=[("Invoice INV-2026-0150", 500, 0)])
    text = text_of(render_statement(view))
    assert "20.00 CR" in text
    assert "15.00 CR" in text
    assert "CR: what Al Noor Grocery owes Ahmed Khan" in text


def test_a_party_who_owes_the_shop_is_told_how_much() -> None:
    text = text_of(render_statement(_settling(4000)))
    assert "Ahmed Khan owes Al Noor Grocery AED 40.00" in text


def test_a_shop_that_owes_the_party_says_how_much() -> None:
    text = text_of(render_statement(_settling(-2000)))
    assert "Al Noor Grocery owes Ahmed Khan AED 20.00" in text
    assert "20.00 CR" in text


def test_a_settled_account_says_nothing_is_owed() -> None:
    text = text_of(render_statement(_settling(0)))
    assert "nothing is owed either way" in text
    assert " owes Ahmed Khan AED" not in text
    assert " owes Al Noor Grocery AED" not in text


def test_a_supplier_is_labelled_as_one() -> None:
    view = statement(party="Gulf Foods Trading", kind="supplier")
    assert "Supplier" in text_of(render_statement(view))


def test_a_long_statement_repeats_the_header_and_ends_with_the_closing_balance() -> None:
    entries = [
        (f"Invoice INV-2026-{i:04d}", 2500, 0) if i % 2 else (f"Payment PAY-{i:04d}", 0, 1000)
        for i in range(120)
    ]
    view = statement(entries=entries)
    pages = page_texts(render_statement(view))
    assert len(pages) > 1
    text = "\n".join(pages)
    for label, _debit, _credit in entries:
        assert text.count(label) == 1
    for number, page in enumerate(pages, start=1):
        assert re.search(_row("Date", "Details", "Debit", "Credit", "Balance"), page)
        assert f"Statement · Ahmed Khan · page {number}" in page
    closing = _amount(view.closing_minor)
    assert all("Closing balance" not in page for page in pages[:-1])
    assert re.search(_row("Closing balance", closing), pages[-1])
    assert f"Ahmed Khan owes Al Noor Grocery AED {closing}" in pages[-1]


@pytest.mark.parametrize(
    ("country", "party"),
    [("AE", "محمد علي الحسن"), ("IN", "राम प्रसाद शर्मा")],
    ids=["arabic", "devanagari"],
)
def test_a_name_in_arabic_or_devanagari_renders_on_one_page(country: Country, party: str) -> None:
    pages = page_texts(render_statement(statement(country, party=party, phone="")))
    assert len(pages) == 1
    assert party in pages[0]


def test_the_same_statement_renders_to_the_same_bytes() -> None:
    view = statement(party="محمد علي الحسن")
    first = render_statement(view)
    assert first.startswith(b"%PDF-")
    assert render_statement(view) == first
    assert render_statement(replace(view, party_name="Ahmed Khan")) != first


async def test_the_async_render_gives_the_same_bytes() -> None:
    view = statement("IN", party="राम प्रसाद शर्मा")
    assert await render_statement_async(view) == render_statement(view)


def test_a_shop_with_an_unknown_time_zone_is_a_typed_error() -> None:
    view = statement()
    broken = replace(view, business=replace(view.business, timezone="Mars/Olympus"))
    with pytest.raises(InvoiceDataError):
        render_statement(broken)
