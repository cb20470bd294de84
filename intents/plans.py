"""Messages about something that has not happened here: nothing in them is booked.

"tmrw gulf dairy bringing 30 trays eggs, remind me to keep cash ready" is a delivery still to
come; "ravi bol raha tha agle hafte 2000 de dega" a payment promised, not made. Both have the
numbers and names of a write, and both would put in the books what did not take place. They
are said not understood (INTENTS.md has no plan or reminder), which books nothing. So is
another seller's price ("lulu selling the 5kg rice for 35 this week, how do we compete"), and
a question what something costs ("how much is 2 rice for ravi?", booked as a sale before).

A promise of payment beside goods that went is a credit sale ("2 rice ahmed, will pay
tomorrow"), and a message that also says what happened ("le gaya", "sold", "diye") is about
that: neither is a plan.
"""

from __future__ import annotations

from intents.message import Message
from intents.stopwords import is_stop

# A day still to come. "kal" is yesterday as often as tomorrow, and says neither here.
LATER = frozenset({"tomorrow", "tommorow", "tomorow", "parson", "agle", "agla", "agli", "next"})
# Goods on their way, in English with a day to come ("bringing 30 trays tomorrow")
COMING = frozenset({"bringing", "coming", "arriving", "delivering", "sending"})
# and in Hindi, whose future says the day is to come ("amul wala 50 doodh layega")
WILL_COME = frozenset({
    "aayega", "aayegi", "aayenge", "aaega", "aaegi", "ayega", "ayegi", "layega", "layegi",
    "layenge", "laega", "bhejega", "bhejegi", "bhejenge", "pahunchega", "pahunchegi",
})  # fmt: skip
# Money still to be paid: "de dega", "denge".
WILL_PAY = frozenset({"dega", "degi", "denge", "dedega", "dedegi", "dunga", "dungi"})
WILL = frozenset({"will", "gonna", "shall", "going", "ll"})
# Words of a time to come that a loose count may take for goods ("priya 500 dega")
_TO_COME = LATER | WILL_COME | WILL_PAY
# Goods to be ordered ("mangwana padega", "order karna hai", "need to order")
TO_ORDER = frozenset({
    "mangwana", "mangana", "mangwani", "mangwane", "mangani", "order",
    # goods to fetch: "kal mandi se lana hai: pyaz 20 kg …"
    "lana", "laana", "lani", "laani", "kharidna", "kharidni", "kharidne",
})  # fmt: skip
# Goods to buy on a day to come: "tomorrow buy from Al Aweer market: onions 2 bags …"
TO_BUY = frozenset({"buy", "purchase", "get", "pick", "order"})
MUST = frozenset({"padega", "padegi", "padenge", "hai", "hain", "need", "needs", "should", "must"})
# Goods kept for someone: "keep 2 for me", "rakh dena", "reserve"
PUT_ASIDE = frozenset({
    "keep", "reserve", "hold", "rakh", "rakhna", "rakhiye", "rakhdo", "rakhde",
    "pick", "collect",
})  # fmt: skip
# What happened, said with the plan: then the message is about that ("le gaya, kal dega").
DONE = frozenset({
    "sold", "bought", "took", "taken", "gave", "given", "paid", "received", "came", "delivered",
    "brought", "sent", "diya", "diye", "di", "dia", "liya", "liye", "li", "lia", "gaya", "gayi",
    "gaye", "gya", "gyi", "aaya", "aayi", "aaye", "aya", "ayi", "becha", "bechi", "beche",
    "bheja", "bheje", "mila", "mile", "mili", "kiya", "kiye", "jama", "bika", "biki",
})  # fmt: skip


def not_happened(msg: Message) -> bool:
    """Whether nothing the message names has happened here: a plan or a promise, another
    seller's goods or prices, or a price asked (the rule engine books none of these, and the
    doubt check reads back any engine's write of one)."""
    return planned(msg) or elsewhere(msg) or asks_price(msg)


def planned(msg: Message) -> bool:
    """Whether the message only tells of a delivery or a payment still to come, or asks to be
    reminded: nothing it names has happened yet."""
    if msg.phrase("remind", "me") or any(
        msg.phrase("yaad", w) for w in ("dila", "dilana", "dilao", "dilaana")
    ):
        return True
    if msg.has(DONE):
        return False
    # "agle hafte shaadi season hai, 20 bag atta extra mangwana padega": an order to place
    if msg.has(TO_ORDER) and msg.has(MUST):
        return True
    # "can you keep 2 boxes of dates for me for next thursday? will pick up", "agle hafte 2
    # bag atta chahiye, rakh dena": goods put aside for a customer, not yet taken
    if msg.has(LATER) and msg.has(PUT_ASIDE | {"chahiye", "chahiyeh", "chaiye"}):
        return True
    # "keep 2 milk for fatima", "please reserve a tray for me": an English request to put aside
    # (Hindi "rakh do" is also "put it on the account", so only with a day to come, above)
    kept = msg.has({"for"}) and _keeps_goods(msg)
    if kept and not msg.has({"change", "account", "tab", "khata", "khate", "balance"}):
        return True
    later = msg.has(LATER)
    goods = [
        line
        for line in msg.reading.lines
        if line.explicit_qty and not _TO_COME.intersection(line.product.lower().split())
    ]
    if goods:
        # counted goods on their way, not a credit sale's promise ("2 rice, will pay tomorrow")
        will_bring = msg.has(WILL) and msg.has({"bring", "send", "deliver"})
        to_buy = msg.has(TO_BUY)  # a shopping list for tomorrow
        return msg.has(WILL_COME) or (later and (msg.has(COMING) or will_bring or to_buy))
    if msg.has(WILL_COME | WILL_PAY):
        return True  # "ravi bol raha tha agle hafte 2000 de dega"
    return later and msg.has(WILL) and msg.has({"pay", "bring", "send"})


# Who sells, said before "selling": the shop itself ("we are selling", "selling 2 rice to …")
FIRST_PERSON = frozenset({"i", "we", "im", "i'm", "am", "me", "main", "hum", "ham", "maine"})
# Not a seller: "2 egg tray broken, cant sell", "need to sell", "will sell"
NOT_WHO = frozenset({
    "cant", "cannot", "dont", "wont", "not", "never", "to", "can", "will", "should", "must",
    "could", "would", "nahi", "nhi", "mat", "ll", "gonna", "lets", "let", "didnt", "also",
})  # fmt: skip
SELLING = frozenset({"selling", "sells", "sell", "bech", "bechta", "bechti", "bechte"})


def elsewhere(msg: Message) -> bool:
    """Whether the message tells of another seller's goods or price ("lulu selling the 5kg rice
    for 35", "carrefour sells oil at 18"): not a sale of this shop's."""
    words = msg.words
    # a supplier's price list forwarded ("Forwarded\nGULF DAIRY - PRICE LIST …"): its prices,
    # not this shop's (a forwarded customer's order the owner says to give is a sale)
    listed = any(msg.phrase(a, "list") for a in ("price", "rate", "rates"))
    if listed and len(msg.numbers) >= 2:
        return True
    if msg.has(DONE):
        return False
    if msg.kinds("party"):
        return False
    for n, word in enumerate(words):
        if word not in SELLING or n == 0:
            continue
        m = n - 2 if words[n - 1] in ("is", "are", "was", "ka", "wala", "wale") and n > 1 else n - 1
        who = words[m]
        if who not in FIRST_PERSON and who.isalpha() and not is_stop(who) and who not in NOT_WHO:
            return any(p.kind == "num" for p in msg.pieces)
    return False


def asks_price(msg: Message) -> bool:
    """Whether the message asks what a product costs ("how much is the basmati 10kg bag these
    days?", "atta kitne ka hai?"): a question, never a sale of the one bag asked about."""
    if msg.has(DONE) or not msg.kinds("product"):
        return False
    english = any(msg.phrase("how", "much", w) for w in ("is", "are", "does", "for"))
    # "what does 1 oil cost now?", "what is the price of rice?"
    costs = msg.has({"what", "how"}) and (msg.has({"cost", "costs"}) or msg.phrase("price", "of"))
    english = (english or costs) and not msg.has(
        {"left", "remaining", "stock", "have", "got", "sold"}
    )
    hindi = any(msg.phrase("kitne", w) for w in ("ka", "ki", "ke")) and msg.has({"hai", "hain"})
    return (english or hindi) and (msg.has({"?", "kya"}) or msg.has(NOW_WORDS) or costs)


# "these days", "now", "aaj kal": a price asked of the present
NOW_WORDS = frozenset({"days", "now", "currently", "abhi", "aajkal"})


def _keeps_goods(msg: Message) -> bool:
    """ "keep 2 milk for fatima", "hold a tray for me": asked to keep goods (what follows the
    verb is goods or a count), not "customers keep asking for honey"."""
    words = msg.words
    for n, word in enumerate(words[:-1]):
        if word in ("keep", "reserve", "hold"):
            nxt = words[n + 1]
            goods = any(p.start == n + 1 and p.kind in ("num", "product") for p in msg.pieces)
            if goods or nxt in ("a", "one", "aside", "it", "them", "some", "the"):
                return True
    return False
