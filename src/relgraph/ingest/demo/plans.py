"""Key-relationship plans of the portfolio, made once every account is built: a card for most
S/A decision-chain contacts of the S/A accounts — this half-year's (active) and the last one's
(ended) — with reviews every two months or quarter and measurable commitments. Some reviews are
overdue, some plans off track or sponsored below the contact's rank, some commitments late; the
ended plans reached their target or missed it, by the contact's attitude on their end day.

Drawn from a random stream of its own, so the rest of the document is the same with or without
plans.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from relgraph.ingest.demo.state import Portfolio
from relgraph.model import OPEN_STAGES, Rank

GOALS = (  # of the contact, by title
    "{title} backs our proposal for {deal}",
    "{title} sponsors the {deal} pilot internally",
    "{title} shares the evaluation criteria of {deal} early",
    "{title} opens the door to the board for {deal}",
    "{title} supports us before the {deal} decision",
)
PRINCIPLES = ("rank parity, business match", "business match, shared history",
              "rank parity, ability and willingness to solve problems",
              "history of working together, technical match")
COMMITMENTS = ("joint lab visit", "executive dinner with our sponsor", "reference-site visit",
               "roadmap session with our product line", "workshop on the migration plan",
               "quarterly business review", "headquarters visit", "expert advisory session")
GAPS = ("no access since the reorganization", "a competitor hosted the last summit",
        "our delivery incident is still open", "the decision moved to the board",
        "only met at the working level this quarter")
REMEDIES = ("sponsor call before the next board meeting", "bring our CTO to the next workshop",
            "close the incident and present the lessons learned",
            "invite them to the reference site", "ask the coach for an introduction")
HALF_YEAR = 182
# How often a current plan goes wrong in each way: its reviews stopped, its latest review found
# it off track, its sponsor is ranked below the contact, a commitment is late. The first plans
# of the portfolio go wrong in one way each, so that every way occurs.
FLAWS = {"overdue": 0.2, "off_track": 0.2, "low_sponsor": 0.1, "late": 0.3}
# How often the last half-year's plan missed its target; in each account the first that can miss
# (its contact was not a coach on its end day) does, and the first that can reach it (its
# contact was assessed by then) reaches it.
MISSED = 0.45
PLANNED = 0.8  # the share of the eligible contacts that get plans (not the first of an account)


class PlanCards(Portfolio):
    """Writes `plans`, `commitments` and `planReviews` from the finished document."""

    def plan_cards(self) -> None:
        rng = random.Random(f"{self.seed}:plans")
        doc = self.doc
        tiers = {a["id"]: a["tier"] for a in doc["accounts"]}
        open_deals = {o["id"]: o for o in doc["opportunities"] if o["stage"] in OPEN_STAGES}
        deals: dict[str, list[str]] = defaultdict(list)
        for d in doc["decisionChain"]:
            if d["opportunity"] in open_deals:
                deals[d["contact"]].append(d["opportunity"])
        a_owner: dict[str, str] = {}
        for o in doc["owners"]:
            if o["role"] == "A" and self.staff_active[o["staff"]]:
                a_owner.setdefault(o["contact"], o["staff"])
        ar = {t["account"]: t["staff"] for t in doc["teams"] if t["role"] == "AR"}
        sponsor_of = {s["contact"]: s["staff"] for s in doc["sponsors"] if "contact" in s}
        history: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for a in doc["assessments"]:
            history[a["contact"]].append((a["date"], a["attitude"]))
        unplaced = list(FLAWS)
        outcomes: dict[str, set[bool]] = defaultdict(set)  # account -> plans missed (True) or not
        unplanned: set[str] = set()  # accounts where an eligible contact has no plan
        for c in doc["contacts"]:
            if not (c["active"] and c["rank"] in ("S", "A") and tiers[c["account"]] in ("S", "A")
                    and c["id"] in deals):
                continue
            if c["account"] not in unplanned or rng.random() >= PLANNED:
                unplanned.add(c["account"])
                continue
            owner = a_owner.get(c["id"]) or ar.get(c["account"])
            if owner is None or not self.staff_active[owner]:
                continue
            deal = open_deals[rng.choice(sorted(deals[c["id"]]))]
            flaws = {flaw for flaw, odds in FLAWS.items() if rng.random() < odds}
            if unplaced:
                flaws.add(unplaced.pop(0))
            sponsor = self.plan_sponsor(rng, c, sponsor_of.get(c["id"]), "low_sponsor" in flaws)
            # an overdue plan runs long enough to have missed a review
            began = rng.randint(110, 170) if "overdue" in flaws else rng.randint(20, 170)
            card = {"contact": c, "owner": owner, "sponsor": sponsor, "deal": deal,
                    "history": sorted(history[c["id"]])}
            seen = outcomes[c["account"]]
            miss = True not in seen or (False in seen and rng.random() < MISSED)
            seen.add(self.plan_card(rng, card, began + HALF_YEAR + 1, began + 1,
                                    {"missed"} if miss else set()))
            self.plan_card(rng, card, began, began - HALF_YEAR, flaws)

    def plan_sponsor(self, rng: random.Random, contact: dict[str, Any], paired: str | None,
                     low: bool) -> str:
        """The contact's personal sponsor when it has one, else an executive of its rank; when
        `low`, one ranked below it."""
        rank = contact["rank"]
        if low:
            below = [s for s in self.exec_a if rank == "S"] or sorted(
                s for s, r in self.staff_rank.items() if r == "B" and self.staff_active[s])
            return rng.choice(below)
        if paired and Rank(self.staff_rank[paired]).level >= Rank(rank).level:
            return paired
        return rng.choice(self.exec_s if rank == "S" else self.exec_s + self.exec_a)

    def plan_card(self, rng: random.Random, card: dict[str, Any], start: int, end: int,
                  flaws: set[str]) -> bool:
        """One half-year plan from `start` to `end` days before as_of (ended when `end` > 0),
        with the flaws given; whether it misses its target on its end day."""
        c, deal, ended = card["contact"], card["deal"], end > 0
        attitude = _attitude_on(card["history"], self.day(end if ended else 0))
        if ended and attitude is not None and "missed" not in flaws:
            target = attitude  # reached on its end day
        else:  # one level more than now (a coach stays a coach)
            target = min(3, (attitude if attitude is not None else 0) + 1)
        every = 61 if "overdue" in flaws else rng.choice((61, 61, 92))
        pid = self.new_id("p", 5)
        self.doc["plans"].append({
            "id": pid, "contact": c["id"], "owner": card["owner"], "sponsor": card["sponsor"],
            "opportunity": deal["id"], "start": self.day(start), "end": self.day(end),
            "targetAttitude": target,
            "goal": rng.choice(GOALS).format(title=c["title"], deal=deal["name"]),
            "principle": rng.choice(PRINCIPLES), "reviewEveryDays": every,
        })
        self.plan_reviews(rng, card, pid, start, max(end, 0), every, flaws)
        dues = rng.sample(range(end + 5, start - 5), rng.randint(2, 3))
        late = rng.randint(3, 15) if "late" in flaws else None  # due days ago, never done
        if late is not None:
            dues[0] = late
        for due in sorted(dues):
            done = None
            if due > 0 and due != late and rng.random() < 0.85:
                done = self.day(max(0, due - rng.randint(-7, 12)))
            self.doc["commitments"].append({"id": self.new_id("cm", 6), "plan": pid,
                                            "text": rng.choice(COMMITMENTS), "due": self.day(due),
                                            "doneOn": done})
        return attitude is None or attitude < target

    def plan_reviews(self, rng: random.Random, card: dict[str, Any], pid: str, start: int,
                     last: int, every: int, flaws: set[str]) -> None:
        """Reviews a little more often than every `every` days from the start to `last` days
        before as_of; an overdue plan's reviews stop more than `every` days before as_of."""
        stop = last + every + rng.randint(5, 40) if "overdue" in flaws else last
        off_track = "off_track" in flaws
        dates: list[int] = []
        ago = start - (every - rng.randint(3, 12))
        while ago >= stop:
            dates.append(ago)
            ago -= every - rng.randint(3, 12)
        for n, ago in enumerate(dates):
            behind = off_track and n == len(dates) - 1
            review: dict[str, Any] = {
                "id": self.new_id("pr", 6), "plan": pid, "date": self.day(ago),
                "reviewedBy": card["owner"] if rng.random() < 0.8 else card["sponsor"],
                "onTrack": not behind, "gap": None, "remedy": None}
            if behind:
                review["gap"], review["remedy"] = rng.choice(GAPS), rng.choice(REMEDIES)
            self.doc["planReviews"].append(review)



def _attitude_on(history: list[tuple[str, int]], day: str) -> int | None:
    """The attitude of the latest assessment dated on or before `day` (ISO), if any."""
    known = [attitude for date, attitude in history if date <= day]
    return known[-1] if known else None

