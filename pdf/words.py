"""Amounts in words, as printed under an invoice total ("Rupees One Lakh ... only")."""

from __future__ import annotations

from ledger.money import exponent

_ONES = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
]
_TENS = ["_", "_", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"]

# (major unit, minor unit) as written on invoices; others fall back to the currency code.
_UNITS: dict[str, tuple[str, str]] = {
    "AED": ("UAE Dirhams", "Fils"),
    "INR": ("Rupees", "Paise"),
    "PKR": ("Rupees", "Paisa"),
    "SAR": ("Saudi Riyals", "Halalas"),
    "OMR": ("Omani Rials", "Baisa"),
}
# Scales from the largest down; India counts in lakhs and crores, not millions.
_INDIAN = ((10**7, "Crore"), (10**5, "Lakh"), (1000, "Thousand"), (100, "Hundred"))
_WESTERN = ((10**9, "Billion"), (10**6, "Million"), (1000, "Thousand"), (100, "Hundred"))
_SINGULAR = {"Paise": "Paisa", "Halalas": "Halala", "Cents": "Cent"}
_INDIAN_CURRENCIES = frozenset({"INR", "PKR", "NPR", "BDT"})


def number_in_words(n: int, indian: bool = False) -> str:
    """A whole number in title-case English words: 123 -> 'One Hundred and Twenty-Three'."""
    if n < 0:
        return "Minus " + number_in_words(-n, indian)
    if n == 0:
        return "Zero"
    return " ".join(_words(n, _INDIAN if indian else _WESTERN))


def amount_in_words(minor: int, currency: str) -> str:
    """'UAE Dirhams One Hundred and Five and Fifty Fils only' for 10550 AED."""
    code = currency.upper()
    major_name, minor_name = _UNITS.get(code, (code, "Cents"))
    indian = code in _INDIAN_CURRENCIES
    sign = "Minus " if minor < 0 else ""
    whole, frac = divmod(abs(minor), 10 ** exponent(code))
    if frac == 1:
        minor_name = _SINGULAR.get(minor_name, minor_name)
    if whole == 0 and frac:
        return f"{sign}{number_in_words(frac, indian)} {minor_name} only"
    text = f"{sign}{major_name} {number_in_words(whole, indian)}"
    if frac:
        text += f" and {number_in_words(frac, indian)} {minor_name}"
    return text + " only"


def _words(n: int, scales: tuple[tuple[int, str], ...]) -> list[str]:
    parts: list[str] = []
    for size, name in scales:
        if n >= size:
            count, n = divmod(n, size)
            parts += [*_words(count, scales), name]
    if n:
        # British usage: "One Hundred and Five", "One Lakh Twenty Thousand and Fifty".
        if parts:
            parts.append("and")
        parts.append(_below_hundred(n))
    return parts


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
