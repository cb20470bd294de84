"""Where a shop and its parties are: Indian GST state codes, UAE emirates, and GSTIN checks.

Business.state and Party.state hold what the owner typed ("27", "MH", "Maharashtra", "Dubai");
returns read them through these functions and never guess at text they do not recognise.
"""

from __future__ import annotations

import re

# The GST state code, its name, and the abbreviations people write for it.
_GST_STATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("01", "Jammu and Kashmir", ("JK",)),
    ("02", "Himachal Pradesh", ("HP",)),
    ("03", "Punjab", ("PB",)),
    ("04", "Chandigarh", ("CH",)),
    ("05", "Uttarakhand", ("UK", "UT", "UA", "Uttaranchal")),
    ("06", "Haryana", ("HR",)),
    ("07", "Delhi", ("DL", "New Delhi", "NCT of Delhi", "National Capital Territory of Delhi")),
    ("08", "Rajasthan", ("RJ",)),
    ("09", "Uttar Pradesh", ("UP",)),
    ("10", "Bihar", ("BR", "BH")),
    ("11", "Sikkim", ("SK",)),
    ("12", "Arunachal Pradesh", ("AR",)),
    ("13", "Nagaland", ("NL",)),
    ("14", "Manipur", ("MN",)),
    ("15", "Mizoram", ("MZ",)),
    ("16", "Tripura", ("TR",)),
    ("17", "Meghalaya", ("ML",)),
    ("18", "Assam", ("AS",)),
    ("19", "West Bengal", ("WB",)),
    ("20", "Jharkhand", ("JH",)),
    ("21", "Odisha", ("OD", "OR", "Orissa")),
    ("22", "Chhattisgarh", ("CG", "CT", "Chattisgarh")),
    ("23", "Madhya Pradesh", ("MP",)),
    ("24", "Gujarat", ("GJ",)),
    ("25", "Daman and Diu", ("DD",)),
    ("26", "Dadra and Nagar Haveli and Daman and Diu", ("DN", "DNH", "DNHDD", "DH")),
    ("27", "Maharashtra", ("MH",)),
    ("28", "Andhra Pradesh (before division)", ("Andhra Pradesh Old",)),
    ("29", "Karnataka", ("KA",)),
    ("30", "Goa", ("GA",)),
    ("31", "Lakshadweep", ("LD",)),
    ("32", "Kerala", ("KL",)),
    ("33", "Tamil Nadu", ("TN",)),
    ("34", "Puducherry", ("PY", "Pondicherry")),
    ("35", "Andaman and Nicobar Islands", ("AN",)),
    ("36", "Telangana", ("TS", "TG")),
    ("37", "Andhra Pradesh", ("AP", "AD")),
    ("38", "Ladakh", ("LA",)),
    ("96", "Foreign Country", ()),
    ("97", "Other Territory", ("OT",)),
)

# ISO 3166-2:AE codes, as the FTA's VAT 201 lists the emirates (box 1a to 1g).
_EMIRATES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("AZ", "Abu Dhabi", ("Abudhabi", "AD", "AUH", "أبوظبي", "أبو ظبي")),
    ("DU", "Dubai", ("DXB", "دبي")),
    ("SH", "Sharjah", ("SHJ", "الشارقة")),
    ("AJ", "Ajman", ("AJM", "عجمان")),
    ("UQ", "Umm Al Quwain", ("Umm Al Qaiwain", "UAQ", "أم القيوين")),
    ("RK", "Ras Al Khaimah", ("RAK", "رأس الخيمة")),
    ("FU", "Fujairah", ("FUJ", "Fujeirah", "الفجيرة")),
)

GST_STATES: dict[str, str] = {code: name for code, name, _ in _GST_STATES}
EMIRATES: dict[str, str] = {code: name for code, name, _ in _EMIRATES}


def _key(text: str) -> str:
    """'Jammu & Kashmir' and 'jammu and kashmir' alike: lower case, letters and digits only."""
    return "".join(ch for ch in text.lower().replace("&", "and") if ch.isalnum())


def _index(table: tuple[tuple[str, str, tuple[str, ...]], ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name, others in table:
        for word in (code, name, *others):
            found[_key(word)] = code
    return found


_GST_INDEX = _index(_GST_STATES)
_EMIRATE_INDEX = _index(_EMIRATES)


def gst_state_code(text: str) -> str | None:
    """The 2-digit GST state code of '27', '7', 'MH' or 'Maharashtra'; None if not a state."""
    clean = text.strip()
    if clean.isdigit() and len(clean) <= 2:
        clean = clean.zfill(2)
    return _GST_INDEX.get(_key(clean)) if clean else None


def gst_state_name(code: str) -> str:
    """The name of a GST state code ('27' -> 'Maharashtra'); the code itself if unknown."""
    return GST_STATES.get(code, code)


def emirate_code(text: str) -> str | None:
    """The emirate code of 'DU', 'Dubai', 'dubai' or 'دبي'; None if not an emirate."""
    clean = text.strip()
    return _EMIRATE_INDEX.get(_key(clean)) if clean else None


def emirate_name(code: str) -> str:
    """The name of an emirate code ('DU' -> 'Dubai'); the code itself if unknown."""
    return EMIRATES.get(code, code)


_GSTIN = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][0-9A-Z]Z[0-9A-Z]$")
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def gstin_check_char(first14: str) -> str:
    """The 15th character of a GSTIN: a base-36 Luhn-style check over the first 14."""
    total = 0
    for position, char in enumerate(first14):
        product = _ALPHABET.index(char) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return _ALPHABET[(36 - total % 36) % 36]


def gstin_problem(gstin: str) -> str | None:
    """Why a GSTIN is not valid (None when it is): length, pattern, state code or checksum."""
    text = gstin.strip().upper()
    if len(text) != 15:
        return f"has {len(text)} characters, not 15"
    if not _GSTIN.match(text):
        return "is not in the form 2 digits, PAN, entity number, Z, check character"
    if text[:2] not in GST_STATES:
        return f"starts with {text[:2]}, which is not a state code"
    if gstin_check_char(text[:14]) != text[14]:
        return "has a wrong check character (a typing mistake?)"
    return None


def valid_gstin(gstin: str) -> bool:
    """Whether a GSTIN is well formed with a correct check character."""
    return gstin_problem(gstin) is None


def gst_place(state: str, gstin: str = "") -> str:
    """Where a party (or the shop) is for GST: its state as a code, else its GSTIN's state;
    "" when neither says ("MH", "27" and "Maharashtra" are one place)."""
    code = gst_state_code(state) if state.strip() else None
    if code is None and gstin[:2] in GST_STATES:
        code = gstin[:2]
    return code or ""
