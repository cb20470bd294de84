"""an invoice records the invoice it corrects

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 01:45:00

A correction voids the old invoice (its number stays) and books a new one; `replaces_id` links
the new one to the old, printed as "Replaces INV-…" on the new and "Replaced by INV-…" on the old.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_invoice_replaces_id", "invoice", ["replaces_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("invoice", schema=None) as batch_op:
        batch_op.drop_constraint("fk_invoice_replaces_id", type_="foreignkey")
        batch_op.drop_column("replaces_id")
