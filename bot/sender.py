"""Who is writing: an owner or staff member of a shop, a customer, or someone new."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from ledger import (
    BusinessView,
    InvalidInput,
    MemberView,
    PartyView,
    get_business,
    members_by_phone,
    normalize_phone,
    parties_by_phone,
)

from .messages import InboundMessage
from .replies import Replies
from .tables import TelegramLink


@dataclass(frozen=True, slots=True)
class Sender:
    """The resolved sender of one message."""

    key: str  # "channel:address", the key of pending questions
    address: str
    role: str | None  # "owner" | "staff" | "customer" | None (unknown)
    language: str
    business: BusinessView | None = None
    member: MemberView | None = None
    customer_of: tuple[tuple[BusinessView, PartyView], ...] = ()
    has_phone: bool = True  # False: the address is a chat id (Telegram), not a phone number
    # A Telegram chat tied by one shop's invoice link: the phone's customer at that shop only.
    scoped_to: int | None = None

    @classmethod
    def of_member(
        cls, msg: InboundMessage, phone: str, member: MemberView, business: BusinessView
    ) -> Sender:
        """The sender who is this shop's member (owner or staff), writing `msg`."""
        return cls(
            f"{msg.channel}:{msg.sender}", phone, member.role, member.language, business, member
        )

    def words(self) -> Replies:
        """The reply templates in the sender's language, with their shop's money (AED when
        they have no shop yet)."""
        return Replies(self.language, self.business.currency if self.business else "AED")

    @property
    def zone(self) -> ZoneInfo:
        """The time zone replies and periods use."""
        if self.business is not None:
            return ZoneInfo(self.business.timezone)
        if self.customer_of:
            return ZoneInfo(self.customer_of[0][0].timezone)
        return ZoneInfo("UTC")


async def resolve(session: AsyncSession, msg: InboundMessage) -> Sender:
    """Find the sender among members first, then customers.

    A Telegram chat is a phone number only once it is linked (a shared contact or a deep
    link); replies still go to the chat, and pending questions stay keyed by it.
    """
    key = f"{msg.channel}:{msg.sender}"
    address = msg.sender
    scope: int | None = None
    if msg.channel == "telegram":
        link = await session.get(TelegramLink, msg.sender)
        if link is None:
            return Sender(key, msg.sender, None, "en", has_phone=False)
        address, scope = link.phone, link.business_id
    try:
        phone = normalize_phone(address)
    except InvalidInput:
        return Sender(key, msg.sender, None, "en", has_phone=False)
    if scope is not None:
        # An invoice link proves only that the shop handed it over: its customer, nothing more.
        for business_id, party in await parties_by_phone(session, phone):
            if business_id == scope:
                business = await get_business(session, business_id)
                return Sender(
                    key, phone, "customer", "en", customer_of=((business, party),), scoped_to=scope
                )
        return Sender(key, msg.sender, None, "en", has_phone=False)
    members = await members_by_phone(session, phone)
    if members:
        member = members[0]
        return Sender.of_member(msg, phone, member, await get_business(session, member.business_id))
    shops = []
    for business_id, party in await parties_by_phone(session, phone):
        shops.append((await get_business(session, business_id), party))
    if shops:
        return Sender(key, phone, "customer", "en", customer_of=tuple(shops))
    return Sender(key, phone, None, "en")
