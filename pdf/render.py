"""The entry points: pick a layout, render in the caller's thread or off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any, Literal

from ledger.views import InvoiceView
from pdf.errors import UnknownLayoutError
from pdf.layout_a4 import render_a4
from pdf.layout_receipt import render_receipt

Layout = Literal["a4", "receipt80"]


def render_invoice(view: InvoiceView, layout: Layout | None = None) -> bytes:
    """The invoice as PDF bytes; layout None means the shop's own choice."""
    chosen = layout if layout is not None else view.business.invoice_layout
    if chosen == "a4":
        return render_a4(view)
    if chosen == "receipt80":
        return render_receipt(view)
    raise UnknownLayoutError(f"unknown invoice layout {chosen!r}; use 'a4' or 'receipt80'")


async def render_invoice_async(view: InvoiceView, layout: Layout | None = None) -> bytes:
    """render_invoice in a worker thread, so the event loop keeps serving chats."""
    return await in_worker(render_invoice, view, layout)


async def in_worker(render: Callable[..., bytes], *args: Any) -> bytes:
    """Run a renderer in the PDF worker threads, so the event loop keeps serving chats."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_executor(), render, *args)


@cache
def _executor() -> ThreadPoolExecutor:
    # Rendering is CPU-bound and holds the GIL most of the time; two threads keep the event
    # loop free without letting a burst of invoices crowd out other blocking work.
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="hisaab-pdf")
