"""a partial index of the outbox's unsent rows, by recipient

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 09:00:00

The courier claims a recipient's oldest unsent message in one statement. With only the
(channel, recipient, id) index, finding it walked every message ever sent to that recipient
and still kept (90 days): 0.3 ms with 50 of them, 3 ms with 20,000, twice for every reply.
This index holds the unsent rows only, so the claim costs the same whatever the history.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = "status IN ('drafting', 'queued', 'sending')"


def upgrade() -> None:
    op.create_index(
        "ix_outbox_waiting",
        "outbox",
        ["channel", "recipient", "id"],
        sqlite_where=sa.text(WAITING),
        postgresql_where=sa.text(WAITING),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_waiting", table_name="outbox")
