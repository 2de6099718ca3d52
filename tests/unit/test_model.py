"""The vocabulary of the management cycle: attitude rounding, actions by front and partnership."""

from __future__ import annotations

import pytest

from relgraph.model import (
    ACTION_OF_INTERACTION,
    Assessment,
    Front,
    InteractionType,
    OrgAction,
    Partnership,
    assessment_attitude,
    nearest_level,
)


@pytest.mark.parametrize(("mean", "level"), [
    (-1 / 6, 0), (2.5, 2), (8 / 3, 3), (-0.5, 0), (-1.5, -1), (1.5, 1), (0.5, 0),
    (2.4, 2), (2.6, 3), (-0.6, -1), (-1.0, -1), (3.0, 3), (0.0, 0), (7 / 3, 2),
])
def test_nearest_level_rounds_halves_toward_zero(mean: float, level: int) -> None:
    assert nearest_level(mean) == level


def test_attitude_is_given_or_the_rounded_mean() -> None:
    one_opponent_dimension = Assessment.model_validate(
        {"contact": "c", "date": "2026-06-30", "acceptance": -1, "participation": 0,
         "projectSupport": 0, "informationSharing": 0, "guidance": 0, "competitiveStance": 0})
    assert assessment_attitude(one_opponent_dimension) == 0  # mean -0.17: neutral, not -1
    nearly_coach = Assessment.model_validate(
        {"contact": "c", "date": "2026-06-30", "acceptance": 2, "guidance": 3,
         "informationSharing": 3})
    assert assessment_attitude(nearly_coach) == 3  # mean 2.67
    given = Assessment.model_validate({"contact": "c", "date": "2026-06-30", "acceptance": 3,
                                       "attitude": 1})
    assert assessment_attitude(given) == 1


def test_twelve_actions_three_per_front() -> None:
    assert [(f.value, [a.value for a in f.actions]) for f in Front] == [
        ("communication", ["regular_summit", "executive_visits", "personal_relationship"]),
        ("alignment", ["strategy_alignment", "organization_alignment", "process_alignment"]),
        ("joint", ["joint_innovation", "joint_brand_csr", "joint_business_planning"]),
        ("recognition", ["culture_recognition", "management_practice", "brand_recognition"]),
    ]
    assert OrgAction.JOINT_BRAND_CSR.front is Front.JOINT


def test_required_actions_by_partnership() -> None:
    assert Partnership.STRATEGIC_PARTNER.required_actions == tuple(OrgAction)
    assert sorted(set(OrgAction) - set(Partnership.PARTNER.required_actions)) == sorted(
        [OrgAction.PERSONAL_RELATIONSHIP, OrgAction.PROCESS_ALIGNMENT,
         OrgAction.MANAGEMENT_PRACTICE])
    assert len(Partnership.PARTNER.required_actions) == 9
    assert Partnership.ORDINARY.required_actions == (OrgAction.REGULAR_SUMMIT,
                                                     OrgAction.EXECUTIVE_VISITS)
    assert OrgAction.PROCESS_ALIGNMENT.required_for("strategic_partner")
    assert not OrgAction.PROCESS_ALIGNMENT.required_for("partner")
    assert not OrgAction.JOINT_INNOVATION.required_for(Partnership.ORDINARY)


def test_interactions_that_count_as_actions() -> None:
    assert {t.value: a.value for t, a in ACTION_OF_INTERACTION.items()} == {
        "summit": "regular_summit", "executive_visit": "executive_visits",
        "joint_innovation": "joint_innovation", "csr": "joint_brand_csr"}
    assert OrgAction.REGULAR_SUMMIT.interaction_types == (InteractionType.SUMMIT,)
    assert OrgAction.STRATEGY_ALIGNMENT.interaction_types == ()
