"""One message, tokenized and tagged, with readings computed on demand."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

from intents.dates import Found, find_period
from intents.items import Reading, read_items
from intents.matching import CatalogIndex
from intents.parser import ParseContext
from intents.pieces import Piece
from intents.text import Tok


@dataclass
class Message:
    """One message, tokenized and tagged, with lazily computed readings."""

    text: str
    toks: list[Tok]
    pieces: list[Piece]
    index: CatalogIndex
    ctx: ParseContext

    @cached_property
    def words(self) -> list[str]:
        """Token texts in order."""
        return [t.text for t in self.toks]

    @cached_property
    def wordset(self) -> frozenset[str]:
        """Token texts as a set."""
        return frozenset(self.words)

    @cached_property
    def period(self) -> Found | None:
        """The period or day named, if any."""
        return find_period(self.toks, self.ctx.now)

    @cached_property
    def reading(self) -> Reading:
        """Item lines found."""
        return read_items(self.pieces)

    @cached_property
    def numbers(self) -> list[Piece]:
        """Number pieces that are amounts or quantities (not dates or ordinals)."""
        used = self.period.used if self.period else frozenset()
        return [
            p
            for p in self.pieces
            if p.kind == "num"
            and p.number
            and not p.number.ordinal
            # "this quarter" names a period, not a quarter of something
            and not (p.start in used and self.toks[p.start].kind == "word")
        ]

    def has(self, words: Collection[str]) -> bool:
        """Whether any of the words occurs."""
        return not self.wordset.isdisjoint(words)

    def phrase(self, *phrase: str) -> bool:
        """Whether the words occur in a row."""
        if not phrase or phrase[0] not in self.wordset:
            return not phrase  # (asked for dozens of phrases a message, most not there)
        n = len(phrase)
        return any(tuple(self.words[i : i + n]) == phrase for i in range(len(self.words) - n + 1))

    def kinds(self, kind: str) -> list[Piece]:
        """Pieces of one kind."""
        return [p for p in self.pieces if p.kind == kind]
