"""The database fixture migrates both backends."""

from ledger import Database, products
from tests.factories import uae_shop


async def test_a_new_shop_has_its_catalog(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        names = [p.name for p in await products(s, shop.id)]
    assert names == ["Milk 1L", "Rice 5kg", "Soap"]
