"""what month end needs: HSN per product, a party's GSTIN/TRN, pay links, the reminder ladder

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 03:00:00

GSTR-1 needs the HSN of each product and the GSTIN of each registered buyer; VAT 201 and the
invoice need the recipient's TRN. Dues reminders carry a pay link (UPI in India, a link setting
elsewhere) and go out on a ladder of days per shop. An owner may have the day's chart attached
to the end-of-day summary.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hsn", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tax_id", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("payment_link", sa.String(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("reminder_days", sa.String(), nullable=False, server_default="3,7,15")
        )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("daily_chart", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_column("daily_chart")
    with op.batch_alter_table("business", schema=None) as batch_op:
        batch_op.drop_column("reminder_days")
        batch_op.drop_column("payment_link")
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_column("tax_id")
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_column("hsn")
