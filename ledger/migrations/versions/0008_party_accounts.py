"""parties as accounts: one signed balance whatever the kind

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 01:10:00

party.balance_minor was what a customer owed the shop, or what the shop owed a supplier, so a
sale to a supplier raised what the shop "owed" it. It is now one account for every party: what
they owe the shop minus what the shop owes them. Suppliers' balances change sign; customers'
stay as they are.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE party SET balance_minor = -balance_minor WHERE kind = 'supplier'")


def downgrade() -> None:
    op.execute("UPDATE party SET balance_minor = -balance_minor WHERE kind = 'supplier'")
