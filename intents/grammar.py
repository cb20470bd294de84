"""Decide which intent a message expresses, then let `frames` fill its slots."""

from __future__ import annotations

from collections.abc import Sequence

from intents import cues, frames, plans, records
from intents.message import Message
from intents.models import (
    Cancel,
    Confirm,
    EraseData,
    ExportData,
    Help,
    IntentBase,
    OptIn,
    OptOut,
    QueryStock,
    Undo,
    Unknown,
)
from intents.names import name_like
from intents.pieces import Piece
from intents.stopwords import STOP

SALES_STRONG = frozenset({
    "sold", "sales", "sale", "becha", "bechi", "beche", "bika", "biki", "bikri", "bikree",
    "sell", "sellers", "selling", "revenue", "kamai", "hisaab", "hisab", "vikri", "income",
})  # fmt: skip
STOCK_SPECIFIC = frozenset({
    "left", "remaining", "bacha", "bachi", "bache", "stock", "inventory", "khatam", "low",
    "available", "bakiya",
})  # fmt: skip


# Money named in Hinglish and Urdu: "kitne paise", "rupay".
MONEY_SAID = frozenset({"paise", "paisa", "pese", "rupay", "paisay"})


def classify(msg: Message) -> tuple[IntentBase, float]:
    """The intent of a message and the engine's confidence in it."""
    voided = records.decide_void(msg)
    if voided is not None:
        return voided
    found = simple(msg)
    if found is not None:
        return found, 0.3 if isinstance(found, Unknown) else 0.95
    # what is still to come, or another seller's price, is asked about, never written
    later = plans.not_happened(msg)
    # "what does rice cost?", "how much does sugar cost": a product's price, never a report
    # of what was spent or earned
    priced = later and plans.asks_price(msg)
    for decide in (
        _staff,
        records.decide_add_party,
        records.decide_amend,
        records.decide_tax,
        records.decide_export,
        records.decide_statement,
        _invoice,
        records.decide_profit,
        records.decide_expenses,
        _adjust,
        _add_product,
        _set_price,
        _queries,
        _money,
    ):
        if (later and decide in WRITES) or (priced and decide in REPORTS):
            continue
        result = decide(msg)
        if result is not None:
            return result
    if later:  # said back as not booked until it happens (bot: "not_happened")
        unknown, confidence = _unknown(msg)
        assert isinstance(unknown, Unknown)
        # a price asked is answered with the catalog's price (bot: "price_is")
        hint = "price" if priced and "products" in unknown.understood else "later"
        return Unknown(hint=hint, understood=unknown.understood), confidence
    return _unknown(msg)


def _staff(msg: Message) -> tuple[IntentBase, float] | None:
    has_phone = any(t.kind == "phone" for t in msg.toks)
    if msg.has(cues.STAFF) and (
        has_phone
        or msg.has({"add", "new", "naya", "jodo", "jod", "rakho", "rakh", "bana", "banao"})
    ):
        intent = frames.staff(msg)
        return (intent, 0.9) if intent is not None else None
    return None


def _invoice(msg: Message) -> tuple[IntentBase, float] | None:
    has_number = any(t.kind == "invoice" for t in msg.toks)
    if has_number or (msg.has(cues.INVOICE) and msg.has(cues.SEND)):
        if msg.reading.lines and any(line.explicit_qty for line in msg.reading.lines):
            return None
        return frames.invoice(msg), 0.9
    return None


def _adjust(msg: Message) -> tuple[IntentBase, float] | None:
    loss = msg.has(cues.ADJUST_DAMAGE | cues.ADJUST_EXPIRED | cues.ADJUST_OTHER)
    # "stock me se 3 maggi kam karo", "reduce rice stock by 2", "remove 2 soap from stock"
    loss = loss or (
        msg.has({"stock"}) and msg.has(REDUCE) and not msg.has(cues.SELL | cues.STOCK_IN)
    )
    count = msg.has(cues.ADJUST_COUNT - {"only"}) and (
        msg.has({"stock", "hai", "hain", "is", "are", "only", "bache", "bacha", "bachi"})
        # "after counting the fridge we actually have 18 bottles of milk"
        or msg.has({"have", "has", "there"})
        or msg.has(cues.COUNTED)
    )
    count = count or frames.only_left(msg)  # not "2 rice only", "gave 50 only"
    count = count or frames.left_counted(msg)  # "chawal 5 kilo bacha hai": never 5 sold
    count = count or (  # "sugar stock is 40", "cheeni ka stock 60 kar do", "set rice stock to 9"
        msg.has({"stock"})
        and msg.has({"is", "hai", "set", "kar", "karo", "make", "should", "=", "to"})
        and not msg.has(cues.STOCK_IN | cues.SELL | {"add", "added", "in", "me", "mein", "into"})
        and len(msg.numbers) == 1
    )
    # "opening stock: rice 20 bags", "stock check - milk 12", "closing stock sugar 14": the
    # shelf counted, never a sale of what is on it
    told = msg.has({"stock"}) and not _moves_goods(msg) and not msg.has(ASKING)
    count = count or (told and msg.has(STOCK_TAKE))
    # "rice 20 bags in stock", "rice stock 20 bags": what there is, said with no verb
    count = count or (
        told
        and len(msg.numbers) == 1
        and not msg.has(REDUCE | {"add", "added", "put", "daal", "dalo", "into", "to"})
    )
    # "dropped an egg tray, all smashed": one, said with the article
    one = loss and not msg.numbers and _one_of(msg)
    if (loss or count) and (msg.numbers or one) and msg.kinds("product"):
        if _sells(msg) and not count:
            return None
        intent = frames.adjust(msg)
        return (intent, 0.85) if intent is not None else None
    return None


# Words that make "stock" a count of the shelf: "opening stock", "stock check", "stock taking"
STOCK_TAKE = frozenset({
    "opening", "closing", "check", "checking", "checked", "taking", "take", "audit", "count",
})  # fmt: skip


# A question about the stock ("do you have dates in stock? the 1kg box"), not a count told
ASKING = frozenset({"?", "do", "does", "any", "kya", "how", "what", "is", "are", "have", "hai"})


def _moves_goods(msg: Message) -> bool:
    """Whether the message says goods went out or came in (a sale, a delivery, a payment)."""
    return msg.has(cues.SELL | cues.STOCK_IN) or bool(msg.kinds("party"))


def _one_of(msg: Message) -> bool:
    """A product said with "a", "an" or "one" before it and no count ("an egg tray")."""
    pieces = msg.pieces
    return any(
        p.kind == "product" and n > 0 and pieces[n - 1].text in ("a", "an", "one", "ek", "aik")
        for n, p in enumerate(pieces)
    )


_CANNOT = frozenset({"cant", "cannot", "t", "not", "dont", "no", "nahi", "nhi", "na", "be"})


def _sells(msg: Message) -> bool:
    """A sale word said as a sale: "2 egg tray broken, cant sell", "cannot be sold", "bech nahi
    sakte" are goods that will not be sold."""
    words = msg.words
    for n, word in enumerate(words):
        if word not in cues.SELL_STRONG:
            continue
        before = words[max(0, n - 2) : n]
        after = words[n + 1 : n + 2]
        if not (set(before) & _CANNOT) and not (set(after) & {"nahi", "nhi", "na"}):
            return True
    return False


def _add_product(msg: Message) -> tuple[IntentBase, float] | None:
    new_item = msg.has(cues.NEW) and msg.has(cues.PRODUCT_NOUN)
    if new_item or msg.phrase("add", "product") or msg.phrase("add", "item"):
        if msg.has({"stock"}):
            return None
        intent = frames.add_product(msg)
        return (intent, 0.85) if intent is not None else None
    # "customers keep asking for honey, add Honey Jar 500g at 28 aed": goods the books do not
    # know, added with a price and no count
    adds = [n for n, p in enumerate(msg.pieces) if p.text == "add"]
    counted = any(line.explicit_qty and line.matched for line in msg.reading.lines)
    if adds and _priced_alone(msg) and not counted and not msg.has({"stock", "to"}):
        start = adds[-1] + 1
        if start < len(msg.pieces) and msg.pieces[start].kind == "word":
            intent = frames.add_product(msg, start=start)
            return (intent, 0.8) if intent is not None else None
    return None


def _priced_alone(msg: Message) -> bool:
    """One amount, said as a price ("at 28 aed", "@ 28", "28 aed"), and no count (a size,
    "500g", is the name's)."""
    pieces = msg.pieces
    found = [
        n
        for n, p in enumerate(pieces)
        if p.kind == "num" and p.number is not None and p.number.unit is None
    ]
    if len(found) != 1:
        return False
    n = found[0]
    before = pieces[n - 1].text if n else ""
    after = pieces[n + 1].kind if n + 1 < len(pieces) else ""
    return before in ("at", "@", "for") or after == "cur"


_BECAME = frozenset({"ho", "hua", "hui", "hue", "hogaya", "hogayi", "hogya", "hogyi", "kar"})


def _price_went(msg: Message) -> bool:
    """ "cheeni 150 se 160 ho gayi", "coke 2.50 se 3 ho gaya", "sugar from 5 to 6": a price
    said going from one figure to another (never a sale of 150 at 160)."""
    if len(msg.numbers) != 2:
        return False
    first, second = msg.numbers
    between = msg.words[first.end : second.start]
    after = msg.words[second.end : second.end + 1]
    before = msg.words[max(0, first.start - 1) : first.start]
    return (between == ["se"] and bool(after) and after[0] in _BECAME) or (
        between == ["to"] and before == ["from"]
    )


def _set_price(msg: Message) -> tuple[IntentBase, float] | None:
    if _price_went(msg) and msg.kinds("product") and not msg.has(cues.SELL | cues.STOCK_IN):
        intent = frames.set_price(msg)  # the later figure is the price now
        return (intent, 0.85) if intent is not None else None
    # "make shampoo 13.50": make a product a price
    named = msg.kinds("product")
    price_after_name = bool(named) and len(msg.numbers) == 1
    price_after_name = price_after_name and named[0].start < msg.numbers[0].start
    if msg.words[:1] == ["make"] and price_after_name:
        intent = frames.set_price(msg)
        return (intent, 0.8) if intent is not None else None
    now = msg.phrase("from", "today") or msg.phrase("from", "now") or msg.phrase("aaj", "se")
    now = now or (msg.has({"ab", "now"}) and msg.has({"ka", "ki", "ke", "per", "rs", "rupaye"}))
    # "dates box now 27", "milk is now 7", "basmati back to 75": the one number said as what
    # the product is now
    said = msg.numbers[0].start if len(msg.numbers) == 1 else 0
    named_before = any(p.start < said for p in msg.kinds("product"))  # not "now 2 milk"
    now = now or (named_before and msg.words[said - 1] in ("now", "ab"))
    now = now or (named_before and said > 1 and msg.words[said - 2 : said] == ["back", "to"])
    # "increase cooking oil to 23", "cheeni 45 kar do" is not this: a change verb and "to"
    change = (
        msg.has(PRICE_CHANGE)
        and msg.has({"to", "se"})
        and len(msg.numbers) == 1
        and not msg.has({"stock", "qty", "quantity"})
    )
    if (msg.has(cues.PRICE) or now or change) and msg.numbers and msg.kinds("product"):
        # "ab cheeni 46 rupaye kilo bechenge", "sell milk at 7 from now on": what the shop
        # will sell at is a price, not a sale
        will_sell = msg.has(WILL_SELL) or (msg.has({"sell"}) and now)
        # "ramzan ke liye cheeni ka rate 48": "ke liye" is "for", not "took"
        words = msg.words
        sold_words = {
            w
            for n, w in enumerate(words)
            if w in cues.SELL and not (w == "liye" and n and words[n - 1] in ("ke", "ki", "ka"))
        }
        sold = bool(sold_words) and not will_sell
        if sold or msg.has(cues.STOCK_IN) or msg.has({"?", "kya", "what"}):
            return None
        # "price of milk 8", "سعر السكر ٦": the price word comes first; "2 milk 8 rate" is a sale
        price_first = (
            min(
                (
                    n
                    for n, w in enumerate(msg.words)
                    if w in cues.PRICE or w in ("ab", "now", "from", "back")
                ),
                default=len(msg.words),
            )
            < msg.numbers[0].start
        )
        if any(line.explicit_qty for line in msg.reading.lines) and not price_first:
            return None
        intent = frames.set_price(msg)
        return (intent, 0.85) if intent is not None else None
    return None


def _queries(msg: Message) -> tuple[IntentBase, float] | None:
    lines = msg.reading.lines
    # "surf kitni bachi hai? ek customer 4 maang raha hai": how much is left of a product,
    # whatever else the message says after asking (no counted goods of the catalog)
    remains = msg.has(LEFT) and msg.has({"kitni", "kitna", "kitne", "how", "kya"})
    counted = any(line.explicit_qty and line.matched for line in lines)
    if remains and len(msg.kinds("product")) == 1 and not msg.kinds("party") and not counted:
        return frames.query_stock(msg), 0.8
    if any(line.explicit_qty for line in lines):
        return None
    # "hisaab se zyada de diya 2000", "pura hisaab clear kiya 1240": a payment
    given = bool(msg.numbers) and msg.has(GAVE | {"clear", "cleared", "saaf"})
    question = msg.has(cues.QUESTION) or msg.has({"?"})
    # "eggs kitna tray baaki?": what is left of a product, asked of no one, is stock
    left = msg.has({"baaki", "baki", "baqi"}) and msg.kinds("product") and not msg.kinds("party")
    if left and question and not msg.numbers:
        return frames.query_stock(msg), 0.8
    # "kya kya khatam hone wala hai? kal order dena hai": what is running out, before any dues
    # word ("order dena" is an order to place, not money owed)
    running_out = msg.has(cues.LOW) and msg.has(
        {"wala", "wali", "wale", "raha", "rahi", "rahe", "reh", "rah"}  # "kam reh gayi hain"
    )
    if running_out and question and not msg.numbers and not msg.kinds("product"):
        return frames.query_stock(msg), 0.8
    # "kis kis ki taraf paise hain", "meri taraf kitne bante hain": money on someone's side
    on_their_side = msg.has({"taraf", "traf", "taraff"}) and msg.has(
        {"paise", "paisa", "pese", "banty", "bante", "banta", "banti", "nikalte", "rehte"}
    )
    # "how much i have to pay u?": a customer asking what they owe
    to_pay = question and any(
        msg.phrase(a, "to", b) for a in ("have", "need") for b in ("pay", "give")
    )  # "how much john still have to give"
    # "imran ke zimme kitne paise hain": what is on someone's account
    on_them = msg.has({"zimme", "zimmey", "zimmay", "zimma", "zime", "zimmy"}) and (
        question or msg.has(MONEY_SAID)
    )
    if (on_their_side or to_pay or on_them) and not msg.numbers:
        return frames.query_dues(msg), 0.8
    # "suresh ne udhaar chuka diya": an account settled, with no amount said, is asked how much
    settled = not question and msg.has(SETTLED) and bool(msg.kinds("party"))
    # "dena"/"lena" alone are any giving or taking ("sab ko bata dena": do tell everyone);
    # credit asked for ("udhaar maang raha tha, de du kya?") is a question for the owner
    dues_word = msg.has(cues.DUES - {"dena", "lena"}) or (
        msg.has({"dena", "lena"})
        and (
            msg.has(MONEY_SAID | {"kitna", "kitne", "kitni"})
            or msg.has({"supplier", "suppliers", "customer", "customers"})
            or bool(msg.kinds("party"))
        )
    )
    # "nestle walon ke kitne dene hain": what the shop still has to give someone
    still_to_give = msg.has({"dene", "deni"}) and msg.has({"hain", "hai", "hein"})
    # ("mujhe kitne paise dene hain?": a customer asking what they owe)
    to_whom = bool(msg.kinds("party")) or msg.has({"mujhe", "mujhko", "hume", "humein", "humko"})
    dues_word = dues_word or (still_to_give and to_whom and not msg.kinds("product"))
    dues_word = dues_word and not msg.has(records.ASKING)
    # "john came n paid 120 of what he owes": money paid against the dues, not a question
    # ("how much does john owe after he paid 120?" still asks)
    dues_word = dues_word and not (
        msg.has({"paid", "gave", "cleared", "settled"})
        and len(msg.numbers) == 1
        and not msg.has({"how", "kitna", "kitne", "kya", "?"})
    )
    if dues_word and (question or not msg.numbers) and not msg.has(SALES_STRONG):
        if settled:  # (no question here, so no numbers either)
            return None
        if msg.has({"credit"}) and not question:
            return None
        return frames.query_dues(msg), 0.85
    if msg.has({"hisaab", "hisab"}) and msg.kinds("party") and not msg.period and not given:
        return frames.query_dues(msg), 0.75
    how_many = msg.has({"kitne", "kitna", "kitni", "how"}) or msg.phrase("how", "many")
    if how_many and msg.kinds("party") and msg.has({"on", "par", "pe", "upar"}) and not msg.numbers:
        return frames.query_dues(msg), 0.8  # "كم على فاطمة", "priya par kitna"
    # "how much is the basmati 10kg bag these days?": its price, asked (no intent has it)
    costs = any(msg.phrase("how", "much", w) for w in ("is", "are", "for", "does"))
    costs = costs and not msg.has(LEFT | {"stock", "have", "got"})
    if (
        how_many
        and msg.kinds("product")
        and not msg.numbers
        and not msg.has(SALES_STRONG | cues.SALES_WORDS | cues.DUES | cues.PRICE)
        and msg.period is None
        and not costs
    ):
        return frames.query_stock(msg), 0.8  # "sabun kitne hai", "how many eggs"
    # "bhaiya aloo hai kya abhi dukaan pe?", "do you have eggs?", "is there milk": whether a
    # product is on the shelf
    there = msg.phrase("hai", "kya") or msg.phrase("hain", "kya") or msg.phrase("milega", "kya")
    there = there or msg.phrase("do", "you", "have") or msg.phrase("is", "there")
    there = there or (question and msg.has({"available", "milega", "milegi", "milenge"}))
    there = there or (question and msg.words[:1] == ["kya"] and msg.has(cues.TO_BE))
    now = msg.period is None or msg.period.period == "today"  # "abhi": now
    plain = not msg.numbers and not msg.kinds("party") and now
    if there and plain and len(msg.kinds("product")) == 1 and not msg.has(cues.PRICE):
        return frames.query_stock(msg), 0.75
    # "what's in my catalog", "show me the price list": every product with its stock
    listed = msg.has({"catalog", "catalogue", "pricelist"}) or any(
        msg.phrase(a, "list") for a in ("price", "product", "products", "item", "items", "rate")
    )
    if listed and not msg.numbers and not msg.kinds("product") and not msg.kinds("party"):
        return QueryStock(), 0.75
    if msg.has(cues.LOW) and msg.has({"maal", "saman", "items", "cheez", "stock", "products"}):
        return frames.query_stock(msg), 0.8  # "kaunsa maal kam hai"
    if msg.has(RESTOCK) and not msg.numbers:
        return frames.query_stock(msg), 0.8  # "anything i need to reorder?"
    asks_which = msg.has({"what", "whats", "which", "kya", "kaunsa", "konsa", "kaun", "kon"})
    if msg.has(cues.LOW) and asks_which and not msg.numbers and not msg.kinds("product"):
        return frames.query_stock(msg), 0.75  # "what's finishing, need to order tmrw"
    # "who hasnt paid me yet", "kisne paise nahi diye": the unpaid are the dues
    unpaid = msg.has({"unpaid"}) or (
        msg.has({"paid", "pay", "diye", "diya", "di"})
        and msg.has({"hasnt", "hasn", "havent", "haven", "not", "didnt", "didn", "nahi", "nhi"})
        and msg.has({"who", "kaun", "kisne", "kis", "which", "list"})
    )
    # "kis kis ne paise dene hain": who has money still to give
    to_give = any(msg.phrase(a, b) for a in ("dene", "dena", "deni") for b in ("hain", "hai", "he"))
    unpaid = unpaid or (to_give and msg.has({"kis", "kisne", "kaun", "kon", "who"}))
    # "sab logon se kitne paise lene hain", "kitna paisa aana hai logon se": money to take in
    to_take = any(
        msg.phrase(a, b) for a in ("lene", "lena", "leni", "aana", "aane") for b in cues.TO_BE
    ) or any(msg.phrase("aana", w) for w in ("baaki", "baki", "baqi"))
    money_word = msg.has(MONEY_SAID)
    unpaid = unpaid or (to_take and (how_many or question) and money_word)
    # "ayesha baji ke kitne paise reh gaye hain": what is left of someone's money to give
    remaining = msg.has({"reh", "rahe", "rehte", "rehta", "bache", "bachte"})
    unpaid = unpaid or (remaining and how_many and money_word and bool(msg.kinds("party")))
    if unpaid and not msg.numbers:
        return frames.query_dues(msg), 0.8
    stock_words = msg.has(STOCK_SPECIFIC) or msg.phrase("running", "low")
    stock_words = stock_words or msg.phrase("running", "out") or msg.phrase("run", "out")
    about_stock = msg.kinds("product") or msg.has(cues.LOW) or msg.has({"stock", "inventory"})
    if stock_words and about_stock and not msg.has(SALES_STRONG) and (question or not msg.numbers):
        return frames.query_stock(msg), 0.85
    sales = msg.has(SALES_STRONG) or (
        msg.has(cues.SALES_WORDS) and bool(msg.kinds("party") or msg.kinds("product"))
    )
    sales = sales or (msg.has(cues.BEST) and (msg.has(frames.BUYERS) or frames.which_bought(msg)))
    # "kal kitna dhanda hua", "aaj ka business kaisa raha": a shop's takings, asked of a period
    sales = sales or (
        msg.has(cues.SALES_WORDS - PURCHASE_VERBS - {"buy"}) and question and msg.period is not None
    )
    # "how much coke went this week", "kitni maggi nikli": goods that went out, asked of a period
    goods = bool(msg.kinds("product")) or msg.has({"maal", "saman", "samaan", "stock"})
    moved = msg.has(MOVED) and how_many and goods  # "kal raat kitna maal gaya"
    sales = sales or (moved and msg.period is not None)
    # "aaj ka total kitna hua": the day's total, asked of a period, is its takings
    takings = msg.has({"total", "totl"}) and how_many and not msg.kinds("party")
    sales = sales or (takings and msg.period is not None)
    # "suresh ne is mahine kitne ka saman liya": what a customer bought is the shop's sales
    bought = (
        (how_many or msg.phrase("kya", "kya") or msg.has({"what"}))
        and msg.has(TOOK)
        and any(
            p.hit is not None
            and (known := msg.index.parties.get(p.hit.name)) is not None
            and known.kind == "customer"
            for p in msg.kinds("party")
        )
    )
    sales = sales or (bought and (msg.period is not None or question))
    chart = msg.has(frames.CHART)
    if (
        sales
        and not msg.numbers
        and (question or chart or msg.period is not None or msg.has(cues.BEST) or msg.has({"by"}))
    ):
        return frames.query_sales(msg), 0.85  # "sales chart" asks as much as "show sales"
    if chart and msg.period is not None and not msg.numbers:
        return frames.query_sales(msg), 0.8  # "this month's graph", "is hafte ka chart"
    if sales and question and msg.period is not None:
        return frames.query_sales(msg), 0.75
    return None


def _money(msg: Message) -> tuple[IntentBase, float] | None:
    if _asks_for_a_ride(msg):
        return None  # "can u book me a taxi to deira at 6": a request, and 6 is the hour
    lines = msg.reading.lines
    explicit = [line for line in lines if line.explicit_qty]
    matched = [line for line in explicit if line.matched]
    category = [w for w in msg.words if w in cues.EXPENSE]
    has_party = bool(msg.kinds("party"))
    product_words = {w for p in msg.kinds("product") for w in p.text.split()}
    # "dewa bill (light+water) 640 paid": a bill named by what it is for, even if a word of it
    # is also a product ("water"); never a sale of 640 bottles
    bill_for = msg.has({"bill", "bil"}) and not msg.has(cues.SELL) and not has_party
    bill_for = bill_for and any(w not in product_words and w in cues.EXPENSE for w in category)
    if (
        category
        and msg.numbers
        and (not matched or bill_for)
        and not msg.has(LEFT)  # "rice not selling, 40 bags left": a count of what is left
        and not (has_party and not msg.has({"bill"}))
    ):
        strong = msg.has(cues.EXPENSE_STRONG) or any(w not in product_words for w in category)
        if strong:
            intent = frames.expense(msg)
            if intent is not None:
                return intent, 0.85
    if _staff_treat(msg):
        treat = frames.expense(msg)  # "staff ki chai 15": never 15 teas sold
        if treat is not None:
            return treat, 0.8
    earner = [n for n, w in enumerate(msg.words) if w in cues.WAGE_EARNER]
    paid_by_them = any(n + 1 < len(msg.words) and msg.words[n + 1] == "ne" for n in earner)
    gave = msg.has(cues.PAY) or msg.has({"di", "diya", "diye", "de", "dedi"})
    if earner and gave and not paid_by_them and msg.numbers and not matched and not has_party:
        # "paid the extra helper 150"; "chai wale ko 40 diye staff ki chai ke" is what the
        # staff drank, paid to the tea seller: no wage
        drank = msg.has(REFRESHMENT) and len(msg.numbers) == 1
        wage = frames.expense(msg, default="other" if drank else "salary")
        if wage is not None:
            return wage, 0.8
    # "mohammed gave 300, he owes only 220, keep the rest as advance", "zyada de diya 2000
    # baaki advance rakh lo": money handed over on account, whatever else the figures say
    handed = msg.has(ADVANCE) and msg.has(GAVE) and has_party and bool(msg.numbers)
    # "Fatima's driver brought 100 for her account", "suresh ka beta 500 de gaya khate me":
    # money someone brought in for a customer's account
    brought = msg.has(BROUGHT) and msg.has({"account", "acct", "khata", "khate", "khaate"})
    handed = handed or (brought and has_party and len(msg.numbers) == 1)
    if handed and not product_words and not msg.has((cues.SELL | cues.STOCK_IN) - GAVE):
        advance = frames.payment(msg)  # ("gave 2 rice" is a sale)
        if advance is not None:
            return advance, 0.8
    # "priya ne payment kar diya", "fatima paid": a payment with no amount is asked for it
    paid_word = msg.has(SETTLED | {"payment", "jama"})
    asked = msg.has(cues.QUESTION | {"did", "has", "kya"})  # "did fatima pay?" is a question
    if paid_word and has_party and not msg.numbers and not msg.kinds("product") and not asked:
        named = [p.hit.name for p in msg.kinds("party") if p.hit is not None]
        return Unknown(hint="how_much", understood={"parties": named[:1]}), 0.3
    if not explicit and msg.numbers:
        pay_cue = msg.has(cues.PAY) or msg.has(cues.METHODS) or msg.has({"ne", "kiye", "kiya"})
        pay_cue = pay_cue or any(msg.phrase("de", w) for w in ("gayi", "gaya", "gaye"))
        payment = frames.payment(msg) if pay_cue else None
        if payment is not None:
            return payment, 0.85 if payment.party.matched else 0.7
    if explicit and msg.has(GOODS_BACK) and not msg.has(cues.SELL_STRONG):
        # "bilal ne 2 dalda wapas kiye", "2 coke returned": goods given back are no sale
        # and no delivery (INTENTS.md has no return): said not understood, never booked
        return None
    if explicit:
        cued = msg.has(cues.SELL) or msg.has(cues.STOCK_IN) or has_party
        # "2 surf excel 65 ka ek aur 1 colgate 95, cash": goods counted, priced and paid for
        # at the counter, even where the catalog knows none of them (asked as new products)
        cued = cued or (msg.has(cues.METHODS) and all(e.price is not None for e in explicit))
        if not matched and not cued and not _bare_order(msg):
            return None
        visited = any(  # "anjali aayi thi ... liye": she came and took
            p.kind == "party"
            and p.hit is not None
            and (known := msg.index.parties.get(p.hit.name)) is not None
            and known.kind == "customer"
            and _comes_after(msg.pieces, n)
            for n, p in enumerate(msg.pieces)
        )
        visited = visited or _customer_bought(msg) or _came_and_took(msg) or _person_got(msg)
        stock_in = not visited and (
            _goods_came(msg)
            or msg.phrase("stock", "in")
            or (msg.has({"stock"}) and msg.has({"add", "added", "me", "mein", "to", "into"}))
        )
        given_to = any(
            p.kind == "party" and n + 1 < len(msg.pieces) and msg.pieces[n + 1].text == "ko"
            for n, p in enumerate(msg.pieces)
        ) or _to_someone(msg)
        purchase = stock_in or (not visited and _purchase(msg))
        if purchase and not msg.has(cues.SELL_STRONG) and not given_to:
            return frames.stock(msg), _items_confidence(msg)
        return frames.sale(msg), _items_confidence(msg)
    return None


def _staff_treat(msg: Message) -> bool:
    """ "staff ki chai 15", "tea for the boys 20", "ladkon ka nashta 60": what the staff ate or
    drank, paid from the till, is an expense even where tea is also goods on the shelf. One
    amount, said after the word (a count before it, "2 chai staff ko di", is goods)."""
    if len(msg.numbers) != 1 or not msg.has(cues.WAGE_EARNER | GROUP_STAFF):
        return False
    pieces = msg.pieces
    treats = [n for n, p in enumerate(pieces) if p.text in REFRESHMENT]
    if not treats or msg.has(cues.SELL) or msg.kinds("party"):
        return False
    return not any(n > 0 and pieces[n - 1].kind == "num" for n in treats)


# The staff as a group, in a shop's words ("chai for the boys", "ladkon ki chai")
GROUP_STAFF = frozenset({"boys", "ladkon", "ladko", "ladke", "bando", "bandon", "team"})
REFRESHMENT = frozenset({
    "chai", "tea", "coffee", "nashta", "lunch", "khana", "samosa", "biscuit", "biscuits",
    "paani", "pani", "juice", "cold", "drink", "drinks",
})  # fmt: skip


def _bare_order(msg: Message) -> bool:
    """ "2 kurkure", "1 haldi 30", "3 laban": counts of goods the catalog does not know, and
    nothing else. A sale at the counter, as every known "2 milk" is; booking it asks about the
    new product first (its name and price are the owner's to confirm)."""
    lines = msg.reading.lines
    if len(msg.reading.used) != len(msg.pieces) or not all(line.explicit_qty for line in lines):
        return False
    names = [w for line in lines if not line.matched for w in line.product.split()]
    alpha = [w for w in msg.words if w.isalpha()]
    return (
        0 < len(names) <= 4 and len(alpha) <= 4 and not any(w in NOT_COUNTED_GOODS for w in names)
    )


# Counted things that are not goods: "5 minutes", "2 customers", "3 baje"
NOT_COUNTED_GOODS = STOP | frozenset({
    "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "second", "seconds", "sec",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "baje",
    "pm", "am", "din", "ghante", "ghanta", "mahine", "saal", "people", "person", "persons",
    "customer", "customers", "log", "bande", "banda", "aadmi", "staff", "boys", "invoices",
    "invoice", "bills", "bill", "entries", "entry", "messages", "message", "percent", "pc",
})  # fmt: skip


SETTLED = frozenset({"chuka", "chukaya", "chukta", "cleared", "settled", "paid", "bhar", "bhara"})
ADVANCE = frozenset({"advance", "advanced", "peshgi", "peshgee", "agrim", "extra", "zyada"})
GAVE = frozenset({
    "gave", "given", "paid", "pay", "diya", "diye", "di", "de", "dedi", "dediya", "jama", "chukta",
    "deposited", "sent", "transferred",
})  # fmt: skip


def _customer_bought(msg: Message) -> bool:
    """ "Mr. Ahmed Khan purchased four bags of rice", "a walk-in customer bought twenty kilos":
    the shop's customer bought from the shop, which is a sale, not a delivery."""
    verbs = [n for n, w in enumerate(msg.words) if w in PURCHASE_VERBS]
    if not verbs or msg.has(FROM):
        return False
    first = verbs[0]
    if msg.has(CUSTOMER_WORDS) and any(w in CUSTOMER_WORDS for w in msg.words[:first]):
        return True
    return any(
        p.start < first
        and p.kind == "party"
        and p.hit is not None
        and (known := msg.index.parties.get(p.hit.name)) is not None
        and known.kind == "customer"
        for p in msg.pieces
    )


def _person_got(msg: Message) -> bool:
    """ "new guy bilal from upstairs got 2 water n 1 khubz", "the lady got 3 milk": a person
    of the street who got goods got them from the shop. "got 20 trays from gulf dairy" and "we
    got 5 crates" are goods that came in (no person before the verb, or a supplier named)."""
    words = msg.words
    got = next((n for n, w in enumerate(words) if w == "got"), None)
    if got is None or _supplier_named(msg) or msg.has(DELIVERY | {"we", "i", "supplier"}):
        return False
    return any(w in cues.PEOPLE for w in words[:got]) and "from" not in words[got + 1 :]


def _came_and_took(msg: Message) -> bool:
    """ "the lady from the 3rd floor came in, took 2 milk", "ravi ka beta aaya tha, 5 maggi le
    gaya", "nayi family aayi hai, unko 2 atta diye": someone came to the shop and went away
    with goods, a sale. A delivery comes with its goods, and nobody takes them away (a
    supplier's man who takes goods back is a return, and "i took 20 trays" a receipt)."""
    words = msg.words
    came = next((n for n, w in enumerate(words) if w in COME), None)
    if came is None or msg.has(BACK) or _supplier_named(msg):
        return False
    after = words[came + 1 :]
    for n, word in enumerate(after):
        before = after[n - 1] if n else words[came]
        if word in TOOK and before not in RECEIVERS:
            return True
        if word == "le" and n + 1 < len(after) and after[n + 1] in MOVED:
            return True  # "le gaya", "le gayi"
        if word in TO_THEM and any(w in GAVE for w in after[n + 1 :]):
            return True  # "unko 2 atta diye"
        if word in GAVE and n + 1 < len(after) and after[n + 1] in ("them", "him", "her"):
            return True  # "i gave them 2 rice"
    return False


RIDES = frozenset({"taxi", "cab", "uber", "careem", "rickshaw", "auto", "ride", "lift"})


def _asks_for_a_ride(msg: Message) -> bool:
    """Someone asking the bot to get them a taxi: nothing was spent, nothing is booked."""
    wants = msg.has({"book", "call", "order", "get", "bula", "bulao", "mangao", "mangwa"})
    asked = msg.has({"can", "could", "me", "mujhe", "please", "pls", "plz", "?", "kya"})
    return wants and asked and msg.has(RIDES) and not msg.has(cues.PAY | {"spent", "kharcha"})


def _goods_came(msg: Message) -> bool:
    """A delivery's word ("received", "aaya", "delivery") that is not about a person: "the
    delivery rider", "delivery boy" are people, and a person's coming is a visit."""
    words = msg.words
    for n, word in enumerate(words):
        if word not in cues.STOCK_IN:
            continue
        if word in DELIVERY and n + 1 < len(words) and words[n + 1] in cues.PEOPLE:
            continue
        if (n and words[n - 1] in MONEY_WORDS) or (
            n + 1 < len(words) and words[n + 1] in MONEY_WORDS
        ):
            continue  # "cash mila", "paise mile", "received cash": money came, not goods
        return True
    return False


# Money said to have come in: not a delivery of goods.
MONEY_WORDS = MONEY_SAID | frozenset(
    {"cash", "payment", "money", "amount", "rupees", "upi", "card", "cheque", "nakad", "naqad"}
)


def _to_someone(msg: Message) -> bool:
    """ "3 cokes for 7.50 to the delivery rider": goods given to a person, a sale."""
    words = msg.words
    for n, word in enumerate(words[:-1]):
        if word != "to":
            continue
        rest = [w for w in words[n + 1 : n + 4] if w not in ("the", "a", "that", "this", "our")]
        if rest and (
            rest[0] in cues.PEOPLE or (rest[0] in DELIVERY and rest[1:2] and rest[1] in cues.PEOPLE)
        ):
            return True
    return False


def _supplier_named(msg: Message) -> bool:
    return any(
        p.kind == "party"
        and p.hit is not None
        and (known := msg.index.parties.get(p.hit.name)) is not None
        and known.kind == "supplier"
        for p in msg.pieces
    )


# Who went away with goods in a story is anyone but the shop: "i took 20 trays" is a receipt.
RECEIVERS = frozenset({"i", "we", "maine", "hamne", "mene", "humne", "maina"})
BACK = frozenset({"back", "wapas", "wapis", "vapas", "vapis", "return", "returned"})
GOODS_BACK = frozenset({"wapas", "wapis", "vapas", "vapis", "returned", "lautaya", "lautaye"})
TO_THEM = frozenset({"unko", "usko", "inko", "isko", "unhe", "unhein", "use", "inhe"})
DELIVERY = frozenset({"delivery", "delivered"})


CUSTOMER_WORDS = frozenset({"customer", "customers", "grahak", "walkin", "buyer", "client"})


def _comes_after(pieces: Sequence[Piece], n: int) -> bool:
    """ "anjali aayi thi", "anjali aunty aayi thi": the customer came (a title may stand
    between)."""
    nxt = n + 1
    if nxt < len(pieces) and pieces[nxt].text in HONORIFICS:
        nxt += 1
    return nxt < len(pieces) and pieces[nxt].text in COME


HONORIFICS = frozenset({
    "ji", "jee", "aunty", "auntie", "anty", "uncle", "bhai", "bhaiya", "didi", "madam", "sahab",
    "saab", "sir", "bhabhi", "behenji", "chacha", "mam",
})  # fmt: skip
COME = frozenset({"aaya", "aayi", "aaye", "aya", "ayi", "aye", "came", "aa"})
# Goods that went out of the shop, in a question about how many ("how much coke went")
MOVED = frozenset({
    "went", "gone", "gaya", "gayi", "gaye", "nikla", "nikli", "nikle", "chala", "chali", "chale",
    "moved",
})  # fmt: skip
HOW_TO_VERBS = frozenset({
    "record", "add", "enter", "book", "use", "send", "write", "note", "log", "cancel", "undo",
    "see", "check", "delete", "remove", "fix", "correct", "change", "put", "make", "do",
    # Hindi and Urdu: the verb a how-to question is asked with ("kaise likhte hai", "kaise
    # hataye", "kaise karu")
    "karu", "karun", "kare", "karein", "karen", "karte", "karna", "likhu", "likhun", "likhe",
    "likhen", "likhte", "likhna", "bheju", "bheje", "bhejte", "bhejna", "dalu", "daalu", "dale",
    "daale", "dalte", "daalte", "dalna", "hataye", "hatayein", "hatau", "hatate", "hatana",
    "mitaye", "mitau", "mitate", "mitana", "banaye", "banau", "banate", "banana", "dekhe",
    "dekhu", "dekhte", "chalaye", "chalate",
})  # fmt: skip
# Greetings whose words are also names ("ram ram", "sat sri akal", "sabah al khair"): a
# greeting only when the message is nothing else, so they stay out of the stop words.
GREETING_ONLY = frozenset({
    # a festival's wishes said with the greeting: "Hi bhai, Happy Diwali", "Eid Mubarak"
    "happy", "diwali", "deepawali", "eid", "mubarak", "holi", "navratri", "dussehra", "merry",
    "christmas", "new", "year", "ramadan", "ramzan", "kareem", "shubh", "wishes", "greetings",
    "how", "are", "you", "u", "kaise", "ho", "ram", "jai", "shri", "shree", "radhe", "krishna",
    "sat", "sri", "akal", "adab", "adaab", "pranam", "namaskaram", "vanakkam", "sabah", "masa",
    "al", "el", "khair", "kheir", "alkhair", "elkheir", "marhaba", "ahlan", "ahlen",
    "habibi", "boss", "dost", "bro", "brother", "bhaiya", "bhaiyya", "uncle", "didi", "ji",
    "everyone", "all", "team", "ya", "mr", "saab", "sahab", "sahib", "jee",
})  # fmt: skip
HOW = frozenset({"kaise", "kese", "kaisay", "kaese", "kesay", "kaisey"})
PRICE_CHANGE = frozenset({
    "increase", "raise", "hike", "reduce", "lower", "drop", "badhao", "badha", "ghatao", "ghata",
})  # fmt: skip
TOOK = frozenset({
    "take", "taken", "takes",
    "liya", "liye", "li", "lia", "kharida", "kharidi", "kharide", "bought", "took", "purchased",
    "uthaya",
})  # fmt: skip
WILL_SELL = frozenset({
    "bechenge", "bechna", "bechni", "bechne", "bechoge", "bechein", "bechen", "bechain",
    "bechengay", "bechnay",
})  # fmt: skip
BROUGHT = frozenset({
    "brought", "sent", "laya", "layi", "laaya", "laayi", "bheja", "bheje", "bhijwaya", "bhijwaye",
    "deposited",
})  # fmt: skip
# What is left of a product: "kitni bachi hai", "how many left"
LEFT = frozenset({"bachi", "bacha", "bache", "bachay", "bachey", "left", "remaining"})
RESTOCK = frozenset({"reorder", "restock", "restocking", "reordering", "replenish"})
REDUCE = frozenset({"kam", "reduce", "minus", "remove", "nikalo", "ghatao", "less", "deduct"})
PURCHASE_VERBS = frozenset({
    "bought", "buy", "purchased", "purchase", "kharida", "kharidi", "kharide", "mangaya",
    "mangwaya", "mangvaya", "procured", "ordered", "liya", "li", "liye", "lia",
})  # fmt: skip
FROM = frozenset({"from", "se", "min", "من"})


def _purchase(msg: Message) -> bool:
    """Goods that came into the shop: bought from someone, or a supplier's delivery.

    "ahmed bought 2 rice" is a sale (the buyer comes first); "bought 20 trays from gulf
    dairy", "gupta traders se 5 bag atta liya" and "25 kilo aloo kharida" are purchases."""
    words = msg.words
    for n, piece in enumerate(msg.pieces):
        if piece.kind != "party":
            continue
        before = msg.pieces[n - 1].text if n else ""
        after = msg.pieces[n + 1].text if n + 1 < len(msg.pieces) else ""
        if before in FROM or after == "se":
            return True
        known = msg.index.parties.get(piece.hit.name) if piece.hit else None
        if known is not None and known.kind == "supplier":
            return True
    verbs = [n for n, w in enumerate(words) if w in PURCHASE_VERBS]
    if not verbs:
        return False
    if msg.has({"from"}) or (msg.has({"se"}) and not msg.has({"ne", "ko"})):
        return True
    strong = [n for n in verbs if words[n] not in ("liya", "li", "liye", "lia", "buy")]
    buyer_first = any(
        p.start < verbs[0] and (p.kind == "party" or name_like(p, msg.index)) for p in msg.pieces
    )
    return bool(strong) and not buyer_first and not msg.has({"ne", "ko", "to"})


def _items_confidence(msg: Message) -> float:
    scores = [line.score if line.matched else 0.5 for line in msg.reading.lines]
    return max(0.4, min(0.95, sum(scores) / len(scores) * 0.95)) if scores else 0.4


def _unknown(msg: Message) -> tuple[IntentBase, float]:
    understood: dict[str, object] = {}
    products = [p.hit.name for p in msg.kinds("product") if p.hit]
    if products:
        understood["products"] = products
    parties = [p.hit.name for p in msg.kinds("party") if p.hit]
    if parties:
        understood["parties"] = parties
    amounts = [str(p.number.value) for p in msg.numbers if p.number]
    if amounts:
        understood["numbers"] = amounts
    if msg.period is not None:
        understood["period"] = str(msg.period.period)
    hint = "no_match" if not understood else "unsure"
    return Unknown(hint=hint, understood=understood), 0.2


def _asks_how(msg: Message) -> bool:
    """A question how to do something, with no numbers of its own: "how do I add stock",
    "bhaiya ye bot me sale kaise likhte hai", "galat entry ho jaye to kaise hataye". Asked
    before the writes it names are looked for: it is a question, never the write."""
    if msg.numbers:
        return False
    english = (
        msg.phrase("how", "do", "i") or msg.phrase("how", "to") or msg.phrase("how", "can", "i")
    )
    english = english or msg.phrase("how", "should", "i") or msg.phrase("how", "do", "you")
    return bool((english or msg.has(HOW)) and msg.has(HOW_TO_VERBS))


def simple(msg: Message) -> IntentBase | None:
    """Intents that need no slots: yes/no, stop/start, data rights, undo, help."""
    words = msg.words
    alpha = [w for w in words if w.isalpha()]
    short = len(alpha) <= 6 and not msg.numbers and not msg.kinds("product")
    if not alpha and not msg.numbers:
        return Unknown(hint="empty")
    if short and msg.has(cues.OPT_OUT) and (len(alpha) <= 2 or msg.has(cues.MESSAGES)):
        return OptOut()
    if not msg.numbers and len(alpha) <= 4 and msg.has({"unsubscribe", "optout"}):
        return OptOut()  # "unsubscribe kar do"
    said_messages = not msg.numbers and len(alpha) <= 10 and msg.has(cues.MESSAGES)
    if said_messages and msg.has({"stop", "unsubscribe", "band", "bandh"}):
        return OptOut()  # "please stop messaging me"
    if said_messages and msg.has(cues.OPT_IN) and msg.has({"again", "phir", "fir", "dobara"}):
        return OptIn()  # "I want to get your messages again, start"
    if short and msg.has(cues.MESSAGES) and msg.has({"mat", "na", "dont", "no", "nahi"}):
        return OptOut()  # "mujhe message mat bhejo"
    if (
        short
        and msg.has(cues.OPT_IN)
        and (
            len(alpha) <= 2 or msg.has(cues.MESSAGES) or msg.has({"again", "phir", "fir", "dobara"})
        )
    ):
        return OptIn()
    if msg.has(cues.DATA) and (msg.has(cues.ERASE) or msg.has(cues.EXPORT) or msg.has({"my"})):
        if msg.has(cues.ERASE):
            return EraseData()
        if msg.has(cues.EXPORT) and not msg.numbers:
            return ExportData()
    if msg.phrase("forget", "me") or msg.phrase("delete", "my", "account"):
        return EraseData()
    about_me = msg.phrase("about", "me") or msg.phrase("mere", "baare") or msg.phrase("of", "me")
    if msg.has(cues.ERASE) and about_me and not msg.numbers:
        return EraseData()  # "delete everything you have about me"
    if _asks_how(msg):
        return Help()  # "how do I record a sale on credit?", "galat entry kaise hataye"
    paid_back = bool(msg.numbers) and bool(msg.kinds("party"))  # "anjali ne 1000 wapas kiya"
    # "2 dalda ke pack leak ho gaye, company ko wapas bhejne hain": goods going back
    goods_back = msg.has({"wapas", "vapas"}) and any(
        line.explicit_qty and line.matched for line in msg.reading.lines
    )
    if (msg.has(cues.UNDO) and not paid_back and not goods_back) or (
        msg.has(cues.REMOVE) and msg.has(cues.LAST_ENTRY) and not msg.has(cues.INVOICE)
    ):
        return Undo()
    # "haan bhai sahi hai, save kar do": every word an answer's word, so a little longer;
    # "no no no leave it please do not save that one": said over, and "that one" no count
    pointed = {n for n, p in enumerate(msg.numbers) if p.text == "one" and _after(msg, p, POINTING)}
    said = set(alpha) - ({"one"} if pointed else set())
    counted = len(msg.numbers) > len(pointed)
    answer = len(said) <= 8 and not counted and not msg.kinds("product")
    if answer and said <= cues.CONFIRM and msg.has(cues.CONFIRM_CORE):
        return Confirm()
    if answer and said <= cues.CANCEL and msg.has(cues.CANCEL_CORE):
        return Cancel()
    if short and set(alpha) <= cues.GREETING | GREETING_ONLY:
        return Help()
    if not msg.numbers and (
        msg.has(cues.HELP_WORDS)
        or (msg.has({"can", "could"}) and msg.has({"you", "u", "bot", "this"}) and msg.has({"do"}))
        or (
            msg.has({"how", "kaise", "kese", "kaisay"})
            and msg.has({"use", "work", "chalate", "chalta", "chalti", "chalana", "istemal"})
        )
        or (msg.phrase("kar", "sakte") or msg.phrase("kar", "sakta"))
        # "ye bot kya kya karta hai", "what does this bot do"
        or (
            msg.has({"bot", "app", "tum", "aap", "you"})
            and msg.has({"kya", "what"})
            and msg.has({"karta", "karti", "karte", "does", "do", "can"})
        )
    ):
        return Help()
    return None


# The deciders that book something: skipped for a message about what is still to come
WRITES = frozenset({records.decide_amend, _adjust, _add_product, _set_price, _money})
# the deciders that answer with a report (money, stock, dues): not what a price asked wants
REPORTS = frozenset({records.decide_profit, records.decide_expenses, _queries})


# Words that point at an entry: "that one", "this one", "last one"
POINTING = frozenset({"that", "this", "the", "last", "wo", "woh", "ye", "yeh"})


def _after(msg: Message, piece: Piece, words: frozenset[str]) -> bool:
    """Whether the token before `piece` is one of `words`."""
    return piece.start > 0 and msg.toks[piece.start - 1].text in words
