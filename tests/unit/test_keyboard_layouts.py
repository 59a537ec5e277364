"""Layout repair: what a US-layout scanner types on FR/BE AZERTY and DE QWERTZ is undone."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.keyboard_layouts import Layout, garble, repair, repair_candidates
from counter_app.domain.pickup_code import ALPHABET

# What order numbers and URLs are made of. Not '!@#$%^&*()': typed with Shift on the digit row,
# AZERTY turns them into digits, which are kept as digits (see the module); not '=': a dead key
# on QWERTZ.
SCANNABLE = string.ascii_letters + string.digits + "-_./:?"


@pytest.mark.parametrize(
    ("layout", "typed", "meant"),
    [
        (Layout.FR_AZERTY, "&é\"'(-è_çà", "1234567890"),
        (Layout.BE_AZERTY, "&é\"'(§è!çà", "1234567890"),
        (Layout.DE_QWERTZ, "1234567890", "1234567890"),
        (Layout.FR_AZERTY, "&é\"'(-è_)Q", "12345678-A"),
        (Layout.BE_AZERTY, "&é\"'(§è!)Q", "12345678-A"),
        (Layout.DE_QWERTZ, "12345678ßA", "12345678-A"),
        (Layout.FR_AZERTY, "httpsM!!zzz:shop:fr!o!&é", "https://www.shop.fr/o/12"),
        (Layout.DE_QWERTZ, "httpsÖ--shop.de-o-12", "https://shop.de/o/12"),
        (Layout.FR_AZERTY, "qWq?", "aZaM"),
        (Layout.DE_QWERTZ, "zYZy", "yZYz"),
    ],
)
def test_known_garbling_is_repaired(layout: Layout, typed: str, meant: str) -> None:
    assert repair(typed, layout) == meant
    assert garble(meant, layout) == typed


@pytest.mark.parametrize("layout", list(Layout))
@given(text=st.text(alphabet=SCANNABLE, max_size=80))
def test_repair_undoes_garble_for_scannable_text(layout: Layout, text: str) -> None:
    assert repair(garble(text, layout), layout) == text


@pytest.mark.parametrize("layout", list(Layout))
def test_pickup_code_alphabet_needs_no_repair(layout: Layout) -> None:
    for text in (ALPHABET, ALPHABET.lower()):
        assert garble(text, layout) == text
        assert repair(text, layout) == text


def test_candidates_are_distinct_and_skip_the_input() -> None:
    found = repair_candidates("&é\"'(-è_)Q")
    assert [layout for layout, _ in found] == list(Layout)
    assert found[0] == (Layout.FR_AZERTY, "12345678-A")
    assert len({text for _, text in found}) == len(found)
    assert repair_candidates("BCDFGH") == []
