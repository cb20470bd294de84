"""Shared fixtures: the eval folder, catalogs and contexts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from intents import Catalog, ParseContext

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "cases"  # not "data/": .gitignore drops those


def eval_dir() -> Path:
    """The shared eval folder: $HISAAB_EVAL_DIR or <repo>/../shared/eval."""
    return Path(os.environ.get("HISAAB_EVAL_DIR", REPO.parent / "shared" / "eval"))


def load_catalog(folder: Path, shop: str) -> Catalog:
    """A catalog file as a read model."""
    return Catalog.from_json(json.loads((folder / f"catalog_{shop}.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def ae() -> Catalog:
    """The Dubai grocery catalog (a copy kept with the tests)."""
    return load_catalog(DATA, "ae")


@pytest.fixture(scope="session")
def india() -> Catalog:
    """The Indian kirana catalog (a copy kept with the tests)."""
    return load_catalog(DATA, "in")


@pytest.fixture
def ae_ctx(ae: Catalog) -> ParseContext:
    """An owner of the Dubai shop at the catalog's fixed time."""
    assert ae.now is not None
    return ParseContext(catalog=ae, role="owner", now=ae.now)


@pytest.fixture
def in_ctx(india: Catalog) -> ParseContext:
    """An owner of the Indian shop at the catalog's fixed time."""
    assert india.now is not None
    return ParseContext(catalog=india, role="owner", now=india.now)
