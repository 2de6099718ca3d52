"""Batches of a long list: one statement per batch keeps every parameter list bounded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """`items` in consecutive lists of at most `size`, in order."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])
