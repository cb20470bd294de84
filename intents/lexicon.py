"""Word lists: script-specific words mapped to Hinglish/English, grocery words, units, currency."""

from __future__ import annotations

# Whole Devanagari words that the letter-by-letter transliteration gets wrong or ambiguous.
DEVANAGARI_WORDS: dict[str, str] = {
    "में": "mein", "मे": "me", "दिए": "diye", "दिये": "diye", "दिया": "diya", "दी": "di",
    "रुपये": "rupaye", "रुपए": "rupaye", "रुपया": "rupaya", "रु": "rs", "किलो": "kilo",
    "है": "hai", "हैं": "hain", "की": "ki", "का": "ka", "के": "ke", "को": "ko", "ने": "ne",
    "से": "se", "और": "aur", "आज": "aaj", "कल": "kal", "परसों": "parso", "चावल": "chawal",
    "बेचा": "becha", "बेची": "bechi", "बेचे": "beche", "बिक्री": "bikri", "कितना": "kitna",
    "कितनी": "kitni", "कितने": "kitne", "बचा": "bacha", "बची": "bachi", "बचे": "bache",
    "बाकी": "baaki", "बाक़ी": "baaki", "उधार": "udhaar", "लिया": "liya", "ली": "li", "लिए": "liye",
    "दाल": "dal", "चीनी": "cheeni", "दूध": "doodh", "अंडे": "ande", "अंडा": "anda", "आलू": "aloo",
    "प्याज": "pyaz", "प्याज़": "pyaz", "तेल": "tel", "आटा": "atta", "नमक": "namak", "साबुन": "sabun",
    "चाय": "chai", "पानी": "pani", "टमाटर": "tamatar", "दर्जन": "darjan", "पैकेट": "packet",
    "बोतल": "botal", "हुई": "hui", "हुआ": "hua", "था": "tha", "थी": "thi", "जमा": "jama",
    "हाँ": "haan", "हां": "haan", "नहीं": "nahi", "ठीक": "theek", "एक": "ek", "दो": "do",
    "तीन": "teen", "चार": "char", "पांच": "paanch", "पाँच": "paanch", "छह": "chhah", "सात": "saat",
    "आठ": "aath", "नौ": "nau", "दस": "das", "सौ": "sau", "हजार": "hazaar", "हज़ार": "hazaar",
    "लाख": "lakh", "करोड़": "crore", "डेढ़": "dedh", "ढाई": "dhai", "आधा": "aadha", "साढ़े": "saade",
    "पौने": "paune", "सवा": "sava", "स्टॉक": "stock", "बिल": "bill", "भेजो": "bhejo",
    "भेज": "bhej", "दो।": "do", "हफ्ते": "hafte", "महीने": "mahine", "साल": "saal",
    "पिछले": "pichle", "इस": "is", "गया": "gaya", "गई": "gayi", "बिका": "bika", "बिकी": "biki",
}  # fmt: skip

# Arabic-script words mapped onto the English/Hinglish words the grammar understands.
ARABIC_WORDS: dict[str, str] = {
    "بعت": "sold", "بعنا": "sold", "بيع": "sold", "باع": "sold", "بعته": "sold",
    "اشتريت": "purchased", "اشترينا": "purchased", "شريت": "purchased",
    "اشترى": "bought", "اشترت": "bought", "أخذ": "took", "اخذ": "took", "أخذت": "took",
    "استلمت": "received", "استلمنا": "received", "وصل": "received", "وصلت": "received",
    "حليب": "milk", "خبز": "bread", "تمر": "dates", "تمور": "dates", "بيض": "eggs",
    "سكر": "sugar", "رز": "rice", "أرز": "rice", "ارز": "rice", "شاي": "tea", "زيت": "oil",
    "بصل": "onion", "طماطم": "tomato", "بندورة": "tomato", "ماء": "water", "مياه": "water",
    "مويه": "water", "صابون": "soap", "شامبو": "shampoo", "كولا": "cola", "كوكا": "coca",
    "جبن": "cheese", "دجاج": "chicken", "لحم": "meat", "طحين": "flour", "دقيق": "flour",
    "ملح": "salt", "قهوة": "coffee", "عصير": "juice", "موز": "banana", "تفاح": "apple",
    "لبن": "laban", "زبدة": "butter", "عدس": "lentils", "بطاطا": "potato", "بطاطس": "potato",
    "واحد": "one", "واحدة": "one", "اثنين": "two", "اثنان": "two", "إثنين": "two",
    "ثلاثة": "three", "ثلاث": "three", "أربعة": "four", "اربعة": "four", "اربع": "four",
    "خمسة": "five", "خمس": "five", "ستة": "six", "سبعة": "seven", "ثمانية": "eight",
    "تسعة": "nine", "عشرة": "ten", "عشر": "ten", "نص": "half", "نصف": "half",
    "كيلو": "kg", "كغ": "kg", "كجم": "kg", "علبة": "box", "علب": "box", "كرتون": "carton",
    "حبة": "piece", "حبات": "piece", "ربطة": "packet", "كيس": "bag", "أكياس": "bag",
    "اكياس": "bag", "قنينة": "bottle", "زجاجة": "bottle", "لتر": "litre", "غرام": "gram",
    "درزن": "dozen", "دزينة": "dozen", "صينية": "tray", "كرتونة": "tray",
    "درهم": "aed", "دراهم": "aed", "ريال": "riyal", "روبية": "rupees",
    "و": "and", "من": "from", "إلى": "to", "الى": "to", "ل": "to", "على": "on", "في": "in",
    "المجموع": "total", "مجموع": "total", "الإجمالي": "total", "الاجمالي": "total",
    "الكل": "total", "للواحد": "each", "الواحد": "each", "لكل": "each", "كم": "how much",
    "المبيعات": "sales", "مبيعات": "sales", "اليوم": "today", "أمس": "yesterday",
    "امس": "yesterday", "البارحة": "yesterday", "الأسبوع": "week", "الاسبوع": "week",
    "الشهر": "month", "هذا": "this", "هذه": "this", "الماضي": "last", "باقي": "left",
    "بقي": "left", "المخزون": "stock", "مخزون": "stock", "لازم": "must", "ادفع": "pay",
    "أدفع": "pay", "دفع": "paid", "دفعت": "paid", "مدفوع": "paid", "نقدا": "cash",
    "نقداً": "cash", "كاش": "cash", "بطاقة": "card", "كارت": "card", "دين": "credit",
    "آجل": "credit", "اجل": "credit", "نعم": "yes", "ايوه": "yes", "أيوه": "yes", "اي": "yes",
    "تمام": "ok", "لا": "no", "كلا": "no", "إلغاء": "cancel", "الغاء": "cancel",
    "تراجع": "undo", "مرحبا": "hi", "السلام": "salaam", "هلا": "hi", "مساعدة": "help",
    "فاتورة": "invoice", "الفاتورة": "invoice", "ارسل": "send", "أرسل": "send",
    "ابعث": "send", "منتهي": "expired", "انتهى": "expired", "انتهت": "expired",
    "مكسور": "broken", "انكسر": "broken", "تالف": "damaged", "قليل": "low", "ناقص": "low",
    "لكم": "you", "لك": "you", "عليكم": "you", "بيانات": "data", "بياناتي": "my data",
    "احذف": "delete", "امسح": "delete", "توقف": "stop", "ايقاف": "stop", "سعر": "price",
    "السعر": "price", "جديد": "new", "راتب": "salary", "رواتب": "salary", "إيجار": "rent",
    "ايجار": "rent", "كهرباء": "electricity", "مواصلات": "transport",
}  # fmt: skip

# Arabic given names, spelled as shop catalogs usually write them in Latin letters.
ARABIC_NAMES: dict[str, str] = {
    "أحمد": "ahmed", "احمد": "ahmed", "محمد": "mohammed", "فاطمة": "fatima", "فاطمه": "fatima",
    "جون": "john", "علي": "ali", "خالد": "khalid", "عمر": "omar", "يوسف": "yousuf",
    "مريم": "maryam", "عائشة": "aisha", "حسن": "hassan", "حسين": "hussain",
    "إبراهيم": "ibrahim", "ابراهيم": "ibrahim", "سارة": "sara", "ليلى": "layla",
    "راشد": "rashid", "عبدالله": "abdullah", "مصطفى": "mustafa", "نور": "noor",
    "زينب": "zainab", "سعيد": "saeed", "سلمان": "salman", "ماريا": "maria",
}  # fmt: skip

# General grocery words in Hindi/Urdu/Arabic (romanised) -> an English word to look up.
GROCERY: dict[str, tuple[str, ...]] = {
    "cheeni": ("sugar",), "chini": ("sugar",), "shakkar": ("sugar",), "sukkar": ("sugar",),
    "doodh": ("milk",), "dudh": ("milk",), "haleeb": ("milk",), "halib": ("milk",),
    "anda": ("eggs", "egg"), "ande": ("eggs", "egg"), "anday": ("eggs", "egg"),
    "unda": ("eggs", "egg"), "bayd": ("eggs", "egg"), "baid": ("eggs", "egg"),
    "chawal": ("rice",), "chaawal": ("rice",), "chaval": ("rice",), "ruz": ("rice",),
    "khubz": ("bread",), "khubus": ("bread",), "pav": ("bread",), "pao": ("bread",),
    "double roti": ("bread",), "tamar": ("dates",), "tamr": ("dates",), "khajoor": ("dates",),
    "khajur": ("dates",), "chai": ("tea",), "shai": ("tea",), "chay": ("tea",),
    "chai patti": ("tea",), "patti": ("tea",), "tel": ("oil",), "zait": ("oil",),
    "zeit": ("oil",), "pyaz": ("onion",), "pyaaz": ("onion",), "piyaz": ("onion",),
    "kanda": ("onion",), "basal": ("onion",), "tamatar": ("tomato",), "tamater": ("tomato",),
    "tamatim": ("tomato",), "banadora": ("tomato",), "sabun": ("soap",), "saabun": ("soap",),
    "saboon": ("soap",), "pani": ("water",), "paani": ("water",), "mai": ("water",),
    "moya": ("water",), "atta": ("flour", "wheat flour"), "aata": ("flour", "wheat flour"),
    "maida": ("flour",), "daqeeq": ("flour",), "aloo": ("potato",), "alu": ("potato",),
    "batata": ("potato",), "namak": ("salt",), "milh": ("salt",), "dal": ("dal", "lentils"),
    "daal": ("dal", "lentils"), "adas": ("lentils",), "ghee": ("ghee",),
    "makhan": ("butter",), "makkhan": ("butter",), "dahi": ("curd", "yogurt"),
    "laban": ("laban", "yogurt"), "paneer": ("paneer", "cheese"), "jibn": ("cheese",),
    "kela": ("banana",), "kele": ("banana",), "mauz": ("banana",), "seb": ("apple",),
    "tuffah": ("apple",), "gosht": ("meat",), "lahm": ("meat",), "murgi": ("chicken",),
    "murgh": ("chicken",), "dajaj": ("chicken",), "machli": ("fish",), "samak": ("fish",),
    "sarson": ("mustard",), "sarso": ("mustard",), "biskut": ("biscuit",),
    "namkeen": ("snacks",), "qahwa": ("coffee",), "kahwa": ("coffee",), "coffee": ("coffee",),
    "sharbat": ("juice",), "juice": ("juice",), "haldi": ("turmeric",), "mirchi": ("chilli",),
    "mirch": ("chilli",), "adrak": ("ginger",), "lehsun": ("garlic",), "dhaniya": ("coriander",),
    "shampu": ("shampoo",), "eggs": ("egg",), "egg": ("eggs",), "coke": ("coca cola",),
    "pepsi": ("pepsi",), "cola": ("coca cola",), "noodles": ("maggi",), "chips": ("chips",),
}  # fmt: skip

UNITS: dict[str, str] = {
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilos": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilogramme": "kg", "kgm": "kg", "g": "g", "gm": "g", "gms": "g", "gram": "g", "grams": "g",
    "gramme": "g", "l": "l", "ltr": "l", "ltrs": "l", "litre": "l", "litres": "l", "liter": "l",
    "liters": "l", "ml": "ml", "dozen": "dozen", "dozens": "dozen", "dz": "dozen",
    "doz": "dozen", "darjan": "dozen", "pcs": "piece", "pc": "piece", "piece": "piece",
    "pieces": "piece", "nos": "piece", "pis": "piece", "bag": "bag", "bags": "bag",
    "bori": "bag", "sack": "bag", "sacks": "bag", "box": "box", "boxes": "box", "dabba": "box",
    "dibba": "box", "dabbe": "box", "carton": "carton", "cartons": "carton", "ctn": "carton",
    "tray": "tray", "trays": "tray", "bottle": "bottle", "bottles": "bottle", "btl": "bottle",
    "botal": "bottle", "packet": "packet", "packets": "packet", "pkt": "packet",
    "pkts": "packet", "pack": "pack", "packs": "pack", "paket": "packet", "can": "can",
    "cans": "can", "tin": "tin", "tins": "tin", "loaf": "loaf", "loaves": "loaf", "jar": "jar",
    "jars": "jar", "bundle": "bundle", "bundles": "bundle", "case": "case", "cases": "case",
    "crate": "crate", "crates": "crate", "unit": "unit", "units": "unit", "roll": "roll",
    "rolls": "roll", "pouch": "pouch", "tube": "tube",
}  # fmt: skip
# Which catalog unit words count as the same unit (so "2 packet maggi" does not convert).
UNIT_FAMILY = {"pack": "packet", "packet": "packet", "pouch": "packet", "litre": "l"}
WEIGHT_TO_KG = {"g": "0.001", "kg": "1"}
VOLUME_TO_L = {"ml": "0.001", "l": "1"}

CURRENCY = frozenset({
    "aed", "dhs", "dh", "dhs.", "dirham", "dirhams", "derham", "rs", "rs.", "inr", "rupees",
    "rupee", "rupaye", "rupay", "rupaiye", "rupaiya", "rupaya", "rupye", "rupe", "rupya", "₹",
    "riyal", "riyals", "sar", "qar", "usd", "$", "bucks", "fils", "paisa", "paise", "rupiya",
})  # fmt: skip
