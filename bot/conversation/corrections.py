"""Corrections by chat: "no, I meant 3", "INV-2026-0012 should be 150 not 100".

A correction of a read-back still waiting for its yes changes that question. A correction of
something booked is read back first ("Correct INV-2026-0012 to: …"), and on yes it is one
change: the old entry is voided (its number stays), the corrected one is booked, and a new
invoice says which one it replaces. Nothing is booked when the correction does not fit the
entry: the owner is asked to say it in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncSession

from intents.amend import apply
from intents.models import AddStock, Amend, Intent, RecordExpense, RecordPayment, RecordSale
from intents.slots import PartyRef
from ledger import LedgerError, is_undone, to_major
from ledger.corrections import Booked, invoice_entry, last_entry, link_replacement, replace_entry
from ledger.errors import NotFound, NothingToUndo

from ..sender import Sender
from . import pending as pending_store
from .dispatch import summary
from .outcome import Outcome
from .pending import Pending
from .questions import Answering, Confirm, YesNo


class _Abandon(Exception):
    """The corrected entry needs a question of its own: the correction is rolled back."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("abandoned")
        self.outcome = outcome


async def change_question(
    session: AsyncSession, sender: Sender, question: Pending, change: Amend
) -> Outcome:
    """Apply a correction to the read-back still open, and ask again."""
    replies = sender.words()
    asked = question.question
    assert isinstance(asked, Confirm)
    new = apply(asked.intent, change)
    if new is None:
        return Outcome.say(replies.render("amend_unclear"))
    await pending_store.clear(session, sender.key, question)
    line = await summary(session, sender, new)
    return Outcome.say(
        replies.render("question_changed", summary=line),
        pending=Confirm(new, business_id=asked.business_id),
    )


async def correct(session: AsyncSession, sender: Sender, change: Amend) -> Outcome:
    """Read back what a booked entry becomes with the correction; booked on yes (`book`)."""
    assert sender.business is not None and sender.member is not None
    replies = sender.words()
    bid = sender.business.id
    try:
        if change.invoice and change.invoice.lower() != "last":
            booked = await invoice_entry(session, bid, change.invoice)
        else:
            booked = await last_entry(session, bid, sender.member.id)
    except (NotFound, NothingToUndo) as exc:
        return Outcome.say(replies.render("amend_nothing", message=str(exc)))
    if sender.role != "owner" and booked.member_id != sender.member.id:
        return Outcome.say(replies.render("refused"))
    new = apply(entry_intent(booked, sender.business.currency), change)
    if new is None:
        return Outcome.say(replies.render("amend_unclear"))
    line = await summary(session, sender, new)
    question = AmendEntry(
        new, booked.operation_id, booked.label, booked.invoice_id, business_id=bid
    )
    return Outcome.say(
        replies.render("amend_question", old=booked.label, summary=line), pending=question
    )


@dataclass(frozen=True, slots=True)
class AmendEntry(YesNo):
    """ "Correct INV-2026-0012 to: …?": on yes, one change voids the entry and books the new."""

    kind: ClassVar[str] = "amend"
    intent: Intent
    operation: int  # the booked entry's operation, voided on yes
    label: str = ""  # how the entry was named ("INV-2026-0012")
    invoice_id: int | None = None  # its invoice: the new one records that it replaces it

    async def moot(self, session: AsyncSession) -> bool:
        """The entry was undone after the question was asked: nothing is left to correct."""
        return self.business_id is not None and await is_undone(
            session, self.business_id, self.operation
        )

    async def agreed(self, turn: Answering) -> Outcome:
        sender = turn.sender
        assert sender.business is not None and sender.member is not None
        replies = sender.words()
        bid = sender.business.id
        try:
            async with turn.session.begin_nested():
                await replace_entry(turn.session, bid, self.operation)
                outcome = await turn.run(self.intent, allow_negative=True)
                if outcome.pending is not None:
                    raise _Abandon(outcome)
                if self.invoice_id is not None and isinstance(self.intent, RecordSale):
                    await link_replacement(turn.session, bid, self.invoice_id, sender.member.id)
        except _Abandon as stop:
            said = " ".join(r.text for r in stop.outcome.replies if r.to is None)
            return Outcome.say(replies.render("amend_failed", message=said))
        except LedgerError as exc:
            return Outcome.say(replies.render("amend_failed", message=str(exc)))
        return Outcome(
            [*Outcome.say(replies.render("amend_done", old=self.label)).replies, *outcome.replies]
        )


def entry_intent(booked: Booked, currency: str) -> Intent:
    """A booked entry said again as the intent that would book it."""
    party = PartyRef(name=booked.party, matched=True, score=1.0) if booked.party else None
    method = booked.method or None
    if booked.kind in ("sale", "stock_in"):
        if booked.paid_minor >= booked.total_minor:
            paid: object = "full"
        elif booked.paid_minor == 0:
            paid = "credit"
        else:
            paid = to_major(booked.paid_minor, currency)
        sale = booked.kind == "sale"
        price = "unit_price" if sale else "unit_cost"
        items = [
            {
                "product": line.product,
                "qty": line.qty,
                price: _major(line.unit_price_minor, currency),
                "matched": True,
                "score": 1.0,
            }
            for line in booked.lines
        ]
        # A delivery with no cost owed nothing, so it has no payment to say.
        terms = paid if sale or booked.total_minor else None
        data = {"items": items, "party": party, "paid": terms, "method": method}
        return RecordSale.model_validate(data) if sale else AddStock.model_validate(data)
    if booked.kind == "payment":
        assert party is not None
        return RecordPayment(
            party=party,
            amount=to_major(booked.total_minor, currency),
            direction="out" if booked.direction == "out" else "in",
            method=method,
        )
    return RecordExpense.model_validate(
        {"amount": to_major(booked.total_minor, currency), "category": booked.category}
    )


def _major(minor: int | None, currency: str) -> object:
    return None if minor is None else to_major(minor, currency)
