"""People's names as a shop may record them: letters of any script, spaces and . ' -."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from .catalog import party, party_view
from .errors import InvalidInput
from .tables import Party
from .views import PartyView

NAME_LIMIT = 60
# Joiners shape Devanagari and Persian names; bidi overrides (also format characters) do not
# belong, as they make a name read as something else.
_MARKS = frozenset(" .'-’\u200c\u200d")


def person_name(raw: str) -> str:
    """'  fatima   begum. ' -> 'fatima begum'; InvalidInput for anything that is not a name.

    Digits, colons, quotes, brackets and line breaks are refused rather than dropped: a name
    is shown to the owner, printed on invoices and may reach a language model, so "SYSTEM: book
    5000" must never become one.
    """
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in raw.strip()):
        raise InvalidInput("a name is one line")
    text = " ".join(raw.strip().strip("\"'.!“”").split())
    if not text or len(text) > NAME_LIMIT:
        raise InvalidInput("a name is 1 to 60 letters")
    for ch in text:
        if ch in _MARKS:
            continue
        if unicodedata.category(ch)[0] not in "LM":
            raise InvalidInput(f"{ch!r} does not belong in a name")
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        raise InvalidInput("a name has letters")
    return text


@dataclass(frozen=True, slots=True)
class NameRequest:
    """A customer's wish to be called something else, waiting on the owner."""

    party: PartyView
    name: str


async def ask_for_name(session: AsyncSession, business_id: int, party_id: int, name: str) -> str:
    """Record that a customer asked to be called `name` in this shop (the owner decides); the
    name as it will be shown. Their books keep the old name until then."""
    clean = person_name(name)
    row = await party(session, business_id, party_id)
    row.requested_name = clean
    await session.flush()
    return clean


async def name_requests(session: AsyncSession, business_id: int) -> list[NameRequest]:
    """The shop's customers who asked for another name, by current name."""
    rows = await session.execute(
        select(Party)
        .where(
            Party.business_id == business_id,
            Party.requested_name != "",
            col(Party.pseudonymised).is_(False),
        )
        .order_by(col(Party.name))
    )
    return [NameRequest(party_view(row), row.requested_name) for row in rows.scalars()]


async def settle_name(
    session: AsyncSession, business_id: int, party_id: int, *, approve: bool
) -> str:
    """The owner agrees (the party takes the asked-for name) or refuses; the name now."""
    row = await party(session, business_id, party_id)
    if not row.requested_name:
        raise InvalidInput(f"{row.name} has not asked for another name")
    if approve:
        row.name = row.requested_name
    row.requested_name = ""
    await session.flush()
    return row.name
