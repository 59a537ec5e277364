"""The scan service: resolves a scan against the local store, confirms collections, checks bags.

Everything here works offline, from the SQLite cache alone. A scan is one indexed query (pickup
code, order id and commercial id are all indexed; the item count is a subquery), one read of the
sync state, and one audit row in `scan_events` whatever the verdict. No method raises on bad
input: any failure is the `error` verdict, logged.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Collection
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from counter_app.accounts import LEGACY_KEY
from counter_app.domain.scan import (
    BagCheck,
    Candidates,
    MatchKind,
    ScanResult,
    Verdict,
    extract_candidates,
    stage_verdict,
)
from counter_app.domain.scan_matching import (
    OrderMatch,
    bag_check,
    bag_error,
    marketplaces_of,
    result_for,
    scan_result,
    server_unreachable_result,
    simple_result,
)
from counter_app.domain.scan_messages import Message
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.database import server_unreachable
from counter_app.store.models import OrderLineRow, OrderRow, ScanEventRow, SyncStateRow
from counter_app.store.order_scope import find_order_row
from counter_app.store.records import AmbiguousOrderError
from counter_app.store.repository import OrderNotFoundError, Repository
from counter_app.store.sync_state import resource_for
from counter_app.store.types import utcnow

log = logging.getLogger(__name__)

# More matches than this is ambiguous anyway; the limit keeps a silly scan cheap.
_MAX_MATCHES = 20
_RAW_INPUT_KEPT = 500  # characters of the raw scan kept in the audit trail


_ITEM_COUNT = (
    select(func.coalesce(func.sum(OrderLineRow.quantity), 0))
    .where(OrderLineRow.order_pk == OrderRow.id)
    .scalar_subquery()
    .label("item_count")
)
_MATCH_COLUMNS = (
    OrderRow.id,
    OrderRow.order_id,
    OrderRow.marketplace,
    OrderRow.commercial_id,
    OrderRow.pickup_code,
    OrderRow.stage,
    OrderRow.customer_name,
    OrderRow.shelf,
    OrderRow.bag_count,
    OrderRow.notes,
    OrderRow.collected_at,
    OrderRow.collected_till,
)


# Statements built once: building them per scan costs more than SQLite takes to answer.
# Expanding bind parameters keep one cached statement whatever the number of candidates.
_FIND = (
    select(*_MATCH_COLUMNS, _ITEM_COUNT)
    .where(
        or_(
            OrderRow.pickup_code.in_(bindparam("codes", expanding=True)),
            OrderRow.order_id.in_(bindparam("ids", expanding=True)),
            OrderRow.commercial_id.in_(bindparam("ids", expanding=True)),
        )
    )
    .limit(_MAX_MATCHES)
)
# The sync state of the accounts a verdict depends on (one row each).
_SYNC_STATE = select(
    SyncStateRow.resource,
    SyncStateRow.last_success_at,
    SyncStateRow.last_attempt_at,
    SyncStateRow.last_error,
).where(SyncStateRow.resource.in_(bindparam("resources", expanding=True)))
# The audit row points at the order by id on its marketplace; with no marketplace known (a bag
# slip's order) the first order with that id, so an id on two marketplaces never fails it.
_MARKET = bindparam("market", type_=String)
_AUDIT = insert(ScanEventRow).values(
    order_pk=select(OrderRow.id)
    .where(
        OrderRow.order_id == bindparam("order_ref"),
        func.coalesce(_MARKET, OrderRow.marketplace) == OrderRow.marketplace,
    )
    .order_by(OrderRow.id)
    .limit(1)
    .scalar_subquery()
)


class _NotCollectableError(Exception):
    """Raised inside the confirm transaction to roll it back when the order is not ready."""

    def __init__(self, match: OrderMatch) -> None:
        super().__init__(match.order_id)
        self.match = match


class ScanService:
    """Resolve scans, confirm collections and check bags against the local store."""

    def __init__(self, repo: Repository, settings: Settings) -> None:
        self.repo = repo
        self.settings = settings
        # Collections this service itself reported as done, as (marketplace, order id): its
        # till showed "Collected", so a rescan of one is a second hand-over (red), not a
        # crash before the bag left (orange).
        self._confirmed_here: set[tuple[str, str]] = set()

    def marketplace_name(self, key: str) -> str:
        """What staff read for an account key: its display name, else the key itself."""
        return self._names().get(key, key)

    def _names(self) -> dict[str, str]:
        # Read from the settings each time: the set-up dialog may add or rename an account
        # while the till runs.
        return {a.key: a.label for a in self.settings.effective_accounts()}

    # ---- public API -----------------------------------------------------------------------
    def resolve(self, text: str) -> ScanResult:
        """The verdict for whatever the scanner typed; kept in the audit trail. Never raises."""
        try:
            with self.repo.db.engine.connect() as conn:
                try:
                    result = self._resolve(text, conn)
                except Exception as exc:
                    _log_failure(exc, "scan could not be resolved")
                    result = self._error(text, exc)
                self._audit(
                    conn,
                    text,
                    result.verdict.value,
                    result.order_id,
                    "scan",
                    result.message,
                    result.marketplace,
                )
        except Exception as exc:  # the database cannot even be opened
            _log_failure(exc, "scan could not be resolved")
            result = self._error(text, exc)
        return result

    def confirm(self, order_id: str, marketplace: str | None = None) -> ScanResult:
        """Record the hand-over: stage, audit row and outbox `collect` in one transaction.

        `marketplace` is the account of the order scanned (its result's `marketplace`): the
        same id may be an order of another marketplace, never collected by mistake. Without
        one, an id on several marketplaces is answered `ambiguous` and nothing is recorded.

        Success is reported only after the commit (SQLite `synchronous=FULL`), so a confirmed
        collection survives a crash or power cut. A second confirmation gets already_collected.
        """
        offline = False
        try:
            offline = self.is_offline(marketplace)
            return self._confirm(order_id, marketplace, offline)
        except Exception as exc:
            _log_failure(exc, "collection of %s could not be recorded", order_id)
            result = self._error(order_id, exc, offline)
            self._audit_alone(
                order_id, result.verdict.value, None, "confirm", result.message, marketplace
            )
            return result

    def check_bag(
        self, customer_order_id: str, slip_text: str, marketplace: str | None = None
    ) -> BagCheck:
        """Whether a bag's slip belongs to the customer's order (on `marketplace`, its
        account); kept in the audit trail."""
        try:
            with self.repo.db.engine.connect() as conn:
                check = self._check_bag(customer_order_id, slip_text, conn, marketplace)
        except Exception as exc:
            _log_failure(exc, "bag check failed")
            check = bag_error(customer_order_id, str(exc) or type(exc).__name__)
        self._audit_alone(
            slip_text, check.verdict.value, check.slip_order_id, "bag_check", check.message
        )
        return check

    def is_offline(self, marketplace: str | None = None) -> bool:
        """The last sync of the account `marketplace` failed, or its last good one is older
        than the setting (or never). Without one: any of the shop's accounts is so."""
        with self.repo.db.engine.connect() as conn:
            return self._offline(conn, [marketplace] if marketplace else ())

    def _offline(self, conn: Connection, marketplaces: Collection[str] = ()) -> bool:
        """Offline as far as these accounts go (none given: every account of the shop).

        A verdict on an order depends on its own account's last sync only; a code that found
        nothing may be an order of any account not synced lately.
        """
        keys = sorted(set(marketplaces)) or sorted(self._names()) or [LEGACY_KEY]
        resources = {resource_for(key): key for key in keys}
        states = {
            row.resource: row for row in conn.execute(_SYNC_STATE, {"resources": list(resources)})
        }
        return any(_stale(states.get(r), self.settings.offline_after_seconds) for r in resources)

    # ---- lookups --------------------------------------------------------------------------
    def _find(self, candidates: Candidates, conn: Connection) -> list[OrderMatch]:
        if not candidates.pickup_codes and not candidates.all_identifiers:
            return []
        rows = conn.execute(
            _FIND, {"codes": candidates.pickup_codes, "ids": candidates.all_identifiers}
        )
        names = self._names()
        return [
            _match_of(r, int(r.item_count or 0), names.get(r.marketplace, r.marketplace))
            for r in rows
        ]

    def _result_for(
        self,
        text: str,
        match: OrderMatch,
        verdict: Verdict,
        matched_by: MatchKind | None,
        offline: bool,
        confirmed: bool = False,
    ) -> ScanResult:
        return result_for(
            text,
            match,
            verdict,
            matched_by,
            offline,
            till=self.settings.till_name,
            now=utcnow(),
            confirmed_here=self._confirmed_here,
            confirmed=confirmed,
        )

    def _resolve(self, text: str, conn: Connection) -> ScanResult:
        if not _is_unicode(text):
            # Bytes that were not UTF-8 (a scanner set to another code page, line noise):
            # garbage like any other, never a query.
            return simple_result(text, Verdict.INVALID, self._offline(conn), "garbage")
        candidates = extract_candidates(text)
        matches = self._find(candidates, conn)
        # Offline as far as the order found goes: its own account's last sync.
        offline = self._offline(conn, marketplaces_of(candidates, matches))
        return scan_result(
            text,
            candidates,
            matches,
            offline,
            till=self.settings.till_name,
            now=utcnow(),
            confirmed_here=self._confirmed_here,
        )

    # ---- confirm ----------------------------------------------------------------------------
    def _confirm(self, order_id: str, marketplace: str | None, offline: bool) -> ScanResult:
        till = self.settings.till_name
        now = utcnow()
        collected: list[OrderRow] = []

        def effect(s: Session, row: OrderRow) -> None:
            # A conditional UPDATE takes the write lock and re-checks the stage under it, so
            # two tills (or two clicks) racing on one order record one collection, not two.
            claimed = s.execute(
                update(OrderRow)
                .where(OrderRow.id == row.id, OrderRow.stage == Stage.READY.value)
                .values(collected_at=now, collected_till=till)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                s.refresh(row)
                raise _NotCollectableError(self._match(row))
            row.collected_at = now
            row.collected_till = till
            collected.append(row)
            s.add(
                ScanEventRow(
                    raw_input=_storable(order_id),
                    verdict=Verdict.OK.value,
                    order_pk=row.id,
                    till=till,
                    scanned_at=now,
                    kind="confirm",
                    detail="collection recorded",
                )
            )

        try:
            self.repo.apply_local_action(
                order_id,
                "collect",
                {"collected_at": now.isoformat(), "till": till},
                till,
                effect=effect,
                new_stage=Stage.COLLECTED,
                marketplace=marketplace,
            )
        except _NotCollectableError as refused:
            match = refused.match
            if marketplace is None:
                offline = self.is_offline(match.marketplace)
            verdict = stage_verdict(match.stage, MatchKind.ORDER_ID)
            result = self._result_for(order_id, match, verdict, MatchKind.ORDER_ID, offline)
            self._audit_alone(
                order_id, verdict.value, order_id, "confirm", result.message, match.marketplace
            )
            return result
        except AmbiguousOrderError:
            # The id is on several marketplaces and none was said: name them, record nothing.
            result = self._ambiguous(order_id, offline)
            self._audit_alone(order_id, result.verdict.value, None, "confirm", result.message)
            return result
        except OrderNotFoundError:
            result = simple_result(order_id, Verdict.UNKNOWN, offline)
            self._audit_alone(
                order_id, result.verdict.value, None, "confirm", result.message, marketplace
            )
            return result
        # Committed: only now is success reported.
        key = collected[0].marketplace
        self._confirmed_here.add((key, order_id))
        if marketplace is None:
            offline = self.is_offline(key)
        order = self._find_by_order_id(order_id, key)
        return self._result_for(
            order_id, order, Verdict.OK, MatchKind.ORDER_ID, offline, confirmed=True
        )

    def _ambiguous(self, order_id: str, offline: bool) -> ScanResult:
        """The ambiguous verdict for an order id several marketplaces have."""
        candidates = Candidates(raw_identifiers=[order_id], plausible=True)
        with self.repo.db.engine.connect() as conn:
            matches = [m for m in self._find(candidates, conn) if m.order_id == order_id]
        return scan_result(
            order_id,
            candidates,
            matches,
            offline,
            till=self.settings.till_name,
            now=utcnow(),
            confirmed_here=self._confirmed_here,
        )

    def _find_by_order_id(self, order_id: str, marketplace: str) -> OrderMatch:
        with self.repo.db.session() as s:
            row = find_order_row(s, order_id, marketplace)
            if row is None:
                raise OrderNotFoundError(order_id)
            return self._match(row)

    def _match(self, row: OrderRow) -> OrderMatch:
        return _match_of(row, marketplace_name=self.marketplace_name(row.marketplace))

    # ---- bag check --------------------------------------------------------------------------
    def _check_bag(
        self, expected: str, slip_text: str, conn: Connection, marketplace: str | None
    ) -> BagCheck:
        candidates = extract_candidates(slip_text)
        return bag_check(expected, candidates, self._find(candidates, conn), marketplace)

    # ---- audit and errors -----------------------------------------------------------------
    def _audit(
        self,
        conn: Connection,
        raw: str,
        verdict: str,
        order_id: str | None,
        kind: str,
        detail: str,
        marketplace: str | None = None,
    ) -> None:
        """One row per scan, whatever happened; a failure here must not hide the verdict.

        Written with `synchronous=NORMAL` on this one commit: in WAL mode the row is atomic and
        survives the app crashing or being killed; only a power cut may lose the last few
        lookups. That keeps an fsync out of every scan. A confirmed collection is a different
        matter: it is committed with the database's `synchronous=FULL` (see `confirm`).
        """
        try:
            conn.rollback()  # end the read; the audit row is its own short transaction
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
            try:
                conn.execute(
                    _AUDIT,
                    {
                        "order_ref": order_id,
                        "market": marketplace,
                        "raw_input": _storable(raw),
                        "verdict": verdict,
                        "till": self.settings.till_name,
                        "scanned_at": utcnow(),
                        "kind": kind,
                        "detail": detail,
                    },
                )
                conn.commit()
            finally:
                if sqlite:
                    conn.exec_driver_sql("PRAGMA synchronous=FULL")
                    conn.commit()
        except Exception as exc:
            _log_failure(exc, "scan audit row could not be written")
            # Never hand a connection back to the pool with durability turned down.
            conn.invalidate()

    def _audit_alone(
        self,
        raw: str,
        verdict: str,
        order_id: str | None,
        kind: str,
        detail: str,
        marketplace: str | None = None,
    ) -> None:
        try:
            with self.repo.db.engine.connect() as conn:
                self._audit(conn, raw, verdict, order_id, kind, detail, marketplace)
        except Exception as exc:
            _log_failure(exc, "scan audit row could not be written")

    @staticmethod
    def _error(text: str, exc: Exception, offline: bool = False) -> ScanResult:
        if server_unreachable(exc):
            return server_unreachable_result(text, offline)
        return simple_result(text, Verdict.ERROR, offline, failure_reason(exc))


def failure_reason(exc: BaseException) -> Message | str:
    """A store failure in words a shop assistant can act on (never a SQL statement).

    A failure we know is a message (said in the till's language); any other keeps the
    system's own words.
    """
    text = str(exc)
    if "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return Message("failure.disk_full")
    if "database is locked" in text:
        return Message("failure.busy")
    first = text.splitlines()[0] if text else type(exc).__name__
    # SQLAlchemy prefixes the driver's class name; the words after it are the useful part.
    return first.split(") ", 1)[-1][:200] if first.startswith("(") else first[:200]


def _stale(state: Any, offline_after_seconds: float) -> bool:
    """A sync-state row that says offline: never a good sync, a failure since, or too old."""
    if state is None or state.last_success_at is None:
        return True
    if (
        state.last_error
        and state.last_attempt_at is not None
        and state.last_attempt_at > state.last_success_at
    ):
        return True
    age = (utcnow() - state.last_success_at).total_seconds()
    return age > offline_after_seconds


def _match_of(row: Any, item_count: int | None = None, marketplace_name: str = "") -> OrderMatch:
    """A match from an ORM order row or a SQL result row with the same column names."""
    if item_count is None:
        item_count = sum(line.quantity for line in row.lines)
    return OrderMatch(
        pk=row.id,
        order_id=row.order_id,
        commercial_id=row.commercial_id,
        pickup_code=row.pickup_code,
        stage=Stage(row.stage),
        customer_name=row.customer_name,
        shelf=row.shelf,
        bag_count=row.bag_count,
        notes=row.notes,
        collected_at=row.collected_at,
        collected_till=row.collected_till,
        item_count=item_count,
        marketplace=row.marketplace,
        marketplace_name=marketplace_name or row.marketplace,
    )


def _is_unicode(text: str) -> bool:
    """False for text with lone surrogates (undecodable bytes kept by Python's argv)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _storable(raw: str) -> str:
    """The raw scan as kept in the audit trail: cut short, lone surrogates replaced."""
    return raw[:_RAW_INPUT_KEPT].encode("utf-8", "replace").decode("utf-8")


def _log_failure(exc: BaseException, what: str, *args: object) -> None:
    """A shop server out of reach is an expected state (said on screen), not a bug: one
    warning line, no traceback. Anything else is logged with its traceback."""
    if server_unreachable(exc):
        log.warning(what + ": shop server unreachable", *args)
    else:
        log.exception(what, *args, exc_info=exc)
