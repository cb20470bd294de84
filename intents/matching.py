"""Fuzzy matching of written product and party names against the shop's catalog."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.lexicon import GROCERY, UNITS
from intents.translit import skeleton

_MEASURE = re.compile(r"^\d+(?:\.\d+)?[a-z]*$")
# Words that name a kind of business, not a particular one: never a party key on their own.
GENERIC_BUSINESS = frozenset({
    "traders", "trading", "trader", "distributor", "distributors", "dairy", "farms", "farm",
    "store", "stores", "mart", "supermarket", "enterprises", "enterprise", "co", "company",
    "llc", "general", "supplies", "supplier", "suppliers", "foods", "food", "wholesale",
    "agency", "agencies", "brothers", "bros", "sons", "and", "the", "international", "group",
    "market", "shop", "kirana", "center", "centre", "corp", "industries", "fze", "fzco", "est",
    "wholesalers", "distribution", "services", "bhai", "ji",
})  # fmt: skip


# Short forms people write for common names: "mohd" is Mohammed, not a new customer.
NICKNAMES = {
    "mohd": "mohammed", "md": "mohammed", "muhd": "mohammed", "mohamed": "mohammed",
    "muhammad": "mohammed", "mohammad": "mohammed", "mohamad": "mohammed", "mhd": "mohammed",
    "abdul": "abdul", "ahmad": "ahmed", "ahmd": "ahmed", "fatma": "fatima", "fathima": "fatima",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit:
    """A catalog entry a phrase matched, with a score 0..1 and rivals when ambiguous."""

    name: str
    score: float
    candidates: tuple[str, ...] = ()


def singular(word: str) -> str:
    """A crude English singular ("tomatoes" -> "tomato", "loaves" -> "loaf")."""
    if len(word) > 4 and word.endswith("ves"):
        return word[:-3] + "f"
    if len(word) > 4 and word.endswith(("oes", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def phonetic(text: str) -> str:
    """Spelling-insensitive key: doubled letters, long vowels, w/v, ph/f, th/t folded."""
    text = text.replace("ph", "f").replace("th", "t").replace("w", "v").replace("ee", "i")
    text = text.replace("oo", "u").replace("z", "j").replace("q", "k").replace("kh", "k")
    out = ""
    for ch in text:
        if not out or ch != out[-1]:
            out += ch
    return out


def key_of(words: Sequence[str]) -> str:
    """Normal form of a phrase for exact lookup."""
    return " ".join(singular(w) for w in words if w)


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s.]", " ", text.lower().replace("-", " ")).split()


class CatalogIndex:
    """Lookup tables over one catalog's product and party names, built once."""

    def __init__(self, catalog: Catalog) -> None:
        self.products: dict[str, CatalogProduct] = {p.name: p for p in catalog.products}
        self.parties: dict[str, CatalogParty] = {p.name: p for p in catalog.parties}
        self._exact: dict[str, set[str]] = defaultdict(set)
        self._phon: dict[str, set[str]] = defaultdict(set)
        self._word: dict[str, set[str]] = defaultdict(set)
        self._word_skel: dict[str, set[str]] = defaultdict(set)  # "mlk": milk without vowels
        for product in catalog.products:
            for text in (product.name, *product.aliases):
                words = _words(text)
                bare = [w for w in words if not _MEASURE.match(w)]
                plain = [w for w in bare if w not in UNITS]
                for variant in (words, bare, plain):
                    if variant:
                        self._exact[key_of(variant)].add(product.name)
                        self._phon[phonetic(key_of(variant))].add(product.name)
                for w in plain:
                    self._word[singular(w)].add(product.name)
                    if len(w) >= 4 and w.isalpha():
                        self._word_skel[skeleton(singular(w))].add(product.name)
        self._keys = list(self._phon)
        self._party_full: dict[str, set[str]] = defaultdict(set)
        self._party_word: dict[str, set[str]] = defaultdict(set)
        self._party_skel: dict[str, set[str]] = defaultdict(set)
        self._party_first: set[str] = set()  # first names, or a business's first word
        for party in catalog.parties:
            for text in (party.name, *party.aliases):
                words = _words(text)
                if words:
                    self._party_first.add(words[0])
                for n in range(1, len(words) + 1):
                    self._party_full[" ".join(words[:n])].add(party.name)
                for w in words:
                    if w not in GENERIC_BUSINESS and len(w) >= 3:
                        self._party_word[w].add(party.name)
                        self._party_skel[skeleton(w)].add(party.name)
        self._party_keys = list(self._party_word)

    @classmethod
    def of(cls, catalog: Catalog) -> CatalogIndex:
        """The index of a catalog, cached on the catalog itself."""
        index = catalog._cache.get("index")
        if not isinstance(index, CatalogIndex):
            index = cls(catalog)
            catalog._cache["index"] = index
        return index

    def product(self, words: Sequence[str]) -> Hit | None:
        """The product a phrase names, if any (exact, another language's word, or fuzzy)."""
        best: Hit | None = None
        for variant, penalty in _variants(words):
            hit = self._product_once(variant)
            if hit is not None:
                hit = Hit(hit.name, round(hit.score * penalty, 3), hit.candidates)
                if best is None or hit.score > best.score:
                    best = hit
            if best is not None and best.score >= 0.99:
                break
        return best

    def _product_once(self, words: Sequence[str]) -> Hit | None:
        key = key_of(words)
        for table, score in ((self._exact, 1.0), (self._phon, 0.95)):
            names = table.get(key if table is self._exact else phonetic(key))
            if names:
                return _pick(names, score)
        if len(words) > 1:
            # every word points at the same product ("arhar daal", "basmati rice bag")
            sets = [
                self._word.get(singular(w)) or self._unvowelled(w) for w in words if w not in UNITS
            ]
            if sets and all(sets):
                common = set.intersection(*[s for s in sets if s])
                if common:
                    return _pick(common, 0.9)
            return self._fuzzy(key, 88)
        word = singular(words[0])
        if word in self._word:
            return _pick(self._word[word], 0.8)
        if len(word) >= 4:
            # a brand that starts with the plain word ("milk" -> "Milkpak")
            prefixed = {n for w, names in self._word.items() if w.startswith(word) for n in names}
            if prefixed:
                return _pick(prefixed, 0.75)
        short = self._unvowelled(word)
        if short:
            return _pick(short, 0.7)  # "mlk", "brd": a guess, read back
        if len(word) < 4:
            return None
        swapped = self._transposed(word)
        if swapped:
            # "mlik", "sugra": two letters swapped, a typo the ratio below scores too low;
            # a guess, so its score keeps the sale read back
            return _pick(swapped, 0.7)
        return self._fuzzy(key, 80 if len(word) >= 5 else 85)

    def _unvowelled(self, word: str) -> set[str] | None:
        """The products a word typed without its vowels may be ("mlk", "brd", "dbl")."""
        if len(word) >= 3 and word.isalpha() and not _VOWELS.intersection(word[1:]):
            return self._word_skel.get(skeleton(word))
        return None

    def _transposed(self, word: str) -> set[str]:
        """The products whose word this one is, with two neighbouring letters swapped."""
        found: set[str] = set()
        for n in range(1, len(word) - 1):  # the first letter stays, as in _fuzzy
            if word[n] == word[n + 1]:
                continue
            swapped = word[:n] + word[n + 1] + word[n] + word[n + 2 :]
            found |= self._word.get(swapped, set())
        return found

    def _fuzzy(self, key: str, cutoff: int) -> Hit | None:
        query = phonetic(key)
        for found, score, _ in process.extract(query, self._keys, scorer=fuzz.ratio, limit=3):
            if score >= cutoff and found[:1] == query[:1]:
                return _pick(self._phon[found], score / 100 * 0.9)
        return None

    def party(self, words: Sequence[str], arabic: bool = False) -> Hit | None:
        """The known party a phrase names, if any; ambiguous first names keep candidates."""
        words = [NICKNAMES.get(w, w) for w in words]
        text = " ".join(words)
        if text in self._party_full:
            return _pick(self._party_full[text], 1.0)
        if len(words) == 1:
            word = words[0]
            if word in self._party_word:
                # "sharma ji" may be any Sharma: a surname alone is a guess, read back first
                return _pick(self._party_word[word], 0.95 if word in self._party_first else 0.85)
            if len(word) >= 4:
                query = phonetic(word)
                for found, score, _ in process.extract(
                    word, self._party_keys, scorer=fuzz.ratio, limit=3
                ):
                    if found[:1] == word[:1] and (score >= 80 or phonetic(found) == query):
                        return _pick(self._party_word[found], max(score, 85) / 100 * 0.95)
            if len(word) == 3 and word.isalpha():
                # "jon" for John: a short first name with one letter left out inside it (the
                # first and last kept), a guess that is always read back (score below sure)
                short = [f for f in self._party_first if len(f) == 4 and _one_left_out(word, f)]
                if short:
                    return _pick(set().union(*(self._party_word[f] for f in short)), 0.75)
            skel = skeleton(word)
            if len(skel) >= 3 and skel in self._party_skel and (arabic or len(word) >= 5):
                return _pick(self._party_skel[skel], 0.85 if arabic else 0.75)
        return None


def _variants(words: Sequence[str]) -> list[tuple[list[str], float]]:
    out: list[tuple[list[str], float]] = [(list(words), 1.0)]
    joined = " ".join(words)
    if joined in GROCERY:
        out += [(meaning.split(), 0.97) for meaning in GROCERY[joined]]
    elif any(w in GROCERY for w in words):
        for n, w in enumerate(words):
            for meaning in GROCERY.get(w, ()):
                out.append(([*words[:n], *meaning.split(), *words[n + 1 :]], 0.95))
    return out


_VOWELS = frozenset("aeiouy")


def _one_left_out(word: str, name: str) -> bool:
    """Whether `word` is `name` with one inner letter left out ("jon", "john")."""
    if word[0] != name[0] or word[-1] != name[-1]:
        return False
    return any(name[:k] + name[k + 1 :] == word for k in range(1, len(name) - 1))


def _pick(names: set[str], score: float) -> Hit:
    ordered = sorted(names)
    if len(ordered) == 1:
        return Hit(ordered[0], score)
    return Hit(ordered[0], min(score, 0.5), tuple(ordered))
