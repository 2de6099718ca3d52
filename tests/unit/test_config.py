"""Settings of the management cycle: the tier resource split and the general-relationship score."""

from __future__ import annotations

import pytest

from relgraph.config import Settings, TierResources
from relgraph.errors import InvalidSettings
from relgraph.model import Tier


def settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(f"RELGRAPH_{name}", value)
    return Settings(_env_file=None)  # type: ignore[call-arg]


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    config = settings(monkeypatch)
    assert str(config.tier_resources) == "7:3:0:0"
    assert config.tier_resources.target_shares() == {Tier.S: 0.7, Tier.A: 0.3, Tier.B: 0.0,
                                                     Tier.C: 0.0}
    assert [config.tier_resources.resourced(t) for t in "SABC"] == [True, True, False, False]
    assert (config.general_activity_target, config.general_result_weight) == (12, 0.8)


@pytest.mark.parametrize(("text", "shares", "resourced"), [
    ("8:2:0:0", {"S": 0.8, "A": 0.2, "B": 0.0, "C": 0.0}, "SA"),
    ("4:3:2:1", {"S": 0.4, "A": 0.3, "B": 0.2, "C": 0.1}, "SABC"),
    (" 0 : 1 : 0 : 3 ", {"S": 0.0, "A": 0.25, "B": 0.0, "C": 0.75}, "AC"),
])
def test_tier_resources_from_the_environment(monkeypatch: pytest.MonkeyPatch, text: str,
                                             shares: dict[str, float], resourced: str) -> None:
    resources = settings(monkeypatch, TIER_RESOURCES=text).tier_resources
    assert {t.value: s for t, s in resources.target_shares().items()} == shares
    assert "".join(t for t in "SABC" if resources.resourced(t)) == resourced
    assert resources.share("C") == int(text.split(":")[3])


@pytest.mark.parametrize(("text", "reason"), [
    ("7:3", "'7:3' is not four shares S:A:B:C such as 7:3:0:0 "
            "(non-negative integers with a positive sum)"),
    ("7:3:0:0:0", "'7:3:0:0:0' is not four shares S:A:B:C such as 7:3:0:0 "
                  "(non-negative integers with a positive sum)"),
    ("7:-3:0:0", "'7:-3:0:0' is not four shares S:A:B:C such as 7:3:0:0 "
                 "(non-negative integers with a positive sum)"),
    ("0.7:0.3:0:0", "'0.7:0.3:0:0' is not four shares S:A:B:C such as 7:3:0:0 "
                    "(non-negative integers with a positive sum)"),
    ("", "'' is not four shares S:A:B:C such as 7:3:0:0 "
         "(non-negative integers with a positive sum)"),
    ("0:0:0:0", "'0:0:0:0' gives no tier a share (the sum must be positive)"),
])
def test_bad_tier_resources(monkeypatch: pytest.MonkeyPatch, text: str, reason: str) -> None:
    with pytest.raises(InvalidSettings) as caught:
        settings(monkeypatch, TIER_RESOURCES=text)
    assert str(caught.value) == f"RELGRAPH_TIER_RESOURCES: {reason}"


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("GENERAL_ACTIVITY_TARGET", "24", 24),
    ("GENERAL_ACTIVITY_TARGET", "+6", 6),
    ("GENERAL_RESULT_WEIGHT", "0.7", 0.7),
    ("GENERAL_RESULT_WEIGHT", "0", 0.0),
    ("GENERAL_RESULT_WEIGHT", "1", 1.0),
])
def test_general_relationship_settings(monkeypatch: pytest.MonkeyPatch, name: str, text: str,
                                       expected: float) -> None:
    assert getattr(settings(monkeypatch, **{name: text}), name.lower()) == expected


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("GENERAL_ACTIVITY_TARGET", "0", "'0' is not a positive integer (interactions a year, "
                                     "e.g. 12)"),
    ("GENERAL_ACTIVITY_TARGET", "-3", "'-3' is not a positive integer (interactions a year, "
                                      "e.g. 12)"),
    ("GENERAL_ACTIVITY_TARGET", "12.5", "'12.5' is not a positive integer (interactions a year, "
                                        "e.g. 12)"),
    ("GENERAL_RESULT_WEIGHT", "1.2", "'1.2' is not a number in [0, 1] (the weight of the result "
                                     "against the process, e.g. 0.8)"),
    ("GENERAL_RESULT_WEIGHT", "-0.1", "'-0.1' is not a number in [0, 1] (the weight of the "
                                      "result against the process, e.g. 0.8)"),
    ("GENERAL_RESULT_WEIGHT", "nan", "'nan' is not a number in [0, 1] (the weight of the result "
                                     "against the process, e.g. 0.8)"),
    ("GENERAL_RESULT_WEIGHT", "most", "'most' is not a number in [0, 1] (the weight of the "
                                      "result against the process, e.g. 0.8)"),
])
def test_bad_general_relationship_settings(monkeypatch: pytest.MonkeyPatch, name: str,
                                           text: str, reason: str) -> None:
    with pytest.raises(InvalidSettings) as caught:
        settings(monkeypatch, **{name: text})
    assert str(caught.value) == f"RELGRAPH_{name}: {reason}"


def test_every_bad_setting_is_named_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidSettings) as caught:
        settings(monkeypatch, TIER_RESOURCES="7:3", PORT="http")
    assert str(caught.value) == (  # in the order of the settings' fields
        "RELGRAPH_TIER_RESOURCES: '7:3' is not four shares S:A:B:C such as 7:3:0:0 "
        "(non-negative integers with a positive sum); "
        "RELGRAPH_PORT: 'http': Input should be a valid integer, unable to parse string as an "
        "integer")


def test_settings_take_values_in_code_too() -> None:
    config = Settings(tier_resources="4:3:2:1", general_result_weight=0.7,  # type: ignore[arg-type]
                      _env_file=None)  # type: ignore[call-arg]
    assert config.tier_resources == TierResources(4, 3, 2, 1)
    assert config.general_result_weight == 0.7
    assert Settings(tier_resources=TierResources(8, 2, 0, 0)).tier_resources.target_share("A") \
        == 0.2
