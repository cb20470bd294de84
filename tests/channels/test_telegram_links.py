"""A Telegram chat becomes a person: a deep link from an invoice, or the person's own contact."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from bot.channels.telegram_router import (
    ASK_CONTACT,
    BAD_LINK,
    LINKED_CONTACT,
    NOT_OWN_CONTACT,
    WELCOME,
)
from bot.messages import InboundMessage
from bot.sender import resolve
from bot.tables import LinkToken
from bot.transport.routing import route
from bot.transport.telegram_links import deep_link
from ledger import BusinessView, Database, PartyView, find_party, members_by_phone
from ledger.types import utcnow
from tests.bot.helpers import conversation, send
from tests.channels.telegram_rig import Rig, telegram_rig
from tests.factories import new_phone, uae_shop
from tests.fakes.telegram_server import USERNAME, contact_update, text_update

_chats = iter(range(8_000_000, 9_000_000))


async def customer(db: Database) -> tuple[BusinessView, PartyView]:
    """A fresh shop and its customer Ahmed Khan (with a phone number)."""
    async with db.session() as session:
        shop = await uae_shop(session)
        ahmed = await find_party(session, shop.id, "Ahmed Khan")
    assert ahmed is not None and ahmed.phone
    return shop, ahmed


async def link_for(db: Database, shop: BusinessView, party: PartyView) -> str:
    """The deep link the owner would forward to the customer."""
    async with db.session() as session:
        return await deep_link(session, shop.id, party.id, USERNAME)


def token_of(link: str) -> str:
    """The token a t.me link carries."""
    return link.split("?start=", 1)[1]


async def open_link(rig: Rig, chat: int, link: str) -> None:
    """The customer taps the link: Telegram sends `/start <token>` from their chat."""
    assert await rig.post(text_update(chat, f"/start {token_of(link)}")) == 200


async def test_a_deep_link_is_an_unguessable_t_me_start_link(db: Database) -> None:
    shop, ahmed = await customer(db)
    first, second = await link_for(db, shop, ahmed), await link_for(db, shop, ahmed)
    assert first.startswith(f"https://t.me/{USERNAME}?start=")
    assert first != second
    token = token_of(first)
    assert len(token) >= 32 and token.replace("-", "").replace("_", "").isalnum()
    async with db.session() as session:
        row = await session.get(LinkToken, token)
    assert row is not None and (row.business_id, row.party_id) == (shop.id, ahmed.id)
    assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)


async def test_opening_the_link_ties_the_chat_to_the_customer(db: Database) -> None:
    shop, ahmed = await customer(db)
    link = await link_for(db, shop, ahmed)
    async with telegram_rig(db, webhook=True) as rig:
        chat = next(_chats)
        await open_link(rig, chat, link)

        assert await rig.link(chat) == ahmed.phone
        [answer] = await rig.outbox(chat)
        assert answer.text.startswith(f"Linked: your invoices from {shop.name}")
        [row] = await rig.inbox(chat)
        assert row.handled_at is not None and row.payload is None  # answered here, once
        assert rig.queued == [1]
        async with db.session() as session:
            # The shop's invoices now go to this chat, and the chat is the shop's customer;
            # what anyone else sends to the phone does not come here.
            channels = frozenset({"telegram", "whatsapp"})
            assert await route(session, ahmed.phone, channels, shop.id) == ("telegram", str(chat))
            assert await route(session, ahmed.phone, channels) == ("whatsapp", ahmed.phone)
            msg = InboundMessage("telegram", str(chat), "m1", datetime.now(UTC), text="hi")
            sender = await resolve(session, msg)
        assert (sender.role, sender.address, sender.key) == (
            "customer",
            ahmed.phone,
            f"telegram:{chat}",
        )


async def test_a_replayed_start_is_answered_once(db: Database) -> None:
    shop, ahmed = await customer(db)
    link = await link_for(db, shop, ahmed)
    async with telegram_rig(db, webhook=True) as rig:
        chat = next(_chats)
        update = text_update(chat, f"/start {token_of(link)}")
        assert await rig.post(update) == 200
        assert await rig.post(update) == 200
        assert len(await rig.outbox(chat)) == 1
        assert await rig.link(chat) == ahmed.phone


async def test_a_link_works_once_so_a_forwarded_link_links_no_one_else(db: Database) -> None:
    shop, ahmed = await customer(db)
    link = await link_for(db, shop, ahmed)
    async with telegram_rig(db, webhook=True) as rig:
        first, stranger = next(_chats), next(_chats)
        await open_link(rig, first, link)
        await open_link(rig, stranger, link)
        assert await rig.link(first) == ahmed.phone
        assert await rig.link(stranger) is None
        [answer] = await rig.outbox(stranger)
        assert (answer.text, answer.purpose) == (BAD_LINK, ASK_CONTACT)


async def test_an_expired_or_made_up_link_links_nothing(db: Database) -> None:
    shop, ahmed = await customer(db)
    link = await link_for(db, shop, ahmed)
    async with db.session() as session:
        row = await session.get(LinkToken, token_of(link))
        assert row is not None
        row.expires_at = utcnow() - timedelta(minutes=1)
    async with telegram_rig(db, webhook=True) as rig:
        late, guesser = next(_chats), next(_chats)
        await open_link(rig, late, link)
        await open_link(
            rig, guesser, f"https://t.me/{USERNAME}?start=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        )
        for chat in (late, guesser):
            assert await rig.link(chat) is None
            assert [m.text for m in await rig.outbox(chat)] == [BAD_LINK]


async def test_sharing_ones_own_contact_links_the_chat_to_that_phone(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat, phone = next(_chats), new_phone()
        # Telegram sends the number with its country code and without the "+".
        assert await rig.post(contact_update(chat, phone.removeprefix("+"))) == 200
        assert await rig.link(chat) == phone
        [answer] = await rig.outbox(chat)
        assert answer.text == LINKED_CONTACT.format(phone=phone)


async def test_someone_elses_contact_links_nothing(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = next(_chats)
        assert await rig.post(contact_update(chat, new_phone(), user_id=chat + 1)) == 200
        assert await rig.link(chat) is None
        [answer] = await rig.outbox(chat)
        assert (answer.text, answer.purpose) == (NOT_OWN_CONTACT, ASK_CONTACT)


async def test_an_unlinked_chat_is_asked_who_it_is_and_reaches_no_conversation(
    db: Database,
) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat = next(_chats)
        assert await rig.post(text_update(chat, "/start")) == 200
        assert await rig.post(text_update(chat, "sold 2 rice")) == 200
        assert all(row.handled_at is not None for row in await rig.inbox(chat))
        answers = await rig.outbox(chat)
        assert [(a.text, a.purpose) for a in answers] == [(WELCOME, ASK_CONTACT)] * 2


async def test_start_in_a_linked_chat_says_which_number_it_is(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat, phone = next(_chats), new_phone()
        assert await rig.post(contact_update(chat, phone)) == 200
        assert await rig.post(text_update(chat, "/start")) == 200
        assert phone in (await rig.outbox(chat))[-1].text


async def test_an_owner_who_shared_their_contact_can_register_a_shop(db: Database) -> None:
    async with telegram_rig(db, webhook=True) as rig:
        chat, phone = next(_chats), new_phone()
        assert await rig.post(contact_update(chat, phone)) == 200
    conv = conversation(db)
    texts = ["hi", f"Telegram Shop {uuid.uuid4().hex[:6]}", "1", "skip"]
    replies = [await send(conv, str(chat), text, channel="telegram") for text in texts]
    assert "What is the shop's name?" in replies[0][0].text
    async with db.session() as session:
        [owner] = await members_by_phone(session, phone)
    assert owner.role == "owner"
