"""The intents about records rather than goods: parties, corrections, voids, statements,
exports, tax returns, and the expense and profit questions.

Each `decide_*` returns the intent and a confidence, or None when the message is not one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from intents import cues
from intents.lexicon import UNITS
from intents.message import Message
from intents.models import (
    AddParty,
    Amend,
    ExportBooks,
    IntentBase,
    QueryExpenses,
    QueryProfit,
    SendStatement,
    TaxReport,
    VoidInvoice,
)
from intents.names import NAMES_TOO, find_party
from intents.pieces import Piece
from intents.slots import (
    Category,
    ExportFormat,
    ExportWhat,
    PartyKind,
    PartyRef,
    Period,
    ProductRef,
)
from intents.stopwords import is_stop

Decision = tuple[IntentBase, float] | None

VOID = frozenset({
    "void", "cancel", "cancelled", "delete", "remove", "radd", "rad", "hatao", "hata", "mita",
    "mitao", "khatam", "scrap", "reverse", "ulta", "nikalo", "nikal",
})  # fmt: skip
LAST = frozenset({"last", "latest", "previous", "pichla", "pichli", "pichhla", "akhri", "aakhri"})
CUSTOMER = frozenset({"customer", "customers", "grahak", "client", "buyer", "zabon", "zaboon"})
SUPPLIER = frozenset({
    "supplier", "suppliers", "vendor", "vendors", "distributor", "wholesaler", "mawrid",
    "dealer", "party",
})  # fmt: skip
ADD = frozenset({"add", "new", "naya", "nayi", "naye", "register", "save", "create", "jodo",
                 "jod", "daalo", "dalo", "likho", "banao"})  # fmt: skip
NAME_LEAD = frozenset({"called", "named", "name", "naam", "is", "hai", ":", "as", "mr", "mrs",
                       "ms", "-", "a", "an", "the", "ka", "ki", "karo", "kar", "do", "please",
                       "pls", "kijiye", "karna", "karein"})  # fmt: skip
NAME_STOP = frozenset({"with", "phone", "number", "no", "mobile", "contact", "from", "se",
                       "and", "aur", "ph", "mob", "tel", ","})  # fmt: skip
PROFIT = frozenset({
    "profit", "profits", "munafa", "munafaa", "munaafa", "faida", "fayda", "margin", "kamaya",
    "kamaaya", "kamaye", "earned", "earn", "ribh", "naffa", "nafa", "net",
})  # fmt: skip
EXPENSE_Q = frozenset({
    "expenses", "expense", "kharcha", "kharche", "kharch", "spent", "spend", "spending",
    "costs", "cost", "kharchay", "masareef",
})  # fmt: skip
STATEMENT = frozenset({"statement", "statements", "ledger", "khata", "khaata", "kashf"})
SEND_LIKE = cues.SEND | frozenset({"give", "de", "dedo", "do", "chahiye", "want", "need",
                                   "mujhe", "please", "pls", "share"})  # fmt: skip
FORMATS: dict[str, ExportFormat] = {
    "excel": "xlsx", "xlsx": "xlsx", "xls": "xlsx", "spreadsheet": "xlsx", "sheet": "xlsx",
    "csv": "csv", "tally": "tally",
}  # fmt: skip
EXPORT_WORDS = frozenset({"export", "accountant", "ca", "auditor", "download"}) | set(FORMATS)
WHAT: dict[str, ExportWhat] = {
    "sales": "sales", "sale": "sales", "bikri": "sales", "invoices": "sales",
    "purchases": "purchases", "purchase": "purchases", "kharid": "purchases",
    "kharidi": "purchases", "expenses": "expenses", "expense": "expenses",
    "kharcha": "expenses", "kharche": "expenses",
}  # fmt: skip
# "the books" alone names no part of them: `what` is left out, as the contract leaves it.
ALL_BOOKS = frozenset({
    "everything", "complete", "poora", "pura", "sab", "all", "saare", "sare", "saara", "saari",
    "puri", "poori",
})  # fmt: skip
TAX = frozenset({"gst", "vat", "gstr", "gstr1", "gstr3b", "tax", "taxes", "dareeba"})
TAX_DOC = frozenset({
    "report", "return", "returns", "filing", "file", "summary", "figures", "kitna", "how",
    "much", "liability", "payable", "due", "calculation",
})  # fmt: skip
# Words that take something said back: a message with one corrects, it does not set.
TAKEN_BACK = frozenset({
    "no", "nahi", "nhi", "galat", "wrong", "sorry", "meant", "oops", "mistake", "actually",
})  # fmt: skip
AMEND_STRONG = frozenset({
    "meant", "galti", "ghalti", "correction", "mistake", "instead", "oops", "sorry", "jagah", "fix",
})  # fmt: skip
CURRENCY_WORDS = frozenset({"rupay", "rupaye", "rupees", "rs", "aed", "dirham", "dhs", "inr"})
PRICE_WORDS = cues.PRICE | CURRENCY_WORDS | frozenset({"each", "per", "@", "ka", "ke", "at"})
# "INV-… mein qty 4 karo": change it to
MAKE_IT = frozenset({"karo", "kardo", "lagao", "daalo", "dalo", "set", "change", "make"})
TOTAL_WORDS = frozenset({"total", "amount", "bill", "invoice", "sum", "kul"})
OLD_VALUE = frozenset({"not", "of"})  # "150 not 100", "instead of 100": the old one follows
OLD_BEFORE = frozenset({"nahi", "nahin", "na"})  # "3 kilo nahi 4 kilo tha": the old one precedes
_PAST = frozenset({"tha", "thi", "thay", "was", "were"})


def _past(msg: Message, also: frozenset[str] = frozenset()) -> bool:
    """Whether the message speaks of the past ("tha", "was"; Hindi "the" only where it ends a
    clause, "200 baaki the", not English "the" before a noun: "from the 54 he owes")."""
    if msg.has(_PAST | also):
        return True
    words = msg.words
    return any(
        w == "the" and (n + 1 == len(words) or not words[n + 1][:1].isalnum())
        for n, w in enumerate(words)
    )


def decide_void(msg: Message) -> Decision:
    """ "cancel invoice INV-2026-0012", "INV-… void kar do", "void the last invoice"."""
    number = _invoice_number(msg)
    if not msg.has(VOID) or msg.has(cues.SEND):
        return None
    if number is not None:
        return VoidInvoice(invoice=number), 0.9
    if msg.has(cues.INVOICE) and msg.has(LAST) and not msg.numbers:
        return VoidInvoice(invoice="last"), 0.85
    return None


def decide_add_party(msg: Message) -> Decision:
    """ "add customer Sara +971…", "naya supplier: Ramesh Traders 98765…"."""
    kind: PartyKind | None = None
    if msg.has(SUPPLIER - {"party"}):
        kind = "supplier"
    elif msg.has(CUSTOMER):
        kind = "customer"
    elif not msg.has({"party"}):
        return None
    if not msg.has(ADD) or any(
        line.explicit_qty and line.qty < 1_000_000 for line in msg.reading.lines
    ):  # a phone number after "Verma Oil Mill" is not a quantity of oil
        return None
    if msg.has(cues.DUES) or msg.has(cues.QUESTION - {"list", "check"}):
        return None
    name = _new_name(msg)
    if name is None:
        return None
    phone = _phone(msg)
    if phone is None and any(p.kind == "cur" for p in msg.pieces):
        return None  # "customers keep asking for honey, add Honey Jar at 28 aed": goods
    return AddParty(party=PartyRef(name=name), phone=phone, kind=kind), 0.85


def decide_statement(msg: Message) -> Decision:
    """ "send ahmed his statement", "mera hisaab bhejo" (a customer's own)."""
    statement = msg.has(STATEMENT) or msg.phrase("account", "statement")
    own_hisaab = msg.has({"hisaab", "hisab", "hesab"}) and msg.has(cues.SEND)
    if not (statement or own_hisaab) or msg.has(EXPORT_WORDS - {"download"}):
        return None
    # "ahmed sir 3 eggs tray 1 khubz, khata me likho": goods written on the account, a sale
    if any(line.explicit_qty and line.matched for line in msg.reading.lines):
        return None
    # "ahmed cleared 80 from his khata": money moved on the account, not a request for it
    paid = msg.has(cues.PAY - cues.SEND - {"bheja", "bheje"})
    if _amounts(msg) and paid and not msg.has(cues.SEND):
        return None  # ("villa 12 here, could you send me a statement … we paid some")
    if statement and not (msg.has(SEND_LIKE) or msg.kinds("party") or msg.period):
        return None
    party = find_party(msg.pieces, msg.index, leading=False)
    if party is not None and not (party.matched or party.candidates):
        party = None if msg.has({"my", "mera", "meri", "apna"}) else party
    period = msg.period.period if msg.period else None
    return SendStatement(party=party, period=period), 0.85


def decide_export(msg: Message) -> Decision:
    """ "send this month's sales in excel for my CA", "tally export last month"."""
    # "surf excel sirf 9 pack hai": a format's word inside a product's longer name is the
    # product's ("excel" alone may match Surf Excel, and is still the format)
    named_goods = {
        k for p in msg.kinds("product") if p.end - p.start > 1 for k in range(p.start, p.end)
    }
    said = [w for k, w in enumerate(msg.words) if k not in named_goods]
    fmt = next((FORMATS[w] for w in said if w in FORMATS), None)
    if fmt is None and not EXPORT_WORDS.intersection(said):
        return None
    # "1950 ki 3 Surf Excel di Bilal ko": a format's word inside counted goods' name; goods
    # the catalog lacks are goods too when counted and priced ("2 surf excel 65 ka ek")
    lines = msg.reading.lines
    if any(e.explicit_qty and (e.matched or e.price is not None) for e in lines):
        return None
    if (
        msg.phrase("add", "product")
        or msg.phrase("add", "item")
        or (msg.has(cues.NEW) and msg.has(cues.PRODUCT_NOUN))
    ):
        return None  # "add product Surf Excel 1kg"
    if msg.has(cues.DATA) and msg.has({"my", "mera", "meri"}):
        return None  # "export my data" is the data-rights export
    named = {WHAT[w] for w in msg.words if w in WHAT}
    what: ExportWhat | None = named.pop() if len(named) == 1 else None
    if len(named) > 1 or (msg.has(ALL_BOOKS) and what is None):
        what = "all"  # "sales purchase kharcha sab", "everything"
    period = msg.period.period if msg.period else None
    return ExportBooks(period=period, format=fmt, what=what), 0.85


def decide_tax(msg: Message) -> Decision:
    """ "GST report for last month", "VAT return this quarter"."""
    if not msg.has(TAX) or any(line.explicit_qty and line.matched for line in msg.reading.lines):
        return None  # "gst on 2 rice" counts goods; "Q3 GST return" only names a quarter
    if not (msg.has(TAX_DOC) or msg.period is not None):
        return None
    if msg.has(cues.PRICE | {"rate"}) and msg.kinds("product"):
        return None  # "gst rate of rice" is about a product
    period: Period = msg.period.period if msg.period else "this_month"
    return TaxReport(period=period), 0.85


def decide_profit(msg: Message) -> Decision:
    """ "profit today?", "pichle mahine kitna kamaya"."""
    words = msg.words
    made_money = (
        any(  # "did we make any money this week", "made money today?"
            w in ("make", "made", "making", "makes") and "money" in words[n + 1 : n + 3]
            for n, w in enumerate(words)
        )
        or (
            # "how much did we (actually) make today", "what did I make this week": what was made,
            # asked of no goods in particular
            (msg.phrase("how", "much") or msg.phrase("what", "did"))
            and msg.has({"make", "made"})
            and not msg.kinds("product")
        )
    )
    if not (msg.has(PROFIT) or made_money) or _amounts(msg):
        return None
    if msg.has({"net"}) and not msg.has(PROFIT - {"net"}):
        return None
    period: Period = msg.period.period if msg.period else "today"
    return QueryProfit(period=period), 0.85


def decide_expenses(msg: Message) -> Decision:
    """ "expenses today", "aaj ka kharcha", "how much rent did I pay this year"."""
    if _amounts(msg):
        return None
    category = _category(msg)
    # "how many bottles of water went yesterday": goods that went out, counted, are sales
    counted = msg.has({"many", "kitni", "kitne", "bottles", "packets"})
    if msg.kinds("product") and counted and not msg.has(EXPENSE_Q):
        return None
    spent = msg.has(EXPENSE_Q) or (
        _category(msg) is not None and msg.has({"gaya", "gaye", "gayi", "laga", "lage", "went"})
    )
    asked = msg.has(cues.QUESTION) or msg.period is not None or msg.has({"?"})
    if not asked:
        return None
    if spent or (category is not None and msg.has({"pay", "paid", "bill", "bills", "diya", "di"})):
        if msg.has(cues.SALES_WORDS - {"business", "dhanda"}) and not spent:
            return None
        period: Period = msg.period.period if msg.period else "today"
        return QueryExpenses(period=period, category=category), 0.8
    return None


def _disputed(msg: Message) -> bool:
    """ "maine 3 nahi sirf 2 maggi li thi", "I only took 2 bottles of milk yesterday not 3,
    please correct": a customer disputing what was booked, one count for another. The
    count booked is corrected (and read back), never sold again."""
    counts = [p for p in msg.numbers if p.number is not None]
    only = msg.has({"only", "sirf", "bas", "just"})
    said = (
        len(counts) >= 2
        and only
        and msg.has({"not", "nahi", "nahin", "na"})
        and msg.has(TOOK_PAST | {"correct", "fix", "galat", "wrong"})
    )
    # "maine 2 nahi 3 coke becha tha": one count for another, of a sale said in the past
    words = msg.words
    swapped = any(
        words[n] in ("nahi", "nahin", "not") and n > 0 and n + 1 < len(words)
        and words[n - 1].isdigit() and words[n + 1].isdigit()
        for n in range(len(words))
    )  # fmt: skip
    return said or (swapped and msg.has({"tha", "thi", "the", "was", "were"}))


# What was taken, said of the past: the customer's side of a sale already booked
TOOK_PAST = frozenset({
    "took", "taken", "liye", "liya", "li", "lia", "bought", "kharida", "kharide", "the", "tha",
    "thi", "le", "gaya", "gaye",
})  # fmt: skip


def _stock_story(msg: Message) -> bool:
    """ "1 darjan anday gir ke toot gaye, meri ghalti", "stock gina maine, atta 12 bag hain,
    system me galat tha": goods broken or counted, with a fault owned or the books called
    wrong. The loss or the count is the news; nothing said before is being taken back."""
    counted = msg.has(cues.COUNTED)
    lost = msg.has(cues.ADJUST_DAMAGE | cues.ADJUST_EXPIRED)
    taken_back = msg.has({"meant", "instead", "jagah", "correction", "should", "not", "nahi"})
    return (
        (lost or counted)
        and bool(msg.numbers)
        and bool(msg.kinds("product"))
        and not taken_back
        and _invoice_number(msg) is None
    )


def decide_amend(msg: Message) -> Decision:
    """ "no, I meant 3", "INV-… should be 150 not 100", "wrong customer, it was fatima"."""
    strong = msg.has(AMEND_STRONG) or msg.phrase("should", "be") or msg.phrase("no", "wait")
    strong = strong or msg.phrase("should", "have", "been") or msg.phrase("make", "it")
    strong = strong or msg.phrase("change", "it") or msg.phrase("it", "was")
    strong = strong or msg.phrase("make", "that") or msg.phrase("ki", "jagah")
    # "coke price make it 3": a product's price, made something, with nothing taken back
    priced = bool(msg.kinds("product")) and msg.has(cues.PRICE) and not msg.has(TAKEN_BACK)
    if priced and not msg.has(AMEND_STRONG) and not any(t.kind == "invoice" for t in msg.toks):
        strong = strong and not msg.phrase("make", "it")
    # "INV-… me 880 nahi 800 hona chahiye": what it should have been
    strong = strong or msg.phrase("hona", "chahiye") or msg.phrase("hone", "chahiye")
    strong = strong or msg.phrase("hona", "tha") or msg.phrase("hone", "the")
    # "pichli entry me rate 105 karo": the last entry, made something else
    # "change last sale price to 40": the last one, said in English
    # ("last wale me rate 105 karo": the last one, said in Hinglish)
    last_one = any(msg.phrase("last", w) for w in ("sale", "entry", "bill", "invoice", "one"))
    last_one = last_one or any(msg.phrase("last", w) for w in ("wala", "wale", "wali", "waala"))
    strong = strong or (
        (msg.has({"pichli", "pichla", "previous", "entry"}) or last_one)
        and msg.has(MAKE_IT | {"update", "edit", "badlo", "badal"})
        and bool(msg.numbers)
    )
    # "dal nahi chawal tha", "priya nahi anjali hai": one name for another
    named = [p for p in msg.pieces if p.kind in ("product", "party") and p.hit is not None]
    strong = strong or (
        msg.has(OLD_BEFORE | {"not"})
        and _past(msg, frozenset({"hai", "is"}))
        and len({p.kind for p in named}) == 1
        and len({p.hit.name for p in named if p.hit is not None}) >= 2
        and not msg.has(cues.SELL | cues.STOCK_IN)
    )
    strong = strong or (msg.phrase("that", "was") and msg.has(OLD_VALUE))
    wrong = msg.has({"wrong", "galat", "ghalat"})
    # "no, 70 each", "nahi 5": a bare number after a no is a correction of what came before.
    strong = strong or (
        bool(msg.words)
        and msg.words[0] in {"no", "nahi", "nope", "na"}
        and bool(msg.numbers)
        and not msg.has(cues.SELL | cues.STOCK_IN | cues.PAY)
    )
    past = (
        _past(msg)
        and msg.has(cues.PRICE | {"qty", "quantity", "nahi", "not"})
        and bool(msg.numbers)
        and not msg.has(cues.SELL | cues.STOCK_IN)
    )
    terms = _terms_corrected(msg)
    # "INV-2026-0005 oil 20 each", "INV-… ka total 1250 karo": a numbered invoice and a figure
    # with a product, a price or total, or "make it": a correction, nothing to send
    strong = strong or (
        _invoice_number(msg) is not None
        and bool(msg.numbers)
        and not msg.has(cues.SEND)
        and (
            _amended_product(msg) is not None
            or msg.has(MAKE_IT | TOTAL_WORDS | PRICE_WORDS | {"qty", "quantity"})
        )
    )
    strong = strong or _disputed(msg)
    if not (strong or wrong or past or terms) or _stock_story(msg):
        return None
    if msg.has(VOID) and (_invoice_number(msg) or msg.has(cues.INVOICE)):
        return None
    invoice = _invoice_number(msg)
    party = _amended_party(msg)
    product = _amended_product(msg)
    qty = unit_price = amount = None
    values = _new_values(msg)
    priced = msg.has(cues.PRICE | {"each", "per", "@"})
    for piece in values:
        assert piece.number is not None
        value = piece.number.value
        around = _around(msg, piece)
        measured = piece.number.unit is not None or (
            piece.end < len(msg.toks) and msg.toks[piece.end].text in UNITS
        )
        single = len(values) == 1
        if measured:
            qty = value  # "3 kilo nahi 4 kilo tha"
        elif single and msg.has({"qty", "quantity"}):
            qty = value  # "change INV-… qty to 4"
        elif single and msg.has({"amount", "total"}):
            amount = value  # "amount galat hai, 650 karo"
        elif around & (PRICE_WORDS - {"ka", "ke"}) or (priced and len(values) == 1):
            unit_price = value
        elif around & TOTAL_WORDS or (invoice is not None and product is None):
            amount = value
        elif qty is None:
            qty = value
    if not any(v is not None for v in (party, product, qty, unit_price, amount, terms)):
        return None
    old = _old_positions(msg)
    replaced = [p.number.value for p in msg.numbers if p.start in old and p.number is not None]
    intent = Amend(
        invoice=invoice, product=product, qty=qty, unit_price=unit_price, amount=amount,
        party=party, paid=terms, was=replaced[0] if len(replaced) == 1 else None,
    )  # fmt: skip
    return intent, 0.8 if strong or terms else 0.7


PAID_WORDS = frozenset({"paid", "cash", "naqd", "nakad", "nagad", "diye", "diya", "de"})


ASKING = frozenset({"maang", "maanga", "maangi", "mang", "manga", "mangi", "asking", "asked"})


def _terms_corrected(msg: Message) -> Literal["full", "credit"] | None:
    """ "ahmed ka udhaar tha", "INV-… was on credit, not paid", "that was paid cash": a past
    sale's payment status corrected (no selling verb: a new sale on credit is not this)."""
    if msg.has(cues.SELL | cues.STOCK_IN) or not (_past(msg) or _invoice_number(msg)):
        return None
    # "ek aadmi udhaar maang raha tha, de du kya?": credit asked for, and a question
    if msg.has({"?"} | ASKING):
        return None
    credit = msg.has(cues.CREDIT - {"account", "likh", "likho", "baad", "later"}) or msg.phrase(
        "not", "paid"
    )
    if credit:
        return "credit"
    if msg.has(PAID_WORDS) and _past(msg):
        return "full"
    return None


def _invoice_number(msg: Message) -> str | None:
    return next((t.text.upper() for t in msg.toks if t.kind == "invoice"), None)


def _amounts(msg: Message) -> list[Decimal]:
    used = msg.period.used if msg.period else frozenset()
    return [
        p.number.value
        for p in msg.numbers
        if p.number is not None and not (set(range(p.start, p.end)) & used)
    ]


def _category(msg: Message) -> Category | None:
    for word in msg.words:
        category = cues.EXPENSE.get(word)
        if category is not None and category != "other":
            return category
    return None


def _phone(msg: Message) -> str | None:
    found = next((t.text for t in msg.toks if t.kind == "phone"), None)
    if found is not None:
        return found
    for tok in msg.toks:
        if tok.kind == "num" and not tok.suffix and len(tok.text) >= 9 and tok.text.isdigit():
            return tok.text
    return None


def _new_name(msg: Message) -> str | None:
    """The name as written after the kind word ("customer Sara Hussain"), or after "add"."""
    raw = [t.raw for t in msg.toks]
    words = msg.words
    anchors = [n for n, w in enumerate(words) if w in CUSTOMER | SUPPLIER]
    starts = [n + 1 for n in anchors] + [n + 1 for n, w in enumerate(words) if w in ADD]
    for start in starts:
        name: list[str] = []
        for n in range(start, len(words)):
            tok = msg.toks[n]
            word = words[n]
            if not name and (word in NAME_LEAD or word in ADD or word in CUSTOMER | SUPPLIER):
                continue
            if not name and tok.kind == "punct":
                continue  # "naya customer add karo, Rashid Mehmood"
            if tok.kind != "word" or word in NAME_STOP or (name and word in NAME_LEAD):
                break
            if word in CUSTOMER | SUPPLIER:
                break
            name.append(raw[n] if raw[n].isascii() else word)
        while name and is_stop(name[-1].lower()) and name[-1].lower() not in NAMES_TOO:
            # "… karim please" (but "Sara" is a name, whatever it means in Hinglish)
            name.pop()
        if name:
            return " ".join(w[:1].upper() + w[1:] for w in name)
    return None


def _amended_party(msg: Message) -> PartyRef | None:
    old = _old_positions(msg)
    for piece in msg.pieces:  # "suresh nahi priya thi": the one not marked as old
        hit = piece.hit
        if (
            piece.kind == "party"
            and hit is not None
            and piece.start not in old
            and not hit.candidates
        ):
            return PartyRef(name=hit.name, matched=True, score=min(hit.score, 1.0))
    party = find_party(msg.pieces, msg.index, leading=False)
    if party is None:
        return None
    if party.matched or party.candidates:
        return party
    # A new name only where the correction is about the customer.
    return party if msg.has(CUSTOMER | {"party", "naam", "name"}) else None


def _amended_product(msg: Message) -> ProductRef | None:
    old = _old_positions(msg)
    for piece in msg.pieces:
        if piece.kind == "product" and piece.hit is not None and piece.start not in old:
            return ProductRef(name=piece.hit.name, matched=True, score=min(piece.hit.score, 1.0))
    return None


def _old_positions(msg: Message) -> set[int]:
    """Token positions of what is being replaced ("not 100", "instead of 2 milk")."""
    old: set[int] = set()
    for n, piece in enumerate(msg.pieces):
        before = msg.pieces[n - 1].text if n else ""
        before2 = msg.pieces[n - 2].text if n > 1 else ""
        after = msg.pieces[n + 1].text if n + 1 < len(msg.pieces) else ""
        after2 = msg.pieces[n + 2].text if n + 2 < len(msg.pieces) else ""
        unit_then_nahi = n + 1 < len(msg.pieces) and msg.pieces[n + 1].kind == "unit"
        follows = before == "not" or (before == "of" and before2 == "instead")
        precedes = after in OLD_BEFORE or (unit_then_nahi and after2 in OLD_BEFORE)
        instead = (after, after2) == ("ki", "jagah") or (
            unit_then_nahi and after2 == "ki" and n + 3 < len(msg.pieces)
            and msg.pieces[n + 3].text == "jagah"
        )  # fmt: skip
        # "ravi ko nahi suresh ko": a name, its postposition, then the "no"
        marked = after in {"ko", "ka", "ke", "ki", "se"} and after2 in OLD_BEFORE
        precedes = precedes or instead or marked
        if follows or precedes:
            old.add(piece.start)
    return old


def _new_values(msg: Message) -> list[Piece]:
    old = _old_positions(msg)
    return [
        p
        for p in msg.numbers
        if p.start not in old and p.number is not None and not _which_one(msg, p)
    ]


def _which_one(msg: Message, piece: Piece) -> bool:
    """ "that last one", "the one before": "one" names an entry, it is no quantity."""
    if msg.toks[piece.start].raw.lower() != "one" or piece.end - piece.start != 1:
        return False
    before = msg.words[piece.start - 1] if piece.start > 0 else ""
    return before in {"last", "that", "this", "the", "which", "pichla", "previous", "wrong"}


def _around(msg: Message, piece: Piece) -> set[str]:
    start, end = piece.start, piece.end
    return set(msg.words[max(0, start - 2) : start]) | set(msg.words[end : end + 2])
