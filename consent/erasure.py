"""Erasure and rectification: the books are asked to forget a person or a shop
(`ledger.erasure`, which keeps them pseudonymised for the tax-law period), and the log,
consents and notice here forget them too (the chat's own tables are bot/'s to clear)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger.db import rows_changed
from ledger.rights import (
    close_business,
    erase_staff,
    member_phones,
    pseudonymise_person,
    rename_member,
)

from .crypto import Cipher
from .log import forget, redact
from .tables import ConsentRow, NoticeRow

__all__ = [
    "Erased",
    "close_shop",
    "erase_member",
    "erase_person",
    "member_phones",
    "rename_member",
]


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
    done = await pseudonymise_person(session, addresses, business_id)
    if cipher is not None:
        # What the person was called, before the books forgot it: the shops' logs forget it too.
        for shop, words in done.mentions:
            await redact(session, cipher, shop, words)
    log_entries = await forget(session, addresses=addresses, business_id=business_id)
    where: list[ColumnElement[bool]] = [col(ConsentRow.address).in_(addresses)]
    if business_id is not None:
        where.append(col(ConsentRow.business_id) == business_id)
    consents = await session.execute(delete(ConsentRow).where(*where))
    if business_id is None:
        await session.execute(delete(NoticeRow).where(col(NoticeRow.address).in_(addresses)))
    return Erased(parties=done.parties, log_entries=log_entries, consents=rows_changed(consents))


async def close_shop(session: AsyncSession, business_id: int, at: datetime) -> Erased:
    """Close a shop and erase its personal data; its books stay, pseudonymised, until
    `purge_expired_books` deletes them."""
    done = await close_business(session, business_id, at)
    log_entries = await forget(session, addresses=[], business_id=business_id)
    consents = await session.execute(
        delete(ConsentRow).where(col(ConsentRow.business_id) == business_id)
    )
    await session.flush()
    return Erased(
        parties=done.parties,
        members=done.members,
        log_entries=log_entries,
        consents=rows_changed(consents),
    )


async def erase_member(session: AsyncSession, phone: str) -> int:
    """A staff member leaves every shop they work in (see ledger.erasure.erase_staff)."""
    return await erase_staff(session, phone)
