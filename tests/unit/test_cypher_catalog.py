"""The Cypher catalog: named statements, their checked params, and shared fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from relgraph.cypher import load_catalog, parse_file
from relgraph.errors import UnknownStatement
from relgraph.intel.gaps import FAMILIES
from relgraph.model import GapKind

KEY_RULE = "c.rank IN ['S', 'A']"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_fragment_is_expanded_and_its_params_count_for_the_statement(tmp_path: Path) -> None:
    write(tmp_path, "a.cypher", """// fragment: adult
// A person of age.
// params: age
(p.age >= $age)

// name: adults
// Adults of a city.
// params: city, age
MATCH (p:Person {city: $city})
WHERE {{adult}}
RETURN p.id AS id
""")
    write(tmp_path, "b.cypher", """// name: adult_count
// params: age
MATCH (p:Person) WHERE {{ adult }} RETURN count(p) AS n
""")
    catalog = load_catalog(tmp_path)
    assert sorted(catalog) == ["adult_count", "adults"]  # a fragment is not a statement
    assert catalog["adults"].text == (
        "MATCH (p:Person {city: $city})\nWHERE (p.age >= $age)\nRETURN p.id AS id")
    assert catalog["adults"].params == ("city", "age")
    assert catalog["adult_count"].text == (
        "MATCH (p:Person) WHERE (p.age >= $age) RETURN count(p) AS n")
    # One file alone knows only its own fragments.
    assert [s.name for s in parse_file(tmp_path / "a.cypher")] == ["adults"]
    with pytest.raises(UnknownStatement, match="unknown fragment"):
        parse_file(tmp_path / "b.cypher")


def test_the_params_line_must_list_the_fragments_params_too(tmp_path: Path) -> None:
    write(tmp_path, "a.cypher", """// fragment: adult
// params: age
(p.age >= $age)

// name: adults
// params: city
MATCH (p:Person {city: $city}) WHERE {{adult}} RETURN p.id AS id
""")
    with pytest.raises(UnknownStatement,
                       match=r"declares params \['city'\] but uses \['age', 'city'\]"):
        parse_file(tmp_path / "a.cypher")


def test_a_fragment_is_checked_and_not_nested(tmp_path: Path) -> None:
    write(tmp_path, "a.cypher", "// fragment: f\n// params: x\n(p.a = $y)\n")
    with pytest.raises(UnknownStatement, match=r"declares params \['x'\] but uses \['y'\]"):
        load_catalog(tmp_path)
    other = tmp_path / "nested"
    other.mkdir()
    write(other, "a.cypher", "// fragment: f\n(p.a = 1)\n\n// fragment: g\n({{f}})\n\n"
                             "// name: s\nMATCH (p) WHERE {{g}} RETURN p\n")
    with pytest.raises(UnknownStatement, match="one level deep"):
        load_catalog(other)


def test_the_key_contact_rule_is_written_once_in_cypher() -> None:
    catalog = load_catalog()
    using = sorted(name for name, s in catalog.items() if KEY_RULE in s.text)
    assert using == ["api_contacts_count", "api_contacts_page", "api_key_contact_flags",
                     "intel_a_owned"]
    files = {p.name: p.read_text(encoding="utf-8")
             for p in (Path(catalog["intel_a_owned"].path).parent).glob("*.cypher")}
    assert [name for name, text in sorted(files.items()) if KEY_RULE in text] == [
        "fragments.cypher"]
    assert all("{{" not in s.text for s in catalog.values())  # the engines see expanded text


def test_every_gap_kind_belongs_to_exactly_one_rule_family() -> None:
    owners = {kind: [f.name for f in FAMILIES if kind in f.kinds] for kind in GapKind}
    assert {kind: names for kind, names in owners.items() if len(names) != 1} == {}
