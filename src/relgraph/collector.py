"""Pausing Python's cycle collector while a computation builds many objects at once.

An import (millions of records, dicts and rows while the document stays alive) and the facts
of many accounts (rows, facts, findings that survive until the answer is made) build
hundreds of thousands of small objects at once. Each full pass of the cycle collector
walks every live object, and the collector starts one whenever enough new objects outlive its
younger generations: measured on the facts of 100 accounts of 10,000 contacts, those passes
were 15-25% of the whole computation. Those objects form no reference cycles worth collecting
mid-way (reference counting frees them), so the collector waits until the computation ends.

Process-wide and counted: the collector runs again when the last of the computations that
paused it ends (several requests may compute at once), and never if it was off before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cycle collector off (see the module's note)."""
    global _pausing, _was_enabled
    with _lock:
        if _pausing == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _was_enabled:
                gc.enable()
