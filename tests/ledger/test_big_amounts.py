"""Money columns hold amounts far beyond 32 bits on both databases."""

from decimal import Decimal

from ledger import Database, SaleItem, find_party, find_product, sell
from tests.factories import uae_shop


async def test_a_sale_of_thirty_million_dirhams_is_booked_exactly(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        rice = await find_product(s, shop.id, "Rice 5kg")
        ahmed = await find_party(s, shop.id, "Ahmed Khan")
        assert rice is not None and ahmed is not None
        result = await sell(
            s,
            shop.id,
            [SaleItem(rice.id, Decimal(2), 1_500_000_000)],
            party_id=ahmed.id,
            paid="credit",
        )
    async with db.session() as s:
        ahmed = await find_party(s, shop.id, "Ahmed Khan")
    assert result.total_minor == 3_000_000_000  # AED 30,000,000.00
    assert ahmed is not None and ahmed.balance_minor == 3_000_000_000
