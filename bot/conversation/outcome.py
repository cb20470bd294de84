"""What handling one message produced: replies, and perhaps a question left open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..messages import OutboundReply

if TYPE_CHECKING:
    from .questions import Question


@dataclass(slots=True)
class Outcome:
    """Replies to send, and the question to wait on (if any)."""

    replies: list[OutboundReply] = field(default_factory=list)
    pending: Question | None = None  # asked by the last reply to the sender

    @classmethod
    def say(cls, *texts: str, pending: Question | None = None) -> Outcome:
        """Plain text replies to the sender."""
        return cls([OutboundReply(text=t) for t in texts if t], pending)
