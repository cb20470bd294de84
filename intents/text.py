"""Normalise a message and split it into tokens: words, numbers, phones, invoice numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from intents.lexicon import ARABIC_NAMES, ARABIC_WORDS, DEVANAGARI_WORDS, UNITS
from intents.translit import arabic_to_latin, devanagari_to_latin, is_arabic, is_devanagari

Kind = Literal["word", "num", "punct", "phone", "invoice", "date"]
MAX_CHARS = 2000  # a chat message longer than this is not a bookkeeping entry; parse its head

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९٫٬،؟؛", "012345678901234567890123456789.,,?;"
)
_EMOJI = {"👍": " yes ", "✅": " yes ", "👌": " ok ", "❌": " no ", "👎": " no ", "🙏": " "}
_TOKEN = re.compile(
    r"(?P<invoice>\binv[-\s]?\d{2,4}[-/]\d{1,6}\b)"
    r"|(?P<phone>\+\d(?:[\s-]?\d){7,14})"
    r"|(?P<date>\b\d{1,4}[/-]\d{1,2}[/-]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b)"
    r"|(?P<num>(?:\d{1,3}(?:,\d{2})*,\d{3}(?!\d)|\d+)(?:\.\d+)?(?:[a-z]+\b)?)"
    r"|(?P<word>[a-z\u00c0-\u024f\u0900-\u0963\u0966-\u097f\u0600-\u06ff\u0750-\u077f]+)"
    r"|(?P<punct>[,;:?!.&+@=/₹$])",
    re.IGNORECASE,
)
_GLUED_CURRENCY = re.compile(r"(rs\.?|aed|₹)(?=\d)", re.IGNORECASE)
_ARABIC_PREFIXES = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف")


@dataclass(slots=True)
class Tok:
    """One token: `text` is normalised Latin lowercase; `raw` keeps what was written."""

    text: str
    kind: Kind
    raw: str
    value: Decimal | None = None
    suffix: str = ""  # letters glued to a number: "k", "l", "kg", "th"...
    script: Literal["latin", "deva", "arabic"] = "latin"


# Chat spellings that would otherwise read as numbers ("b4 closing" is not 4 of "closing").
TEXT_SPEAK = {
    "b4": "before",
    "2day": "today",
    "2moro": "tomorrow",
    "2mrw": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmrow": "tomorrow",
    "tmr": "tomorrow",
    "2nite": "tonight",
    "4got": "forgot",
    "gr8": "great",
    "w8": "wait",
    "l8r": "later",
    # shorthand of a hurried cashier: "48 milkpak @265 pd", "fatima bal?", "imran stmt last mnth"
    "pd": "paid",
    "rcvd": "received",
    "recd": "received",
    "frm": "from",
    "amt": "amount",
    "bal": "balance",
    "stmt": "statement",
    "mnth": "month",
    "mth": "month",
    "lst": "last",
    "cust": "customer",
    "pymt": "payment",
    "pmt": "payment",
    "yday": "yesterday",
    "yest": "yesterday",
    "wk": "week",
    "accntnt": "accountant",
    "stk": "stock",
    "wt": "what",
    "ystrdy": "yesterday",
    "ystdy": "yesterday",
    "sld": "sold",
    "ttl": "total",
    "udhr": "udhaar",
    # a helper typing fast: "sugr on acount", "500 de gye", "bilal 1500 de gya"
    "acount": "account",
    "accnt": "account",
    "akount": "account",
    "n": "and",  # "came n paid"
    "gye": "gaye",
    "gya": "gaya",
    "gyi": "gayi",
    "baqaya": "baaki",
    "bakaya": "baaki",
    # Marathi, typed in Latin letters by a Pune shop: the Hinglish the grammar reads
    "dile": "diye",
    "dila": "diya",
    "ghetli": "li",
    "ghetla": "liya",
    "ghetle": "liye",
    "aale": "aaye",
    "aala": "aaya",
    "kadun": "se",
    "nako": "nahi",
    "pathva": "bhejo",
    "kiti": "kitna",
    "urla": "bacha",
    "urli": "bachi",
    "lihun": "likh",
    "madhe": "mein",
    "sakhar": "cheeni",
}
_TEXT_SPEAK = re.compile(r"\b(?:" + "|".join(TEXT_SPEAK) + r")\b", re.IGNORECASE)


# A local phone number written in groups: "050 555 6677", "04 556 7788", "98765 43210".
_SPACED_PHONE = re.compile(
    r"(?<![\d.,])(?:0\d{1,2}[ -]\d{3}[ -]\d{4}|[6-9]\d{4}[ -]\d{5}|03\d{2}[ -]\d{7})(?![\d.,])"
)
_TIMES_BEFORE = re.compile(r"(?<=\d)\s*[×✕]\s*(?=[^\d\s])")
_PRICE_CURRENCY = re.compile(r"(@|\bat)\s*(?:rs\.?|inr|aed|dhs|pkr|₹)\s*(?=\d)", re.IGNORECASE)
_CURRENCY_DOT = re.compile(r"\b(rs|dhs|inr)\.(?=\s*\d)", re.IGNORECASE)
_STRETCHED = re.compile(r"([a-z])\1{2,}", re.IGNORECASE)
# A list's own numbering: "1) 2 atta 2) 1 tel", and "1. rice" opening a line
_LIST_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}\)\s+|^[ \t]*\d{1,2}\.[ \t]+(?=\D)", re.MULTILINE)
# Lines of a typed list or a delivery note ("Milk 1L x 48 @ 4.75\nLaban 1L x 24 @ 2.25")
_LINE_BREAK = re.compile(r"[ \t]*[,;:]?[ \t]*\r?\n+[ \t]*(?:[-*•·][ \t]+)?")
# A decimal comma ("6,50"); never thousands ("1,250" has three digits after) nor lakhs
# ("1,50,000": more than one comma)
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d{1,3}),(\d{2})(?!\d|,\d)")
# A count written glued after an x: "rice x2"
_COUNT_AFTER_X = re.compile(r"(?<=[a-z])\s*\bx(\d+)\b(?![.,]\d)", re.IGNORECASE)
# Letters glued to a number that belong to it; any other word is split off ("3milk 2khubz").
NUMBER_SUFFIXES = frozenset({
    "k", "l", "lakh", "lac", "lacs", "cr", "crore", "m", "st", "nd", "rd", "th", "pm", "am",
    "x", "rs", "aed", "dhs", "inr", "hrs", "hr", "min", "mins", "days", "d",
})  # fmt: skip


# A line of a delivery note that names its goods first, then the count and the price:
# "paneer 5 kg @ 320", "laban 1L x 24 @ 2.25". Said count first ("5 kg paneer @ 320") as the
# item grammar reads goods it does not know.
_NAME_FIRST = re.compile(
    r"^(?P<name>[a-z][a-z0-9.]*(?: (?!x\b)[a-z0-9][a-z0-9.]*){0,2})\s+(?:x\s*)?"
    r"(?P<n>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>kgs?|kilos?|g|gms?|l|ltrs?|packets?|pkts?|pcs?|dozen|bottles?|boxe?s?|bags?"
    r"|trays?|tins?|cans?)?\s*(?P<price>@\s*\d.*)$",
    re.IGNORECASE,
)
# Words that make a run before a count no goods' name ("sold 2 @ 40", "to ahmed 3 @ 5")
_NOT_GOODS = frozenset({
    "to", "from", "sold", "gave", "diye", "diya", "ko", "ne", "se", "paid", "for", "and", "aur",
    "received", "got", "bought", "add", "sale", "sell", "price", "rate",
})  # fmt: skip
_COMMA_SPLIT = re.compile(r"(?:, )+")


def _count_first(segment: str) -> str:
    """ "paneer 5 kg @ 320" as "5 kg paneer @ 320"; any other segment as it is."""
    found = _NAME_FIRST.match(segment.strip())
    if found is None or _NOT_GOODS.intersection(found["name"].lower().split()):
        return segment
    if not all(word.isalpha() for word in found["name"].split()):
        return segment  # "laban 1L x 24": a size in the name ("1L" may read as a lakh) stays
    unit = f" {found['unit']}" if found["unit"] else ""
    return f"{found['n']}{unit} {found['name']} {found['price']}"


def normalise(text: str) -> str:
    """NFKC, ASCII digits for Arabic-Indic and Devanagari ones, emoji words, lower case."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).translate(_DIGITS)
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)  # coca-cola, parle-g
    text = re.sub(r"(?<=[A-Za-z])['’]s\b", "", text)  # ahmed's
    text = text.replace("ـ", "")  # Arabic tatweel
    text = _TEXT_SPEAK.sub(lambda m: TEXT_SPEAK[m.group(0).lower()], text)
    text = _STRETCHED.sub(r"\1", text)  # "hellooo", "pleaseee"
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)  # "3 milk @ 6,50"
    # "1) 2 atta 2) 1 tel": a list's numbering is no count, and its items are apart, as are
    # the lines of a list typed one item a line
    text = _LIST_NUMBER.sub(", ", text).lstrip(", ")
    text = _LINE_BREAK.sub(", ", text)
    text = _COMMA_SPLIT.sub(", ", ", ".join(_count_first(seg) for seg in text.split(", ")))
    text = _COUNT_AFTER_X.sub(r" x \1", text)  # "rice x2", "water x12"
    text = _SPACED_PHONE.sub(lambda m: re.sub(r"[\s-]", "", m.group(0)), text)
    # an accountant's forms: "12 × Lux Soap @ Rs. 115 each" is 12 Lux Soap at 115 each
    text = _TIMES_BEFORE.sub(" ", text)
    text = _PRICE_CURRENCY.sub(r"\1 ", text)
    text = _CURRENCY_DOT.sub(r"\1", text)  # "Rs. 1,000 received"
    return _GLUED_CURRENCY.sub(r"\1 ", text).lower()


def tokenize(text: str) -> list[Tok]:
    """Split a message into tokens, converting Devanagari and Arabic words to Latin."""
    toks: list[Tok] = []
    for m in _TOKEN.finditer(normalise(text)):
        kind = m.lastgroup
        raw = m.group()
        if kind == "invoice":
            digits = re.findall(r"\d+", raw)
            toks.append(Tok(f"INV-{digits[0]}-{digits[1]}", "invoice", raw))
        elif kind == "phone":
            toks.append(Tok("+" + re.sub(r"\D", "", raw), "phone", raw))
        elif kind == "date":
            toks.append(Tok(raw, "date", raw))
        elif kind == "num":
            tok = _number(raw)
            if tok.suffix and tok.suffix not in NUMBER_SUFFIXES and tok.suffix not in UNITS:
                # "3milk": a count and a word, written without the space
                toks.append(_number(raw[: len(raw) - len(tok.suffix)]))
                toks.extend(_word(tok.suffix))
            else:
                toks.append(tok)
        elif kind == "word":
            toks.extend(_word(raw))
        else:
            toks.append(Tok(raw, "punct", raw))
    return toks


def _number(raw: str) -> Tok:
    m = re.match(r"([\d,]+(?:\.\d+)?)([a-z]*)$", raw)
    digits, suffix = (m.group(1), m.group(2)) if m else (raw, "")
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return Tok(raw, "word", raw)
    return Tok(digits, "num", raw, value=value, suffix=suffix)


def _word(raw: str) -> list[Tok]:
    if is_devanagari(raw):
        latin = DEVANAGARI_WORDS.get(raw) or devanagari_to_latin(raw)
        return [Tok(latin, "word", raw, script="deva")]
    if is_arabic(raw):
        return [Tok(w, "word", raw, script="arabic") for w in _arabic(raw).split()]
    return [Tok(raw, "word", raw)]


def _arabic(raw: str) -> str:
    for table in (ARABIC_WORDS, ARABIC_NAMES):
        if raw in table:
            return table[raw]
    for prefix in _ARABIC_PREFIXES:
        rest = raw[len(prefix) :]
        if raw.startswith(prefix) and len(rest) >= 2:
            for table in (ARABIC_WORDS, ARABIC_NAMES):
                if rest in table:
                    head = {"و": "and ", "ب": "for ", "ل": "to ", "لل": "to "}.get(
                        prefix.removesuffix("ال") if prefix != "ال" else "", ""
                    )
                    return head + table[rest]
    return arabic_to_latin(raw.removeprefix("ال") if len(raw) > 4 else raw)
