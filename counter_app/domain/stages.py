"""Local order stages and how the marketplace's order states map onto them."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """Where an order stands for the shop, whatever the marketplace calls it."""

    TO_ACCEPT = "to_accept"
    AWAITING_PAYMENT = "awaiting_payment"
    TO_PREPARE = "to_prepare"
    READY = "ready"
    COLLECTED = "collected"
    CANCELED = "canceled"
    UNKNOWN = "unknown"  # a remote state this version does not know yet

    @classmethod
    def _missing_(cls, value: object) -> Stage | None:
        # A stage written by a newer version (or by hand) reads as UNKNOWN rather than
        # failing the whole list: the order stays visible and nothing acts on it.
        return cls.UNKNOWN if isinstance(value, str) else None


REMOTE_STATE_TO_STAGE: dict[str, Stage] = {
    "WAITING_ACCEPTANCE": Stage.TO_ACCEPT,
    "STAGING": Stage.AWAITING_PAYMENT,
    "WAITING_DEBIT": Stage.AWAITING_PAYMENT,
    "WAITING_DEBIT_PAYMENT": Stage.AWAITING_PAYMENT,
    "SHIPPING": Stage.TO_PREPARE,
    "TO_COLLECT": Stage.READY,
    "SHIPPED": Stage.COLLECTED,
    "RECEIVED": Stage.COLLECTED,
    "CLOSED": Stage.COLLECTED,
    "REFUSED": Stage.CANCELED,
    "CANCELED": Stage.CANCELED,
}

# Order of progress; a remote state never moves a local order backwards silently.
STAGE_RANK: dict[Stage, int] = {
    Stage.TO_ACCEPT: 0,
    Stage.AWAITING_PAYMENT: 1,
    Stage.TO_PREPARE: 2,
    Stage.READY: 3,
    Stage.COLLECTED: 4,
    Stage.CANCELED: 4,
    Stage.UNKNOWN: -1,
}


def stage_for_remote_state(state: str | None) -> Stage:
    """The local stage for a marketplace order state; unknown future states stay visible."""
    if not state:
        return Stage.UNKNOWN
    return REMOTE_STATE_TO_STAGE.get(state.upper(), Stage.UNKNOWN)
