"""The pdf package's exceptions; bot/ turns them into a friendly reply."""

from __future__ import annotations


class PdfError(Exception):
    """Base of every error raised by pdf/."""


class UnknownLayoutError(PdfError, ValueError):
    """A layout name that is neither 'a4' nor 'receipt80'."""


class FontError(PdfError):
    """A vendored font file is missing or unreadable."""


class InvoiceDataError(PdfError, ValueError):
    """The read model holds something that cannot be printed (e.g. an unknown time zone)."""
