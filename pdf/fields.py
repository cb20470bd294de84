"""The words and figures an invoice prints, worked out once from the read model for any layout."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledger.money import format_amount
from ledger.places import gst_state_code, gst_state_name
from ledger.views import BusinessView, InvoiceView
from pdf.errors import InvoiceDataError
from pdf.words import amount_in_words

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# The label the law uses for the seller's tax registration number, by country.
_TAX_ID_LABELS = {"AE": "TRN", "IN": "GSTIN"}


@dataclass(frozen=True, slots=True)
class Fields:
    """Display strings for one invoice."""

    title: str
    title_local: str  # the title in the country's language where that is customary, else ""
    tax_id: str  # "TRN 100..." or "GSTIN 27...", "" when not registered
    issued: str  # date and time in the shop's time zone
    customer: str
    customer_phone: str
    customer_tax_id: str  # "GSTIN: 29..." or "TRN: 100...", "" when the buyer is not registered
    place_of_supply: str  # "Place of supply: Maharashtra (27)" in India, else ""
    hsn: bool  # an Indian invoice with an HSN code on some line prints them
    amount_heading: str
    prices_note: str
    words: str
    void: bool


def fields(view: InvoiceView) -> Fields:
    """Everything but the tables, as text."""
    shop = view.business
    registered = bool(shop.tax_id)
    inclusive = shop.prices_include_tax
    india = shop.country.upper() == "IN"
    return Fields(
        title="Tax Invoice" if registered else "Invoice",
        title_local="فاتورة ضريبية" if registered and shop.country.upper() == "AE" else "",
        tax_id=tax_id_line(shop),
        issued=issued_text(view),
        customer=view.customer_name or "Cash customer",
        customer_phone=view.customer_phone,
        customer_tax_id=buyer_tax_id_line(shop, view.customer_tax_id),
        place_of_supply=place_of_supply_line(view.place_of_supply) if india else "",
        hsn=india and any(line.hsn.strip() for line in view.lines),
        amount_heading="Amount" if inclusive else "Taxable value",
        prices_note=f"Prices include {shop.tax_name}." if inclusive else "",
        words=amount_in_words(view.total_minor, view.currency),
        void=view.status == "void",
    )


def tax_id_line(shop: BusinessView) -> str:
    """The shop's tax registration as the law labels it ("TRN 100…", "GSTIN 27…"); "" if none."""
    if not shop.tax_id:
        return ""
    return f"{_tax_id_label(shop)} {shop.tax_id}"


def buyer_tax_id_line(shop: BusinessView, tax_id: str) -> str:
    """The buyer's registration under its name ("GSTIN: 29…", "TRN: 100…"); "" if unregistered."""
    tax_id = tax_id.strip()
    return f"{_tax_id_label(shop)}: {tax_id}" if tax_id else ""


def _tax_id_label(shop: BusinessView) -> str:
    return _TAX_ID_LABELS.get(shop.country.upper(), f"{shop.tax_name} No.")


def place_of_supply_line(state: str) -> str:
    """'Place of supply: Maharashtra (27)' for a state the GST list knows by code, name or
    abbreviation; anything else as stored ('Place of supply: Bombay'); "" when empty."""
    state = state.strip()
    if not state:
        return ""
    code = gst_state_code(state)
    return (
        f"Place of supply: {gst_state_name(code)} ({code})" if code else f"Place of supply: {state}"
    )


def shop_zone(shop: BusinessView) -> ZoneInfo:
    """The shop's time zone, or InvoiceDataError for a name the zone database does not know."""
    try:
        return ZoneInfo(shop.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvoiceDataError(f"unknown time zone {shop.timezone!r}") from exc


def issued_text(view: InvoiceView) -> str:
    """'22 Nov 2026, 14:05' in the shop's time zone (month names fixed, not from the locale)."""
    local = view.issued_at.astimezone(shop_zone(view.business))
    return f"{local.day:02d} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def money(minor: int, currency: str, symbol: bool = False) -> str:
    """An amount as printed in the tables (no symbol) or the totals (with one)."""
    return format_amount(minor, currency, symbol=symbol)


def quantity(qty: Decimal) -> str:
    """'2', '1.5', '0.25' — no trailing zeros, never an exponent."""
    return format(qty.normalize(), "f")


def rate(percent: Decimal) -> str:
    """'5%', '2.5%'."""
    return quantity(percent) + "%"


def line_amount(view: InvoiceView, net_minor: int, gross_minor: int) -> int:
    """The line amount printed: gross where prices include tax, else the taxable value."""
    return gross_minor if view.business.prices_include_tax else net_minor
