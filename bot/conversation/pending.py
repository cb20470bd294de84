"""Questions the bot asked and is waiting on: a queue per sender, each expiring after a while.

A question is never dropped without a word. The oldest open one is asked now; a question that
comes up while it is open waits behind it, and one asked as the answer to another (the price of
a new product, after "yes") takes its place at the head. An expired question is remembered for
the rest of the transaction that found it, so a late "yes" is told what was not booked.

A question holds what it would book (names, amounts, a stranger's onboarding answers), so its
payload and the words it was asked in are sealed with the log key, like message text at rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import delete as sa_delete
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession

from consent.crypto import Cipher
from ledger.db import table
from ledger.hot import prebuilt

from ..tables import PendingRow
from .questions import Question, question_from

MAX_WAITING = 10  # questions one sender may leave open at once


@dataclass(frozen=True, slots=True)
class Pending:
    """A question in a sender's queue (its class says what it asks: see questions.py)."""

    question: Question
    prompt: str = ""  # the words it was asked in, to ask again when its turn comes
    id: int | None = field(default=None, compare=False)
    position: int = field(default=0, compare=False)  # its place in the sender's queue


_PENDING = table(PendingRow)
# Built once: every message of a sender reads their queue (Core: nothing here is changed as
# an object; a question dropped is deleted by id).
QUEUE_OF = prebuilt(
    sa_select(_PENDING)
    .where(_PENDING.c.sender_key == bindparam("key"))
    .order_by(_PENDING.c.position, _PENDING.c.id)
)
DROP = prebuilt(sa_delete(_PENDING).where(_PENDING.c.id == bindparam("row_id")))


def _state(session: AsyncSession, key: str) -> dict[str, Any]:
    """What this transaction knows of a sender's questions (the identity map forgets misses)."""
    known: dict[str, dict[str, Any]] = session.info.setdefault("pending", {})
    return known.setdefault(key, {"expired": [], "answered": False})


async def waiting(session: AsyncSession, key: str, now: datetime, cipher: Cipher) -> list[Pending]:
    """The sender's open questions, the one asked now first. Expired ones are deleted and
    remembered (see `expired`); one sealed with another key is deleted (minutes old at most)."""
    state = _state(session, key)
    if "queue" in state:
        return list(state["queue"])
    rows = await session.execute(QUEUE_OF, {"key": key})
    queue: list[Pending] = []
    for row in rows.all():
        try:
            data = json.loads(cipher.open(row.payload))
            question = question_from(row.kind, data["payload"], row.business_id)
        except (ValueError, KeyError, TypeError):
            # sealed with another key (minutes old at most), or of a kind no longer asked
            await session.execute(DROP, {"row_id": row.id})
            continue
        if row.expires_at <= now:
            state["expired"].append(str(data.get("prompt", "")))
            await session.execute(DROP, {"row_id": row.id})
            continue
        prompt = str(data.get("prompt", ""))
        queue.append(Pending(question, prompt, row.id, row.position))
    state["queue"] = queue
    return list(queue)


async def load(session: AsyncSession, key: str, now: datetime, cipher: Cipher) -> Pending | None:
    """The question asked now (the oldest open one), or None."""
    queue = await waiting(session, key, now, cipher)
    return queue[0] if queue else None


def expired(session: AsyncSession, key: str) -> list[str]:
    """The prompts of the sender's questions this transaction found expired, oldest first."""
    return list(_state(session, key)["expired"])


def answered(session: AsyncSession, key: str) -> bool:
    """Whether this transaction took an answer to one of the sender's questions."""
    return bool(_state(session, key)["answered"])


async def save(
    session: AsyncSession,
    key: str,
    question: Question,
    prompt: str,
    now: datetime,
    minutes: int,
    cipher: Cipher,
) -> bool:
    """Ask a question: at the head of the queue when it follows an answer in this transaction,
    else behind the open ones. False (nothing saved) when MAX_WAITING are open already."""
    queue = await waiting(session, key, now, cipher)
    state = _state(session, key)
    front = bool(state["answered"])
    if len(queue) >= MAX_WAITING and not front:
        return False
    # The queue read above holds every open question's place: no second query for the ends.
    places = [q.position for q in queue] or [0]
    position = min(places) - 1 if front else max(places) + 1
    sealed = cipher.seal(
        json.dumps({"payload": question.payload(), "prompt": prompt}, ensure_ascii=False)
    )
    row = PendingRow(
        sender_key=key,
        position=position,
        business_id=question.business_id,
        kind=question.kind,
        payload=sealed,
        expires_at=now + timedelta(minutes=minutes),
    )
    session.add(row)
    await session.flush()
    saved = Pending(question, prompt, row.id, position)
    state["queue"] = [saved, *queue] if front else [*queue, saved]
    return True


async def clear(session: AsyncSession, key: str, question: Pending | None = None) -> None:
    """Take a question off the queue as answered (the one asked now, unless told which)."""
    state = _state(session, key)
    queue: list[Pending] = list(state.get("queue", []))
    target = question or (queue[0] if queue else None)
    if target is None or target.id is None:
        return
    row = await session.get(PendingRow, target.id)
    if row is not None:
        await session.delete(row)
        await session.flush()
    state["queue"] = [q for q in queue if q.id != target.id]
    state["answered"] = True
