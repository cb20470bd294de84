"""A correction applied to the entry it corrects: "no, I meant 3" on "sold 2 rice to ahmed".

`apply` is pure: it takes the intent as booked (or as read back and not yet answered) and an
`Amend`, and returns the intent as it should have been, or None when the correction does not
fit it (a price on an expense, a quantity on a sale of three products with no product named).
A None is asked about, never guessed.
"""

from __future__ import annotations

from decimal import Decimal

from .models import (
    AddParty,
    AddStock,
    AdjustStock,
    Amend,
    Intent,
    RecordExpense,
    RecordPayment,
    RecordSale,
)
from .slots import ItemSlot, StockItemSlot

CENT = Decimal("0.01")


def apply(intent: Intent, change: Amend) -> Intent | None:
    """The intent with the correction made, or None when it does not fit (a figure it says
    it replaces that the entry does not have: "4 not 3" of a bill of 450)."""
    if change.was is not None and abs(change.was) not in _figures(intent):
        return None
    if isinstance(intent, RecordSale | AddStock):
        return _lines(intent, change)
    if isinstance(intent, AdjustStock):
        return _counted(intent, change)
    if isinstance(intent, AddParty):
        return None  # a phone or a name taken back: read back as a whole
    if change.unit_price is not None or change.product is not None or change.paid is not None:
        return None
    # A bare number ("no, it was 30") reads as a quantity; a payment or a bill has only an amount.
    amount = change.amount if change.amount is not None else change.qty
    if change.amount is not None and change.qty is not None:
        return None
    if isinstance(intent, RecordPayment):
        update: dict[str, object] = {}
        if amount is not None:
            update["amount"] = amount
        if change.party is not None:
            update["party"] = change.party
        return intent.model_copy(update=update) if update else None
    if isinstance(intent, RecordExpense):
        if amount is None or change.party is not None:
            return None
        return intent.model_copy(update={"amount": amount})
    return None


def _figures(intent: Intent) -> set[Decimal]:
    """Every figure an entry holds: counts, prices, costs, amounts, a part payment."""
    out: set[Decimal] = set()
    total = Decimal(0)
    for item in getattr(intent, "items", ()):
        out.add(abs(item.qty))
        for name in ("unit_price", "unit_cost"):
            price = getattr(item, name, None)
            if price is not None:
                out.add(abs(price))
                out.add(abs(price * item.qty))  # the line's total
                total += abs(price * item.qty)
    if total:
        out.add(total)  # the invoice's
    for name in ("qty", "set_to", "amount", "unit_price", "paid"):
        value = getattr(intent, name, None)
        if isinstance(value, Decimal):
            out.add(abs(value))
    return out


def _counted(intent: AdjustStock, change: Amend) -> AdjustStock | None:
    """ "3 milk expired... I mean 4": the new count, with the sign the loss had."""
    if change.qty is None or change.paid is not None or change.party is not None:
        return None
    if change.product is not None and change.product.name.lower() != intent.product.name.lower():
        return None
    if intent.qty is not None:
        sign = -1 if intent.qty < 0 else 1
        return intent.model_copy(update={"qty": sign * abs(change.qty)})
    return intent.model_copy(update={"set_to": change.qty})


def _lines(intent: RecordSale | AddStock, change: Amend) -> RecordSale | AddStock | None:
    items: list[ItemSlot | StockItemSlot] = list(intent.items)
    named = change.product.name.lower() if change.product is not None else None
    at = [n for n, item in enumerate(items) if named is not None and item.product.lower() == named]
    if not at and len(items) == 1:
        at = [0]
    touches_line = any(
        v is not None for v in (change.product, change.qty, change.unit_price, change.amount)
    )
    if touches_line and len(at) != 1:
        return None  # which line? several products and none named
    update: dict[str, object] = {}
    if touches_line:
        n = at[0]
        item = items[n]
        line: dict[str, object] = {}
        if change.product is not None and item.product.lower() != named:
            line.update(product=change.product.name, matched=change.product.matched)
        if change.qty is not None:
            line["qty"] = change.qty
        price_key = "unit_price" if isinstance(item, ItemSlot) else "unit_cost"
        if change.unit_price is not None:
            line[price_key] = change.unit_price
        if change.amount is not None:
            qty = Decimal(str(line.get("qty", item.qty)))
            if qty <= 0 or len(items) != 1:
                return None
            each = change.amount / qty
            if each != each.quantize(CENT):
                return None  # a total that is no whole price each: ask for the price
            line[price_key] = each.quantize(CENT).normalize()
        if not line:
            return None  # it names the line as it already is
        fixed: ItemSlot | StockItemSlot = item.model_copy(update=line)
        items[n] = fixed
        update["items"] = tuple(items)
    if change.party is not None:
        update["party"] = change.party
    if change.paid is not None and change.paid != intent.paid:
        if change.paid == "credit" and isinstance(intent, RecordSale) and intent.party is None:
            return None  # credit needs a customer: ask
        update["paid"] = change.paid
    if not update:
        return None
    return intent.model_copy(update=update)
