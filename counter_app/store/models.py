"""SQLAlchemy 2 models of the local order cache, the outbox, the scan audit trail and sync state.

Every schema change comes with an Alembic migration in `migrations/versions/`; a test checks
that autogenerate finds no difference between these models and the migrations.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from counter_app.accounts import LEGACY_KEY
from counter_app.store.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations name constraints stably."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# The orders the "Problems" tab lists (the shop's own problems and the customer's incidents).
_FLAGGED = "problem != '' OR incident != ''"


class OrderRow(Base):
    """One marketplace order, with what the shop added locally (shelf, pickup code, notes)."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The marketplace account's key (`counter_app.accounts`): an order id is unique within
    # its marketplace, not across them.
    marketplace: Mapped[str] = mapped_column(
        String(32), default=LEGACY_KEY, server_default=LEGACY_KEY
    )
    order_id: Mapped[str] = mapped_column(String(64))
    commercial_id: Mapped[str] = mapped_column(String(64), default="")
    remote_state: Mapped[str] = mapped_column(String(40), default="")
    stage: Mapped[str] = mapped_column(String(24))
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    # Case- and accent-folded name, for search and sorting.
    customer_key: Mapped[str] = mapped_column(String(200), default="")
    customer_email: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    total_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    shipping_type_code: Mapped[str] = mapped_column(String(64), default="")
    shipping_type_label: Mapped[str] = mapped_column(String(200), default="")
    shelf: Mapped[str] = mapped_column(String(40), default="")
    # Canonical form (upper case, no separators); unique when set.
    pickup_code: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    collected_till: Mapped[str] = mapped_column(String(64), default="")
    bag_count: Mapped[int] = mapped_column(Integer, default=1)
    # Set when the marketplace contradicts a local action; shown to the owner, cleared by hand.
    problem: Mapped[str] = mapped_column(Text, default="")
    problem_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    raw_json: Mapped[str] = mapped_column(Text, default="")
    # The customer thread opened by OR43 with the ready message (later replies use M12).
    thread_id: Mapped[str] = mapped_column(String(64), default="", server_default="")
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The owner switched reminders off for this order (the customer said when they come).
    reminders_off: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # OR11's flags: the customer wrote (threads are read for it), and an open incident's reason.
    has_customer_message: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    incident: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Cancelled here: its books are on the "back to the shelves" list until put back.
    restock_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    lines: Mapped[list[OrderLineRow]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="OrderLineRow.position",
        lazy="selectin",
    )

    __table_args__ = (
        UniqueConstraint("marketplace", "order_id"),
        Index("ix_orders_order_id", "order_id"),
        Index("ix_orders_commercial_id", "commercial_id"),
        Index("ix_orders_customer_key", "customer_key"),
        Index("ix_orders_customer_email", "customer_email"),
        Index("ix_orders_stage_created_at", "stage", "created_at"),
        # The list filtered to one marketplace: its tab counts and pages read this index.
        Index("ix_orders_marketplace_stage_created_at", "marketplace", "stage", "created_at"),
        Index("ix_orders_stage_deadline_at", "stage", "deadline_at"),
        Index("ix_orders_updated_at", "updated_at"),
        # The tab counts (migration 0006): today's collections, not collected, problems.
        Index("ix_orders_stage_collected_at", "stage", "collected_at", "updated_at"),
        Index("ix_orders_stage_ready_at", "stage", "ready_at"),
        Index(
            "ix_orders_flagged",
            "stage",
            sqlite_where=text(_FLAGGED),
            postgresql_where=text(_FLAGGED),
        ),
    )


class OrderLineRow(Base):
    """One line of an order."""

    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    line_id: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    sku: Mapped[str] = mapped_column(String(64), default="")
    ean: Mapped[str] = mapped_column(String(20), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_price_cents: Mapped[int] = mapped_column(Integer, default=0)
    line_state: Mapped[str] = mapped_column(String(40), default="")

    order: Mapped[OrderRow] = relationship(back_populates="lines")

    __table_args__ = (
        Index("ix_order_lines_order_pk", "order_pk"),
        Index("ix_order_lines_ean", "ean"),
        Index("ix_order_lines_sku", "sku"),
    )


class StageChangeRow(Base):
    """The history of an order's stages, local or remote, for the detail pane."""

    __tablename__ = "stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    from_stage: Mapped[str] = mapped_column(String(24), default="")
    to_stage: Mapped[str] = mapped_column(String(24))
    source: Mapped[str] = mapped_column(String(16))  # "local" or "marketplace"
    till: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_stage_changes_order_pk", "order_pk"),)


class ScanEventRow(Base):
    """Every scan, whatever its verdict: the audit trail of the till."""

    __tablename__ = "scan_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    raw_input: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(24))
    order_pk: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), nullable=True
    )
    till: Mapped[str] = mapped_column(String(64), default="")
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # "scan" for a lookup, "confirm" for a confirmed hand-over, "bag_check" for a slip check.
    kind: Mapped[str] = mapped_column(String(16), default="scan")
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_scan_events_order_pk", "order_pk"),
        Index("ix_scan_events_scanned_at", "scanned_at"),
    )


class OutboxRow(Base):
    """One local action waiting to reach the marketplace, written with its local effect."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), nullable=True
    )
    order_id: Mapped[str] = mapped_column(String(64), default="")
    # The lane: the marketplace account this action goes to (its order's marketplace).
    marketplace: Mapped[str] = mapped_column(
        String(32), default=LEGACY_KEY, server_default=LEGACY_KEY
    )
    action: Mapped[str] = mapped_column(String(32))  # accept, refuse, ready, collect, note
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)  # action time
    till: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # pending → in_flight → sent | failed; in_flight after a crash or timeout = outcome unknown.
    state: Mapped[str] = mapped_column(String(16), default="pending")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Why it waits: "network" (due again once the link is back), "rate_limited" (the time
    # the marketplace asked for), "remote" (the order's remote state), "" (not waiting).
    retry_kind: Mapped[str] = mapped_column(String(16), default="", server_default="")

    __table_args__ = (
        Index("ix_outbox_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_outbox_order_pk", "order_pk"),
    )


class SyncStateRow(Base):
    """Per-resource sync bookkeeping: the marketplace-clock watermark and the last outcome."""

    __tablename__ = "sync_state"

    resource: Mapped[str] = mapped_column(String(64), primary_key=True)
    watermark: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class StoreMetaRow(Base):
    """Facts about the store itself, by key: which marketplace it belongs to, for one.

    `marketplace` is recorded at the first good sync of account `main` (`marketplace:KEY`
    for the shop's other accounts); a store then refuses to sync that account with any other
    marketplace (or the demo), so a shop's waiting collections are never sent elsewhere.
    """

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReminderRow(Base):
    """One reminder of one order: queued (its outbox action waits), sent, skipped or withdrawn.

    Unique per (order, reminder key), so a reminder is queued once whatever till runs the
    schedule and however often; its text is kept as sent, for the order's history.
    """

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(64))
    reminder_key: Mapped[str] = mapped_column(String(32))  # "ready+3", "collect_by-1"
    due_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))
    outbox_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        UniqueConstraint("order_pk", "reminder_key"),
        Index("ix_reminders_order_pk", "order_pk"),
    )


class MessageThreadRow(Base):
    """A customer message thread on an order, as last read (M11), for the detail pane."""

    __tablename__ = "message_threads"

    # Thread ids are the marketplace's: two marketplaces may use the same one.
    marketplace: Mapped[str] = mapped_column(
        String(32), primary_key=True, default=LEGACY_KEY, server_default=LEGACY_KEY
    )
    thread_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    needs_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    # The messages, oldest first, as JSON: [{id, body, sent_at, sender_type, sender_name}].
    messages_json: Mapped[str] = mapped_column(Text, default="[]")
    read_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_message_threads_order_id", "order_id"),)
