"""`AppContext` as a context manager: the store is closed however the block ends."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from counter_app.bootstrap import open_context
from counter_app.settings import Settings


def _watch_disposal(engine: Engine) -> list[Engine]:
    disposed: list[Engine] = []
    event.listen(engine, "engine_disposed", disposed.append)
    return disposed


def test_the_store_is_closed_after_the_block(settings: Settings) -> None:
    with open_context(settings) as ctx:
        disposed = _watch_disposal(ctx.db.engine)
        assert ctx.repo.count_pending_actions() == 0
        assert disposed == []
    assert disposed == [ctx.db.engine]


def test_the_store_is_closed_when_the_block_fails(settings: Settings) -> None:
    with pytest.raises(RuntimeError, match="printer on fire"), open_context(settings) as ctx:
        disposed = _watch_disposal(ctx.db.engine)
        raise RuntimeError("printer on fire")
    assert disposed == [ctx.db.engine]
