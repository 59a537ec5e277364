"""A line cancelled (OR30, here) or refunded (OR28) is marked on the pickup slip: its title
struck out and "do not hand over" under it, so nobody looks for a book the customer no longer
buys; the other lines are as before. The slip is built from a real store, rendered and read
back: its Code 128 still decodes (zxing-cpp) to the order id, nothing cut or outside the
paper. Kept as pictures for a person to look at (COUNTER_SCREENSHOTS=/some/dir)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app.bootstrap import AppContext
from counter_app.documents import order_to_print
from counter_app.domain.orders import Order
from counter_app.printing.decode import decode_codes
from counter_app.printing.layout import Page, RuleItem, TextItem, items_outside
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.slip import slip_document
from counter_app.printing.units import SLIP_SIZES, THERMAL_DPI
from counter_app.store.cancellation import cancel_order
from counter_app.ui.i18n import install_translators
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts

ORDER_ID = "81000042-A"


@pytest.fixture
def app() -> Iterator[object]:
    app = ensure_gui_app()
    yield app
    back_to_source_texts(app)


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _one_line_cancelled_here(ctx: AppContext) -> Order:
    ctx.repo.upsert_orders([make_order(order_id=ORDER_ID)])
    ctx.repo.mark_ready(ORDER_ID, "B3", "till-1", 1)
    first = ctx.repo.require_order(ORDER_ID).lines[0]
    # The customer takes the other book: OR30 of this one, queued (offline is the same).
    plan = cancel_order(ctx.repo, ORDER_ID, "14", "till-1", line_ids=[first.line_id])
    assert plan.partial
    return order_to_print(ctx.repo, ORDER_ID)


def _struck(page: Page, title: TextItem) -> bool:
    """A rule runs through the title's line, across its whole width."""
    return any(
        isinstance(r, RuleItem)
        and abs(r.x - title.x) < 0.01
        and abs(r.length - title.width) < 0.01
        and title.y < r.y < title.y + title.ascent
        for r in page.items
    )


@pytest.mark.parametrize("size", SLIP_SIZES)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_line_cancelled_here_is_struck_out_on_the_slip_and_its_code_still_reads(
    ctx: AppContext, app: object, language: str, size: str, tmp_path: Path
) -> None:
    install_translators(app, language)  # type: ignore[arg-type]
    order = _one_line_cancelled_here(ctx)
    cancelled, kept = order.lines
    assert (cancelled.line_state, kept.line_state) == ("CANCELED", "")
    document = slip_document(order, size, "Librairie", locale=document_locale(language))
    (page,) = document.pages
    texts = page.texts()
    warning = "Annulé : ne pas remettre" if language == "fr" else "Cancelled: do not hand over"
    assert texts.count(warning) == 1
    # Under the cancelled book (its title, then its ISBN and quantity), before the kept one.
    assert texts.index(cancelled.title) < texts.index(warning) < texts.index(kept.title)
    assert texts.index(warning) == texts.index(cancelled.title) + 2
    titles = {t.text: t for t in page.items if isinstance(t, TextItem)}
    assert _struck(page, titles[cancelled.title])
    assert not _struck(page, titles[kept.title])
    # The bag holds the kept books only (2 of Le Petit Prince), not the cancelled one.
    assert f"{'2 articles · sac' if language == 'fr' else '2 items · bag'} 1/1" in texts
    assert not [t for t in texts if "…" in t], "a text was cut"
    assert not items_outside(page), "something is outside the paper"
    (image,) = render_images(document, THERMAL_DPI)
    assert [(c.symbology, c.text) for c in decode_codes(image)] == [("Code128", ORDER_ID)]
    assert image.save(str(_shots(tmp_path) / f"hprint_slip_line_cancelled_{size}_{language}.png"))


def test_a_refunded_line_says_so_and_an_order_without_any_is_unchanged(
    ctx: AppContext, app: object
) -> None:
    install_translators(app, "en")  # type: ignore[arg-type]
    order = make_order(order_id=ORDER_ID, stage=None)
    order.shelf = "B3"
    order.ready_at = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    plain = slip_document(order, "80mm", "Librairie").texts()
    assert not [t for t in plain if "hand over" in t]
    order.lines[1].line_state = "REFUNDED"  # OR28 after OR24, as the marketplace says
    texts = slip_document(order, "80mm", "Librairie").texts()
    assert texts.index("Refunded: do not hand over") == texts.index(order.lines[1].title) + 2
    assert "3 items · bag 1/1" in plain and "1 item · bag 1/1" in texts
    assert [t for t in texts if t != "Refunded: do not hand over"] == [
        "1 item · bag 1/1" if t == "3 items · bag 1/1" else t for t in plain
    ]
