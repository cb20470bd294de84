"""sends in doubt, names asked for, sealed questions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 00:40:00

- outbox.unsure_since: when a send whose outcome is unknown began, so the next try looks the
  message up on the platform before sending it again.
- party.requested_name: the name a customer asked to be called, until the owner approves it.
- pending.payload is now sealed with the log key; open questions written in plain text before
  (they live for minutes) are dropped rather than kept readable.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import ledger.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unsure_since", ledger.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("requested_name", sa.String(), nullable=False, server_default="")
        )
    op.execute("DELETE FROM pending")


def downgrade() -> None:
    with op.batch_alter_table("party", schema=None) as batch_op:
        batch_op.drop_column("requested_name")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("unsure_since")
