"""The download half of a sync cycle: pages of changed orders merged into the store.

New orders go in bulk (the initial sync is thousands); known ones are merged with the local
stage through `reconcile`, and contradictions (canceled while collected here, ...) are flagged
as problems. The caller moves the watermark only after a complete pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.orders import Order
from counter_app.domain.reconcile import reconcile
from counter_app.domain.stages import Stage
from counter_app.marketplace.connector import OrderPage
from counter_app.store.repository import Repository
from counter_app.sync.report import SyncReport


@dataclass(frozen=True)
class LocalWaits:
    """Orders with an action still in the outbox: the store's side wins for those."""

    collect: set[str]  # a hand-over not yet confirmed to the marketplace
    decision: set[str]  # an accept or refuse not yet sent


def merge_pages(
    repo: Repository,
    pages: Iterable[OrderPage],
    report: SyncReport,
    *,
    keep: set[str],
    waits: LocalWaits,
    ship_on_ready: bool,
    newest: datetime | None,
) -> datetime | None:
    """Store every page's click & collect orders; the newest `updated_at` seen is returned."""
    collect_waiting = waits.collect
    decision_waiting = waits.decision
    problems: dict[str, str] = {}
    for page in pages:
        report.skipped.extend(page.skipped)
        wanted = [o for o in page.orders if o.shipping_type_code in keep]
        report.ignored += len(page.orders) - len(wanted)
        problems.clear()

        def stage_for(incoming: Order, stored: Order | None) -> Stage:
            result = reconcile(
                incoming,
                stored,
                collect_pending=incoming.order_id in collect_waiting,
                local_decision_pending=incoming.order_id in decision_waiting,
                ship_on_ready=ship_on_ready,
            )
            if stored is None:
                report.new_order_ids.append(incoming.order_id)
            if (
                result.problem
                and (stored is None or stored.problem != result.problem)
                and incoming.order_id not in report.problems
            ):
                problems[incoming.order_id] = result.problem
            return result.stage

        # New orders go in bulk (the initial sync is thousands); known ones are merged.
        known = repo.known_order_ids(o.order_id for o in wanted)
        new = [o for o in wanted if o.order_id not in known]
        if new:
            inserted = repo.insert_new_orders(new, [reconcile(o, None).stage for o in new])
            report.new_order_ids.extend(inserted)
            report.downloaded += len(inserted)
        # Contradictions are flagged before the merge, in their own transaction: were the
        # app killed in between, the next pass would find the order "unchanged".
        for incoming in wanted:
            if incoming.order_id in known and incoming.stage is Stage.CANCELED:
                stored = repo.get_order(incoming.order_id)
                early = reconcile(
                    incoming, stored, collect_pending=incoming.order_id in collect_waiting
                )
                if early.problem and stored is not None and stored.problem != early.problem:
                    repo.flag_problem(incoming.order_id, early.problem)
                    report.problems.append(incoming.order_id)
        result = repo.upsert_orders([o for o in wanted if o.order_id in known], stage_for=stage_for)
        for order_id, text in problems.items():
            repo.flag_problem(order_id, text)
            report.problems.append(order_id)
        report.downloaded += result.inserted
        report.updated += result.updated
        report.unchanged += result.unchanged
        for order in page.orders:
            if newest is None or order.updated_at > newest:
                newest = order.updated_at
    return newest
