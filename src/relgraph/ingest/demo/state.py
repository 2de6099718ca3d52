"""What every builder of one portfolio shares: the one seeded generator, the document being
written, the ids handed out, our staff directory, and small helpers (dates, ids, names)."""

from __future__ import annotations

import datetime
import random
import unicodedata
from typing import Any

from pydantic.alias_generators import to_camel

from relgraph.config import Settings
from relgraph.ingest.demo.records import Account
from relgraph.ingest.demo.tables import CULTURE_CUM, CULTURES, EXEC_FOCUS_OF, ROLE_TITLES
from relgraph.intel.common import cadence_days
from relgraph.model import DIMENSIONS, DOCUMENT_ORDER, FORMAT

# The contract's defaults (not this process's environment: the same arguments always give the
# same document).
DEFAULTS = Settings.model_construct()
# History reaches back as far as derived KNOWS look (two years).
WINDOW_DAYS = DEFAULTS.derived_knows_window_days
# How often a key contact of each rank must be met (STALE_CONTACT).
STALE_DAYS = {rank: cadence_days(rank, DEFAULTS) for rank in ("S", "A", "B", "C")}
# More A roles than this is OWNER_OVERLOADED.
A_OWNER_CAP = DEFAULTS.overloaded_owner_threshold
# The six assessment dimensions, as the document names them.
DIMENSION_KEYS = tuple(to_camel(d) for d in DIMENSIONS)


def ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class Portfolio:
    """One portfolio being built; all randomness from one seeded generator."""

    def __init__(self, accounts: int, seed: int, as_of: datetime.date) -> None:
        self.n = accounts
        self.seed = seed
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.doc: dict[str, Any] = {"format": FORMAT}
        for name in DOCUMENT_ORDER:
            self.doc[name] = []
        self._days: dict[int, str] = {}
        self._next = {"ou": 0, "c": 0, "s": 0, "i": 0, "o": 0}
        self.staff_rank: dict[str, str] = {}
        self.staff_active: dict[str, bool] = {}
        self.a_load: dict[str, int] = {}
        self.exec_s: list[str] = []
        self.exec_a: list[str] = []
        self.exec_pools: dict[tuple[str, str], list[str]] = {}
        self.favored: set[str] = set()
        self.inactive_exec: str | None = None
        self.competitors: list[str] = []
        self.shared_c_ar: tuple[str, int] | None = None
        self.emails: set[str] = set()  # e-mail addresses taken in the current account

    def day(self, ago: int) -> str:
        """ISO date `ago` days before as_of (negative = future), cached and shared."""
        text = self._days.get(ago)
        if text is None:
            text = (self.as_of - datetime.timedelta(days=ago)).isoformat()
            self._days[ago] = text
        return text

    def new_id(self, prefix: str, width: int) -> str:
        self._next[prefix] += 1
        return f"{prefix}-{self._next[prefix]:0{width}d}"

    def person_name(self, region: str) -> tuple[str, str, str]:
        names, cum = CULTURE_CUM[region]
        culture = self.rng.choices(names, cum_weights=cum)[0]
        given_names, family_names, family_first = CULTURES[culture]
        given = self.rng.choice(given_names)
        family = self.rng.choice(family_names)
        full = f"{family} {given}" if family_first else f"{given} {family}"
        return full, given, family

    def contact_name(self, acc: Account) -> tuple[str, str]:
        """A client person's name and a unique e-mail address in the account's domain."""
        full, given, family = self.person_name(acc.region)
        local = f"{ascii_word(given)}.{ascii_word(family)}"
        email = f"{local}@{acc.domain}"
        n = 2
        while email in self.emails:
            email = f"{local}{n}@{acc.domain}"
            n += 1
        self.emails.add(email)
        return full, email

    def strength(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high), 2)

    def new_staff(self, name: str, title: str, rank: str, role: str, active: bool = True) -> str:
        sid = self.new_id("s", 5)
        self.doc["staff"].append({"id": sid, "name": name, "title": title, "rank": rank,
                                  "role": role, "active": active})
        self.staff_rank[sid] = rank
        self.staff_active[sid] = active
        return sid

    def new_role_staff(self, role: str, rank: str, active: bool = True) -> str:
        name = self.person_name("GLOBAL")[0]
        return self.new_staff(name, self.rng.choice(ROLE_TITLES[(role, rank)]), rank, role,
                              active)

    def pick_exec(self, rank: str, function: str) -> str:
        """An executive of `rank`, preferably with a business focus matching `function`."""
        focus = EXEC_FOCUS_OF.get(function, "general")
        pool = self.exec_pools.get((rank, focus)) or (self.exec_s if rank == "S" else self.exec_a)
        return self.rng.choice(pool)

    def favor(self, contact: str, competitor: str, low: float, high: float) -> None:
        if contact not in self.favored:
            self.favored.add(contact)
            self.doc["favors"].append({"contact": contact, "competitor": competitor,
                                       "strength": self.strength(low, high)})
