"""The parser's view of a shop (its products, parties, currency), kept per process.

Building it reads every product and party; a shop's catalog changes far less often than it
is read, so each process keeps the last one built, checked against `business.catalog_version`
(read with the sender, in the same transaction): any write that changes a name, an alias, a
unit, a price or a product's being active raises the version (ledger/versions.py), and the
next message builds the catalog again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from intents.catalog import Catalog, CatalogParty, CatalogProduct
from intents.parser import ParseContext, Role
from ledger import BusinessView, parties, products, to_major

from ..sender import Sender

# Shops whose parser catalog a process keeps (500 products: about 1 MB with the index).
CATALOG_CACHE_SIZE = 512


class Catalogs:
    """Each shop's parser catalog at the catalog version it was built from."""

    def __init__(self, size: int = CATALOG_CACHE_SIZE) -> None:
        self.size = size
        self._built: dict[int, tuple[int, Catalog]] = {}

    async def context(self, session: AsyncSession, sender: Sender, now: datetime) -> ParseContext:
        """What the parser needs to read this sender's message: their shop's words, their
        role, their local time and language. A customer's catalog names no other customer."""
        role: Role = (
            "owner" if sender.role == "owner" else "staff" if sender.role == "staff" else "customer"
        )
        business = sender.business or (sender.customer_of[0][0] if sender.customer_of else None)
        if business is None:
            return ParseContext(Catalog(), role, now.astimezone(sender.zone))
        catalog = await self.catalog(session, business)
        if sender.role == "customer":
            catalog = self._without_parties(business, catalog)
        return ParseContext(catalog, role, now.astimezone(sender.zone), sender.language)

    def cached_context(self, sender: Sender, now: datetime) -> ParseContext | None:
        """A member's parse context from the cache alone; None when the shop's catalog is not
        built at its current version (then `context` reads it)."""
        business = sender.business
        cached = self._built.get(business.id) if business is not None else None
        if business is None or cached is None or cached[0] != business.catalog_version:
            return None
        role: Role = "owner" if sender.role == "owner" else "staff"
        return ParseContext(cached[1], role, now.astimezone(sender.zone), sender.language)

    async def catalog(self, session: AsyncSession, business: BusinessView) -> Catalog:
        """The shop's catalog, from the cache while its version is the one read just now."""
        cached = self._built.get(business.id)
        if cached is not None and cached[0] == business.catalog_version:
            return cached[1]
        catalog = Catalog(
            products=tuple(
                CatalogProduct(
                    p.name, p.aliases, p.unit, to_major(p.price_minor, business.currency)
                )
                for p in await products(session, business.id)
            ),
            parties=tuple(
                CatalogParty(p.name, "supplier" if p.kind == "supplier" else "customer", p.aliases)
                for p in await parties(session, business.id)
            ),
            currency=business.currency,
            country=business.country,
        )
        self._keep(business.id, business.catalog_version, catalog)
        return catalog

    def _without_parties(self, business: BusinessView, catalog: Catalog) -> Catalog:
        key = -business.id  # the customers' view of a shop, kept beside the full one
        cached = self._built.get(key)
        if cached is not None and cached[0] == business.catalog_version:
            return cached[1]
        view = Catalog(
            products=catalog.products, currency=catalog.currency, country=catalog.country
        )
        self._keep(key, business.catalog_version, view)
        return view

    def _keep(self, key: int, version: int, catalog: Catalog) -> None:
        if key not in self._built and len(self._built) >= self.size:
            self._built.pop(next(iter(self._built)))  # the oldest shop seen
        self._built[key] = (version, catalog)
