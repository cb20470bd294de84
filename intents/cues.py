"""Cue words that signal intents and slots, in English, Hinglish and (mapped) Arabic."""

from __future__ import annotations

import re

from intents.slots import Category, Method

SELL = frozenset({
    "sold", "sell", "selling", "sld", "solds", "becha", "bechi", "beche", "bech", "bika", "biki",
    "bike", "bikaa", "took", "take", "taken", "bought", "buy", "buys", "liya", "li", "liye",
    "lia", "le", "lene", "kharida", "kharidi", "kharide", "diya", "di", "diye", "dia", "gave",
    "give", "given", "purchase", "purchased",
})  # fmt: skip
SELL_STRONG = frozenset({
    "sold", "sell", "becha", "bechi", "beche", "bech", "bika", "biki", "sale", "sld", "solds",
})  # fmt: skip
STOCK_IN = frozenset({
    "received", "receive", "recieved", "recived", "got", "delivered", "delivery", "arrived",
    "came", "aaya", "aayi", "aaye", "aya", "ayi", "aye", "aa", "mila", "mili", "mile",
    "restock", "restocked", "purchased", "stocked", "unloaded", "incoming", "inward",
})  # fmt: skip
PAY = frozenset({
    "paid", "pay", "payment", "gave", "given", "cleared", "clear", "settled", "settle",
    "deposited", "deposit", "jama", "diye", "diya", "di", "dia", "bheja", "bheje", "sent",
    "transferred", "transfer", "received", "got", "mila", "mile", "advance", "chukaya",
    "chukaye", "chuka", "chukta",
    "bhara", "bhare", "bhari", "wapas", "vapas", "lautaya", "returned",
})  # fmt: skip
# "is", in Hindi as it is typed: "kitni bachi hai", "5 kilo bacha hai"
TO_BE = frozenset({"hain", "hai", "he", "hein", "h"})
QUESTION = frozenset({
    "who", "whom", "kisne", "kis", "kiska", "kiske",
    "how", "what", "whats", "which", "kitna", "kitni", "kitne", "kya", "kaun", "kon", "batao",
    "bata", "btao", "dikhao", "dikha", "show", "tell", "report", "?", "total", "summary",
    "list", "check", "kaisa", "kaisi", "much", "many",
})  # fmt: skip
SALES_WORDS = frozenset({
    "sales", "sale", "salse", "sold", "sell", "selling", "sellers", "seller", "becha", "bechi",
    "beche", "bika", "biki", "bike", "bikri", "bikree", "vikri", "hisaab", "hisab",
    "revenue", "earning", "earnings", "income", "kamai", "kamaai", "galla", "business",
    "dhanda", "turnover", "buy", "bought", "kharida", "kharidi", "purchased", "khareeda",
    "khareedi", "khareede",
})  # fmt: skip
BEST = frozenset({"best", "top", "most", "zyada", "jyada", "zyaada", "sabse", "popular"})
STOCK_Q = frozenset({
    "left", "remaining", "remain", "bacha", "bachi", "bache", "stock", "inventory",
    "khatam", "finished", "low", "available", "bakiya", "khtm", "khatm", "khtam",
})  # fmt: skip
LOW = frozenset({
    "low", "khatam", "finishing", "short", "kam", "reorder", "out", "khtm", "khatm", "khtam",
})  # fmt: skip
DUES = frozenset({
    "owe", "owes", "owed", "owing", "due", "dues", "baaki", "baki", "baqi", "udhaar",
    "udhar", "udhari", "pending", "outstanding", "balance", "lena", "dena", "khata",
    "khaata", "must", "credit",
})  # fmt: skip
ADJUST_DAMAGE = frozenset({
    "broken", "broke", "break", "damaged", "damage", "spoiled", "spoilt", "rotten", "kharab",
    "toot", "tooti", "toota", "toote", "tuta", "tuti", "phat", "phata", "phate", "phatay",
    "phatey", "phati", "leak", "leaked",
    "leaking", "crushed", "spilled", "spilt", "sad", "sada", "sadi", "gala", "burst", "bad",
    "spoil", "rotted", "mouldy", "moldy", "smashed", "torn", "dented", "fell",
    "cracked", "crack", "phoot", "phoota", "phoote", "phooti", "phoot gaye", "phut", "phuta",
    "foot", "foota", "foote", "footi", "futa", "fute", "futi", "tut", "tute",
    "gir", "gira", "giri", "gire",
    # eaten by rats, thrown away: "chuhe ne 3 packet kaat diye, phenk diye"
    "chuhe", "chuha", "chuhon", "rat", "rats", "mice", "chewed", "phenk", "phenka", "phenke",
    "phenki", "pheka", "pheke", "thrown", "threw",
})  # fmt: skip
ADJUST_EXPIRED = frozenset({
    "expired", "expire", "expiry", "expires", "expird", "stale", "xpired", "xpire", "xpiry",
    "xpird", "exp",
})  # fmt: skip
ADJUST_COUNT = frozenset({
    "count", "counted", "counting", "ginti", "gina", "gine", "actual", "actually", "physical",
    "recount", "really", "asal", "asli", "only", "gin", "ginke", "gin ke", "recounted",
    "gini", "gintee",
})  # fmt: skip
# Words that say goods were counted ("ginti ki", "after counting the fridge", "stock gina")
COUNTED = frozenset({
    "count", "counted", "counting", "ginti", "gina", "gine", "gin", "gini", "recount",
    "recounted", "physical",
})  # fmt: skip
ADJUST_OTHER = frozenset({"lost", "missing", "stolen", "chori", "gum", "wastage", "waste"})
NEW = frozenset({"new", "naya", "nayi", "naye", "nya", "nai"})
PRODUCT_NOUN = frozenset({"item", "product", "items", "products", "cheez", "saman", "maal"})
PRICE = frozenset({"price", "rate", "daam", "dam", "bhav", "bhaav", "qeemat", "keemat", "mrp"})
EXPENSE: dict[str, Category] = {
    "rent": "rent", "kiraya": "rent", "kiraaya": "rent", "bhada": "rent", "bhaada": "rent",
    "electricity": "utilities", "bijli": "utilities", "light": "utilities",
    "dewa": "utilities", "water": "utilities", "internet": "utilities", "wifi": "utilities",
    "gas": "utilities", "phone": "utilities", "mobile": "utilities", "recharge": "utilities",
    "utility": "utilities", "utilities": "utilities", "salary": "salary",
    "salaries": "salary", "wages": "salary", "wage": "salary", "tankhwah": "salary",
    "tankha": "salary", "tankhwa": "salary", "pagaar": "salary", "pagar": "salary",
    "dihadi": "salary", "dihari": "salary", "diharii": "salary", "mazdoori": "salary",
    "mazduri": "salary", "majdoori": "salary", "majduri": "salary",
    "transport": "transport", "petrol": "transport", "diesel": "transport",
    "fuel": "transport", "taxi": "transport", "auto": "transport", "rickshaw": "transport",
    "tempo": "transport", "freight": "transport", "cargo": "transport",
    "courier": "transport", "supplies": "supplies", "stationery": "supplies",
    "cleaning": "supplies", "polythene": "supplies", "carry": "supplies", "safai": "supplies",
    "bags": "supplies", "packing": "supplies", "tissue": "supplies",
    # cleaning things: "jhadu pocha phenyl ka kharcha 85"
    "jhadu": "supplies", "jharu": "supplies", "pocha": "supplies", "phenyl": "supplies",
    "broom": "supplies", "mop": "supplies", "detergent": "supplies", "harpic": "supplies",
    "repair": "other", "maintenance": "other", "expense": "other", "expenses": "other",
    "repairs": "other", "repairing": "other", "marammat": "other", "mrammat": "other",
    # the utility companies' names: "LESCO ka bill", "DEWA bill", "BSES bill"
    "lesco": "utilities", "kesc": "utilities", "wapda": "utilities", "sngpl": "utilities",
    "ssgc": "utilities", "ptcl": "utilities", "sewa": "utilities", "fewa": "utilities",
    "addc": "utilities", "bses": "utilities", "mseb": "utilities", "mahavitaran": "utilities",
    "etisalat": "utilities",
    "tankhwaon": "salary", "tankhwahon": "salary", "tankhwahein": "salary",
    "van": "transport", "loading": "transport", "unloading": "transport",
    "kharcha": "other", "kharch": "other", "kharche": "other", "misc": "other",
    "license": "other", "licence": "other", "renewal": "other", "permit": "other",
    "fine": "other", "challan": "other", "fees": "other", "fee": "other",
    "insurance": "other", "advertising": "other", "donation": "other", "chanda": "other",
    "plumber": "other", "electrician": "other", "carpenter": "other", "mistri": "other",
    "painter": "other", "decoration": "other", "decorations": "other", "decor": "other",
    "banner": "other", "banners": "other", "sajawat": "other", "rangoli": "other",
    # the staff's meals: "lunch for boys 45", "ladkon ka khana 120"
    "lunch": "other", "dinner": "other", "breakfast": "other", "nashta": "other",
    "khana": "other", "meal": "other", "meals": "other", "food": "other", "snacks": "other",
}  # fmt: skip
EXPENSE_STRONG = frozenset({"expense", "expenses", "kharcha", "kharch", "kharche", "bill"})
INVOICE = frozenset({"bill", "invoice", "receipt", "raseed", "rasid", "parchi", "inv", "bil"})
SEND = frozenset({
    "send", "bhej", "bhejo", "bhejna", "bhejdo", "whatsapp", "forward", "share", "mail",
    "email", "resend", "snd",
})  # fmt: skip
STAFF = frozenset({
    "staff", "cashier", "employee", "helper", "worker", "salesman", "salesboy", "boy",
    "naukar", "karamchari",
})  # fmt: skip
UNDO = frozenset({"undo", "revert", "rollback", "reverse", "wapas", "vapas"})
REMOVE = frozenset({
    "delete", "remove", "cancel", "hata", "hatao", "mita", "mitao", "void", "galat", "wrong",
    "erase", "scratch",
})  # fmt: skip
LAST_ENTRY = frozenset({"last", "pichli", "pichla", "pichhli", "previous", "entry", "wali"})
CONFIRM = frozenset({
    "yes", "y", "yeah", "yep", "yup", "ya", "ok", "okay", "okk", "k", "confirm", "confirmed",
    "correct", "sure", "haan", "han", "haa", "ha", "hanji", "ji", "jee", "theek", "thik", "sahi",
    "bilkul", "right", "done", "hai", "go", "ahead", "perfect", "kar", "do", "karo", "please",
    "pls", "it", "is", "that", "thats", "s", "book", "save", "proceed", "aiwa", "aywa",
    "aiwah", "naam",
    "tamam", "tamaam", "yalla", "record", "add", "all", "good", "fine", "bhai",
    # said with thanks: "haan sahi hai shukriya", "yes thanks"
    "shukriya", "shukran", "thanks", "thank", "you", "dhanyavad", "dhanyawad",
})  # fmt: skip
CONFIRM_CORE = frozenset({
    "yes", "y", "yeah", "yep", "yup", "ok", "okay", "okk", "confirm", "confirmed", "correct",
    "sure", "haan", "han", "haa", "hanji", "theek", "thik", "sahi", "bilkul", "right", "aiwa",
    "aywa", "aiwah", "naam", "tamam", "tamaam",
})  # fmt: skip
CANCEL = frozenset({
    "no", "n", "nope", "nah", "cancel", "nahi", "nahin", "nai", "na", "mat", "rehne", "rahne",
    "rahu", "raho", "de", "re",
    "do", "dijiye", "chhodo", "chodo", "chod", "leave", "it", "dont", "don", "t", "abort",
    "stop", "karo", "wrong", "galat", "ji", "not", "correct", "save", "book", "hai", "la",
    "laa", "ghalat", "this", "that", "thats", "isko", "please", "pls", "send", "bhejo",
    "bhejna", "wait", "ruko", "ruk", "abhi", "yet", "bhai", "boss", "sir", "likho", "likhna",
    "dein", "den",
    "likh", "karna", "entry", "daalo", "dalo",  # "no wait dont book it"
})  # fmt: skip
CANCEL_CORE = frozenset({
    "no", "n", "nope", "nah", "cancel", "nahi", "nahin", "mat", "rehne", "rahne", "chhodo",
    "chodo", "abort", "leave", "la", "laa",
})  # fmt: skip
OPT_OUT = frozenset({"stop", "unsubscribe", "optout", "opt", "band", "bandh", "mute"})
OPT_IN = frozenset({"start", "subscribe", "resume", "shuru", "chalu", "optin"})
MESSAGES = frozenset({
    "messages", "message", "msg", "msgs", "reminders", "notifications", "sms", "messaging",
    "texting", "texts", "offers", "offer", "promotions", "promos", "ads", "updates",
})  # fmt: skip
DATA = frozenset({"data", "details", "information", "info", "records", "record"})
EXPORT = frozenset({
    "export", "download", "downloaded", "downloading", "send", "bhejo", "bhej", "copy", "give",
    "chahiye", "backup",
})  # fmt: skip
ERASE = frozenset({"delete", "erase", "remove", "mita", "mitao", "hata", "hatao", "forget",
                   "wipe", "clear", "khatam", "mitaa", "mitaen", "mitayen"})  # fmt: skip
GREETING = frozenset({
    "hi", "hello", "hey", "hii", "helo", "salaam", "salam", "assalamualaikum", "namaste",
    "namaskar", "hola", "yo", "good", "morning", "evening", "afternoon", "there", "bhai",
    "sir", "ji", "alaikum", "assalam", "help", "madad", "menu", "commands",
    # the Islamic greeting as people spell it: "assalam o alaikum", "AoA", "walaikum salam"
    "o", "u", "wa", "aoa", "asalam", "asalaam", "assalaam", "assalamu", "salamu", "slm",
    "alaykum", "aleikum", "alekum", "walaikum", "asalamualaikum", "assalamoalaikum",
    "asalamoalaikum", "salamalaikum", "salaamalaikum",
})  # fmt: skip
# Someone paid a wage: "paid the extra helper 150", "ladke ko 600 diye" is salary, not a
# payment to a party.
WAGE_EARNER = STAFF | frozenset({
    "ladka", "ladke", "chhotu", "mazdoor", "majdoor", "labour", "labor", "labourer",
    "karigar", "coolie", "hamal", "hammal",
})  # fmt: skip
HELP_WORDS = frozenset({"help", "madad", "menu", "commands", "guide", "instructions", "features"})
CREDIT = frozenset({"credit", "udhaar", "udhar", "udhari", "khate", "khata", "khaate",
                    "account", "baad", "later", "likh", "likho"})  # fmt: skip
METHODS: dict[str, Method] = {
    "cash": "cash", "naqd": "cash", "nakad": "cash", "nagad": "cash", "card": "card",
    "debit": "card", "visa": "card", "mastercard": "card", "upi": "upi", "gpay": "upi",
    "phonepe": "upi", "paytm": "upi", "bhim": "upi", "qr": "upi", "bank": "bank",
    "neft": "bank", "rtgs": "bank", "imps": "bank", "transfer": "bank", "cheque": "bank",
    "online": "bank", "transferred": "bank", "transfered": "bank", "trnsfr": "bank",
    "ibft": "bank", "chq": "bank", "check": "bank",
}  # fmt: skip
EACH = frozenset({"each", "per", "ea", "rate", "@", "har", "pp", "apiece", "piece"})
TOTAL_BEFORE = frozenset({"for", "total", "in", "=", "worth", "mein", "me", "ko", "totl"})
TOTAL_AFTER = frozenset({"total", "ka", "ki", "ke", "mein", "me", "main", "worth", "all",
                         "altogether", "kul", "both", "dono", "donon", "teeno", "saare",
                         "sab", "together"})  # fmt: skip
# "44 for both", "10 for all three", "45 for 3": a total for the items before
FOR_ALL = frozenset({"both", "all", "dono", "them", "everything", "the", "lot", "sab"})
# Payment promised for later: the goods went on credit ("he will pay tomorrow", "paise kal
# dega", "on his account", "पैसे बाद में", "على الحساب").
PAY_LATER = re.compile(
    r"\b(will|gonna|going to|shall|'ll|ll)\s+pay\b|\bpay(s|ing)?\s+(later|tomorrow|next)|"
    # "he will come back to pay", "will come and pay"
    r"\b(will|gonna|'ll|ll)\s+(come\s+(back\s+)?(to|and)|be\s+back\s+to)\s+pay\b|"
    r"\b(tomorrow|later|baad|dega|degi|denge|dedega|next week|end of month)\b|"
    # "kal degi", "parso de dega": the day the money comes, said with its giving
    r"\b(kal|parso)\s+(de|dega|degi|denge|dedega|dedegi|dunga|dungi|doonga|dengi)\b|"
    # "10 diye baaki kal": the rest tomorrow, "paise kal": the money tomorrow (this "kal" is
    # no date of the sale)
    r"\b(baaki|baki|baqi|paise|paisa|pese|paisay|payment)\s+kal\b|"
    r"\b(pays?|paid|gives?|dega|degi|denge)\s+(on|by|next)\s+\w+day\b|"
    r"\b(on|in|to) (his|her|my|the|our|their) (account|acct|acount|accnt|akount|khata)\b|"
    # "put it on Ahmed's account", "ahmed ke account me likh do"
    r"\bon\s+(?:\w+\s+)?\w+(?:'s|’s|s)\s+(?:account|acct|tab)\b|\b(?:account|acct|acount|accnt|akount)\s+(?:me|mein|main|pe|par)\b|"
    # a payment said as not made: "bill is 120 not paid yet", "paise nahi diye", "unpaid"
    r"\b(not|never|nt|didn'?t|havent|haven'?t|hasn'?t)\s+(been\s+|yet\s+)?(paid|pay|payed)\b|"
    r"\bunpaid\b|\b(paise|payment|paisa)\s+(abhi\s+)?(nahi|nhi|nai)\b|"
    r"\b(nahi|nhi)\s+(diye|diya|di|kiya|kiye)\b|"
    r"بعدين|على\s*ال?حساب|حسابه|حسابها|बाद में|उधार",
    re.IGNORECASE,
)
# A day something else happens on, told beside a sale: "his brother's wedding is on saturday",
# "shaadi saturday ko hai" (that day is not the sale's).
EVENT_DAY = re.compile(
    r"\b(is|are|will\s+be|falls)\s+(on\s+)?(this\s+|next\s+)?\w+day\b|"
    r"\b\w+day\s+(ko\s+)?(hai|he|h)\b",
    re.IGNORECASE,
)

# People in the plural, given goods: "5 parle-g diye bachon ko", "coke to the boys"
GROUPS = frozenset({
    "bachon", "bacho", "bachhon", "bachchon", "baccho", "bacchon", "bache", "bachche",
    "ladko", "ladkon", "boys", "girls", "kids", "children", "workers", "mazdoor", "labour",
    "labourers", "logon", "logo", "log", "people", "guys", "ladies", "students",
})  # fmt: skip
# People in a shop's stories, never goods or a supplier's consignment
PEOPLE = frozenset({
    "gentlemen", "sahib", "memsaab", "helper",
    "lady", "man", "guy", "woman", "uncle", "aunty", "auntie", "boy", "girl", "kid", "child",
    "rider", "driver", "neighbour", "neighbor", "wife", "husband", "son", "daughter", "beta",
    "beti", "bahu", "begum", "biwi", "bhabhi", "aadmi", "aurat", "ladka", "ladki", "bacha",
    "baccha", "bachcha", "customer", "family", "guard", "watchman", "chowkidar", "mechanic",
    "teacher", "person", "gentleman", "madam", "sir", "wala", "wali", "waala", "waali",
})  # fmt: skip
