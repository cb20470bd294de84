"""Words that are grammar, not names: never a product, a party or a new name."""

from __future__ import annotations

from intents import cues
from intents.dates import LAST, MONTH, MONTHS, THIS, TODAY, WEEK, WEEKDAYS, YEAR, YESTERDAY
from intents.lexicon import CURRENCY, UNITS
from intents.numbers import HALF, MULTIPLIERS, ONES, TENS

FUNCTION = frozenset({
    "a", "an", "the", "to", "from", "for", "of", "and", "or", "with", "by", "at", "on", "in",
    "into", "is", "are", "was", "were", "be", "been", "am", "i", "me", "my", "mine", "we",
    "us", "our", "you", "your", "u", "ur", "he", "him", "his", "she", "her", "they", "them",
    "their", "it", "its", "this", "that", "these", "those", "what", "which", "who", "whom",
    "how", "much", "many", "all", "any", "some", "each", "per", "every", "please", "pls",
    "plz", "now", "just", "only", "also", "so", "too", "very", "then", "than", "rest",
    "later", "already", "not", "did", "do", "does", "done", "has", "have", "had", "can",
    "could", "will", "would", "shall", "should", "may", "might", "get", "add", "added",
    "put", "bro", "sir", "bhai", "boss", "dear", "bhaiya", "madam", "one", "ones", "again",
    "more", "less", "there", "here", "where", "when", "why", "up", "down", "out", "off",
    "as", "if", "but", "about", "after", "before", "back", "still", "yet", "make", "set",
    "change", "update", "tell", "want", "need", "let", "see", "know", "ne", "ko", "se",
    "ka", "ki", "ke", "mein", "main", "pe", "par", "aur", "bhi", "hai", "hain",
    "tha", "thi", "ho", "hua", "hui", "huye", "hue", "gaya", "gayi", "gaye", "gya",
    "kar", "karo", "kardo", "karna", "kiya", "kiye", "kia", "kie", "karke", "karein",
    "krdo", "kro", "de", "dena", "dijiye", "lena", "wala", "wali", "wale", "customer",
    "customers", "abhi", "sab", "sabhi", "saara", "sara", "kuch", "koi", "ye", "yeh", "vo",
    "woh", "wo", "iss", "uss", "mera", "meri", "mere", "tera", "teri", "apna", "apni",
    "hamara", "uska", "uski", "unka", "unki", "ab", "tak", "hi", "toh", "na",
    "paise", "paisa", "paisay", "liye", "wapas", "raha", "rahi", "rahe", "hoga", "hogi",
    "aana", "aane", "aani", "lene", "leni", "dene", "deni", "logon", "logo",
    "sath", "saath", "waala", "waali", "baad", "pehle", "pura", "poora", "sirf", "bas",
    "phir", "fir", "jo", "jab", "agar", "hona", "hone", "ji", "mujhe", "humne", "maine",
    "usne", "unhone", "aap", "tum", "hum", "usko", "isko", "unko", "sabse",
    "someone", "anyone", "everyone", "nobody", "people", "guy",
    "uncle", "aunty", "auntie", "how much", "item", "items",
    "thing", "things", "stuff", "goods", "money", "amount", "rs", "cash", "payment",
    "entry", "message", "messages", "bot", "app", "number", "phone", "whatsapp", "wait",
    "hold", "thanks", "thank", "thx", "shukriya", "dhanyavad", "late", "running",
})  # fmt: skip

_CUE_SETS = (
    cues.SELL, cues.STOCK_IN, cues.PAY, cues.QUESTION, cues.SALES_WORDS, cues.BEST,
    cues.STOCK_Q, cues.LOW, cues.DUES, cues.ADJUST_DAMAGE, cues.ADJUST_EXPIRED,
    cues.ADJUST_COUNT, cues.ADJUST_OTHER, cues.NEW, cues.PRODUCT_NOUN, cues.PRICE,
    cues.INVOICE, cues.SEND, cues.STAFF, cues.UNDO, cues.REMOVE, cues.LAST_ENTRY,
    cues.CONFIRM_CORE, cues.CANCEL_CORE, cues.OPT_OUT, cues.OPT_IN, cues.MESSAGES,
    cues.DATA, cues.EXPORT, cues.ERASE, cues.GREETING, cues.CREDIT, cues.EACH,
    cues.TOTAL_BEFORE, cues.TOTAL_AFTER, frozenset(cues.METHODS),
)  # fmt: skip
_PERIOD = (TODAY | YESTERDAY | LAST | THIS | WEEK | MONTH | YEAR | set(WEEKDAYS) | set(MONTHS)
           | {"parso", "parson", "days", "din", "ago"})  # fmt: skip

STOP: frozenset[str] = frozenset().union(
    FUNCTION, *_CUE_SETS, _PERIOD, CURRENCY, set(ONES), set(TENS), set(MULTIPLIERS), HALF
)
# Cue words that are also ordinary product words: allowed to name a product.
PRODUCT_OK = frozenset({"piece", "water", "tea", "oil", "bread"})


def is_stop(word: str) -> bool:
    """Whether a word is grammar rather than a name."""
    return word in STOP and word not in PRODUCT_OK


def is_unit(word: str) -> bool:
    """Whether a word is a unit of measure or packing."""
    return word in UNITS
