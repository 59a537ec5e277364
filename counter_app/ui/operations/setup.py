"""Opening the set-up from the window, and applying what it saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from counter_app.settings import MARKETPLACE_FIELDS, SETUP_FIELDS, Settings
from counter_app.store.account_usage import account_usage
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.workers import WorkerPool


def open_setup(
    parent: QWidget,
    settings: Settings,
    workers: WorkerPool,
    demo: Settings | None,
    on_saved: Callable[[SetupDialog], None],
) -> SetupDialog:
    """The set-up dialog, modal over `parent`; `on_saved` is called once it is saved."""
    # The window is the dialog's parent: its store says what an account still has waiting
    # before it is removed (read on the worker pool, see `account_usage`).
    repo = getattr(parent, "repo", None)
    usage = (lambda key: account_usage(repo, key)) if repo is not None else None
    dialog = SetupDialog(settings, parent, workers=workers, demo=demo, account_usage=usage)
    dialog.setModal(True)
    dialog.accepted.connect(lambda: on_saved(dialog))
    dialog.open()
    return dialog


@dataclass(frozen=True)
class SetupChanges:
    """What saving the set-up changed that the window must act on."""

    language: bool
    marketplace: bool


def apply_setup(settings: Settings, new: Settings) -> SetupChanges:
    """Copy what the set-up edits into the running settings; say what changed."""
    changes = SetupChanges(
        language=new.language != settings.language,
        marketplace=_marketplace_changed(settings, new),
    )
    for name in SETUP_FIELDS:
        setattr(settings, name, getattr(new, name))
    return changes


def _marketplace_changed(settings: Settings, new: Settings) -> bool:
    """An account added, removed or edited (its view fields included): the sync is rebuilt."""
    if new.effective_accounts() != settings.effective_accounts():
        return True
    # The list itself is compared through `effective_accounts` (what each sync reads).
    fields = [n for n in MARKETPLACE_FIELDS if n != "marketplaces"]
    return any(getattr(new, n) != getattr(settings, n) for n in fields)
