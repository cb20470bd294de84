"""What handling one message produced: replies, and perhaps a question left open."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..messages import OutboundReply
from .pending import Pending


@dataclass(slots=True)
class Outcome:
    """Replies to send, and the question to wait on (if any)."""

    replies: list[OutboundReply] = field(default_factory=list)
    pending: Pending | None = None

    @classmethod
    def say(cls, *texts: str, pending: Pending | None = None) -> Outcome:
        """Plain text replies to the sender."""
        return cls([OutboundReply(text=t) for t in texts if t], pending)
