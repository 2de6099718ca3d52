"""The power map names every kind of coverage gap in words: its label table (map/util.js) has
exactly the kinds the library raises, so a new kind never shows as a raw constant."""

from __future__ import annotations

import re

from relgraph.api.assets import STATIC_DIR
from relgraph.model import GapKind


def test_every_gap_kind_has_a_label_on_the_map() -> None:
    source = (STATIC_DIR / "map" / "util.js").read_text(encoding="utf-8")
    table = source[source.index("export const GAP_LABELS = {"):]
    table = table[:table.index("};")]
    labelled = re.findall(r"^\s+([A-Z_]+): '[^']+',$", table, flags=re.MULTILINE)
    assert sorted(labelled) == sorted(k.value for k in GapKind)
