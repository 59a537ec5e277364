"""order thread id (OR43) and the outbox's reason for waiting

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The customer thread OR43 opened for the ready message: later replies go to it (M12).
    with op.batch_alter_table("orders") as batch:
        batch.add_column(
            sa.Column("thread_id", sa.String(length=64), nullable=False, server_default="")
        )
    # Why a pending action waits: "network" ones are due again once the link is back,
    # "rate_limited" ones keep the time the marketplace asked for.
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column("retry_kind", sa.String(length=16), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("retry_kind")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("thread_id")
