"""a version counter of each shop's catalog

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 03:00:00

The parser's catalog (products, prices, aliases, parties) is cached per shop in each process;
every write that changes it raises `business.catalog_version` in the same transaction, and the
conversation compares the number it read with the sender (no extra query) with its cache's,
so no process serves a price older than the write that changed it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("catalog_version", sa.BigInteger(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("catalog_version")
