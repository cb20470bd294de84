"""questions form a queue per sender

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 01:30:00

`pending` held one question per sender (its key was the sender), so a second question replaced
the first without a word. It now holds a queue: rows of their own, ordered by `position`. Open
questions live for minutes, so the table is recreated empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ledger.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("pending")
    op.create_table(
        "pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("expires_at", ledger.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_sender", "pending", ["sender_key", "position"])
    op.create_index("ix_pending_business_id", "pending", ["business_id"])


def downgrade() -> None:
    op.drop_table("pending")
    op.create_table(
        "pending",
        sa.Column("sender_key", sa.String(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("expires_at", ledger.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sender_key"),
    )
