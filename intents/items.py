"""Read sale and stock lines out of tagged pieces: quantity, unit, product, price."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

from intents import cues
from intents.catalog import CatalogProduct
from intents.lexicon import unit_family
from intents.numbers import HALF
from intents.pieces import Piece, sizes_in
from intents.stopwords import is_stop

PriceKind = Literal["each", "total", "bare"]
PAID_BEFORE = frozenset({"paid", "advance", "jama", "deposit", "received", "gave", "given"})
PAID_AFTER = frozenset({"paid", "advance", "jama", "diye", "diya", "de", "cash", "mile", "mila",
                        "now", "abhi", "upfront"})  # fmt: skip
IN_WORDS = frozenset({"me", "mein", "main", "mai", "mei", "in", "se"})  # "cash me", "in cash"


@dataclass(slots=True)
class Line:
    """One item line as read, before it becomes a slot."""

    product: str
    matched: bool
    score: float
    qty: Decimal
    unit: str | None
    explicit_qty: bool
    pieces: list[int] = field(default_factory=list)
    price: Decimal | None = None
    price_kind: PriceKind | None = None


@dataclass(slots=True)
class Reading:
    """Everything the item grammar found."""

    lines: list[Line]
    paid_amount: Decimal | None
    used: set[int]  # piece positions consumed by lines, prices and paid amounts
    loose_total: Decimal | None = None


def read_items(pieces: Sequence[Piece]) -> Reading:
    """Find item lines (qty [unit] product [unit] [price]) and a part payment, if any."""
    used: set[int] = set()
    paid = _paid_amount(pieces, used)
    named = _named_prices(pieces, used)
    # "coke 3 water 2 khubz 1": a writer who starts with a product and its count keeps that
    # order, so a count before the next product is this one's, not the next one's
    words = [p for p in pieces if p.kind != "punct"]
    product_first = len(words) > 3 and words[0].kind == "product" and words[1].kind == "num"
    lines: list[Line] = []
    i = 0
    while i < len(pieces):
        if i in used:
            i += 1
            continue
        line, end = _line_at(pieces, i, used, product_first)
        if line is None:
            i += 1
            continue
        earlier = _priced_later(lines, line)
        if earlier is not None:
            # "2 kilo pyaaz … pyaaz chaalis rupaye kilo", "50 kg sugar …, sugar at 38": a
            # product counted before, named again with its price
            taken = set(used)
            after = _price_after(pieces, end, earlier, taken)
            if earlier.price is not None:
                used.update(taken | set(range(i, end)))
                i = after
                continue
        lines.append(line)
        used.update(range(i, end))
        end = _price_after(pieces, end, line, used)
        i = end
    for price in named:
        line = next(
            (
                e
                for e in lines
                if (price.at in e.pieces if price.at is not None else e.product == price.product)
                and e.explicit_qty
                and e.price is None
            ),
            None,
        )
        if line is not None:
            line.price, line.price_kind = price.amount, price.kind
    if len(lines) == 1 and lines[0].price is None and lines[0].explicit_qty:
        # "sold 6 coke to the boys from the school, 15 dirhams": money said with its currency
        # away from the one line it can only be the price of (each or total, by the catalog)
        money = _money_alone(pieces, used)
        if money is not None:
            lines[0].price, lines[0].price_kind = money, "bare"
        else:
            # "received 30 boxes of dates from Al Foah, 660 total, paid": the one total said
            total = _loose_total(pieces, used)
            if total is not None:
                lines[0].price, lines[0].price_kind = total, "total"
    loose = None
    if len(lines) > 1 and all(line.price is None for line in lines):
        loose = _loose_total(pieces, used)
    return Reading(lines, paid, used, loose)


@dataclass(frozen=True, slots=True)
class _Named:
    """A price said with the product it is for, away from that product's count."""

    amount: Decimal
    kind: PriceKind
    product: str
    at: int | None = None  # the product piece of the line it prices, when it follows


def _named_prices(pieces: Sequence[Piece], used: set[int]) -> list[_Named]:
    """Prices that name their product, read before the lines so that no line's reading takes
    them for its own price or count:

    - "5 kg tomatoes and 3 kg onions, 20 for the tomatoes and 9 for the onions": the total
      for a product counted before;
    - "20 kg tomatoes and 30 kg onions, tomatoes 2.5 a kilo and onions 2": a counted
      product named again with a number, its price each;
    - "600 rupees ke 20 kilo aloo": money, then the count it bought, a total.
    """
    found: list[_Named] = []
    counted: set[str] = set()
    for n, piece in enumerate(pieces):
        if n in used:
            continue
        if piece.kind == "product" and piece.hit is not None:
            name = piece.hit.name
            k = n + 1
            num = pieces[k] if k < len(pieces) else None
            if (
                name in counted
                and num is not None
                and num.kind == "num"
                and num.number is not None
                and not num.number.money
                and (
                    _kind(pieces, k + 1) not in ("product", "num")
                    or _text(pieces, k + 1) in ("a", "an")  # "2.5 a kilo"
                )
            ):
                end = k + 1
                if _text(pieces, end) in cues.EACH | {"a", "an"}:
                    end += 1
                if _kind(pieces, end) == "unit":
                    end += 1
                found.append(_Named(num.number.as_money(), "each", name))
                used.update(range(n, end))
                continue
            if _counted(pieces, n):
                counted.add(name)
            continue
        if piece.kind != "num" or piece.number is None or piece.number.ordinal:
            continue
        k = n + 1
        if _word(pieces, k) == "for":
            k += 1
            if _word(pieces, k) in ("the", "those", "these"):
                k += 1
            hit = pieces[k].hit if _kind(pieces, k) == "product" else None
            if hit is not None and hit.name in counted:
                found.append(_Named(piece.number.as_money(), "total", hit.name))
                used.update(range(n, k + 1))
            continue
        if _kind(pieces, k) == "cur":
            k += 1
        if _word(pieces, k) in ("ke", "ka", "ki", "worth") and _kind(pieces, k + 1) == "num":
            m = k + 2
            if _kind(pieces, m) == "unit":
                m += 1
            if _kind(pieces, m) == "product" and (k > n + 1 or piece.number.value >= 100):
                # "600 rupees ke 20 kilo aloo", "600 ke 20 kilo aloo" (money, not a count)
                found.append(_Named(piece.number.as_money(), "total", "", at=m))
                used.update(range(n, k + 1))
    return found


def _counted(pieces: Sequence[Piece], n: int) -> bool:
    """Whether the product piece at n has a count before it ("5 kg tomatoes", "2 milk")."""
    k = n - 1
    if _word(pieces, k) == "of":
        k -= 1
    if _kind(pieces, k) == "unit":
        k -= 1
    return _kind(pieces, k) == "num"


def _priced_later(lines: list[Line], line: Line) -> Line | None:
    """The counted line a product named again with no count of its own may give a price to."""
    if line.explicit_qty or not line.matched:
        return None
    return next(
        (e for e in lines if e.product == line.product and e.explicit_qty and e.price is None),
        None,
    )


# "baaki udhaar", "remaining on account", "rest later": the bill is not all paid now
REST = frozenset({"baaki", "baki", "baqi", "bakaya", "remaining", "rest", "balance"})
# What may stand between money given and the word that gives it ("100 ka note diya", "100 upi
# se aaya")
_GIVEN_WITH = frozenset({"ka", "ke", "note", "se", "me", "mein", "rs", "rupay", "rupaye", "abhi"})
_GIVEN = frozenset({"diya", "diye", "di", "de", "dia", "aaya", "aya", "aaye", "mila", "mile",
                    "paid", "gave", "given"})  # fmt: skip


def _given_after(pieces: Sequence[Piece], n: int) -> bool:
    """Whether a giving word follows number n within a few small words ("20 rs diye abhi").
    Not "400 mein diya", "300 me di": goods given for that much, the price."""
    if _word(pieces, n + 1) in ("mein", "me", "main", "mai") and _word(pieces, n + 2) in _GIVEN:
        return False
    for k in range(n + 1, min(n + 5, len(pieces))):
        word = pieces[k].text
        if word in _GIVEN:
            return True
        if pieces[k].kind in ("num", "product") or (
            word not in _GIVEN_WITH and word not in cues.METHODS and pieces[k].kind != "cur"
        ):
            return False
    return False


def _paid_amount(pieces: Sequence[Piece], used: set[int]) -> Decimal | None:
    # "1 maggi 20 rs diye abhi baaki baad me", "500 cash baaki khata", "cash 10 remaining on
    # account": with the rest said to be owed, money given after an item is a part payment,
    # not that item's price
    rest = any(piece.text in REST for piece in pieces)
    for n, piece in enumerate(pieces):
        if piece.kind != "num" or piece.number is None:
            continue
        prev = _word(pieces, n - 1)
        nxt = _word(pieces, n + 1)
        billed = prev in cues.TOTAL_BEFORE or prev in ("at", "@", "each", "per", "bill")
        given = prev in cues.METHODS or _word(pieces, n + 1) in cues.METHODS
        given = given or _given_after(pieces, n)
        if rest and not billed and given and _kind(pieces, n + 1) not in ("product", "unit"):
            used.add(n)
            return piece.number.as_money()
        if nxt in cues.METHODS or _kind(pieces, n + 1) == "cur":
            nxt = _word(pieces, n + 2)
        after_item = _kind(pieces, n - 1) in ("product", "unit")
        if prev in ("at", "@", "rate", "each", "per", "for"):
            continue  # "at 14 paid by bank": 14 is the price
        after_cash = n + 3 if _kind(pieces, n + 1) == "cur" else n + 2
        if nxt == "cash" and _word(pieces, after_cash) in IN_WORDS:
            continue  # "168 rs cash me": the price, and how it was paid; not a part payment
        if prev in TO_WHOM and _word(pieces, n - 2) in PAID_BEFORE:
            prev = _word(pieces, n - 2)  # "he paid me thirty", "gave them 100"
        if prev in ONLY and _word(pieces, n - 2) in PAID_BEFORE:
            prev = _word(pieces, n - 2)  # "he gave only 20, rest later"
        share = piece.text in HALF  # "1 atta half now": never a price of one half
        # "Rs. 1,000 received": money (its currency said) received is paid; "x 60 received"
        # is goods
        money_in = nxt == "received" and _kind(pieces, n - 1) == "cur"
        if prev in PAID_BEFORE or money_in or (nxt in PAID_AFTER and (share or not after_item)):
            if _kind(pieces, n + 1) in ("product", "unit") or _word(pieces, n + 1) in cues.EACH:
                continue
            used.add(n)
            return piece.number.as_money()
    return None


ONLY = frozenset({"only", "just", "sirf", "bas", "siraf"})
# Whom money was given to, said between the verb and the amount
TO_WHOM = frozenset({"me", "us", "mujhe", "them", "him", "her", "unko", "usko", "inko"})
BRAND_DOUBT = 0.7  # a line matched past an unknown word before the product is read back


def _brand(pieces: Sequence[Piece], j: int) -> bool:
    """An unknown word between a count and a product ("2 lifebuoy sabun")."""
    if _kind(pieces, j) != "word" or _kind(pieces, j + 1) != "product":
        return False
    word = pieces[j].text
    return len(word) > 2 and not is_stop(word) and word not in _CUE_WORDS and word.isalpha()


# Words that say what happens ("sold", "paid", "udhar", "cash"): never a maker's name.
_CUE_WORDS = cues.SELL | cues.STOCK_IN | cues.PAY | cues.CREDIT | cues.DUES | set(cues.METHODS)


def _line_at(
    pieces: Sequence[Piece], i: int, used: set[int], product_first: bool = False
) -> tuple[Line | None, int]:
    piece = pieces[i]
    if piece.kind == "num" and piece.number is not None and not piece.number.ordinal:
        qty = piece.number.value
        unit = piece.number.unit
        j = i + 1
        if _kind(pieces, j) == "unit":
            unit = pieces[j].unit
            j += 1
        if _word(pieces, j) == "of":
            j += 1
        hit = pieces[j].hit if _kind(pieces, j) == "product" else None
        brand = 1.0
        if hit is None and _brand(pieces, j):
            # "2 lifebuoy sabun", "3 tata chai": a maker's name before the shop's word for it
            # (read back: the confidence drops, as the word was not the catalog's)
            j += 1
            hit = pieces[j].hit
            brand = BRAND_DOUBT
        if hit is not None:
            line = Line(hit.name, True, hit.score * brand, qty, unit, True, [i, j])
            j += 1
        else:
            words = _new_product_words(pieces, j, used)
            if not words or piece.number.money:
                return None, i + 1
            text = " ".join(
                pieces[k].raw if not pieces[k].arabic else pieces[k].text for k in words
            )
            line = Line(text.lower(), False, 0.0, qty, unit, True, [i, *words])
            j = words[-1] + 1
        if _kind(pieces, j) == "unit" and line.unit is None:
            line.unit = pieces[j].unit
            j += 1
        return line, j
    if piece.kind == "product" and piece.hit is not None:
        j = i + 1
        hit = piece.hit
        times = _word(pieces, j) in ("x", "×", "*")
        if _word(pieces, j) in ("ka", "ki", "ke", "of", "x", "×", "*"):
            j += 1
        nxt = pieces[j] if j < len(pieces) else None
        if nxt is not None and nxt.kind == "num" and nxt.number and not nxt.number.money:
            after = _word(pieces, j + 1)
            measured = nxt.number.unit is not None and not nxt.number.lakh_or_litre
            if (
                times
                or measured
                or (
                    after not in cues.EACH
                    and after not in cues.TOTAL_AFTER
                    and (_kind(pieces, j + 1) != "product" or product_first)
                    and _kind(pieces, j + 1) != "cur"
                )
            ):
                unit = nxt.number.unit
                end = j + 1
                if _kind(pieces, end) == "unit":
                    unit = pieces[end].unit
                    end += 1
                return Line(hit.name, True, hit.score, nxt.number.value, unit, True, [i, j]), end
        return Line(hit.name, True, hit.score, Decimal(1), None, False, [i]), i + 1
    return None, i + 1


NOT_GOODS = frozenset({
    "via", "towards", "through", "only", "extra", "more", "less", "cash", "total", "balance",
    "advance", "rupees", "dirhams", "now", "abhi", "baaki", "udhaar", "back", "wapas",
    # "subah 6 baje", "around 5 pm": a time of day
    "baje", "bajay", "bje", "oclock", "pm", "am", "minute", "minutes", "mins", "hours",
})  # fmt: skip


def _new_product_words(pieces: Sequence[Piece], j: int, used: set[int]) -> list[int]:
    words: list[int] = []
    while j < len(pieces) and len(words) < 3 and j not in used:
        piece = pieces[j]
        if piece.text in NOT_GOODS or piece.text in cues.PEOPLE or piece.text in cues.GROUPS:
            break  # "one lady from the second floor", "one gentleman": a person, not goods
        if piece.kind == "unit" and words:
            break
        if piece.kind not in ("word", "unit") or is_stop(piece.text) or len(piece.text) < 2:
            break
        words.append(j)
        j += 1
    return words


def _price_after(pieces: Sequence[Piece], j: int, line: Line, used: set[int]) -> int:
    k = j
    while k < len(pieces):
        piece = pieces[k]
        if (
            k in used
            or (piece.kind == "punct" and piece.text != "@")
            or piece.kind in ("party", "cur", "unit")
            or (
                piece.kind == "word"
                and is_stop(piece.text)
                # "for 40", "@ 5" lead to the price; "ko" before a comma does not
                and (
                    (
                        piece.text not in cues.EACH
                        and piece.text not in cues.TOTAL_BEFORE
                        and piece.text != "at"
                    )
                    or _kind(pieces, k + 1) != "num"
                )
            )
        ):
            k += 1
            continue
        skip = _name_before_price(pieces, k)
        if skip:
            k += skip
            continue
        break
    if k >= len(pieces):
        return j
    before = _word(pieces, k)
    kind: PriceKind | None = None
    if (
        before in cues.TOTAL_BEFORE | {"at", "@", "rate", "each", "per"}
        and _kind(pieces, k + 1) == "num"
    ):
        kind = "each" if before in ("at", "@", "rate", "each", "per") else "total"
        k += 1
    found = pieces[k] if k < len(pieces) else None
    if found is None or found.kind != "num" or found.number is None or k in used:
        return j
    if found.text in HALF:
        return j  # "half now, half later": a share of the bill, never a price
    rate_words = ("hisaab", "hisab", "rate", "bhav", "bhaav", "daam")
    if (
        _kind(pieces, k + 1) == "unit"
        and _word(pieces, k + 2) in ("ke", "ka")
        and _word(pieces, k + 3) in rate_words
    ):  # "44 kilo ke hisaab se": a rate per kilo
        line.price, line.price_kind = found.number.as_money(), "each"
        used.update(range(k, k + 4))
        return k + 4
    # "onion 25 kg at 2 tomato 15 kg at 2.5": after "at", a number before a product that has
    # its own count is this line's price, not the next line's count
    counted_next = _kind(pieces, k + 1) == "product" and _kind(pieces, k + 2) == "num"
    if (_kind(pieces, k + 1) in ("product", "unit") and not (kind == "each" and counted_next)) or (
        kind is None and _kind(pieces, k + 1) == "word" and not is_stop(_word(pieces, k + 1))
    ):
        return j  # the number starts the next line
    end = k + 1
    if _kind(pieces, end) == "cur":
        end += 1
    after = _word(pieces, end)
    one = pieces[end + 1] if end + 1 < len(pieces) else None
    if after in ("ka", "ke", "ki") and one is not None and one.number and one.number.value == 1:
        kind = "each"  # "380 ka ek": 380 for one
        line.price = found.number.as_money()
        line.price_kind = kind
        used.update(range(k, end + 2))
        return end + 2
    if kind is None:
        if after in cues.EACH or (
            after in ("ke", "ka")
            and _word(pieces, end + 1)
            in (
                "hisaab",
                "hisab",
                "rate",
                "bhav",
                "bhaav",
                "daam",
            )
        ):
            kind = "each"
        elif after in ("ka", "ke", "ki") and _kind(pieces, end + 1) == "unit":
            kind = "each"  # "1850 ka bag", "140 ki kilo": the price of one bag, one kilo
        elif after in cues.TOTAL_AFTER:
            kind = "total"
        else:
            kind = "bare"
    if after == "for" and (
        _word(pieces, end + 1) in cues.FOR_ALL or _kind(pieces, end + 1) == "num"
    ):
        kind = "total"
        end += 2
        if _word(pieces, end) in ("three", "four", "five", "of", "them", "items"):
            end += 1
    elif after in cues.EACH | cues.TOTAL_AFTER:
        end += 1
        if _kind(pieces, end) == "unit" or _word(pieces, end) in ("hisaab", "hisab", "rate"):
            end += 1
    line.price = found.number.as_money()
    line.price_kind = kind
    used.update(range(k, end))
    return end


NAME_MARKERS = frozenset({"to", "for", "ko", "customer", "se", "from"})


def _name_before_price(pieces: Sequence[Piece], k: int) -> int:
    """How many words of a new customer's name stand between an item and its price: "to al
    noor cafe 1.25 each", "to Deepak 28 each" (0 when that is not what follows)."""
    if _word(pieces, k - 1) not in NAME_MARKERS:
        return 0
    m = 0
    while m < 3 and _kind(pieces, k + m) == "word" and pieces[k + m].text.isalpha():
        if is_stop(pieces[k + m].text):
            break
        m += 1
    if m == 0:
        return 0
    if _word(pieces, k + m) in ("at", "@", "rate") and _kind(pieces, k + m + 1) == "num":
        return m  # the price follows "at", which the caller reads
    if _kind(pieces, k + m) != "num":
        return 0
    after = _word(pieces, k + m + 1)
    priced = (
        after in cues.EACH | cues.TOTAL_AFTER | {"for", ""} or _kind(pieces, k + m + 1) == "cur"
    )
    return m if priced else 0


def _money_alone(pieces: Sequence[Piece], used: set[int]) -> Decimal | None:
    """The one unused amount said with a currency ("15 dirhams", "AED 15", "rs 40")."""
    found = [
        n
        for n, piece in enumerate(pieces)
        if n not in used
        and piece.kind == "num"
        and piece.number is not None
        and (_kind(pieces, n + 1) == "cur" or _kind(pieces, n - 1) == "cur")
    ]
    if len(found) != 1:
        return None
    n = found[0]
    number = pieces[n].number
    assert number is not None
    used.add(n)
    return number.as_money()


def _loose_total(pieces: Sequence[Piece], used: set[int]) -> Decimal | None:
    for n, piece in enumerate(pieces):
        marked = _word(pieces, n - 1) in ("total", "for") or _word(pieces, n + 1) == "total"
        if n not in used and piece.kind == "num" and piece.number is not None and marked:
            used.add(n)
            return piece.number.as_money()
    return None


def unit_price(line: Line, product: CatalogProduct | None) -> Decimal | None:
    """The price per catalog unit, dividing a total by the quantity."""
    if line.price is None:
        return None
    kind = line.price_kind
    if kind == "bare" and line.qty != 1:
        known = product.unit_price if product else None
        total_fit = known is not None and abs(line.price / line.qty - known) < abs(
            line.price - known
        )
        kind = "total" if total_fit else "each"
    if kind == "total" and line.qty:
        return _divide(line.price, line.qty)
    return line.price


def _divide(total: Decimal, qty: Decimal) -> Decimal:
    try:
        value = total / qty
    except (InvalidOperation, ZeroDivisionError):
        return total
    # a total that does not divide evenly keeps four places; the bot shows the rounding
    return (
        value if value == value.quantize(Decimal("0.0001")) else value.quantize(Decimal("0.0001"))
    )


def convert_qty(qty: Decimal, unit: str | None, product: CatalogProduct | None) -> Decimal:
    """Quantity in the catalog's unit: dozens into pieces, grams into kilos, ml into litres."""
    if unit is None or product is None:
        return qty
    target = unit_family(product.unit)
    unit = unit_family(unit)
    if unit == target:
        return qty
    if unit == "dozen":
        return qty * 12
    factors = {("g", "kg"): Decimal("0.001"), ("kg", "g"): Decimal(1000),
               ("ml", "l"): Decimal("0.001"), ("l", "ml"): Decimal(1000)}  # fmt: skip
    if target not in MEASURES:
        # "1 litre doodh" where milk is sold as "Milk 500ml" packs: 2 packs, when it divides
        # exactly (the number was not said, so the write is read back: intents.doubt)
        for size, size_unit in sizes_in(product.name):
            said = qty if unit == size_unit else qty * factors.get((unit, size_unit), Decimal(0))
            if said and size:
                packs = said / size
                if packs == packs.quantize(Decimal("0.01")):
                    return packs.quantize(Decimal("0.01")).normalize()
    return qty * factors.get((unit, target), Decimal(1))


MEASURES = frozenset({"g", "kg", "ml", "l"})


def _word(pieces: Sequence[Piece], n: int) -> str:
    return (
        pieces[n].text
        if 0 <= n < len(pieces) and pieces[n].kind == "word"
        else (pieces[n].text if 0 <= n < len(pieces) and pieces[n].kind in ("punct", "cur") else "")
    )


def _text(pieces: Sequence[Piece], n: int) -> str:
    return pieces[n].text if 0 <= n < len(pieces) else ""


def _kind(pieces: Sequence[Piece], n: int) -> str:
    return pieces[n].kind if 0 <= n < len(pieces) else ""
