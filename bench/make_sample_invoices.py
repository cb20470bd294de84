"""Render the sample invoices and keep page 1 of each as a PNG in docs/ (run from the repo root)."""

from __future__ import annotations

import sys
from pathlib import Path

from pdf import render_invoice
from tests.pdf.factory import samples
from tests.pdf.reading import page_png


def main(out_dir: Path = Path("docs")) -> None:
    """Write docs/<name>.png for every sample invoice."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (view, layout) in samples().items():
        path = out_dir / f"{name}.png"
        scale = 1.5 if layout == "a4" else 2.5  # the roll is narrow; keep its text legible
        path.write_bytes(page_png(render_invoice(view, layout), scale=scale))
        print(path)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
