"""One worker per key, a bounded number at once: the shape both the inbox (one sender's messages
in order) and the outbox (one recipient's replies in order) need.

`poke(key, *args)` starts a worker for the key, or, when one runs, marks the key so that the
worker looks again before it ends (`again(key)`); a key poked while its worker was already
letting go is handed to `on_more`, so nothing poked is ever dropped between the two.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)


class KeyedWorkerPool(Generic[K]):
    """At most one task per key and `size` tasks at once; a key is never worked twice at once."""

    def __init__(
        self,
        size: int,
        work: Callable[..., Awaitable[None]],
        *,
        name: str,
        on_more: Callable[[K], None] | None = None,
    ) -> None:
        self._slots = asyncio.Semaphore(size)
        self._work = work
        self._name = name
        self._on_more = on_more
        self._active: dict[K, asyncio.Task[None]] = {}
        self._more: set[K] = set()
        self.stopping = False

    def __contains__(self, key: object) -> bool:
        return key in self._active

    def poke(self, key: K, *args: Any) -> None:
        """Start the key's worker (with args), or have the running one look again."""
        if self.stopping:
            return
        if key in self._active:
            self._more.add(key)
        else:
            self._active[key] = asyncio.create_task(self._run(key, args))

    def again(self, key: K) -> bool:
        """Whether the key was poked since the last call (and clear the mark): the worker's
        loop asks this before it ends."""
        if key in self._more:
            self._more.discard(key)
            return True
        return False

    def looked(self, key: K) -> None:
        """The worker is about to look at the key's work: earlier pokes are answered by it."""
        self._more.discard(key)

    def poked(self, key: K) -> bool:
        """Whether the key was poked since the worker last looked (the mark stays)."""
        return key in self._more

    async def stop(self) -> None:
        """Start nothing new and wait for the workers in flight."""
        self.stopping = True
        if self._active:
            await asyncio.gather(*self._active.values(), return_exceptions=True)

    async def _run(self, key: K, args: tuple[Any, ...]) -> None:
        try:
            async with self._slots:
                await self._work(key, *args)
        except Exception:
            log.exception("%s worker for %s stopped", self._name, key)
        finally:
            del self._active[key]
            if self.again(key) and not self.stopping:
                # Poked while this worker was letting go: hand it on.
                if self._on_more is not None:
                    self._on_more(key)
                else:
                    self.poke(key)
