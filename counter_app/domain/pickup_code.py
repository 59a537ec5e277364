"""Pickup codes: the random secret a customer shows at the till to collect an order.

A code is 11 random symbols and one check symbol from a 19-letter alphabet (≈ 46.7 bits of
randomness from `secrets`). The alphabet holds only letters that sit on the same key on a US
QWERTY, FR AZERTY, BE AZERTY and DE QWERTZ keyboard, so a scanner set to the wrong layout types
them unchanged: no A/Q, Z/W, M (AZERTY), no Y/Z (QWERTZ), no digits (AZERTY's digit row types
`&é"'(…` without Shift). I is left out (it reads as 1 or L); O is kept and a hand-typed 0 is read
as O, since the alphabet has no digits.

The check symbol makes the weighted sum Σ (i+1)·value(cᵢ) ≡ 0 (mod 19). As 19 is prime and the
weights 1…12 are non-zero and pairwise distinct mod 19, every single wrong symbol and every swap
of two neighbours changes the sum, so it is caught (proved exhaustively in the unit tests).

Canonical form: upper case, no separators (what the store keeps). Shown to people in groups of
four: `XXXX-XXXX-XXXX`. Case and separators are ignored when read.
"""

from __future__ import annotations

import secrets

ALPHABET = "BCDEFGHJKLNOPRSTUVX"
MODULUS = len(ALPHABET)  # 19, a prime: the check needs a prime modulus
DATA_LENGTH = 11
CODE_LENGTH = DATA_LENGTH + 1
GROUP_SIZE = 4

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
# What a person may type between groups, plus what a '-' becomes when a US scanner types it on
# FR/BE AZERTY (')') or DE QWERTZ ('ß'): ignored when read.
SEPARATORS = frozenset(" \t-‐‑–—_.·/)ß")
# Look-alikes a person may type by hand; the alphabet has no digit, so this is never ambiguous.
_LOOKALIKES = {"0": "O"}

assert MODULUS == 19 and len(set(ALPHABET)) == MODULUS


def _weighted_sum(symbols: str) -> int:
    return sum((i + 1) * _VALUE[ch] for i, ch in enumerate(symbols)) % MODULUS


def check_symbol(data: str) -> str:
    """The check symbol to append to `DATA_LENGTH` data symbols (canonical letters)."""
    if len(data) != DATA_LENGTH or any(ch not in _VALUE for ch in data):
        raise ValueError(f"pickup code data must be {DATA_LENGTH} letters of {ALPHABET}")
    partial = _weighted_sum(data)
    # Find v with partial + CODE_LENGTH·v ≡ 0 (mod 19); CODE_LENGTH is invertible mod a prime.
    inverse = pow(CODE_LENGTH, -1, MODULUS)
    return ALPHABET[(-partial * inverse) % MODULUS]


def is_valid_canonical(code: str) -> bool:
    """True for a canonical code with the right length, alphabet and check symbol."""
    return (
        len(code) == CODE_LENGTH and all(ch in _VALUE for ch in code) and _weighted_sum(code) == 0
    )


def new_pickup_code() -> str:
    """A fresh random code in canonical form (upper case, no separators)."""
    data = "".join(secrets.choice(ALPHABET) for _ in range(DATA_LENGTH))
    return data + check_symbol(data)


def normalize_pickup_text(text: str) -> str:
    """Upper case, separators removed, look-alikes replaced: the form checked by the parser."""
    out = []
    for ch in text.strip():
        if ch in SEPARATORS:
            continue
        up = ch.upper()
        out.append(_LOOKALIKES.get(up, up))
    return "".join(out)


def looks_like_pickup_code(text: str) -> bool:
    """Shaped like a code (length and alphabet), whatever its check symbol says."""
    if len(text) > 4 * CODE_LENGTH:
        return False
    norm = normalize_pickup_text(text)
    return len(norm) == CODE_LENGTH and all(ch in _VALUE for ch in norm)


def parse_pickup_code(text: str) -> str | None:
    """The canonical code in `text` (any case, separators ignored), or None if it is not one."""
    if len(text) > 4 * CODE_LENGTH:
        return None
    norm = normalize_pickup_text(text)
    return norm if is_valid_canonical(norm) else None


def format_pickup_code(code: str) -> str:
    """The code as people read it: `XXXX-XXXX-XXXX` (accepts any accepted spelling)."""
    canonical = normalize_pickup_text(code)
    return "-".join(canonical[i : i + GROUP_SIZE] for i in range(0, len(canonical), GROUP_SIZE))


def qr_payload(code: str) -> str:
    """Exactly what every QR code of a pickup code carries: the canonical code, nothing else.

    No separator and no URL: the payload must come out of a scanner unchanged whatever the
    keyboard layout of the till, and letters alone also use QR's compact alphanumeric mode.
    """
    canonical = normalize_pickup_text(code)
    if not is_valid_canonical(canonical):
        raise ValueError(f"not a valid pickup code: {code!r}")
    return canonical
