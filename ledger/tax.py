"""Tax per line, rounded half-up to the minor unit; totals are sums of rounded lines."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .money import allocate, round_half_up
from .views import TaxLineView

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class LineAmounts:
    """The three rounded amounts of one invoice line."""

    net_minor: int
    tax_minor: int
    gross_minor: int


def line_amounts(
    qty: Decimal, unit_price_minor: int, rate: Decimal, *, inclusive: bool
) -> LineAmounts:
    """Amounts of a line; with inclusive prices the tax is carved out of the gross."""
    extended = round_half_up(qty * unit_price_minor)
    if inclusive:
        net = round_half_up(extended * HUNDRED / (HUNDRED + rate))
        return LineAmounts(net, extended - net, extended)
    tax = round_half_up(extended * rate / HUNDRED)
    return LineAmounts(extended, tax, extended + tax)


def tax_summary(
    lines: list[tuple[Decimal, int, int]], *, tax_name: str, split_halves: bool
) -> tuple[TaxLineView, ...]:
    """Group (rate, net, tax) lines by rate; GST inside a state splits into CGST and SGST halves."""
    by_rate: dict[Decimal, list[int]] = defaultdict(lambda: [0, 0])
    for rate, net, tax in lines:
        by_rate[rate][0] += net
        by_rate[rate][1] += tax
    rows: list[TaxLineView] = []
    for rate in sorted(by_rate):
        taxable, tax = by_rate[rate]
        if split_halves:
            central, state = allocate(tax, [1, 1])
            half = rate / 2
            rows.append(TaxLineView("CGST", half, taxable, central))
            rows.append(TaxLineView("SGST", half, taxable, state))
        else:
            rows.append(TaxLineView(tax_name, rate, taxable, tax))
    return tuple(rows)


def gst_labels(country: str, tax_name: str, interstate: bool) -> tuple[str, bool]:
    """The label and whether to split halves: India GST is CGST+SGST within a state, else IGST."""
    if country.upper() == "IN" and tax_name.upper() == "GST":
        return ("IGST", False) if interstate else ("GST", True)
    return tax_name, False
