"""reminders (per-order switch), customer threads, incidents, books back to the shelves

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import counter_app.store.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # One row per reminder of an order (sent, queued or skipped): the unique key is what
    # makes each reminder go out once, whichever till queues it and however often.
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_pk", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("reminder_key", sa.String(length=32), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", counter_app.store.types.UTCDateTime(), nullable=False),
        sa.Column("sent_at", counter_app.store.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_pk"],
            ["orders.id"],
            name=op.f("fk_reminders_order_pk_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("order_id", "reminder_key", name=op.f("uq_reminders_order_id")),
    )
    op.create_index("ix_reminders_order_pk", "reminders", ["order_pk"], unique=False)
    # The owner can switch reminders off for one order (a customer who said when they come).
    with op.batch_alter_table("orders") as batch:
        batch.add_column(
            sa.Column("reminders_off", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        # OR11's has_customer_message, and the reason of an open incident ("" = none).
        batch.add_column(
            sa.Column(
                "has_customer_message", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("incident", sa.Text(), nullable=False, server_default=""))
        # Cancelled here: its books wait on the "back to the shelves" list.
        batch.add_column(
            sa.Column("restock_pending", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Customer threads as last read (M11), shown in the detail pane.
    op.create_table(
        "message_threads",
        sa.Column("thread_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("updated_at", counter_app.store.types.UTCDateTime(), nullable=False),
        sa.Column("needs_reply", sa.Boolean(), nullable=False),
        sa.Column("messages_json", sa.Text(), nullable=False),
        sa.Column("read_at", counter_app.store.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("thread_id", name=op.f("pk_message_threads")),
    )
    op.create_index("ix_message_threads_order_id", "message_threads", ["order_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_message_threads_order_id", table_name="message_threads")
    op.drop_table("message_threads")
    with op.batch_alter_table("orders") as batch:
        batch.drop_column("restock_pending")
        batch.drop_column("incident")
        batch.drop_column("has_customer_message")
        batch.drop_column("reminders_off")
    op.drop_index("ix_reminders_order_pk", table_name="reminders")
    op.drop_table("reminders")
