"""A message is tokenized and tagged once: the rule engine's reading is the one the doubt
check (whether to read it back) uses (#16: the second tagging was a twentieth of a message's
CPU)."""

from __future__ import annotations

from intents.catalog import Catalog, CatalogProduct
from intents.models import RecordSale
from intents.pieces import tagged
from tests.intents.reading import read


def test_the_doubt_check_reads_the_rule_engines_pieces() -> None:
    catalog = Catalog(products=(CatalogProduct(name="Rice 5kg", aliases=("rice",), unit="bag"),))
    before = tagged.cache_info()
    intent, _asked = read("sold 3 rice 40 each to a new customer", catalog)
    after = tagged.cache_info()
    assert isinstance(intent, RecordSale), intent
    assert after.misses - before.misses == 1  # read once …
    assert after.hits - before.hits >= 1  # … and read again from the cache by the doubt check
