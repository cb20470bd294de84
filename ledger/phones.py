"""E.164 phone numbers, the key of members and customers."""

from __future__ import annotations

import re

from .errors import InvalidInput

_DIGITS = re.compile(r"\d+")
# International dialling codes of the countries a shop can register in.
CALLING_CODES = {"AE": "971", "IN": "91", "PK": "92"}


def calling_code(country: str) -> str:
    """The dialling code of a shop's country ('' when not known), for local numbers."""
    return CALLING_CODES.get(country.upper(), "")


def normalize_phone(raw: str, default_country_code: str = "") -> str:
    """'+971 50 123 4567' -> '+971501234567'; refuses anything that is not a phone number."""
    text = raw.strip()
    if text.startswith("whatsapp:"):
        text = text[len("whatsapp:") :]
    digits = "".join(_DIGITS.findall(text))
    if text.startswith("00"):
        digits = digits[2:]
    elif not text.startswith("+"):
        if not default_country_code:
            raise InvalidInput(f"{raw!r} is not a phone number with a country code (+…)")
        digits = default_country_code + digits.lstrip("0")
    if not 8 <= len(digits) <= 15:
        raise InvalidInput(f"{raw!r} is not a phone number")
    return "+" + digits
