"""telegram links scoped to one shop's customer

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 21:50:00

A chat tied by an invoice's deep link is a customer of the issuing shop only; a chat tied by
the person's own shared contact (business_id NULL) is that phone everywhere. Links made by a
deep link before this revision held the phone everywhere: they cannot be told apart from
shared contacts, so they are dropped and the person shares their contact or opens a new link.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("telegram_link", schema=None) as batch_op:
        batch_op.add_column(sa.Column("business_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_telegram_link_business_id", "business", ["business_id"], ["id"]
        )
    # Every earlier link may have come from a deep link: none is trusted as a proven phone.
    op.execute("DELETE FROM telegram_link")


def downgrade() -> None:
    with op.batch_alter_table("telegram_link", schema=None) as batch_op:
        batch_op.drop_constraint("fk_telegram_link_business_id", type_="foreignkey")
        batch_op.drop_column("business_id")
