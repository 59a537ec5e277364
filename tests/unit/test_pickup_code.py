"""Pickup codes: randomness, check symbol (proved exhaustively), layout-proof alphabet, parsing."""

from __future__ import annotations

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.pickup_code import (
    ALPHABET,
    CODE_LENGTH,
    DATA_LENGTH,
    check_symbol,
    format_pickup_code,
    is_valid_canonical,
    new_pickup_code,
    parse_pickup_code,
    qr_payload,
)

codes = st.text(alphabet=ALPHABET, min_size=DATA_LENGTH, max_size=DATA_LENGTH).map(
    lambda data: data + check_symbol(data)
)


def test_new_codes_are_canonical_valid_and_random_enough() -> None:
    made = {new_pickup_code() for _ in range(2000)}
    assert len(made) == 2000
    for code in made:
        assert len(code) == CODE_LENGTH and code == code.upper() and is_valid_canonical(code)
    assert DATA_LENGTH * math.log2(len(ALPHABET)) >= 45


def test_alphabet_survives_every_keyboard_layout() -> None:
    # Keys that move between US QWERTY, FR/BE AZERTY and DE QWERTZ, and look-alikes of digits.
    assert not set(ALPHABET) & set("AQZWMY0123456789I")


def test_check_symbol_catches_every_single_error_and_adjacent_swap_exhaustively() -> None:
    # The check is linear, so the sum changes by weight·(difference) whatever the other
    # symbols are: proving it for every position and every pair of values proves it for all
    # codes. A random valid code is also mutated every possible way, as a direct check.
    code = new_pickup_code()
    for pos, wrong in itertools.product(range(CODE_LENGTH), ALPHABET):
        if wrong != code[pos]:
            assert not is_valid_canonical(code[:pos] + wrong + code[pos + 1 :])
    weights = range(1, CODE_LENGTH + 1)
    n = len(ALPHABET)
    for w in weights:
        for a, b in itertools.permutations(range(n), 2):
            assert (w * (a - b)) % n != 0
    for w1, w2 in itertools.pairwise(weights):
        for a, b in itertools.permutations(range(n), 2):
            assert ((w1 - w2) * (a - b)) % n != 0


@given(codes, st.data())
def test_every_mutation_of_any_code_is_rejected(code: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, CODE_LENGTH - 1))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != code[pos]]))
    assert parse_pickup_code(code[:pos] + wrong + code[pos + 1 :]) is None
    swap = data.draw(st.integers(0, CODE_LENGTH - 2))
    swapped = code[:swap] + code[swap + 1] + code[swap] + code[swap + 2 :]
    if swapped != code:
        assert parse_pickup_code(swapped) is None


@given(codes)
def test_any_case_and_separators_read_back(code: str) -> None:
    shown = format_pickup_code(code)
    assert shown.count("-") == 2 and len(shown) == CODE_LENGTH + 2
    assert parse_pickup_code(shown) == code
    assert parse_pickup_code(shown.lower()) == code
    assert parse_pickup_code(f"  {code[:4]} {code[4:8]}.{code[8:]}\n") == code
    # The '-' a US scanner types on AZERTY (')') or QWERTZ ('ß') is a separator too.
    assert parse_pickup_code(shown.replace("-", ")")) == code
    assert parse_pickup_code(shown.replace("-", "ß")) == code


def test_zero_typed_for_o_is_read_as_o() -> None:
    data = "OOOBCDEFGHJ"
    code = data + check_symbol(data)
    assert parse_pickup_code(code.replace("O", "0")) == code


def test_malformed_text_is_not_a_code() -> None:
    for text in ["", "ABCD-EFGH-IJKL", "BCDF", "x" * 500, "1234-5678-9012", "\x00\x1b"]:
        assert parse_pickup_code(text) is None


def test_qr_payload_is_the_bare_canonical_code() -> None:
    code = new_pickup_code()
    assert qr_payload(format_pickup_code(code).lower()) == code
    try:
        qr_payload("BCDE-FGHJ-KLNP")
    except ValueError as exc:
        assert "not a valid pickup code" in str(exc)
    else:
        raise AssertionError("an invalid code must not get a QR payload")
