"""Text folding for search and sorting: case- and accent-insensitive, as French names need."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`Émilie D'Aubigné-Lefèvre` → `emilie d'aubigne-lefevre`."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
