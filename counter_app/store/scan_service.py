"""The scan service: resolves a scan against the local store, confirms collections, checks bags.

Everything here works offline, from the SQLite cache alone. A scan is one indexed query (pickup
code, order id and commercial id are all indexed; the item count is a subquery), one read of the
sync state, and one audit row in `scan_events` whatever the verdict. No method raises on bad
input: any failure is the `error` verdict, logged.

The statements live in `scan_queries` (lookups) and `scan_audit` (the audit row); the rules
that need no store (ranking, results, offline, failure words) in `domain/`. What stays here is
the order of the steps and the confirm transaction.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, update
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
    match_of,
    result_for,
    scan_result,
    server_unreachable_result,
    simple_result,
)
from counter_app.domain.scan_service_rules import failure_reason, is_stale, is_unicode, storable
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.database import server_unreachable
from counter_app.store.models import OrderRow, ScanEventRow
from counter_app.store.order_scope import find_order_row
from counter_app.store.records import AmbiguousOrderError
from counter_app.store.repository import OrderNotFoundError, Repository
from counter_app.store.scan_audit import log_failure, write_audit
from counter_app.store.scan_queries import find_matches, sync_states
from counter_app.store.sync_state import resource_for
from counter_app.store.types import utcnow


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
                    log_failure(exc, "scan could not be resolved")
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
            log_failure(exc, "scan could not be resolved")
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
            log_failure(exc, "collection of %s could not be recorded", order_id)
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
            log_failure(exc, "bag check failed")
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
        states = sync_states(conn, resources)
        now = utcnow()
        limit = self.settings.offline_after_seconds
        return any(is_stale(states.get(r), limit, now) for r in resources)

    # ---- lookups --------------------------------------------------------------------------
    def _find(self, candidates: Candidates, conn: Connection) -> list[OrderMatch]:
        return find_matches(conn, candidates, self._names())

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
        if not is_unicode(text):
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
                    raw_input=storable(order_id),
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
        return match_of(row, marketplace_name=self.marketplace_name(row.marketplace))

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
        """One audit row (see `write_audit`), with this till's name."""
        write_audit(
            conn,
            raw=raw,
            verdict=verdict,
            order_id=order_id,
            kind=kind,
            detail=detail,
            marketplace=marketplace,
            till=self.settings.till_name,
        )

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
            log_failure(exc, "scan audit row could not be written")

    @staticmethod
    def _error(text: str, exc: Exception, offline: bool = False) -> ScanResult:
        if server_unreachable(exc):
            return server_unreachable_result(text, offline)
        return simple_result(text, Verdict.ERROR, offline, failure_reason(exc))
