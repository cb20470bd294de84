"""Fill the slots of each intent from a tagged message."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from intents import cues
from intents.catalog import CatalogProduct
from intents.items import Line, convert_qty, unit_price
from intents.message import Message
from intents.models import (
    AddProduct,
    AddStaff,
    AddStock,
    AdjustStock,
    QueryDues,
    QuerySales,
    QueryStock,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SendInvoice,
    SetPrice,
)
from intents.names import PARTICLES, RELATIONS, find_party
from intents.numbers import HALF
from intents.pieces import Piece
from intents.slots import (
    Category,
    GroupBy,
    ItemSlot,
    Method,
    Paid,
    PartyRef,
    ProductRef,
    Reason,
    StockItemSlot,
)
from intents.stopwords import is_stop

CHART = frozenset({
    "chart", "graph", "plot", "diagram", "graf", "grph", "grap", "chrt", "charts", "graphs",
    "picture", "pic", "pics", "ग्राफ", "चार्ट",
})  # fmt: skip
# What a staff member does or when, said before the name ("raat wale helper Rafiq")
STAFF_ROLES = frozenset({
    "helper", "cashier", "salesman", "salesgirl", "boy", "ladka", "worker", "naukar", "munshi",
    "driver", "raat", "night", "din", "day", "shift", "wale", "wala", "wali", "part", "time",
})  # fmt: skip
NOT_A_NAME = frozenset({"member", "staff", "new", "naya", "name", "naam", "add", "jodo", "karo"})
FULL_PHRASES = (
    ("de", "diye"), ("de", "diya"), ("payment", "kiya"), ("payment", "kar"), ("payment", "done"),
    ("paid", "already"), ("already", "paid"), ("paid", "full"), ("full", "paid"),
    ("payment", "ho"), ("mil", "gaye"), ("cash", "diya"), ("cash", "diye"), ("paid", "in"),
    # Urdu: "poori raqam ada kar di", "paise ada kiye"
    ("ada", "kar"), ("ada", "kardi"), ("ada", "kiya"), ("ada", "kiye"), ("ada", "ki"),
    ("ada", "kr"),
)  # fmt: skip


def method_of(msg: Message) -> Method | None:
    """The payment method named, if any ("credit card" is a card)."""
    for word in msg.words:
        if word in cues.METHODS:
            return cues.METHODS[word]
    if msg.phrase("credit", "card"):
        return "card"
    return None


def paid_of(msg: Message, paid_amount: Decimal | None) -> Paid | None:
    """Whether the text says the sale or delivery was paid, on credit, or partly paid."""
    if paid_amount is not None:
        return paid_amount
    if cues.PAY_LATER.search(msg.text):
        return "credit"
    # "not sure if he paid, put it on credit": the instruction wins over a doubtful "paid"
    if msg.phrase("on", "credit") and not msg.phrase("not", "on", "credit"):
        return "credit"
    if any(msg.phrase(*p) for p in FULL_PHRASES) or msg.has({"paid", "pay", "chukaya"}):
        return "full"
    credit_word = msg.has({"udhaar", "udhar", "udhari", "khate", "khata", "khaate"}) or (
        msg.has({"credit"}) and not msg.phrase("credit", "card")
    )
    on_account = (("on", "account"), ("on", "acct"), ("on", "acc"), ("baad", "me"), ("likh", "do"))
    if credit_word or any(msg.phrase(*p) for p in on_account):
        return "credit"
    if method_of(msg) is not None:
        return "full"
    return None


def _lines(msg: Message) -> list[tuple[Line, Decimal, Decimal | None]]:
    out = []
    for line in msg.reading.lines:
        product = msg.index.products.get(line.product) if line.matched else None
        qty = convert_qty(line.qty, line.unit, product)
        price = unit_price(line, product)
        if price is not None and qty != line.qty and qty:
            if line.price_kind == "total" or (
                price == line.price and _total_fits(line, qty, product)
            ):
                price = _per_unit(line.price or price, qty)  # "2 dozen coke 60 total"
            elif _per_said_unit(price, product):
                price = price * line.qty / qty  # a price per dozen becomes a price per piece
        out.append((line, qty, price))
    return out


def _total_fits(line: Line, qty: Decimal, product: CatalogProduct | None) -> bool:
    """A bare price after "2 dozen soap": a total when that lands nearest the catalog price."""
    if line.price_kind != "bare" or product is None or not product.unit_price or not line.price:
        return False
    known = product.unit_price
    return abs(line.price / qty - known) < abs(line.price - known)


def _per_said_unit(price: Decimal, product: CatalogProduct | None) -> bool:
    """Whether "1.5 each" after "2 dozen soap" is per dozen (near 12 × the catalog price)
    rather than per piece; per piece when the catalog cannot tell."""
    if product is None or not product.unit_price:
        return False
    known = product.unit_price
    return abs(price / 12 - known) < abs(price - known)


def _per_unit(total: Decimal, qty: Decimal) -> Decimal:
    value = total / qty
    return (
        value if value == value.quantize(Decimal("0.0001")) else value.quantize(Decimal("0.0001"))
    )


def sale(msg: Message) -> RecordSale:
    """A sale: items, party, payment."""
    items = tuple(
        ItemSlot(product=line.product, qty=qty, unit_price=price, matched=line.matched,
                 score=min(line.score, 1.0))
        for line, qty, price in _lines(msg)
    )  # fmt: skip
    party = find_party(msg.pieces, msg.index, leading=True)
    day = _sale_day(msg)
    paid = paid_of(msg, msg.reading.paid_amount)
    if isinstance(paid, Decimal) and paid < 1 and msg.has(HALF):
        paid = _share_of_bill(msg, items, paid)  # "280 ka aadha abhi, aadha kal"
    if isinstance(paid, Decimal) and paid == _bill(msg, items):
        paid = "full"  # "4 maggi 1 parle g total 66 paid": the whole bill was paid
    method = method_of(msg)
    note = f"total {msg.reading.loose_total}" if msg.reading.loose_total else None
    return RecordSale(items=items, party=party, paid=paid, method=method, date=day, note=note)


def _bill(msg: Message, items: tuple[ItemSlot, ...]) -> Decimal | None:
    """What the goods come to at the prices said or the catalog's, or None when a price is
    not known."""
    total = Decimal(0)
    for item in items:
        product = msg.index.products.get(item.product) if item.matched else None
        price = item.unit_price or (product.unit_price if product else None)
        if not price:
            return None
        total += item.qty * price
    return total


def _share_of_bill(msg: Message, items: tuple[ItemSlot, ...], share: Decimal) -> Decimal:
    """Half the bill paid now: the share of the items' total, at the prices said or the
    catalog's (the share itself when a price is unknown). Always read back (intents.doubt)."""
    total = _bill(msg, items)
    if total is None:
        return share
    paid = (total * share).quantize(Decimal("0.01"))
    return paid.quantize(Decimal(1)) if paid == paid.to_integral_value() else paid


def stock(msg: Message) -> AddStock:
    """A delivery into stock."""
    items = tuple(
        StockItemSlot(product=line.product, qty=qty, unit_cost=price, matched=line.matched,
                      score=min(line.score, 1.0))
        for line, qty, price in _lines(msg)
    )  # fmt: skip
    party = find_party(msg.pieces, msg.index, leading=True)
    paid = paid_of(msg, msg.reading.paid_amount)
    return AddStock(items=items, party=party, paid=paid, method=method_of(msg))


def _sale_day(msg: Message) -> date | None:
    """The day a sale happened: not the day of a payment promised for later ("pay on sunday",
    "paise kal dega") nor of something else the message tells ("his wedding is on saturday"),
    but a day said apart from those still is ("yesterday mohammed took 1 basmati, not paid":
    the goods went yesterday, on credit)."""
    found = msg.period
    if found is None:
        return None
    outside = _blanked(msg.text, (cues.PAY_LATER, cues.EVENT_DAY))
    words = {msg.toks[i].raw for i in found.used}
    if not all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", outside, re.I) for w in words):
        return None  # a word of the day said is part of the promise or the other event
    return _day(msg)


def _blanked(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """The text with every match of the patterns blanked out, overlapping ones too ("will pay
    on sunday" is both "will pay" and "pay on sunday")."""
    chars = list(text)
    for pattern in patterns:
        found = pattern.search(text)
        while found is not None:
            chars[found.start() : found.end()] = " " * (found.end() - found.start())
            found = pattern.search(text, found.start() + 1)
    return "".join(chars)


def _day(msg: Message) -> date | None:
    found = msg.period
    if found is None or found.period == "today":
        return None
    if isinstance(found.period, date):
        # "friday" said on a Friday is today: no date, as "today" gives none
        return None if found.period == msg.ctx.now.date() else found.period
    if found.period == "yesterday":
        return msg.ctx.now.date().fromordinal(msg.ctx.now.date().toordinal() - 1)
    return None


LEFT = frozenset({"left", "bache", "bacha", "bachi", "remaining", "bakiya", "stock"})


def only_left(msg: Message) -> bool:
    """ "rice only 3 left", "chawal sirf 3 bache": a count of what is left ("2 rice only",
    "gave 50 only" are not)."""
    return msg.has({"only", "sirf"}) and msg.has(LEFT)


def left_counted(msg: Message) -> bool:
    """ "chawal 5 kilo bacha hai", "10 eggs left": one count of what is left, said as a fact
    (not asked, nothing sold or received beside it)."""
    return (
        msg.has(LEFT)
        and msg.has(cues.TO_BE | {"left"})
        and len(msg.numbers) == 1
        and not msg.has(cues.SELL | cues.STOCK_IN | cues.QUESTION | {"?"})
    )


def adjust(msg: Message) -> AdjustStock | None:
    """A stock correction: broken/expired (negative) or a counted level."""
    product = _product(msg)
    if product is None:
        return None
    reason: Reason | None
    if msg.has(cues.ADJUST_EXPIRED):
        reason = "expired"
    elif msg.has(cues.ADJUST_DAMAGE):
        reason = "damaged"
    elif msg.has(cues.ADJUST_OTHER):
        reason = "other"
    elif (
        msg.has(cues.ADJUST_COUNT)
        or (msg.has({"stock"}) and not msg.has(REDUCE_WORDS))
        or only_left(msg)
        or left_counted(msg)
    ):
        reason = "count"
    else:
        reason = None  # "3 maggi kam karo": a correction without a stated reason
    qty = _first_qty(msg, product.name)
    if qty is None and reason in ("damaged", "expired", "other") and not msg.numbers:
        qty = Decimal(1)  # "dropped an egg tray, all smashed"
    if qty is None:
        return None
    if reason == "count" and msg.has({"extra", "found", "additional", "excess", "zyada", "more"}):
        return AdjustStock(product=product, qty=abs(qty), reason=reason)  # found 3 extra
    if reason == "count":
        return AdjustStock(product=product, set_to=qty, reason=reason)
    return AdjustStock(product=product, qty=-abs(qty), reason=reason)


def _first_qty(msg: Message, product: str) -> Decimal | None:
    for line, qty, _ in _lines(msg):
        if line.explicit_qty and line.product == product:
            return qty
    catalog_product = msg.index.products.get(product)
    for piece in msg.numbers:
        assert piece.number is not None
        unit = piece.number.unit
        nxt = msg.pieces.index(piece) + 1
        if nxt < len(msg.pieces) and msg.pieces[nxt].kind == "unit":
            unit = msg.pieces[nxt].unit
        return convert_qty(piece.number.value, unit, catalog_product)
    return None


def _product(msg: Message) -> ProductRef | None:
    for piece in msg.pieces:
        if piece.kind == "product" and piece.hit is not None:
            return ProductRef(name=piece.hit.name, matched=True, score=min(piece.hit.score, 1.0))
    return None


# Verbs of adding that may stand before a new product's name ("add karo", "daalo", "likho").
ADD_VERBS = frozenset({
    "add", "daalo", "dalo", "daal", "dal", "daaliye", "jodo", "jod", "likho", "likh", "karo",
    "kar", "kardo", "banao", "rakho", "rakh", "create", "put", "enter", "please", "pls",
})  # fmt: skip


def add_product(msg: Message, *, start: int = 0) -> AddProduct | None:
    """A new product, its price and unit (its name from `start`, or after "item", "product")."""
    for n, piece in enumerate(msg.pieces[start:], start):
        if piece.text in cues.PRODUCT_NOUN:
            start = n + 1
            break
    # "a new item in the system: Al Ain honey jar, 28": the name follows the colon
    colon = next((n for n in range(start, len(msg.pieces)) if msg.pieces[n].text == ":"), None)
    if colon is not None and not any(p.kind == "num" for p in msg.pieces[start:colon]):
        start = colon + 1
    words: list[str] = []
    price: Decimal | None = None
    unit: str | None = None
    for n in range(start, len(msg.pieces)):
        piece = msg.pieces[n]
        size = piece.kind == "num" and piece.number is not None and _is_size(msg, n)
        named = msg.pieces[n - 1].kind in ("word", "product", "unit")  # "Honey Jar 500g"
        if size and words and price is None and named:
            words.append(msg.toks[piece.start].raw)  # "Almarai Butter 200g": the size is the name's
            continue
        if piece.kind == "num" and piece.number is not None and price is None:
            price = piece.number.as_money()
            continue
        after_price = price is not None and msg.pieces[n - 1].kind in ("num", "cur")
        if (
            piece.kind == "unit"
            and n > 0
            and (msg.pieces[n - 1].text in ("per", "a", "/", "ek", "by") or after_price)
        ):
            unit = piece.unit or piece.text
            continue
        name_like = piece.kind in ("word", "unit", "product", "party") and not is_stop(piece.text)
        # "Al Ain honey", "El Rancho": a particle that begins a name is part of it
        name_like = name_like or (
            not words
            and piece.text in PARTICLES
            and n + 1 < len(msg.pieces)
            and msg.pieces[n + 1].kind == "word"
        )
        joins = not words or msg.pieces[n - 1].kind in ("word", "unit", "product", "party")
        if not words and piece.text in ADD_VERBS:
            continue  # "naya item daalo Haldi 100g": the verb is not the name
        if price is None and name_like and joins:
            words.append(piece.raw.lower() if piece.raw.isascii() else piece.text)
    if not words:
        for piece in msg.pieces[:start]:
            if piece.kind in ("word", "product") and not is_stop(piece.text):
                words.append(piece.raw.lower())
    if not words:
        return None
    return AddProduct(product=" ".join(words), unit_price=price, unit=unit)


MEASURES = frozenset({"g", "kg", "ml", "l"})
REDUCE_WORDS = frozenset({"kam", "reduce", "minus", "remove", "nikalo", "ghatao", "less", "deduct"})
BUYERS = frozenset({
    "buyers", "buyer", "customers", "customer", "clients", "grahak", "khareedar", "kisne", "who",
    # "sab se zyada kaun khareedta hai": who buys the most
    "khareedta", "khareedte", "khareedti", "kharidta", "kharidte", "buys", "kaun",
})  # fmt: skip


def which_bought(msg: Message) -> bool:
    """ "which restaurant bought the most": which buyer, asked with a verb of buying (not
    "which item sold the most", which asks of the goods)."""
    return msg.has({"which", "konsa", "kaunsa", "kis"}) and msg.has(
        {"bought", "buys", "buy", "ordered", "orders", "purchased", "took", "liya", "liye"}
    )


def _is_size(msg: Message, n: int) -> bool:
    """A number with a measure glued to it ("200g", "1L", "500 ml") inside a product's name."""
    piece = msg.pieces[n]
    assert piece.number is not None
    glued = msg.toks[piece.start].suffix
    return bool(glued) and (piece.number.unit in MEASURES or piece.number.lakh_or_litre)


def set_price(msg: Message) -> SetPrice | None:
    """A new price for a known product."""
    product = _product(msg)
    amounts = [p.number.as_money() for p in msg.numbers if p.number is not None]
    if product is None or not amounts:
        return None
    return SetPrice(product=product, unit_price=amounts[-1])


def payment(msg: Message) -> RecordPayment | None:
    """Money in from a customer or out to a supplier."""
    party = find_party(msg.pieces, msg.index, leading=True)
    amount = _amount(msg)
    if party is None or amount is None:
        return None
    return RecordPayment(
        party=party, amount=amount, direction=_direction(msg, party), method=method_of(msg)
    )


def _amount(msg: Message) -> Decimal | None:
    """The amount of money said: the first number said as money ("750 rupay", "rs 750") if
    any, else the first number ("anjali ne aadha udhaar chukaya, 750 rupay" is 750, not half;
    "2 din pehle 500 rs diye" is 500)."""
    currency_at = {p.start for p in msg.pieces if p.kind == "cur"} | {
        p.end - 1 for p in msg.pieces if p.kind == "cur"
    }
    numbers = [piece for piece in msg.numbers if piece.number is not None]
    said_as_money = [
        piece
        for piece in numbers
        if piece.number is not None
        and (piece.number.money or piece.start - 1 in currency_at or piece.end in currency_at)
    ]
    # a share ("aadha udhaar chuka diya 600") is not the amount when an amount is also said
    whole = [piece for piece in numbers if piece.number is not None and piece.number.value >= 1]
    first = said_as_money[0] if said_as_money else next(iter(whole or numbers), None)
    return None if first is None or first.number is None else first.number.as_money()


def _direction(msg: Message, party: PartyRef) -> str:
    # "i transferred 150 to the shop account - fatima": money sent to the shop comes in
    to_shop = msg.phrase("to", "the", "shop") or msg.phrase("shop", "account")
    if to_shop or msg.phrase("your", "account") or msg.phrase("to", "your"):
        return "in"
    party_at = next((n for n, p in enumerate(msg.pieces) if p.kind == "party"), None)
    words = msg.words
    if party_at is not None:
        piece = msg.pieces[party_at]
        before = words[: piece.start]
        after = words[piece.end : piece.end + 1]
        if after and after[0] == "ko":
            return "out"
        if after and after[0] in ("ne", "se", "paid", "gave", "cleared", "deposited", "sent"):
            return "in"
        if before and before[-1] in ("from",):
            return "in"
        if any(w in ("paid", "pay", "gave", "sent", "transferred") for w in before):
            return "out"
    if msg.has({"ko"}) and not msg.has({"ne"}):
        return "out"
    if words and words[0] in ("paid", "pay", "sent", "transferred", "gave"):
        return "out"  # "paid Al Ghurair Foods 500": the shop paid
    kind = msg.index.parties.get(party.name)
    return "out" if kind is not None and kind.kind == "supplier" else "in"


def expense(msg: Message, default: Category = "other") -> RecordExpense | None:
    """Money spent on running the shop (`default`: the category when no word names one)."""
    amount = _amount(msg)
    if amount is None:
        return None
    category: Category = default
    for word in msg.words:
        if word in cues.EXPENSE and cues.EXPENSE[word] != "other":
            category = cues.EXPENSE[word]
            break
    return RecordExpense(amount=amount, category=category)


def invoice(msg: Message) -> SendInvoice:
    """Send an invoice."""
    number = next((t.text for t in msg.toks if t.kind == "invoice"), None)
    if number is None and msg.has({
        "last", "pichla", "pichli", "pichhla", "pichhli", "latest", "previous", "recent", "akhri",
    }):  # fmt: skip
        number = "last"
    party = find_party(msg.pieces, msg.index, leading=False)
    return SendInvoice(party=party, invoice=number)


def query_sales(msg: Message) -> QuerySales:
    """A sales report question."""
    period = msg.period.period if msg.period else "today"
    group: GroupBy | None = None
    if msg.has(cues.BEST) or msg.phrase("by", "product") or msg.has({"itemwise", "productwise"}):
        group = "product"
    if msg.phrase("by", "item") or msg.phrase("item", "wise") or msg.phrase("product", "wise"):
        group = "product"
    if msg.has({"by", "wise", "per"}) and msg.has({"customer", "customers", "party", "parties"}):
        group = "party"
    if msg.has(cues.BEST) and (msg.has(BUYERS) or which_bought(msg)):
        group = "party"  # "top buyers this month", "which restaurant bought the most"
    party = find_party(msg.pieces, msg.index, leading=False)
    if party is not None and not party.matched and not party.candidates:
        party = None  # a new name in a report question is more likely noise
    chart = msg.has(CHART)
    return QuerySales(
        period=period, product=_product(msg), party=party, group_by=group, chart=chart
    )


def query_stock(msg: Message) -> QueryStock:
    """A stock level question."""
    product = _product(msg)
    low = product is None and (msg.has(cues.LOW) or msg.phrase("running", "out"))
    return QueryStock(product=product, low=low)


def query_dues(msg: Message) -> QueryDues:
    """A dues question."""
    party = find_party(msg.pieces, msg.index, leading=True)
    if party is not None and not party.matched and not party.candidates:
        # a name the shop does not know is kept only where it is said as whose the dues are
        # ("pappu ka kitna baaki hai"); the bot then says it knows no Pappu
        owned = any(
            p.text == party.name.lower() and n + 1 < len(msg.pieces)
            and msg.pieces[n + 1].text in ("ka", "ki", "ke", "ko")
            for n, p in enumerate(msg.pieces)
        )  # fmt: skip
        party = party if msg.kinds("party") or owned else None
    return QueryDues(party=party)


def staff(msg: Message) -> AddStaff | None:
    """Add a staff member by phone."""
    phone = next((t.text for t in msg.toks if t.kind == "phone"), None)
    if phone is None:
        # a local number ("9812233445": its own piece) or one written in groups
        digits = [p for p in msg.pieces if p.kind == "phone"] + [
            p for p in msg.numbers if p.number and len(p.text.replace(" ", "")) >= 9
        ]
        if not digits:
            return None
        phone = digits[0].text.replace(" ", "")
    name = None
    for piece in msg.pieces:
        if piece.text in NOT_A_NAME or piece.text in RELATIONS or piece.text in STAFF_ROLES:
            continue  # "add my nephew faisal", "raat wale helper rafiq": the name follows
        if piece.kind in ("word", "party") and not is_stop(piece.text) and piece.text.isalpha():
            name = (
                " ".join(w.capitalize() for w in piece.raw.split())
                if piece.raw.isascii()
                else piece.text.capitalize()
            )
            break
    # The role only when the message says it ("add my cashier salim" names no role).
    role = "staff" if msg.has({"staff", "स्टाफ"}) else None
    return AddStaff(phone=phone, name=name, role=role)


def first_piece(msg: Message, kind: str) -> Piece | None:
    """The first piece of a kind."""
    return next((p for p in msg.pieces if p.kind == kind), None)
