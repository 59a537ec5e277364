"""The status bar's sync state as this till's store sees it, and a set-up just saved."""

from __future__ import annotations

from dataclasses import dataclass, replace

from counter_app.settings import MARKETPLACE_FIELDS, SETUP_FIELDS, Settings
from counter_app.store.repository import Repository
from counter_app.ui.status_bar import SyncView


def local_sync_view(
    repo: Repository, available: bool, problems: int, base: SyncView | None = None
) -> SyncView:
    """`base` (the sync's last report) with the store's last success and waiting actions."""
    state = repo.get_sync_state("orders")
    view = base or SyncView(available=available)
    return replace(
        view,
        last_success_at=state.last_success_at or view.last_success_at,
        pending_actions=repo.count_pending_actions(),
        problems=problems,
        available=available,
    )


@dataclass(frozen=True)
class SetupChanges:
    """What saving the set-up changed that the window must act on."""

    language: bool
    marketplace: bool


def apply_setup(settings: Settings, new: Settings) -> SetupChanges:
    """Copy what the set-up edits into the running settings; say what changed."""
    changes = SetupChanges(
        language=new.language != settings.language,
        marketplace=any(getattr(new, n) != getattr(settings, n) for n in MARKETPLACE_FIELDS),
    )
    for name in SETUP_FIELDS:
        setattr(settings, name, getattr(new, name))
    return changes
