"""What an order's stage becomes when the marketplace's view meets the shop's local one.

Pure rules, no I/O. The marketplace is trusted for progress it alone can know (payment cleared,
cancelled by the operator); the shop is trusted for what happened at its counter (prepared,
handed over). When the two contradict each other the order keeps the local stage and carries a
problem that states both facts, for the owner to settle; nothing is silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.orders import Order
from counter_app.domain.stages import STAGE_RANK, Stage

# Problem texts, in one place so the UI can translate them later.
PROBLEM_CANCELED_AFTER_COLLECTION = (
    "The marketplace says {state} (updated {remote_at}) but the order was handed over here "
    "{local_at}{till}."
)
PROBLEM_CANCELED_WHILE_COLLECT_PENDING = (
    "The marketplace says {state} (updated {remote_at}) while the collection made here "
    "{local_at} is still waiting to be sent."
)
PROBLEM_REVIVED_AFTER_REFUSAL = (
    "The marketplace says {state} (updated {remote_at}) but the order was refused here."
)


@dataclass(frozen=True)
class Reconciled:
    """The stage to store and, when the two sides disagree, the problem to flag."""

    stage: Stage
    problem: str = ""


def _when(order: Order | None, attr: str) -> str:
    value = getattr(order, attr, None) if order is not None else None
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "earlier"


def reconcile(
    incoming: Order,
    stored: Order | None,
    *,
    collect_pending: bool = False,
    local_decision_pending: bool = False,
    ship_on_ready: bool = False,
) -> Reconciled:
    """The stage for `incoming` given what is stored, and any problem to flag.

    `collect_pending`: a local `collect` action has not reached the marketplace yet.
    `local_decision_pending`: a local accept/refuse has not reached the marketplace yet.
    `ship_on_ready`: OR24 goes out when an order is marked ready, so SHIPPED says "ready",
    not "collected": the hand-over is known here alone.
    """
    remote = incoming.stage
    if stored is None:
        return Reconciled(remote)
    local = stored.stage
    remote_at = incoming.updated_at.strftime("%Y-%m-%d %H:%M UTC")
    collected_here = stored.collected_at is not None or local is Stage.COLLECTED

    if remote is Stage.CANCELED:
        if collected_here and (stored.collected_at is not None or collect_pending):
            till = f" on {stored.collected_till}" if stored.collected_till else ""
            return Reconciled(
                local,
                PROBLEM_CANCELED_AFTER_COLLECTION.format(
                    state=incoming.remote_state,
                    remote_at=remote_at,
                    local_at=_when(stored, "collected_at"),
                    till=till,
                ),
            )
        if collect_pending:
            return Reconciled(
                local,
                PROBLEM_CANCELED_WHILE_COLLECT_PENDING.format(
                    state=incoming.remote_state,
                    remote_at=remote_at,
                    local_at=_when(stored, "collected_at"),
                ),
            )
        return Reconciled(Stage.CANCELED)

    if local is Stage.CANCELED and remote is not Stage.UNKNOWN:
        # Refused here, alive there: only a contradiction when the refusal was already sent.
        if local_decision_pending:
            return Reconciled(local)
        if STAGE_RANK[remote] >= STAGE_RANK[Stage.AWAITING_PAYMENT]:
            return Reconciled(
                local,
                PROBLEM_REVIVED_AFTER_REFUSAL.format(
                    state=incoming.remote_state, remote_at=remote_at
                ),
            )
        return Reconciled(local)

    if (
        ship_on_ready
        and incoming.remote_state.upper() == "SHIPPED"
        and not collected_here
        and not collect_pending
        and local in (Stage.READY, Stage.TO_PREPARE)
    ):
        return Reconciled(Stage.READY)

    if remote is Stage.COLLECTED:
        # SHIPPED / RECEIVED / CLOSED: the hand-over is confirmed, wherever it was made.
        return Reconciled(Stage.COLLECTED)

    if remote is Stage.UNKNOWN:
        # A state this version does not know: keep what the shop did, else show "unknown".
        return Reconciled(local if local in (Stage.READY, Stage.COLLECTED) else Stage.UNKNOWN)

    if collect_pending or local is Stage.COLLECTED:
        return Reconciled(Stage.COLLECTED)

    # Never move backwards: a local READY is not undone by a remote SHIPPING, and a local
    # accept waiting to be sent is not undone by a remote WAITING_ACCEPTANCE.
    if local is not Stage.UNKNOWN and STAGE_RANK[remote] < STAGE_RANK[local]:
        return Reconciled(local)
    return Reconciled(remote)
