"""E.164 phone numbers, the key of members and customers."""

from __future__ import annotations

import unicodedata

from .errors import InvalidInput

# International dialling codes of the countries a shop can register in.
CALLING_CODES = {"AE": "971", "IN": "91", "PK": "92"}


def calling_code(country: str) -> str:
    """The dialling code of a shop's country ('' when not known), for local numbers."""
    return CALLING_CODES.get(country.upper(), "")


def normalize_phone(raw: str, default_country_code: str = "") -> str:
    """'+971 50 123 4567' -> '+971501234567'; refuses anything that is not a phone number."""
    # Any script's digits count as the digits they are ("+٩٧١…" is "+971…"): one phone, one key.
    text = "".join(_ascii_digit(ch) for ch in raw.strip())
    if text.startswith("whatsapp:"):
        text = text[len("whatsapp:") :]
    digits = "".join(ch for ch in text if "0" <= ch <= "9")
    if text.startswith("00"):
        digits = digits[2:]
    elif not text.startswith("+"):
        if not default_country_code:
            raise InvalidInput(f"{raw!r} is not a phone number with a country code (+…)")
        digits = default_country_code + digits.lstrip("0")
    if not 8 <= len(digits) <= 15:
        raise InvalidInput(f"{raw!r} is not a phone number")
    return "+" + digits


def _ascii_digit(ch: str) -> str:
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)
