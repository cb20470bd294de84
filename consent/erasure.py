"""Erasure and rectification in the books and consent records (the chat's own tables are
bot/'s to clear). The books stay, pseudonymised, for the tax-law period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from ledger.db import rows_changed
from ledger.tables import Business, Member, Party

from .crypto import Cipher
from .log import forget, redact
from .tables import ConsentRow, NoticeRow


@dataclass(frozen=True, slots=True)
class Erased:
    """What an erasure changed, in counts (the audit keeps these, never the data)."""

    parties: int = 0
    members: int = 0
    log_entries: int = 0
    consents: int = 0

    def detail(self) -> str:
        """A line for the audit."""
        return (
            f"parties={self.parties} members={self.members} "
            f"log={self.log_entries} consents={self.consents}"
        )


def pseudonym_of(party: Party) -> str:
    """The name a pseudonymised party goes by in the books."""
    return f"{'Supplier' if party.kind == 'supplier' else 'Customer'} #{party.id}"


def _mentions(party: Party) -> dict[str, str]:
    """The ways a party is written in chats (full name, first name, phone with and without
    its "+"), each mapped to the pseudonym that replaces it."""
    stand_in = pseudonym_of(party)
    words: dict[str, str] = {}
    name = " ".join(party.name.split())
    if name:
        words[name] = stand_in
        first = name.split()[0]
        if len(first) >= 3:
            words[first] = stand_in
    if party.phone:
        words[party.phone] = stand_in
        words[party.phone.lstrip("+")] = stand_in
    return words


async def _pseudonymise(session: AsyncSession, parties: list[Party]) -> int:
    for party in parties:
        party.name = pseudonym_of(party)
        party.phone = ""
        party.aliases = ""
        party.pseudonymised = True
    await session.flush()
    return len(parties)


async def erase_person(
    session: AsyncSession,
    addresses: list[str],
    business_id: int | None = None,
    cipher: Cipher | None = None,
) -> Erased:
    """Pseudonymise a person in every shop's books (or in the one shop `business_id`) and
    delete their log, consents and notice there.

    `addresses` are the person's phone and any chat ids tied to it; totals, balances and
    stock are untouched, so every shop's reports stay as they were.
    """
    parties_where: list[ColumnElement[bool]] = [col(Party.phone).in_(addresses)]
    consents_where: list[ColumnElement[bool]] = [col(ConsentRow.address).in_(addresses)]
    if business_id is not None:
        parties_where.append(col(Party.business_id) == business_id)
        consents_where.append(col(ConsentRow.business_id) == business_id)
    found = list((await session.execute(select(Party).where(*parties_where))).scalars())
    # What the person was called, before the books forget it: the shops' logs forget it too.
    mentions = [(p.business_id, _mentions(p)) for p in found]
    parties = await _pseudonymise(session, found)
    if cipher is not None:
        for shop, words in mentions:
            await redact(session, cipher, shop, words)
    log_entries = await forget(session, addresses=addresses, business_id=business_id)
    consents = await session.execute(delete(ConsentRow).where(*consents_where))
    if business_id is None:
        await session.execute(delete(NoticeRow).where(col(NoticeRow.address).in_(addresses)))
    return Erased(
        parties=parties,
        log_entries=log_entries,
        consents=rows_changed(consents),
    )


async def close_shop(session: AsyncSession, business_id: int, at: datetime) -> Erased:
    """Close a shop and erase its personal data; its books stay, pseudonymised, until
    `purge_expired_books` deletes them."""
    business = await session.get(Business, business_id)
    if business is None:
        raise LookupError(f"no shop {business_id}")
    business.closed_at = at
    business.phone = ""
    business.upi_id = ""
    found = await session.execute(select(Party).where(Party.business_id == business_id))
    parties = await _pseudonymise(session, list(found.scalars()))
    members = await session.execute(select(Member).where(Member.business_id == business_id))
    count = 0
    for member in members.scalars():
        member.phone = f"erased-{member.id}"  # unique per shop, and no one's number
        member.name = ""
        member.active = False
        member.daily_summary = False
        count += 1
    log_entries = await forget(session, addresses=[], business_id=business_id)
    consents = await session.execute(
        delete(ConsentRow).where(col(ConsentRow.business_id) == business_id)
    )
    await session.flush()
    return Erased(
        parties=parties,
        members=count,
        log_entries=log_entries,
        consents=rows_changed(consents),
    )


async def erase_member(session: AsyncSession, phone: str) -> int:
    """A staff member leaves every shop they work in, and their name and number with them;
    the sales they booked stay in the books. How many memberships were erased."""
    found = await session.execute(
        select(Member).where(col(Member.phone) == phone, col(Member.role) == "staff")
    )
    count = 0
    for member in found.scalars():
        member.phone = f"erased-{member.id}"
        member.name = ""
        member.active = False
        member.daily_summary = False
        count += 1
    await session.flush()
    return count


async def member_phones(session: AsyncSession, business_id: int) -> list[str]:
    """The phones of a shop's members (to clear their chats before the shop is closed)."""
    found = await session.execute(select(Member.phone).where(Member.business_id == business_id))
    return list(found.scalars())


async def rename_member(session: AsyncSession, address: str, name: str) -> int:
    """Correct a member's name in every shop they work in; how many shops."""
    done = await session.execute(
        update(Member)
        .where(col(Member.phone) == address, col(Member.active).is_(True))
        .values(name=name)
    )
    return rows_changed(done)
