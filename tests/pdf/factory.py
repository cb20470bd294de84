"""Invoice read models for the pdf tests: UAE and Indian shops, any number of lines."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal

from ledger.money import allocate, round_half_up
from ledger.views import BusinessView, InvoiceLineView, InvoiceView, TaxLineView

Country = Literal["AE", "IN"]
ISSUED = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)

# (product, qty, unit, unit price in minor units)
_AE_ITEMS = [
    ("Basmati Rice 5 kg", "2", "bag", 4000),
    ("Sunflower Oil 1.8 L", "1", "btl", 1575),
    ("Sugar", "1.5", "kg", 450),
    ("Tea Leaves 450 g", "3", "pack", 1225),
    ("Eggs (30)", "1", "tray", 1899),
]
_IN_ITEMS = [
    ("Toor Dal", "2", "kg", 14500),
    ("Aashirvaad Atta 10 kg", "1", "bag", 48000),
    ("चाय पत्ती", "0.5", "kg", 52000),
    ("Amul Butter 500 g", "2", "pc", 27500),
    ("Basmati Rice", "25", "kg", 11000),
]


def shop(
    country: Country = "AE",
    *,
    inclusive: bool = False,
    tax_id: str | None = None,
    upi_id: str = "",
    layout: Literal["a4", "receipt80"] = "a4",
) -> BusinessView:
    """A UAE grocery (VAT 5%) or an Indian kirana (GST 5%) in Maharashtra."""
    if country == "AE":
        return BusinessView(
            id=1,
            name="Al Noor Grocery",
            currency="AED",
            country="AE",
            tax_name="VAT",
            default_tax_rate=Decimal("5"),
            prices_include_tax=inclusive,
            timezone="Asia/Dubai",
            address="Shop 4, Al Rigga Road\nDeira, Dubai",
            phone="+971 4 123 4567",
            tax_id="100234567800003" if tax_id is None else tax_id,
            invoice_layout=layout,
        )
    return BusinessView(
        id=2,
        name="Sharma Kirana & Sons",
        currency="INR",
        country="IN",
        tax_name="GST",
        default_tax_rate=Decimal("5"),
        prices_include_tax=inclusive,
        timezone="Asia/Kolkata",
        address="12 MG Road, Pune\nMaharashtra 411001",
        phone="+91 98220 12345",
        tax_id="27AAPFU0939F1ZV" if tax_id is None else tax_id,
        upi_id=upi_id,
        state="Maharashtra",
        invoice_layout=layout,
    )


def invoice(
    country: Country = "AE",
    *,
    lines: int = 3,
    inclusive: bool = False,
    customer_name: str = "Ahmed Khan",
    customer_phone: str = "+971501234567",
    paid: int | None = None,
    upi_id: str = "",
    interstate: bool = False,
    status: Literal["posted", "void"] = "posted",
    tax_id: str | None = None,
    layout: Literal["a4", "receipt80"] = "a4",
    number: str = "INV-2026-0042",
) -> InvoiceView:
    """An invoice whose figures add up the way the ledger computes them (per line, half-up)."""
    business = shop(country, inclusive=inclusive, tax_id=tax_id, upi_id=upi_id, layout=layout)
    items = _AE_ITEMS if country == "AE" else _IN_ITEMS
    rate = business.default_tax_rate
    views = [_line(*items[i % len(items)], rate, inclusive, i) for i in range(lines)]
    total = sum(v.gross_minor for v in views)
    paid_minor = total if paid is None else paid
    return InvoiceView(
        business=business,
        number=number,
        issued_at=ISSUED,
        status=status,
        customer_name=customer_name,
        customer_phone=customer_phone,
        lines=tuple(views),
        tax_lines=_tax_lines(country, views, rate, interstate),
        subtotal_minor=sum(v.net_minor for v in views),
        tax_minor=sum(v.tax_minor for v in views),
        total_minor=total,
        paid_minor=paid_minor,
        balance_minor=0 if status == "void" else total - paid_minor,
        void_reason="Entered twice" if status == "void" else "",
    )


def _line(
    product: str, qty: str, unit: str, price: int, rate: Decimal, inclusive: bool, i: int
) -> InvoiceLineView:
    name = product if i < 5 else f"{product} #{i + 1}"
    amount = round_half_up(Decimal(qty) * price)
    if inclusive:
        gross = amount
        net = round_half_up(Decimal(gross) * 100 / (100 + rate))
        tax = gross - net
    else:
        net = amount
        tax = round_half_up(Decimal(net) * rate / 100)
        gross = net + tax
    return InvoiceLineView(name, Decimal(qty), unit, price, rate, net, tax, gross)


def _tax_lines(
    country: Country, lines: list[InvoiceLineView], rate: Decimal, interstate: bool
) -> tuple[TaxLineView, ...]:
    taxable = sum(v.net_minor for v in lines)
    tax = sum(v.tax_minor for v in lines)
    if country == "AE":
        return (TaxLineView("VAT", rate, taxable, tax),)
    if interstate:
        return (TaxLineView("IGST", rate, taxable, tax),)
    cgst, sgst = allocate(tax, [1, 1])
    half = rate / 2
    return (TaxLineView("CGST", half, taxable, cgst), TaxLineView("SGST", half, taxable, sgst))


def samples() -> dict[str, tuple[InvoiceView, Literal["a4", "receipt80"]]]:
    """The invoices whose first pages are kept as PNGs in docs/ (file stem -> view, layout)."""
    return {
        "invoice-ae-a4": (
            invoice("AE", lines=5, customer_name="محمد علي الحسن", paid=5000),
            "a4",
        ),
        "invoice-in-a4": (
            invoice(
                "IN",
                lines=5,
                customer_name="राम प्रसाद शर्मा",
                customer_phone="+919822012345",
                paid=100000,
                upi_id="sharmakirana@okaxis",
            ),
            "a4",
        ),
        "receipt-80mm": (
            invoice(
                "IN",
                lines=4,
                inclusive=True,
                customer_name="",
                customer_phone="",
                paid=0,
                upi_id="sharmakirana@okaxis",
                number="INV-2026-0043",
            ),
            "receipt80",
        ),
    }
