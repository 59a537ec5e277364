"""several marketplaces: orders, outbox actions and threads carry their marketplace account

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 19:30:00

An order id is unique within its marketplace, not across them. Everything already in the
store belongs to the single account of earlier versions, which the settings read as `main`.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEGACY_KEY = "main"  # counter_app.accounts.LEGACY_KEY, frozen here as this migration ran


def upgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        batch.add_column(
            sa.Column(
                "marketplace", sa.String(length=32), nullable=False, server_default=LEGACY_KEY
            )
        )
        batch.drop_constraint("uq_orders_order_id", type_="unique")
        batch.create_unique_constraint("uq_orders_marketplace", ["marketplace", "order_id"])
        batch.create_index("ix_orders_order_id", ["order_id"], unique=False)
        batch.create_index(
            "ix_orders_marketplace_stage_created_at",
            ["marketplace", "stage", "created_at"],
            unique=False,
        )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(
            sa.Column(
                "marketplace", sa.String(length=32), nullable=False, server_default=LEGACY_KEY
            )
        )
    # A reminder is one per order (by its row), since two marketplaces may share an order id.
    with op.batch_alter_table("reminders") as batch:
        batch.drop_constraint("uq_reminders_order_id", type_="unique")
        batch.create_unique_constraint("uq_reminders_order_pk", ["order_pk", "reminder_key"])
    with op.batch_alter_table("message_threads", recreate="always") as batch:
        batch.add_column(
            sa.Column(
                "marketplace", sa.String(length=32), nullable=False, server_default=LEGACY_KEY
            )
        )
        batch.drop_constraint("pk_message_threads", type_="primary")
        batch.create_primary_key("pk_message_threads", ["marketplace", "thread_id"])


def downgrade() -> None:
    with op.batch_alter_table("message_threads", recreate="always") as batch:
        batch.drop_constraint("pk_message_threads", type_="primary")
        batch.create_primary_key("pk_message_threads", ["thread_id"])
        batch.drop_column("marketplace")
    with op.batch_alter_table("reminders") as batch:
        batch.drop_constraint("uq_reminders_order_pk", type_="unique")
        batch.create_unique_constraint("uq_reminders_order_id", ["order_id", "reminder_key"])
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("marketplace")
    with op.batch_alter_table("orders") as batch:
        batch.drop_index("ix_orders_marketplace_stage_created_at")
        batch.drop_index("ix_orders_order_id")
        batch.drop_constraint("uq_orders_marketplace", type_="unique")
        batch.create_unique_constraint("uq_orders_order_id", ["order_id"])
        batch.drop_column("marketplace")
