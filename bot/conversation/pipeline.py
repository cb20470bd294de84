"""One message's way through the write transaction: a chain of small steps, as aiogram's
middlewares are. Each step is called with the exchange so far and the rest of the chain; it
answers itself (and the rest never runs), or calls `call_next` and may work on what comes
back. The order is the design (see `Conversation.__init__` for the chain production runs):

    privacy.record   log both ways, the notice, the consent question, the consent gate
    Unreadable       a voice note not transcribed, a message too long: say so, parse nothing
    QuestionQueue    the sender's open questions: save the one asked, say what still waits
    privacy.answers  STOP/START, a new name, the answer to an erasure or consent question
    Strangers        a number with no shop registers one
    Commands         language, a name decision, preferences, the shop's settings
    OpenQuestion     the answer to the question asked now (questions.py)
    Parse            the intent (parsed before the transaction, or now), a document made
    privacy.rights   opt out, opt in, export, erase
    Policy           may this role do it?
    Corrections      "no, I meant 3", "INV-0012 should be 150"
    ReadBack         a write in doubt is read back and asked, never booked on a guess
    book             the handler of the intent (handlers.py), in a savepoint

The message is claimed (deduplicated) and its sender read before the chain runs; the slow
parts (a voice transcription, a model call, a PDF) run before the transaction opens
(core.Conversation._prepare), so the chain holds only SQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from consent.crypto import Cipher
from intents.commands import LANGUAGE, NAME_DECISION, NO, YES, word_of
from intents.models import Amend, Intent, RecordPayment, RecordSale, VoidInvoice
from intents.parser import IntentParser, ParseContext, ParseResult
from ledger import LedgerError, find_party, to_minor
from ledger.sales import last_invoice_number
from ledger.shop import set_member_language

from ..messages import InboundMessage, OutboundReply
from ..replies import Replies
from ..sender import Sender
from . import corrections
from . import pending as pending_store
from .accounts import decide_name
from .catalogs import Catalogs
from .dispatch import execute, summary, verdict
from .onboarding import Onboarding, start
from .outcome import Outcome
from .pending import Pending
from .policy import allowed
from .preferences import preference_command
from .questions import Confirm
from .shop_settings import apply_setting, parse_setting

if TYPE_CHECKING:
    from .core import CoreConfig, Prepared

LANGUAGES = {"english": "en", "hinglish": "hi", "hindi": "hi", "arabic": "ar"}


@dataclass(slots=True)
class Exchange:
    """One message inside its write transaction, and what the steps learnt of it so far.

    It is also what a question uses to act on its answer (questions.Answering).
    """

    msg: InboundMessage
    session: AsyncSession
    sender: Sender
    text: str  # what was said: the message, or a voice note's transcript
    via_voice: bool = False
    prepared: Prepared | None = None  # parsed before the transaction opened
    unreadable: str = ""  # why it cannot be read (a voice note not transcribed, too long)
    question: Pending | None = None  # the question asked now (QuestionQueue loads it)
    context: ParseContext | None = None
    result: ParseResult | None = None  # the parse (Parse sets it)
    quiet: bool = False  # leave no trace of this exchange (the person's data was just erased)

    @property
    def now(self) -> datetime:
        return self.msg.received_at

    @property
    def intent(self) -> Intent:
        assert self.result is not None, "Parse runs before the steps that read the intent"
        return self.result.intent

    async def settle(self, question: Pending | None = None) -> None:
        """Take a question (the one asked now, unless told which) off the queue as answered."""
        await pending_store.clear(self.session, self.sender.key, question or self.question)
        if question is None or question == self.question:
            self.question = None

    async def run(self, intent: Intent, *, allow_negative: bool = False) -> Outcome:
        return await execute(
            self.session, self.sender, intent, self.now, allow_negative=allow_negative
        )

    async def book(
        self,
        intent: Intent,
        *,
        allow_negative: bool = False,
        new_products: frozenset[str] = frozenset(),
    ) -> Outcome:
        try:
            async with self.session.begin_nested():
                return await execute(
                    self.session,
                    self.sender,
                    intent,
                    self.now,
                    allow_negative=allow_negative,
                    new_products=new_products,
                )
        except LedgerError as exc:
            reason = str(exc).rstrip(".")
            return Outcome.say(self.sender.words().render("not_booked", message=reason))


Next = Callable[[Exchange], Awaitable[Outcome]]
Step = Callable[[Exchange, Next], Awaitable[Outcome]]


def chain(steps: Sequence[Step], last: Next) -> Next:
    """The steps as one callable: the first step is called first, `last` at the end."""
    handler = last
    for step in reversed(steps):
        handler = _link(step, handler)
    return handler


def _link(step: Step, call_next: Next) -> Next:
    async def linked(ex: Exchange) -> Outcome:
        return await step(ex, call_next)

    return linked


async def book(ex: Exchange) -> Outcome:
    """The end of the chain: run the intent's handler."""
    return await ex.book(ex.intent)


class Unreadable:
    """A message nothing can be read from is answered why, and nothing else happens."""

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        if ex.unreadable:
            return Outcome.say(ex.unreadable)
        return await call_next(ex)


class QuestionQueue:
    """Reads the sender's open questions once; after the rest of the chain, saves the question
    its outcome asks and says where the queue stands (the question still open, or the next
    one once an answer took the last)."""

    def __init__(self, cipher: Cipher, minutes: int) -> None:
        self.cipher = cipher
        self.minutes = minutes

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        session, key, now = ex.session, ex.sender.key, ex.now
        ex.question = await pending_store.load(session, key, now, self.cipher)
        outcome = await call_next(ex)
        # the queue as the rest left it (an answer takes its question off; read from the
        # transaction's copy, not the database)
        before = await pending_store.waiting(session, key, now, self.cipher)
        replies = list(outcome.replies)
        words = Replies(ex.sender.language)
        for gone in [p for p in before if await p.question.moot(session)]:
            # "no wait, it was 50" asked, then "undo": the entry is gone, and so is the question
            await pending_store.clear(session, key, gone)
            # what was asked, without its last line (the "reply yes or no" it no longer wants)
            asked = gone.prompt.rsplit("\n", 1)[0] if "\n" in gone.prompt else gone.prompt
            replies.append(OutboundReply(words.render("question_moot", prompt=asked)))
        if len(replies) > len(outcome.replies):
            before = await pending_store.waiting(session, key, now, self.cipher)
        if outcome.pending is not None:
            prompt = next((r.text for r in reversed(replies) if r.to is None), "")
            saved = await pending_store.save(
                session, key, outcome.pending, prompt, now, self.minutes, self.cipher
            )
            if not saved:
                return Outcome.say(words.render("questions_full", prompt=before[0].prompt))
            queue = await pending_store.waiting(session, key, now, self.cipher)
            if queue[0].id != queue[-1].id and queue[-1].prompt == prompt:
                # One question at a time: the new one is not asked now (its "yes or no" would
                # read as the answer to the first); it is asked when its turn comes.
                kept = [r for r in replies if r.to is not None or r.text != prompt]
                queued = words.render("question_queued", first=queue[0].prompt)
                return Outcome([*kept, OutboundReply(queued)])
            return Outcome(replies)
        if not before:
            return Outcome(replies)
        if pending_store.answered(session, key):
            replies.append(OutboundReply(words.render("question_next", prompt=before[0].prompt)))
        else:
            replies.append(OutboundReply(words.render("still_waiting", prompt=before[0].prompt)))
        return Outcome(replies)


class Strangers:
    """A number that is no one's yet: its owner registers a shop in a few answers."""

    NO_PHONE = (
        "I can only set up a shop for a phone number, and this chat does not tell me yours. "
        "Please message me on WhatsApp to register your shop."
    )

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        if ex.sender.role is not None:
            return await call_next(ex)
        if not ex.sender.has_phone:
            # A shop's owner is a phone number; a Telegram chat id alone cannot own one.
            return Outcome.say(Replies().render("problem", message=self.NO_PHONE))
        asked = ex.question.question if ex.question is not None else None
        if not isinstance(asked, Onboarding):
            return start()
        await ex.settle()
        return await asked.answer(ex, ex.text)


class Commands:
    """Commands said in fixed words, answered before any parse: "language hindi", "approve
    name Ravi", "reminders off", "shop address: …"."""

    def __init__(self, catalogs: Catalogs) -> None:
        self.catalogs = catalogs

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        sender, session, text = ex.sender, ex.session, ex.text
        language = LANGUAGE.match(text)
        if language and sender.member is not None:
            code = LANGUAGES[language.group(1).lower()]
            await set_member_language(session, sender.member.id, code)
            return Outcome.say(Replies(code).render("language_set"))
        decision = NAME_DECISION.match(text)
        if decision and sender.role == "owner":
            approve = decision.group(1).lower() in ("approve", "accept", "allow")
            return await decide_name(session, sender, decision.group(2), approve=approve)
        if sender.member is not None:
            preference = await preference_command(session, sender, text)
            if preference is not None:
                return preference
            setting = parse_setting(text) if sender.business is not None else None
            if setting is not None:
                context = ex.prepared.context if ex.prepared else None
                if context is None:
                    context = await self.catalogs.context(session, sender, ex.now)
                return await apply_setting(session, sender, setting, context.catalog)
        return await call_next(ex)


class OpenQuestion:
    """The message as the answer to the question asked now; if it is not one, it is read as
    a new message and the question stays open (QuestionQueue says so)."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        question = ex.question
        if question is not None:
            answered = await question.question.answer(ex, ex.text)
            if answered is not None:
                await ex.settle(question)
                return answered
        elif word_of(ex.text) in YES | NO:
            gone = pending_store.expired(ex.session, ex.sender.key)
            if gone:
                reply = ex.sender.words().render(
                    "question_expired", prompt=gone[-1], minutes=self.minutes
                )
                return Outcome.say(reply)
        return await call_next(ex)


class Parse:
    """The intent: parsed before the transaction opened (the usual way), or now. A document
    asked for was made then too; words of agreement with nothing to agree to are said so."""

    def __init__(self, parser: IntentParser, catalogs: Catalogs) -> None:
        self.parser = parser
        self.catalogs = catalogs

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        sender, prepared = ex.sender, ex.prepared
        if prepared is not None and prepared.sender.key == sender.key and prepared.text == ex.text:
            if prepared.documents is not None:
                return prepared.documents
            ex.context, ex.result = prepared.context, prepared.result
        else:
            ex.context = await self.catalogs.context(ex.session, sender, ex.now)
            ex.result = await self.parser.parse(ex.text, ex.context)
        name = ex.intent.intent
        if name in ("confirm", "cancel"):
            if ex.question is not None:  # "ok" or "cancel it" in words the answer did not take
                return Outcome()
            return Outcome.say(sender.words().render("nothing_pending"))
        if ex.via_voice and name == "unknown":
            # Say what was heard: the owner sees whether the recording or the wording failed.
            reply = sender.words().render("voice_not_understood", transcript=ex.text[:300])
            return Outcome.say(reply)
        return await call_next(ex)


class Policy:
    """The role decides what may be done, never the message (policy.py's table)."""

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        role = ex.sender.role or "customer"
        if not allowed(role, ex.intent.intent):
            refused = "refused_customer" if role == "customer" else "refused"
            return Outcome.say(ex.sender.words().render(refused))
        return await call_next(ex)


class Corrections:
    """A correction changes the read-back still open, or is read back against what it
    corrects (corrections.py)."""

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        intent = ex.intent
        if not isinstance(intent, Amend):
            return await call_next(ex)
        question = ex.question
        if question is not None and isinstance(question.question, Confirm) and not intent.invoice:
            return await corrections.change_question(ex.session, ex.sender, question, intent)
        return await corrections.correct(ex.session, ex.sender, intent)


async def _against_the_account(session: AsyncSession, sender: Sender, intent: Intent) -> bool:
    """A payment that runs against the party's account: money in from someone who owes
    nothing, or out to someone the shop owes nothing. It may be an advance; it may be the
    wrong name. Read back."""
    if not isinstance(intent, RecordPayment) or sender.business is None or intent.amount <= 0:
        return False  # (a payment of nothing is refused by the books, and said why)
    party = await find_party(session, sender.business.id, intent.party.name)
    if party is None:
        return False  # a new name: the payment's own checks ask about it
    return party.balance_minor <= 0 if intent.direction == "in" else party.balance_minor >= 0


class ReadBack:
    """A write in doubt (intents.doubt: a voice note, a number or name not in the message, an
    unlikely price, a large amount) is read back and booked only on yes."""

    def __init__(self, config: CoreConfig) -> None:
        self.config = config

    async def __call__(self, ex: Exchange, call_next: Next) -> Outcome:
        assert ex.result is not None and ex.context is not None
        sender, intent = ex.sender, ex.intent
        doubt = await verdict(
            ex.session, sender, ex.text, ex.result, ex.context.catalog, ex.via_voice, self.config
        )
        if not doubt.ask and not await _against_the_account(ex.session, sender, intent):
            return await call_next(ex)
        if "overpaid_later" in doubt.reasons and isinstance(intent, RecordSale):
            # no yes can make these numbers agree: say which, and book nothing
            assert isinstance(intent.paid, Decimal)
            line = await summary(ex.session, sender, intent.model_copy(update={"paid": None}))
            replies = sender.words()
            paid = to_minor(intent.paid, replies.currency)
            said = replies.render("paid_more_than_bill", summary=line, paid=paid)
            return Outcome.say(said)
        if isinstance(intent, VoidInvoice) and intent.invoice.lower() == "last" and sender.business:
            # "cancel the last invoice" is read back as the one it is now: a sale booked
            # before the yes must not become the one cancelled
            number = await last_invoice_number(ex.session, sender.business.id)
            if number is not None:
                intent = intent.model_copy(update={"invoice": number})
        question = Confirm(intent, business_id=sender.business.id if sender.business else None)
        replies = sender.words()
        line = await summary(ex.session, sender, intent)
        if ex.via_voice:
            said = replies.render("voice_readback", transcript=ex.text, summary=line)
        else:
            cancel = isinstance(intent, VoidInvoice)
            said = replies.render("confirm_question", summary=line, cancel=cancel)
        return Outcome.say(said, pending=question)
