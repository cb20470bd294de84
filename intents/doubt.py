"""Whether a parse may be booked as it stands, or must be read back and asked first.

One decision, shared by the conversation and `hisaab intents parse` (which writes it as `ask`),
and applied to both engines' output: a hallucinated number or name from the LLM is caught by
the same checks as a misreading of the rule engine.

A write is asked when any of these holds (each a `reason`):
- `voice`: it came from a voice note (a transcript can mishear any number);
- `unsure`: the engine's confidence is below the threshold;
- `ungrounded`: a number in the frame is not in the message, nor derived from its numbers
  (a total divided by a quantity, dozens, grams to kilos, an implied single item);
- `price`: a unit price far from the catalog's (under a third or over three times);
- `fraction`: a fractional count of something sold by the piece;
- `share`: a part payment said as a share of the bill ("aadha abhi aadha kal"), worked out;
- `repeated`: one product on two lines (a price said after the count, read as a second line);
- `overpaid`: a part payment larger than the total (read back naming the rest: on the
  customer's account, or a walk-in's change);
- `overpaid_later`: that, with the rest said to come later: the numbers disagree, so it is not
  offered for a yes but asked again with the price;
- `party`: a party guessed (fuzzy, ambiguous), a supplier as a sale's customer, a customer as
  a delivery's supplier, or a payment to someone not in the books;
- `product`: an item not in the catalog;
- `amount`: worth more than the shop's confirmation threshold;
- `hedged`: the writer says they are not sure ("i think", "not sure", "shayad", "should i");
- `correction`: voids, amendments, undo and staff changes are always read back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from rapidfuzz import fuzz

from intents import cues, plans
from intents.catalog import Catalog
from intents.lexicon import unit_family
from intents.matching import CatalogIndex
from intents.message import Message
from intents.models import (
    AddParty,
    AddProduct,
    AddStock,
    AdjustStock,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SetPrice,
)
from intents.numbers import HALF
from intents.packs import PACKS, says_pack
from intents.parser import ParseContext
from intents.pieces import Piece, sizes_in, tagged
from intents.slots import ItemSlot, PartyRef, StockItemSlot
from intents.stopwords import NOT_NAMES as PARSER_NOT_NAMES
from intents.stopwords import STOP

# The intents that change the books or the shop (as `shared/eval/score.py` counts them).
WRITES = frozenset({
    "record_sale", "add_stock", "adjust_stock", "add_product", "set_price", "record_payment",
    "record_expense", "add_staff", "undo", "void_invoice", "amend", "add_party",
})  # fmt: skip
_ITEM_WRITES = frozenset({"record_sale", "add_stock"})
# Corrections are read back first (an undo reverses only the sender's last entry, and says so).
ALWAYS_ASKED = frozenset({"amend", "add_staff", "void_invoice"})
LOW_CONFIDENCE = 0.75
GUESSED = 0.75  # an item matched below this (a typo, a maker's name) is read back
MAX_NUMBERS = 24  # more numbers than this in one write is read back without further checks
# The amount above which a write is read back (CONFIRM_ABOVE), in major units, where the shop
# has set none: about the same money in each currency.
THRESHOLDS = {"AED": Decimal(1000), "SAR": Decimal(1000), "INR": Decimal(10000),
              "PKR": Decimal(25000)}  # fmt: skip
DEFAULT_THRESHOLD = Decimal(1000)
# Units that come in whole pieces: half a bottle is a misreading, not a sale.
WHOLE_UNITS = frozenset({
    "piece", "pcs", "pc", "bottle", "can", "bag", "tray", "loaf", "pack", "packet", "box",
    "jar", "tin", "dozen", "carton", "sachet", "bar", "tube", "roll", "unit", "nos", "plate",
})  # fmt: skip
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# Goods kept aside for someone ("kal ke liye rakh do", "keep 2 rice for ahmed"): a sale may
# follow, or not; the words alone never book one.
_HELD = re.compile(
    r"\b(rakh\s*(do|dena|dijiye|lo)|rakhna|ke\s+liye\s+rakh|reserve[d]?|keep\s+(aside|for)|"
    r"set\s+aside|put\s+aside|hold\s+(for|on))\b",
    re.IGNORECASE,
)
_PRICE_BAND = (Decimal(1) / 3, Decimal(3))  # a price at or outside it is asked
# What a unit may cost the shop against what it sells for: below a quarter or above one and a
# half times the price, the cost was most likely a total read as a price each (or the reverse).
_COST_BAND = (Decimal(1) / 4, Decimal(3) / 2)

_PARTY_SURE = 0.9


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether to ask before booking, and why."""

    reasons: tuple[str, ...]

    @property
    def ask(self) -> bool:
        """Read back and wait for a yes."""
        return bool(self.reasons)


def judge(
    text: str,
    intent: object,
    catalog: Catalog,
    confidence: float,
    *,
    via_voice: bool = False,
    threshold: Decimal | None = None,
) -> Verdict:
    """The one decision: book `intent` as parsed from `text`, or ask first."""
    name = str(getattr(intent, "intent", ""))
    if name not in WRITES:
        return Verdict(())
    reasons: list[str] = []
    if via_voice:
        reasons.append("voice")
    if confidence < LOW_CONFIDENCE:
        reasons.append("unsure")
    if name in ALWAYS_ASKED:
        reasons.append("correction")
    if _HEDGED.search(text):
        reasons.append("hedged")  # "i think mohammed took 2 oil, not sure if he paid"
    index = CatalogIndex.of(catalog)
    if len(frame_numbers(intent)) + len(_said_once(text, index)) > MAX_NUMBERS:
        # Nobody writes a sale with dozens of numbers; checking them all pairwise would cost
        # more than the message is worth. Read it back.
        return Verdict((*reasons, "numbers"))
    if not grounded(text, intent, index) or not names_grounded(text, intent, index):
        reasons.append("ungrounded")
    if unaccounted(text, intent, index):
        reasons.append("unaccounted")
    if name in _ITEM_WRITES:
        reasons.extend(_payment_doubts(text, intent))
    if isinstance(intent, RecordSale) and _given_or_priced(text, intent, index):
        reasons.append("paid")  # "ravi 2 atta 500 diye": 500 each, 500 for both, or 500 paid?
    reasons.extend(_plausibility(intent, index, text))
    if isinstance(intent, RecordSale) and _HELD.search(text):
        reasons.append("held")  # "3 basmati rakh do ahmed ke naam": kept aside, not yet sold
    if isinstance(intent, RecordSale | AddStock | AdjustStock) and _other_unit(text, intent, index):
        reasons.append("unit")  # "sold 2 bag chawal" where rice is kept by the kg
    if _not_happened(text, catalog, index):
        # whatever engine read it as a write: "tmrw gulf dairy bringing 30 trays", "how much
        # is 2 rice for ahmed?", another shop's price list (the rule engine books none of them)
        reasons.append("later")
    if isinstance(intent, RecordSale | AddStock) and _measured_packs(text, intent, index):
        reasons.append("measure")  # "1 litre doodh" counted as 2 packets of Milk 500ml
    if isinstance(intent, RecordSale | AddStock) and _bare(text, index):
        reasons.append("bare")  # "sugar 5": 5 sold, 5 a kilo, or 5 left? Nothing says which
    if isinstance(intent, RecordSale) and _unread_without_verb(text, index):
        reasons.append("unread")  # "2 milk xpired thrwn away": words not read may undo the sale
    limit = default_threshold(catalog.currency) if threshold is None else threshold
    if value(intent, index) > limit:
        reasons.append("amount")
    return Verdict(tuple(dict.fromkeys(reasons)))


def _measured_packs(text: str, intent: RecordSale | AddStock, index: CatalogIndex) -> bool:
    """A weight or volume said for goods sold in sized packs ("1 litre doodh" where milk is
    "Milk 500ml"): the count of packs was worked out, never said."""
    if not any(sizes_in(item.product) for item in intent.items):
        return False
    pieces = _pieces(text, index)
    for n, piece in enumerate(pieces):
        number = piece.number
        if piece.kind != "num" or number is None:
            continue
        unit, j = number.unit, n + 1
        if unit is None and j < len(pieces) and pieces[j].kind == "unit":
            unit, j = pieces[j].unit, j + 1
        if unit not in _DIMENSION:
            continue
        if j < len(pieces) and pieces[j].text == "of":
            j += 1
        hit = pieces[j].hit if j < len(pieces) and pieces[j].kind == "product" else None
        if hit is None:
            continue
        sizes = sizes_in(hit.name)
        same = {s for s in sizes if _DIMENSION.get(s[1]) == _DIMENSION[unit]}
        if same and (number.value, unit) not in same:
            return True
    return False


_DIMENSION = {"kg": "mass", "g": "mass", "l": "volume", "ml": "volume"}


def _bare(text: str, index: CatalogIndex) -> bool:
    """A product name and then a number, and nothing else: no verb, no unit, no one; or a
    count between two products and no other ("coke 2 water": 2 of which?)."""
    kinds = [p.kind for p in _pieces(text, index) if p.kind != "punct"]
    goods = [kind for kind in kinds if kind in ("product", "num")]
    return kinds == ["product", "num"] or goods == ["product", "num", "product"]


def _unread_without_verb(text: str, index: CatalogIndex) -> bool:
    """A walk-in sale said with no verb ("2 milk 1 bread") followed by words the engine does
    not know: "2 milk xpired thrwn away" is not a sale; a misspelt word after the goods may
    say what happened to them. (Words before the goods are mostly a customer's name.)"""
    pieces = [p for p in _pieces(text, index) if p.kind != "punct"]
    if any(p.kind == "party" for p in pieces):
        return False
    words = [p for p in pieces if p.kind == "word"]
    if any(p.text in cues.SELL or p.text in cues.METHODS or p.text in cues.CREDIT for p in words):
        return False
    goods = [n for n, p in enumerate(pieces) if p.kind in ("product", "num")]
    start = goods[-1] + 1 if goods else len(pieces)
    return any(
        p.kind == "word"
        and p.text not in STOP
        and p.text.isalpha()
        and pieces[n - 1].text not in _TO_SOMEONE  # "… to bilal": a new customer's name
        for n, p in enumerate(pieces[start:], start)
    )


_TO_SOMEONE = frozenset({"to", "ko", "for", "naam", "name", "liye"})


# Counts of any goods one at a time: a piece, a unit or a loaf of anything is one of it, and a
# dozen is converted (items.convert_qty)
_ANY_GOODS = frozenset({"piece", "unit", "loaf", "dozen"})


def _other_unit(
    text: str, intent: RecordSale | AddStock | AdjustStock, index: CatalogIndex
) -> bool:
    """A count said in a unit its one product is not kept in ("sirf 5 bag bache hai chawal ke"
    where rice is kept by the kg; "sold 2 bag chawal", "3 shampoo sachets"): the count is not
    in the books' unit, and nothing says how many kg a bag holds."""
    if isinstance(intent, AdjustStock):
        names = [str(getattr(intent.product, "name", intent.product))]
    else:
        names = [i.product for i in intent.items]
    kept = {
        unit_family(index.products[name].unit)
        for name in names
        if name in index.products and index.products[name].unit
    }
    if len(names) != 1 or len(kept) != 1:
        return False
    [unit] = kept
    sized = bool(sizes_in(names[0]))  # "Salt 1kg": "ek kilo namak" is one pack, worked out
    pieces = [p for p in _pieces(text, index) if p.kind != "punct"]
    said = {
        unit_family(p.unit)
        for n, p in enumerate(pieces)
        if p.kind == "unit"
        and p.unit
        and n
        and (
            pieces[n - 1].kind == "num"
            # "3 shampoo sachets": the unit said after the goods it counts (a word: the "g" of
            # "10 parle g" is part of the name)
            or (
                n > 1
                and len(p.text) > 2
                and pieces[n - 1].kind == "product"
                and pieces[n - 2].kind == "num"
            )
        )
    }
    return any(
        u != unit
        and u not in _ANY_GOODS
        and not (sized and u in _DIMENSION)
        and not (_DIMENSION.get(u) and _DIMENSION.get(u) == _DIMENSION.get(unit))
        for u in said
    )


def _not_happened(text: str, catalog: Catalog, index: CatalogIndex) -> bool:
    """Whether the message tells of something still to come, asks a price, or gives another
    seller's (intents.plans), read as the rule engine reads it."""
    toks, pieces = tagged(text, index)
    msg = Message(text, list(toks), list(pieces), index, ParseContext(catalog, "owner", _NOW))
    return plans.not_happened(msg)


# The plans' checks name no day of their own ("tomorrow" is a word, not a date they resolve)
_NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _pieces(text: str, index: CatalogIndex) -> tuple[Piece, ...]:
    """The message as the rule engine tags it: the rule engine's own reading, when it read the
    same text (`tagged` is read once per message, however many checks)."""
    return tagged(text, index)[1]


def default_threshold(currency: str) -> Decimal:
    """CONFIRM_ABOVE for a shop that has set none."""
    return THRESHOLDS.get(currency.upper(), DEFAULT_THRESHOLD)


def message_numbers(text: str, index: CatalogIndex) -> list[Decimal]:
    """Every number the message says: digits, number words, fractions, `k`, lakh."""
    pieces = _pieces(text, index)
    found = [p.number.value for p in pieces if p.kind == "num" and p.number is not None]
    found += [Decimal(d) for d in _DIGITS.findall(text.translate(_ASCII_DIGITS))]
    return found


_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "012345678901234567890123456789")


def frame_numbers(intent: object) -> list[tuple[str, Decimal]]:
    """The numbers a write would book, each with its slot."""
    out: list[tuple[str, Decimal]] = []
    items = getattr(intent, "items", ())
    for item in items:
        out.append(("qty", abs(item.qty)))  # the books refuse a negative one, and say why
        price = getattr(item, "unit_price", None) or getattr(item, "unit_cost", None)
        if price is not None:
            out.append(("unit_price", abs(price)))
    for slot in ("amount", "unit_price", "set_to", "qty"):
        if items and slot in ("qty", "unit_price"):
            continue
        number = getattr(intent, slot, None)
        if isinstance(number, Decimal):
            out.append((slot, abs(number)))
    paid = getattr(intent, "paid", None)
    if isinstance(paid, Decimal):
        out.append(("paid", abs(paid)))
    return out


def trace(text: str, intent: object, index: CatalogIndex) -> list[tuple[str, Decimal, str]]:
    """Where each number of the frame comes from: (slot, value, source), the source being
    "said", the arithmetic that derives it from what was said ("60 / 24"), "one, implied",
    or "" when the message does not give it."""
    said = message_numbers(text, index)
    derived = _derived(said)
    out = []
    for slot, number in frame_numbers(intent):
        if number in said:
            source = "said"
        elif number in derived:
            source = derived[number]
        elif slot == "qty" and number == 1:
            source = "one, implied"  # "sold rice to ahmed": one of it
        else:
            source = ""
        out.append((slot, number, source))
    return out


def grounded(text: str, intent: object, index: CatalogIndex) -> bool:
    """Whether every number of the frame is traced to the message (said, or derived)."""
    return all(source for _, _, source in trace(text, intent, index))


def unaccounted(text: str, intent: object, index: CatalogIndex) -> list[Decimal]:
    """Numbers the message says that the frame does not use: a price or a payment the
    engine dropped ("2 box dates for yusuf, 60 for both"), or half of a number it misread.

    Sizes that belong to a named product ("Water 1.5L") are not left over."""
    if getattr(intent, "intent", "") == "amend":
        return []  # always read back; "4 not 2" names the old value too
    used = [number for _, number in frame_numbers(intent)]
    phone = re.sub(r"\D", "", str(getattr(intent, "phone", "") or ""))
    sizes: set[Decimal] = set()
    for named in _products_named(intent):
        product = index.products.get(named)
        names = (named,) if product is None else (product.name, *product.aliases)
        for name in names:
            sizes.update(Decimal(d) for d in _DIGITS.findall(name))
    left = []
    for number in _said_once(text, index):
        if number in used or number in sizes:
            continue
        if phone and str(number.normalize()).replace(".", "") in phone:
            continue  # a phone number written without "+"
        if number * 12 in used or number / 1000 in used or number * 1000 in used:
            continue  # half a dozen, 500 grams
        if any(u and (number / u in used or u / number in used) for u in used):
            continue  # a total spread over the quantities
        if any(u and number * u in used for u in used):
            continue
        left.append(number)
    return left


def _products_named(intent: object) -> list[str]:
    named = [item.product for item in getattr(intent, "items", ())]
    product = getattr(intent, "product", None)
    if product is not None:
        named.append(product if isinstance(product, str) else product.name)
    return named


def _said_once(text: str, index: CatalogIndex) -> list[Decimal]:
    pieces = _pieces(text, index)
    return [
        p.number.value
        for p in pieces
        if p.kind == "num" and p.number is not None and not p.number.ordinal
    ]


_PAYMENT_WORD = re.compile(
    r"\b(paid|pay|payment|credit|udhaa?r|udhari|khate|khata|account|cash|card|upi|gpay|"
    r"de diye|jama|balance|baaki|baki|advance|online|bank)\b|नकद|उधार|नقد|كاش|الحساب",
    re.IGNORECASE,
)


# The writer is not sure of what they say: read it back whatever the parse
_HEDGED = re.compile(
    r"\b(i think|not sure|i guess|maybe|shayad|pata nahi|pta nahi|yaad nahi|i dont know|"
    r"i don'?t know|should i|kya main|likh doon kya|kar doon kya)\b",
    re.IGNORECASE,
)
# Goods said to go on the account ("put it on credit", "udhaar"), not a credit card
_ON_CREDIT = re.compile(r"\b(udhaa?r|udhari|khate|khata|on credit|credit pe|credit par)\b", re.I)
_SHARE = re.compile(rf"\b({'|'.join(sorted(HALF | {'quarter', 'nusf'}))})\b", re.IGNORECASE)


# Giving words that may make money said after the goods a payment ("500 diye"); not "paid",
# which after a price says the bill was paid ("1 basmati 75 paid by card").
_GIVING = frozenset({"diye", "diya", "dia", "di", "dediye", "dediya"})


def _given_or_priced(text: str, intent: RecordSale, index: CatalogIndex) -> bool:
    """Money said right after the goods and given ("anjali 4 maggi 50 diye", "2 atta 500 de diye")
    read as their price: it may as well be what was paid, of a bill at the catalog's prices."""
    if isinstance(intent.paid, Decimal) or all(i.unit_price is None for i in intent.items):
        return False
    pieces = [p for p in _pieces(text, index) if p.kind not in ("punct", "cur")]
    for n, piece in enumerate(pieces[1:-1], 1):
        after = pieces[n + 1].text
        if after == "de" and n + 2 < len(pieces):
            after = "de" + pieces[n + 2].text  # "500 de diye"
        if piece.kind == "num" and pieces[n - 1].kind in ("product", "unit") and after in _GIVING:
            return True
    return False


def _payment_doubts(text: str, intent: object) -> list[str]:
    """Said something of payment that the frame does not carry, or carries the wrong way."""
    paid = getattr(intent, "paid", None)
    if isinstance(paid, Decimal) and _SHARE.search(text):
        return ["share"]  # "aadha abhi aadha kal": a part payment worked out, not said
    if paid == "full" and _ON_CREDIT.search(text):
        return ["paid"]  # "not sure if he paid, put it on credit": both said, booked as paid
    later = bool(cues.PAY_LATER.search(text))
    if later and paid in (None, "full"):
        return ["paid"]
    if paid is None and _PAYMENT_WORD.search(text):
        return ["paid"]
    return []


def names_grounded(text: str, intent: object, index: CatalogIndex) -> bool:
    """Whether every product and party a write names is in the message: the catalog's reading
    of it, or the name's own words. An engine that invents a customer is caught here."""
    pieces = _pieces(text, index)
    said = {p.hit.name for p in pieces if p.hit is not None}
    said |= {c for p in pieces if p.hit is not None for c in p.hit.candidates}
    words = [p.text for p in pieces] + [w for p in pieces for w in p.text.split()]
    names = list(_products_named(intent))
    party = getattr(intent, "party", None)
    if isinstance(party, PartyRef):
        names.append(party.name)
    return all(name in said or _words_said(name, words) for name in names)


def _words_said(name: str, words: list[str]) -> bool:
    mine = [w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 3]
    if not mine:
        return True  # nothing to check in a name of digits or another script
    return any(fuzz.ratio(w, said) >= 80 for w in mine for said in words)


def _derived(said: Iterable[Decimal]) -> dict[Decimal, str]:
    """Every value arithmetic on the numbers said gives, with how (dozens, grams, totals)."""
    numbers = [n for n in said if n]
    out: dict[Decimal, str] = {}
    for n in numbers:
        for value, how in ((n * 12, f"{n} × 12"), (n / 12, f"{n} / 12"), (n / 1000, f"{n} / 1000"),
                           (n * 1000, f"{n} × 1000")):  # fmt: skip
            out.setdefault(value, how)
        for q in numbers:
            if q != n:
                for value, how in ((n / q, f"{n} / {q}"), (n * q, f"{n} × {q}"),
                                   (n / (q * 12), f"{n} / ({q} × 12)"),
                                   (n * 12 / q, f"{n} × 12 / {q}")):  # fmt: skip
                    out.setdefault(value, how)
    return out


def _plausibility(intent: object, index: CatalogIndex, text: str) -> list[str]:
    reasons: list[str] = []
    if isinstance(intent, RecordSale | AddStock):
        named = [item.product for item in intent.items]
        if len(set(named)) < len(named):
            reasons.append("repeated")  # "2 pyaaz … pyaaz 40 kilo": one product read twice
        for item in intent.items:
            product = index.products.get(item.product) if item.matched else None
            if product is None:
                reasons.append("product")
                continue
            if item.score < GUESSED:
                reasons.append("guess")  # "mlik" read as Milk, "2 lifebuoy sabun" as Soap
            price = item.unit_price if isinstance(item, ItemSlot) else None
            if isinstance(intent, RecordSale) and price is not None and product.unit_price:
                ratio = price / product.unit_price
                if not _within(ratio, _PRICE_BAND):
                    reasons.append("price")
            if item.qty != item.qty.to_integral_value() and product.unit in WHOLE_UNITS:
                reasons.append("fraction")
            packed = product.unit in PACKS and not says_pack(text, product.unit)
            if packed and (item.qty >= 12 or item.qty not in message_numbers(text, index)):
                # "30 ande": thirty eggs, or thirty dozen? "18 ande" read as 1.5 dozen: right?
                reasons.append("dozen")
            cost = item.unit_cost if isinstance(item, StockItemSlot) else None
            if cost and product.unit_price and not _within(cost / product.unit_price, _COST_BAND):
                reasons.append("cost")  # "10 bag atta 380 ka": 380 each, or in all?
        if isinstance(intent.paid, Decimal) and intent.paid > value(intent, index):
            # "gave 500, rest later" on a bill of 225: no rest is left, so a number is wrong
            later = isinstance(intent, RecordSale) and cues.PAY_LATER.search(text)
            reasons.append("overpaid_later" if later else "overpaid")
        want = "supplier" if isinstance(intent, AddStock) else "customer"
        reasons.extend(_party_doubts(intent.party, index, want))
    elif isinstance(intent, RecordPayment):
        # money comes in from customers and goes out to suppliers; the other way is asked
        want = "customer" if intent.direction == "in" else "supplier"
        reasons.extend(_party_doubts(intent.party, index, want=want))
    elif isinstance(intent, SetPrice | AdjustStock):
        if not intent.product.matched:
            reasons.append("product")
        counted = index.products.get(intent.product.name)
        pack = counted.unit if counted is not None and counted.unit in PACKS else ""
        if isinstance(intent, AdjustStock) and pack and not says_pack(text, pack):
            reasons.append("dozen")  # "5 ande toot gaye", "15 eggs cracked": pieces or packs?
        if isinstance(intent, SetPrice):
            product = index.products.get(intent.product.name)
            if product is not None and product.unit_price:
                ratio = intent.unit_price / product.unit_price
                if not _within(ratio, _PRICE_BAND):
                    reasons.append("price")
    elif isinstance(intent, AddProduct):
        if intent.product.lower() in {p.lower() for p in index.products}:
            reasons.append("product")
    elif isinstance(intent, AddParty) and intent.party.name in index.parties:
        reasons.append("party")
    return reasons


def _within(ratio: Decimal, band: tuple[Decimal, Decimal]) -> bool:
    return band[0] < ratio < band[1]


def _party_doubts(party: PartyRef | None, index: CatalogIndex, want: str | None) -> list[str]:
    if party is None:
        return []
    if party.candidates or (party.matched and party.score < _PARTY_SURE):
        return ["party"]  # a guess among known names
    if not party.matched and (_resembles_known(party.name, index) or not _name_shaped(party.name)):
        return ["party"]  # "mohd" for Mohammed Rashid; "Sld"
    known = index.parties.get(party.name) if party.matched else None
    if known is not None and want is not None and known.kind != want:
        return ["party"]
    return []


def _resembles_known(name: str, index: CatalogIndex) -> bool:
    """Whether a new name may be a known party written short or misspelt ("mohd")."""
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 3]
    for known in index.parties:
        for word in re.findall(r"[a-z]+", known.lower()):
            for mine in words:
                if mine[:2] == word[:2] and fuzz.ratio(mine, word) >= 60:
                    return True
    return False


def _name_shaped(name: str) -> bool:
    """A person's or a business's name: letters with vowels, not a greeting or a title."""
    words = name.lower().split()
    if not words or any(w in NOT_NAMES for w in words):
        return False
    return all(re.search(r"[aeiouy]", w) for w in words if w.isascii())


# Words the parser never takes for a name (intents.names), and a few more that a model might.
NOT_NAMES = PARSER_NOT_NAMES | frozenset({"him", "her", "them", "anna", "ji"})


def value(intent: object, index: CatalogIndex) -> Decimal:
    """What a write is worth in major units (catalog prices where none was said)."""
    if isinstance(intent, AddStock):
        # what the shop will owe for it; a delivery with no cost said owes nothing yet
        return sum((item.qty * (item.unit_cost or 0) for item in intent.items), Decimal(0))
    if isinstance(intent, RecordSale):
        total = Decimal(0)
        for item in intent.items:
            price = item.unit_price
            if price is None:
                product = index.products.get(item.product)
                price = product.unit_price if product and product.unit_price else Decimal(0)
            total += item.qty * price
        return total
    if isinstance(intent, RecordPayment | RecordExpense):
        return intent.amount
    return Decimal(0)
