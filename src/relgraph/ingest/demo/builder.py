"""The demo portfolio put together: the accounts first, then, account by account, its client
side, our side, its deals and two years of activity, in one fixed order of draws; then the
client as a company (from a generator of its own)."""

from __future__ import annotations

from typing import Any

from relgraph.ingest.demo.accounts import Accounts
from relgraph.ingest.demo.activity import Activity
from relgraph.ingest.demo.client import ClientSide
from relgraph.ingest.demo.company import Company
from relgraph.ingest.demo.deals import Deals
from relgraph.ingest.demo.ours import OurSide
from relgraph.ingest.demo.records import Account


class Builder(Accounts, ClientSide, OurSide, Deals, Activity, Company):
    """Builds one portfolio document (`build`), account by account (`build_account`)."""

    def build(self) -> dict[str, Any]:
        plans = self.plan_accounts()
        self.make_competitors()
        self.make_executives(sum(p.size for p in plans))
        for plan in plans:
            self.build_account(plan)
        self.company(plans)
        return self.doc

    def build_account(self, acc: Account) -> None:
        units = self.org_units(acc)
        people = self.contacts(acc, units)
        self.reporting_lines(acc, people)
        self.influences(acc, people, units)
        team = self.team(acc)
        supplies = self.supplies(acc)
        dark = self.choose_dark_units(acc, units, people)
        untouchable: set[int] = set()
        for u in dark:
            untouchable.update(units[u].members)
        attitude = self.plan_attitudes(acc, people, untouchable)
        chains = self.opportunities(acc, people, units, team, attitude, untouchable, supplies)
        keys = [i for i, c in enumerate(people)
                if c.end == 0 and (c.key or c.rank in ("S", "A") or i in chains.open_members)]
        for i in keys:
            if i not in attitude and i not in untouchable and self.rng.random() < 0.55:
                attitude[i] = self.rng.choices((0, 1, 2), weights=(3, 4, 2))[0]
        owners = self.owners(acc, people, keys, team, untouchable)
        account_sponsor, sponsors = self.sponsors(acc, people, team)
        self.assessments(acc, people, keys, attitude, owners, team)
        relations = self.knows(acc, people, team, owners, sponsors, untouchable)
        self.favors(people, supplies)
        self.interactions(acc, people, keys, team, relations, untouchable, chains,
                          account_sponsor, sponsors)
        self.emit_contacts(acc, people, units, attitude, untouchable)
