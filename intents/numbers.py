"""Numbers in messages: digits with suffixes, English/Hindi/Urdu number words, fractions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from intents.lexicon import CURRENCY, UNITS
from intents.text import Tok

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "ek": 1, "do": 2, "teen": 3, "tin": 3, "char": 4, "chaar": 4, "paanch": 5,
    "aik": 1, "panch": 5, "paach": 5, "chhe": 6, "chhah": 6, "chah": 6, "che": 6, "saat": 7,
    "aath": 8,
    "nau": 9, "das": 10, "dus": 10, "gyarah": 11, "barah": 12, "baarah": 12, "terah": 13,
    "chaudah": 14, "pandrah": 15, "solah": 16, "satrah": 17, "atharah": 18, "unnis": 19,
    "bees": 20, "bis": 20, "pachees": 25, "pachis": 25, "tees": 30, "chalis": 40,
    "chaalis": 40, "pachas": 50, "pachaas": 50, "sattar": 70, "assi": 80, "nabbe": 90,
    # more spellings of the teens and tens people type out ("unees sau mein": 1,900)
    "unees": 19, "unnees": 19, "unis": 19, "athara": 18, "athaara": 18, "pandra": 15,
    "chauda": 14, "gyaarah": 11, "ikkis": 21, "ikkees": 21, "baees": 22, "bais": 22,
    "teis": 23, "chaubis": 24, "chobis": 24, "chhabbis": 26, "sattais": 27,
    "atthais": 28, "untees": 29, "paintees": 35, "chalees": 40, "chaalees": 40,
    "pachpan": 55, "pachattar": 75, "pichattar": 75, "nabbay": 90,
}  # fmt: skip
# Hindi/Urdu numbers 21-99, each its own word, as people type them out ("chaubees rupay
# packet", "pachpan"); 60 ("saath") is left out: it is also "with". Spelling variants
# ("ee"/"i", "aa"/"a", "chh"/"ch") are added below.
_HINDI_TENS = {
    21: "ikkis ikkees", 22: "baees bais baais", 23: "teis teyis", 24: "chaubees chaubis chobis",
    25: "pachees pachchees", 26: "chhabbees chhabbis", 27: "sattaees sattais",
    28: "atthaees atthais", 29: "untees", 31: "ikattees iktees", 32: "battees battis",
    33: "taintees tetees", 34: "chauntees chautees", 35: "paintees pentees",
    36: "chhattees chhattis", 37: "saintees", 38: "adtees artees", 39: "untaalees untalis",
    41: "iktaalees iktalis", 42: "bayaalees byalis", 43: "taintaalees tentalis",
    44: "chavaalees chawalis", 45: "paintaalees pentalis", 46: "chhiyaalees chhiyalis",
    47: "saintaalees sentalis", 48: "adtaalees artalis", 49: "unchaas unchas",
    51: "ikyaavan ikyavan", 52: "baavan bavan", 53: "tirpan", 54: "chauvan chauwan",
    55: "pachpan", 56: "chhappan", 57: "sattaavan", 58: "atthaavan", 59: "unsath",
    61: "iksath", 62: "baasath", 63: "tirsath", 64: "chaunsath", 65: "painsath pensath",
    66: "chhiyaasath", 67: "sadsath", 68: "adsath", 69: "unhattar", 71: "ikhattar",
    72: "bahattar", 73: "tihattar", 74: "chauhattar", 75: "pachhattar pachattar",
    76: "chhihattar", 77: "satattar sathattar", 78: "athhattar athattar", 79: "unaasi",
    81: "ikyaasi", 82: "bayaasi", 83: "tiraasi", 84: "chauraasi", 85: "pachaasi",
    86: "chhiyaasi", 87: "sattaasi", 88: "atthaasi", 89: "navaasi nawasi", 91: "ikyaanve",
    92: "baanve", 93: "tiraanve", 94: "chauraanve", 95: "pachaanve", 96: "chhiyaanve",
    97: "sattaanve", 98: "atthaanve", 99: "ninyaanve",
}  # fmt: skip


def _spellings(word: str) -> set[str]:
    forms = {word}
    for a, b in (("ee", "i"), ("aa", "a"), ("chh", "ch"), ("ve", "be")):
        forms |= {f.replace(a, b) for f in forms}
    return forms


for _value, _words in _HINDI_TENS.items():
    for _word in _words.split():
        for _form in _spellings(_word):
            ONES.setdefault(_form, _value)
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "sau": 100, "thousand": 1000, "hazaar": 1000, "hazar": 1000,
    "hajar": 1000, "k": 1000, "grand": 1000, "lakh": 100000, "lakhs": 100000, "lac": 100000,
    "lacs": 100000, "laakh": 100000, "million": 1000000, "crore": 10000000, "cr": 10000000,
    "crores": 10000000, "karod": 10000000, "karor": 10000000,
}  # fmt: skip
BARE_MULTIPLIERS = {"sau", "hazaar", "hazar", "hajar"}
QUARTER = {"paav", "pav", "pao", "paao", "paw"}
HALF = {"half", "aadha", "adha", "aadhi", "adhi", "aadhe", "adhe"}
FIXED_FRACTIONS = {
    "dedh": Decimal("1.5"), "derh": Decimal("1.5"), "dhai": Decimal("2.5"),
    "dhaai": Decimal("2.5"), "adhai": Decimal("2.5"), "quarter": Decimal("0.25"),
}  # fmt: skip
SHIFTS = {"saade": Decimal("0.5"), "sade": Decimal("0.5"), "saadhe": Decimal("0.5"),
          "paune": Decimal("-0.25"), "pone": Decimal("-0.25"), "sava": Decimal("0.25"),
          "sawa": Decimal("0.25")}  # fmt: skip
ORDINALS = {"st", "nd", "rd", "th"}
# "do" is also English ("what can you do") and a Hindi imperative ("kar do"): a number
# only where a quantity can stand.
_NOT_BEFORE_DO = {
    "kar", "de", "likh", "bhej", "hata", "rakh", "bata", "dikha", "chhod", "chod", "rehne",
    "rahne", "le", "mita", "bana", "jod", "daal", "dal", "you", "i", "we", "to", "can", "u",
    "will", "what", "how", "don", "did", "does", "pls", "please", "plz", "ko", "karke", "kardo",
    "bot", "app", "it", "they", "he", "she", "should", "could", "would", "must",
}  # fmt: skip
_NOT_AFTER_DO = {
    "you", "u", "i", "we", "it", "this", "that", "not", "the", "my", "me", "na", "for", "with",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from tokens [start, end): its value and what was glued to it."""

    value: Decimal
    start: int
    end: int
    unit: str | None = None  # a unit glued or implied ("5kg" -> kg; "2l" -> l)
    money: bool = False  # had a currency or a money multiplier (k, lakh)
    lakh_or_litre: bool = False  # "2L": litres before a product, lakh as money
    ordinal: bool = False

    def as_money(self) -> Decimal:
        """The value read as an amount of money ("2L" alone is two lakh)."""
        return self.value * 100000 if self.lakh_or_litre else self.value


def word_value(word: str) -> int | None:
    """The value of a single number word, if it is one."""
    if word in ONES:
        return ONES[word]
    return TENS.get(word)


def read_number(toks: Sequence[Tok], i: int) -> Number | None:
    """Read one number starting at token i (digits or words, with multipliers), if any."""
    tok = toks[i]
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    base: Decimal
    end = i + 1
    unit: str | None = None
    money = lakh_or_litre = ordinal = False
    if tok.kind == "num" and tok.value is not None:
        base = tok.value
        suffix = tok.suffix
        if suffix in MULTIPLIERS:
            base *= MULTIPLIERS[suffix]
            money = True
        elif suffix in ("l", "ltr"):
            lakh_or_litre = True
            unit = "l"
        elif suffix in UNITS:
            unit = UNITS[suffix]
        elif suffix in CURRENCY:
            money = True
        elif suffix in ORDINALS:
            ordinal = True
    elif tok.kind == "date" and _is_fraction(tok.text):
        num, den = tok.text.split("/")
        base = Decimal(num) / Decimal(den)
    elif tok.text in FIXED_FRACTIONS:
        base = FIXED_FRACTIONS[tok.text]
    elif tok.text in HALF:
        base = Decimal("0.5")
        if nxt in ("a", "an") and _text(toks, i + 2) in UNITS:
            end += 1  # "half a dozen", "half a kilo": the "a" is no second number
    elif tok.text in QUARTER and nxt in UNITS:
        base = Decimal("0.25")  # "paav kilo aloo"; "pav" alone is bread
    elif tok.text in SHIFTS:
        whole = read_number(toks, i + 1) if i + 1 < len(toks) else None
        if whole is None or whole.value < 1:
            if tok.text in ("sava", "sawa"):
                return Number(Decimal("1.25"), i, i + 1)
            return None
        # "saadhe paanch sau" is five and a half hundreds (550), "sawa do lakh" 2.25 lakh:
        # the shift goes on the count before its multipliers, not on the whole (500.5)
        head = read_number(toks[: i + 2], i + 1)
        scale, k = Decimal(1), i + 2
        while _text(toks, k) in MULTIPLIERS:
            scale *= MULTIPLIERS[_text(toks, k)]
            k += 1
        if head is not None and scale > 1 and whole.end == k:
            return Number((head.value + SHIFTS[tok.text]) * scale, i, k, money=True)
        return Number(whole.value + SHIFTS[tok.text], i, whole.end, unit=whole.unit)
    elif tok.text in ("a", "an") and (nxt in UNITS or nxt in MULTIPLIERS):
        base = Decimal(1)
    elif tok.text in BARE_MULTIPLIERS and not (i and toks[i - 1].kind == "num"):
        # "sau rupay ka ek": a hundred, said without "ek"
        return Number(Decimal(MULTIPLIERS[tok.text]), i, i + 1, money=True)
    elif tok.kind == "word" and word_value(tok.text) is not None:
        if tok.text == "do" and not _do_is_number(toks, i):
            return None
        if tok.text in ("tin", "che", "bis") and not (nxt in UNITS or nxt in MULTIPLIERS):
            return None  # also ordinary words; numbers only before a unit
        base = Decimal(word_value(tok.text) or 0)
        if tok.text in TENS and nxt in ONES and ONES[nxt] < 10:
            base += ONES[nxt]
            end += 1
    else:
        return None
    # "one and a half", "2 and half"
    if _text(toks, end) == "and" and _text(toks, end + 1) in ("a", "half"):
        skip = 2 if _text(toks, end + 1) == "a" else 1
        if _text(toks, end + skip) == "half":
            base += Decimal("0.5")
            end += skip + 1
    # multipliers: "do hazaar", "2 lakh", "dhai sau", "1.5 k"
    last = 0
    while _text(toks, end) in MULTIPLIERS and not ordinal:
        last = MULTIPLIERS[_text(toks, end)]
        base *= last
        money = True
        lakh_or_litre = False
        unit = None
        end += 1
    if last >= 100:
        # the rest of a compound: "two hundred and fifty", "ek hazaar paanch sau",
        # "ek sau chaalis", "two thousand four hundred"
        rest, after = _compound_rest(toks, end, last)
        if rest is not None:
            base += rest.value
            end = after
            unit = rest.unit
    return Number(base, i, end, unit, money, lakh_or_litre, ordinal)


# Tens that are numbers only after "sau" (alone they are other words: "saath" is "with")
AFTER_HUNDRED = {"saath": 60, "sath": 60}


def _compound_rest(toks: Sequence[Tok], end: int, last: int) -> tuple[Number | None, int]:
    """The smaller part that completes a number after its multiplier, if one follows."""
    start = end + 1 if _text(toks, end) in ("and", "aur", "w", "wa") else end
    if start >= len(toks):
        return None, end
    spelled = toks[start].kind == "word"
    if not spelled and start == end:
        return None, end  # "100 5 kg" is two numbers; "hundred and 5" is one
    if toks[start].text in AFTER_HUNDRED and last == 100:
        # "ek sau saath": sixty, a word that alone means "with", only after a hundred
        return Number(Decimal(AFTER_HUNDRED[toks[start].text]), start, start + 1), start + 1
    rest = read_number(toks, start)
    if rest is None or rest.ordinal or not 0 < rest.value < last:
        return None, end
    return rest, rest.end


def _text(toks: Sequence[Tok], i: int) -> str:
    return toks[i].text if 0 <= i < len(toks) else ""


def _is_fraction(text: str) -> bool:
    parts = text.split("/")
    return len(parts) == 2 and parts[1] in ("2", "3", "4", "8") and int(parts[0]) < int(parts[1])


def _do_is_number(toks: Sequence[Tok], i: int) -> bool:
    prev, nxt = _text(toks, i - 1), _text(toks, i + 1)
    if prev in SHIFTS or nxt in UNITS:
        return True  # "ko do kilo chawal": two kilos
    if prev in _NOT_BEFORE_DO or not nxt or nxt in _NOT_AFTER_DO:
        return False
    return toks[i + 1].kind == "word"
