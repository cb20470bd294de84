"""Invoice read model -> PDF bytes (A4 or an 80 mm receipt), drawn with reportlab."""

from pdf.errors import FontError, InvoiceDataError, PdfError, UnknownLayoutError
from pdf.render import Layout, render_invoice, render_invoice_async
from pdf.words import amount_in_words, number_in_words

__all__ = [
    "FontError",
    "InvoiceDataError",
    "Layout",
    "PdfError",
    "UnknownLayoutError",
    "amount_in_words",
    "number_in_words",
    "render_invoice",
    "render_invoice_async",
]
