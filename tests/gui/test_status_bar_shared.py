"""The status bar on a store several tills share: who synced last, in plain words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from counter_app.ui.status_bar import CounterStatusBar, SyncView


def test_synced_by_another_till_is_named(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bar = CounterStatusBar()
    qtbot.addWidget(bar)
    bar.set_till("caisse-1")
    two_min_ago = datetime.now(UTC) - timedelta(minutes=2, seconds=5)
    bar.update_state(SyncView(online=True, last_success_at=two_min_ago, synced_by="caisse-2"))
    assert "by caisse-2" in bar.synced_label.text()
    assert "2" in bar.synced_label.text()
    bar.resize(900, 30)
    bar.grab().save(str(tmp_path / "status-shared.png"))
    # This till's own sync is not "by" anyone.
    bar.update_state(SyncView(online=True, last_success_at=two_min_ago, synced_by="caisse-1"))
    assert "by" not in bar.synced_label.text()
    bar.update_state(SyncView(online=True, last_success_at=datetime.now(UTC), synced_by="caisse-3"))
    assert bar.synced_label.text() == "synced just now by caisse-3"


def test_shop_server_unreachable_is_said_in_plain_words(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bar = CounterStatusBar()
    qtbot.addWidget(bar)
    bar.set_till("caisse-1")
    bar.update_state(SyncView(online=False, server_unreachable=True))
    assert bar.online_label.text().startswith("● Shop server unreachable")
    assert "do not hand over" in bar.online_label.text()
    bar.resize(1000, 30)
    bar.grab().save(str(tmp_path / "status-unreachable.png"))


def test_background_status_with_the_server_gone(tmp_path: Path) -> None:
    """The background sync's status when the shared server is down: said, not raised."""
    from counter_app.settings import Settings
    from counter_app.store.database import Database
    from counter_app.store.repository import Repository
    from counter_app.sync.background import BackgroundSync
    from counter_app.sync.engine import SyncEngine

    url = "postgresql+psycopg://counter@127.0.0.1:9/counter"
    db = Database(url)
    engine = SyncEngine(Repository(db), None, Settings(database_url=url))  # type: ignore[arg-type]
    status = BackgroundSync(engine).status()
    assert status.server_unreachable and not status.online
    db.dispose()
