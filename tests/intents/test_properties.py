"""Classes of messages, generated rather than written one by one (issue #13).

Each property covers a class the blind sets showed failing: sizes inside product names,
numbers written as words, rates against totals, credit said many ways, and the invariant
that no write carries a number the message did not give unless it is read back first.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intents import Catalog, ParseContext, RuleParser
from intents.catalog import CatalogProduct
from intents.doubt import frame_numbers, grounded, judge
from intents.matching import CatalogIndex
from intents.packs import pack_size
from intents.pieces import sizes_in
from tests.intents.conftest import eval_dir, load_catalog

AE = load_catalog(eval_dir(), "ae")
IN = load_catalog(eval_dir(), "in")
NOW = datetime.fromisoformat("2026-11-20T18:30:00+04:00")
PARSER = RuleParser()


def in_pack(product: CatalogProduct) -> bool:
    return pack_size(product.name, product.unit) is not None


# The same examples on every run (CI must not turn red on a new draw); widen a class's search
# locally (derandomize off, more max_examples) when working on it.
FAST = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]  # fmt: skip
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
HINDI = ["", "ek", "do", "teen", "char", "paanch", "chhah", "saat", "aath", "nau"]
SIZED = [p for c in (AE, IN) for p in c.products if sizes_in(p.name)]


def parse(text: str, catalog: Catalog = AE, role: str = "owner") -> object:
    ctx = ParseContext(catalog=catalog, role=role, now=NOW)  # type: ignore[arg-type]
    return PARSER.parse_sync(text, ctx).intent


def english(n: int) -> str:
    """A number from 1 to 99,999 in words, as people say it ("two hundred and fifty")."""
    parts = []
    if n >= 1000:
        parts.append(f"{english(n // 1000)} thousand")
        n %= 1000
    if n >= 100:
        parts.append(f"{ONES[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + (f" {ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(ONES[n])
    return " ".join(parts)


def catalog_of(product_name: str) -> Catalog:
    return AE if any(p.name == product_name for p in AE.products) else IN


@FAST
@given(product=st.sampled_from(SIZED), qty=st.integers(2, 40))
def test_a_size_inside_a_product_name_belongs_to_the_name(product: object, qty: int) -> None:
    name = product.name  # type: ignore[attr-defined]
    catalog = catalog_of(name)
    sale = parse(f"sold {qty} {name.lower()}", catalog)
    assert sale.to_contract() == {  # type: ignore[attr-defined]
        "intent": "record_sale",
        "slots": {"items": [{"product": name, "qty": str(qty)}]},
    }
    stock = parse(f"how many {name} left", catalog)
    assert stock.to_contract() == {"intent": "query_stock", "slots": {"product": name}}  # type: ignore[attr-defined]


@FAST
@given(n=st.integers(1, 99_999))
def test_amounts_in_english_words(n: int) -> None:
    payment = parse(f"fatima paid {english(n)}")
    assert payment.to_contract()["slots"]["amount"] == str(n)  # type: ignore[attr-defined]


@FAST
@given(hundreds=st.integers(1, 9), rest=st.integers(0, 99))
def test_amounts_in_hindi_words(hundreds: int, rest: int) -> None:
    tail = {0: "", 50: "pachaas", 40: "chaalis", 20: "bees", 10: "das", 25: "pachees"}
    rest = rest if rest in tail else 0
    words = f"{HINDI[hundreds]} sau {tail[rest]}".strip()
    payment = parse(f"ravi ne {words} jama kiye", IN)
    assert payment.to_contract()["slots"]["amount"] == str(hundreds * 100 + rest)  # type: ignore[attr-defined]


@FAST
@given(
    # Not goods sold in packs: "9 eggs at 0.01 per piece" is 0.3 of a tray of 30 (intents.packs,
    # read back), as INTENTS.md counts qty in the catalog's unit.
    product=st.sampled_from([p for p in AE.products if p.unit_price and not in_pack(p)]),
    qty=st.integers(2, 9),
    cents=st.integers(1, 4000),
    style=st.sampled_from(["{p} each", "@ {p}", "at {p} per piece", "{p} per {u}"]),
)
def test_a_rate_is_the_unit_price(product: object, qty: int, cents: int, style: str) -> None:
    price = Decimal(cents) / 100
    name = product.aliases[0] if product.aliases else product.name  # type: ignore[attr-defined]
    rate = style.format(p=price, u=product.unit)  # type: ignore[attr-defined]
    sale = parse(f"sold {qty} {name} {rate}")
    [item] = sale.to_contract()["slots"]["items"]  # type: ignore[attr-defined]
    assert (item["product"], item["qty"], Decimal(item["unit_price"])) == (
        product.name,  # type: ignore[attr-defined]
        str(qty),
        price,
    )


@FAST
@given(
    product=st.sampled_from([p for p in AE.products if p.unit_price]),
    qty=st.integers(2, 9),
    each=st.integers(1, 80),
    style=st.sampled_from(["for {t}", "{t} total", "total {t}", "{t} for all", "for {t} total"]),
)
def test_a_total_is_spread_over_the_quantity(
    product: object, qty: int, each: int, style: str
) -> None:
    name = product.aliases[0] if product.aliases else product.name  # type: ignore[attr-defined]
    sale = parse(f"sold {qty} {name} {style.format(t=qty * each)}")
    [item] = sale.to_contract()["slots"]["items"]  # type: ignore[attr-defined]
    assert Decimal(item["unit_price"]) == each


CREDIT = [
    "on credit", "udhaar", "udhar pe", "khate me likh do", "on his account", "he will pay later",
    "will pay tomorrow", "paise baad mein", "pay next week", "पैसे बाद में", "उधार", "على الحساب",
    "she'll pay on sunday", "paise kal dega",
]  # fmt: skip


@FAST
@given(phrase=st.sampled_from(CREDIT), qty=st.integers(1, 9))
def test_credit_said_many_ways(phrase: str, qty: int) -> None:
    sale = parse(f"sold {qty} rice to ahmed, {phrase}")
    slots = sale.to_contract()["slots"]  # type: ignore[attr-defined]
    assert slots["paid"] == "credit", (phrase, slots)
    assert "date" not in slots  # "pay on sunday" is not the day of the sale


@FAST
@given(
    first=st.integers(1, 5000),
    second=st.integers(1, 5000),
    template=st.sampled_from([
        "sold {a} rice to ahmed {b}", "{a} milk {b} each", "ahmed paid {a} for {b} eggs",
        "received {a} water from gulf dairy {b} total", "rent {a} and {b}", "{a} coke {b}",
        "fatima took {a} tea, paid {b}", "sugar {a} kg for {b}", "sold rice 5kg {a} for {b}",
        "milk price {a}", "{a} eggs broken {b}", "gave john {a} soap {b} each on credit",
    ]),
)  # fmt: skip
def test_no_write_books_a_number_the_message_did_not_give(
    first: int, second: int, template: str
) -> None:
    """Every number of a write comes from the message (or arithmetic on it), or the write is
    read back and asked."""
    text = template.format(a=first, b=second)
    ctx = ParseContext(catalog=AE, role="owner", now=NOW)
    result = PARSER.parse_sync(text, ctx)
    verdict = judge(text, result.intent, AE, result.confidence)
    if frame_numbers(result.intent) and not verdict.ask:
        assert grounded(text, result.intent, CatalogIndex.of(AE)), (text, result.intent)
        said = {Decimal(first), Decimal(second), Decimal(1)}
        for _, number in frame_numbers(result.intent):
            derived = {a / b for a in said for b in said} | {a * 12 for a in said}
            assert number in said | derived, (text, number)
