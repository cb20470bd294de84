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


# Words people put around names that are not names: "a new customer called Karim", "yalla",
# "habibi", "sir". And names that are also Hinglish words (saara = all): a name after "to".
NOT_NAMES = frozenset({
    # an occasion the goods are for ("shadi ka order", "wedding order"), and contractions
    # typed without the apostrophe ("who still hasnt paid")
    "shadi", "shaadi", "wedding", "birthday", "function", "mehndi", "walima",
    "party", "dawat", "hasnt", "havent", "didnt", "doesnt", "dont", "wont", "isnt", "cant",
    "called", "named", "yalla", "habibi", "habibti", "sir", "bhai", "boss", "madam", "mam",
    "bro", "brother", "customer", "uncle", "aunty", "bhaiya", "didi", "saab", "sahab", "seth",
    "please", "pls", "plz", "dear", "friend", "guy", "person", "someone", "towards", "new",
    "naya", "nayi", "wala", "wali", "waale", "shukran", "thanks", "thank", "ok", "okay",
    "counter", "shop", "dukan", "dukaan", "walkin", "cash", "karo", "kar",
    # what a Gulf or South Asian shop calls a customer it talks to: brother, uncle, master
    "ikka", "ikkaa", "chetta", "chettan", "chechi", "akhi", "ustad", "ustaad", "chacha",
    "bhaijaan", "bhaijan", "behenji", "bhabhi", "anty", "auntie", "mate",
    # "walk in", "walk-in cust", "guest": a sale to no one in particular, never a new customer
    "walk", "cust", "guest", "anonymous", "retail", "public", "general", "cashsale",
    # "khalas 2 water 1 khubz": done (Gulf Arabic), said before or after an order
    "khalas", "khallas", "khalaas", "yallah", "done", "finished", "finish",
    # where someone lives, said to tell a walk-in apart ("the lady from the 3rd floor"); a
    # mosque or a school may be a customer ("Masjid Al Noor"), so only "ke paas" says where
    "floor", "building", "wing", "gali", "mohalla", "colony", "flat",
    # a writer's doubt, said first: "shayad 3 coke becha" (read back as hedged, never a name)
    "shayad", "shaayad", "shyd", "maybe", "perhaps", "probably",
    # the season or the hour a message is about: "iftar rush - 3 oil", "ramzan ke liye"
    "iftar", "sehri", "suhoor", "ramzan", "ramadan", "ramazan", "eid", "diwali", "holi",
    "rush", "morning", "evening", "night", "festival", "season", "shaam", "sham", "subah",
    "subha", "raat", "dopahar", "dophar",
    # a relation is who someone is to a customer or the owner, not a name: "my nephew faisal"
    "nephew", "niece", "son", "daughter", "cousin", "sister", "wife", "husband", "beta", "beti",
    "bhatija", "bhatiji", "bhanja", "bhanji", "begum", "biwi", "bahu", "lady", "family",
    # whose, said of nobody in particular: "supplier ka kitna dena hai", "kisi ka paisa",
    # "udhaar walon ki list"
    "supplier", "suppliers", "walon", "waalon", "kisi", "sabka", "sabki", "sabke",
    "kiska", "kiski", "kiske", "unka", "unki", "uska", "uski", "iska", "inka", "apna", "apni",
    # "zubair naam bataya": the name was told
    "bataya", "btaya", "batai", "told", "name",
    # what a customer did, said after the word: "customer complained", "customer said"
    "complained", "complaint", "complaining", "said", "says", "asked", "asking", "wanted",
    "wants", "returned",
})  # fmt: skip
