"""Rough Devanagari and Arabic-script to Latin transliteration, good enough to match names."""

from __future__ import annotations

import unicodedata

_DEVA_CONS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j",
    "झ": "jh", "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t",
    "थ": "th", "द": "d", "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh",
    "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s",
    "ह": "h", "ळ": "l",
}  # fmt: skip
_DEVA_NUKTA = {"क": "q", "ख": "kh", "ग": "g", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_DEVA_VOWELS = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ee", "उ": "u", "ऊ": "oo", "ऋ": "ri", "ए": "e",
    "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e",
}  # fmt: skip
_DEVA_MATRAS = {
    "ा": "aa", "ि": "i", "ी": "ee", "ु": "u", "ू": "oo", "ृ": "ri", "े": "e", "ै": "ai",
    "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e",
}  # fmt: skip
_VIRAMA, _NUKTA = "्", "़"
_NASAL = {"ं": "n", "ँ": "n", "ः": "h"}

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "aa", "ٱ": "a", "ب": "b", "پ": "p", "ت": "t", "ث": "th",
    "ج": "j", "چ": "ch", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ھ": "h", "ة": "a", "و": "w", "ؤ": "w", "ي": "y", "ی": "y",
    "ى": "a", "ئ": "y", "ے": "e", "ء": "",
}  # fmt: skip


def is_devanagari(word: str) -> bool:
    """Whether the word is written in Devanagari."""
    return any("\u0900" <= ch <= "\u097f" for ch in word)


def is_arabic(word: str) -> bool:
    """Whether the word is written in Arabic script (Arabic, Urdu, Persian letters)."""
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def devanagari_to_latin(word: str) -> str:
    """Transliterate one Devanagari word into Hinglish-style Latin letters."""
    out: list[str] = []
    chars = list(unicodedata.normalize("NFC", word))
    i = 0
    while i < len(chars):
        ch = chars[i]
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        if ch in _DEVA_CONS:
            cons = _DEVA_CONS[ch]
            if nxt == _NUKTA:
                cons = _DEVA_NUKTA.get(ch, cons)
                i += 1
                nxt = chars[i + 1] if i + 1 < len(chars) else ""
            out.append(cons)
            if nxt in _DEVA_MATRAS:
                out.append(_DEVA_MATRAS[nxt])
                i += 1
            elif nxt == _VIRAMA:
                i += 1
            elif (nxt and (nxt in _DEVA_CONS or nxt in _NASAL)) or not nxt:
                out.append("a*")  # inherent vowel; schwa deletion decides below
        elif ch in _DEVA_VOWELS:
            out.append(_DEVA_VOWELS[ch])
        elif ch in _NASAL:
            out.append(_NASAL[ch])
        elif ch in _DEVA_MATRAS:
            out.append(_DEVA_MATRAS[ch])
        elif ch != _NUKTA:
            out.append(ch)
        i += 1
    return _schwa(out)


def _schwa(parts: list[str]) -> str:
    # Hindi drops the inherent vowel at the end of a word and before a consonant+vowel
    # that is not the first syllable ("kitanee" -> "kitnee"); keep it otherwise.
    result: list[str] = []
    for n, part in enumerate(parts):
        if part != "a*":
            result.append(part)
            continue
        last = n == len(parts) - 1
        first_syllable = n <= 1
        followed_by_vowel = (
            n + 2 < len(parts) and parts[n + 2] not in ("a*",) and (parts[n + 2][:1] in "aeiou")
        )
        if last and n > 1:
            continue
        if not first_syllable and followed_by_vowel:
            continue
        result.append("a")
    text = "".join(result)
    for long, short in (("aa", "a"), ("ee", "i"), ("oo", "u")):
        if text.endswith(long):
            text = text[: -len(long)] + short
    return text


def arabic_to_latin(word: str) -> str:
    """Transliterate one Arabic-script word letter by letter (vowels are mostly absent)."""
    text = "".join(_ARABIC.get(ch, "" if "\u064b" <= ch <= "\u065f" else ch) for ch in word)
    return text


def skeleton(latin: str) -> str:
    """First letter plus the consonants of the rest, doubles collapsed: matches across scripts."""
    latin = latin.lower()
    if not latin:
        return ""
    rest = "".join(ch for ch in latin[1:] if ch not in "aeiouyw")
    out = latin[0]
    for ch in rest:
        if ch != out[-1]:
            out += ch
    return out
