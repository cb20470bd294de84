"""indexes the month-end reads walk: a period's payments, its cancellations, a delivery's lines

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 03:35:00

The accountant's export and the tax returns read a period's payments, the invoices cancelled in
it and each delivery's stock moves; without these they scanned the tables (a month of a
300,000-invoice shop: seconds).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_payment_business_paid", "payment", ["business_id", "paid_at"])
    op.create_index("ix_invoice_business_voided", "invoice", ["business_id", "voided_at"])
    op.create_index("ix_move_purchase", "stockmove", ["purchase_id"])


def downgrade() -> None:
    op.drop_index("ix_move_purchase", table_name="stockmove")
    op.drop_index("ix_invoice_business_voided", table_name="invoice")
    op.drop_index("ix_payment_business_paid", table_name="payment")
