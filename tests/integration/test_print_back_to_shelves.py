"""The printed "back to the shelves" list at a shop on two marketplaces names each order's
marketplace beside its number (the same number is on both), in English and French; with one
marketplace it has no such column. From a real store, cancelled orders' books; the pages are
rendered and read back, nothing cut and nothing outside the paper. Kept as pictures for a
person to look at (COUNTER_SCREENSHOTS=/some/dir)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.printing.back_to_shelves import shelves_document
from counter_app.printing.layout import Document, Page, TextItem, items_outside
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images, render_pdf
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.shop import ShopInfo
from counter_app.store.cancellation import back_to_shelves, cancel_order
from counter_app.ui.i18n import install_translators
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts

SAME_ID = "81000001-A"
INTERMARCHE = "Intermarché (démo)"
CARREFOUR = "Carrefour (démo)"


@pytest.fixture
def app() -> Iterator[object]:
    app = ensure_gui_app()
    yield app
    back_to_source_texts(app)


def _cancel_ready_order(ctx: AppContext, key: str, shelf: str) -> None:
    repo = ctx.repo.for_marketplace(key)
    repo.upsert_orders([make_order(order_id=SAME_ID)])
    repo.mark_ready(SAME_ID, shelf, "till-1", 1)
    cancel_order(repo, SAME_ID, "", "till-1", key)


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lines(page: Page) -> list[list[TextItem]]:
    """The texts of a page, line by line (items whose middles are within 2 mm), left to right."""
    texts = sorted(
        (i for i in page.items if isinstance(i, TextItem)),
        key=lambda t: t.y + (t.ascent + t.descent) / 2,
    )
    lines: list[list[TextItem]] = []
    last = -100.0
    for t in texts:
        middle = t.y + (t.ascent + t.descent) / 2
        if middle - last > 2.0:
            lines.append([])
        lines[-1].append(t)
        last = middle
    return [sorted(line, key=lambda t: t.x) for line in lines]


def _rows(document: Document) -> list[list[str]]:
    (page,) = document.pages
    return [[t.text for t in line] for line in _lines(page)]


def _whole(document: Document) -> None:
    assert not [t for t in document.texts() if "…" in t], "a text was cut"
    for page in document.pages:
        assert not items_outside(page), "something is outside the paper"
        for line in _lines(page):
            for a, b in pairwise(line):
                # Side by side on a line, never over each other.
                assert a.x + a.width <= b.x + 0.01, (a.text, b.text)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_back_to_shelves_names_each_books_marketplace_with_several_accounts(
    ctx: AppContext, app: object, language: str, tmp_path: Path
) -> None:
    install_translators(app, language)  # type: ignore[arg-type]
    ctx.settings.marketplaces = [
        MarketplaceAccount("main", INTERMARCHE),
        MarketplaceAccount("carrefour", CARREFOUR),
    ]
    _cancel_ready_order(ctx, "main", "A1")
    _cancel_ready_order(ctx, "carrefour", "C12-HAUT")
    items = back_to_shelves(ctx.repo)
    assert {(i.shelf, i.marketplace) for i in items} == {("A1", "main"), ("C12-HAUT", "carrefour")}
    shop = ShopInfo.from_settings(ctx.settings)
    document = shelves_document(items, shop=shop, locale=document_locale(language))
    _whole(document)
    fr = language == "fr"
    rows = _rows(document)
    header = next(r for r in rows if ("Étagère" if fr else "Shelf") in r)
    assert header[-2:] == (["Commande", "Place de marché"] if fr else ["Order", "Marketplace"])
    books = [r for r in rows if SAME_ID in r]
    assert len(books) == len(items) == 4  # two books of each order
    for row in books:
        # The shelf opens the row; the order's marketplace closes it, after its number.
        assert row[-2] == SAME_ID
        assert row[-1] == (INTERMARCHE if row[0] == "A1" else CARREFOUR)
    (image,) = render_images(document, dpi=110)
    assert image.save(str(_shots(tmp_path) / f"hprint_back_to_shelves_two_{language}.png"))
    pdf = _shots(tmp_path) / f"hprint_back_to_shelves_two_{language}.pdf"
    render_pdf(document, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_back_to_shelves_with_one_marketplace_has_no_marketplace_column(
    ctx: AppContext, app: object
) -> None:
    install_translators(app, "en")  # type: ignore[arg-type]
    ctx.settings.marketplaces = [MarketplaceAccount("main", "Carrefour")]
    _cancel_ready_order(ctx, "main", "B3")
    shop = ShopInfo.from_settings(ctx.settings)
    document = shelves_document(back_to_shelves(ctx.repo), shop=shop)
    _whole(document)
    texts = document.texts()
    assert "Marketplace" not in texts and "Carrefour" not in texts
    rows = [r for r in _rows(document) if SAME_ID in r]
    assert len(rows) == 2 and all(r[0] == "B3" and r[-1] == SAME_ID for r in rows)
