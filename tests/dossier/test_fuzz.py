"""Fuzz ``validate``: a mutated dossier gives problems, never an exception, a hang or a memory blow-up.

Hypothesis mutates the valid base dossier (``tests/dossier/base``): numbers become nan, inf,
negative or huge, values change type, keys disappear, lists nest deeply, texts turn into odd
unicode, mappings nest deeply; and the YAML text itself is damaged (cut short, or a hostile snippet
such as a tab, a NUL, an alias, a tag or a document marker inserted). Each example runs the loader
and the EMA rules in-process under tracemalloc. The run is bounded (a fixed number of examples,
derandomized) so CI sees the same examples every time.
"""

from __future__ import annotations

import math
import re
import shutil
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ectd_builder.dossier import load_dossier
from ectd_builder.rules import run_rules
from tests.dossier.test_corpus import BASE

FILES = ("dossier.yaml", "sites.yaml", "methods.yaml", "substance.yaml")
PEAK_BYTES = 64 * 1024 * 1024  # the base dossier validates within about 0.3 MB
SLOWEST_S = 10.0
DEEP = "__deep__"  # placeholder for a nested list written as text (the YAML dumper would recurse)
DEEP_MAP = "__deepmap__"  # the same for nested mappings
RAW = "__raw__"  # placeholder for RAW_SCALARS[n], written as is (YAML resolves it, not the dumper)
RAW_SCALARS = (
    "0x" + "f" * 5000,
    "0b" + "1" * 3000,
    "1" + ":59" * 400,
    "9" * 4301,
    "1e99999",
    "-.INF",
    ".NaN",
    "0o17",
    "~",
    "2026-02-30",
)
_PLACEHOLDER = re.compile(rf"({DEEP_MAP}|{DEEP}|{RAW})(\d+)")

Path_ = tuple[str | int, ...]


def _paths(node: Any, path: Path_ = ()) -> Iterator[Path_]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _base() -> dict[str, Any]:
    return {name: yaml.safe_load((BASE / name).read_text(encoding="utf-8")) for name in FILES}


BASE_DATA = _base()
PATHS = [(name, p) for name in FILES for p in _paths(BASE_DATA[name]) if p]

REPLACEMENTS = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, -1, -0.5, 0, 1e308, 10**30, -(10**30), 2**63]),
    st.sampled_from([True, False, None, "", [], {}, [None], {"x": 1}, "2026-13-45", "1e999"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.integers(min_value=2, max_value=1200).map(lambda n: f"{DEEP}{n}"),
    st.integers(min_value=2, max_value=1200).map(lambda n: f"{DEEP_MAP}{n}"),
    st.integers(min_value=0, max_value=len(RAW_SCALARS) - 1).map(lambda n: f"{RAW}{n}"),
    st.lists(st.sampled_from([math.inf, -1, "x", None]), max_size=4),
)


@dataclass(frozen=True)
class Mutation:
    action: str  # "replace" or "delete"
    value: Any = None


MUTATIONS = st.builds(
    Mutation,
    action=st.sampled_from(["replace", "replace", "delete"]),
    value=REPLACEMENTS,
)


def _apply(data: dict[str, Any], where: tuple[str, Path_], mutation: Mutation) -> None:
    name, path = where
    parent: Any = data[name]
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if mutation.action == "delete":
        del parent[last]
    else:
        parent[last] = mutation.value


def _expand(match: re.Match[str]) -> str:
    """'__deep__40' -> 40 nested lists, '__deepmap__40' -> 40 nested flow mappings, '__raw__0' -> RAW_SCALARS[0]."""
    kind, n = match.group(1), int(match.group(2))
    if kind == RAW:
        return RAW_SCALARS[n]
    if kind == DEEP:
        return "[" * n + "]" * n
    return "{a: " * n + "1" + "}" * n


def _write(root: Path, data: dict[str, Any]) -> None:
    for name, content in data.items():
        text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        (root / name).write_text(_PLACEHOLDER.sub(_expand, text), encoding="utf-8")


@dataclass
class Outcome:
    peak: int
    seconds: float
    problems: int


def validate_mutated(root: Path, mutations: list[tuple[tuple[str, Path_], Mutation]]) -> Outcome:
    """Write the base dossier with ``mutations`` applied into ``root`` and validate it (load + EMA rules)."""
    data = yaml.safe_load(yaml.safe_dump(BASE_DATA))  # a deep copy
    for where, mutation in mutations:
        try:
            _apply(data, where, mutation)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BASE, root)
    _write(root, data)
    return _measure(root)


def _measure(root: Path) -> Outcome:
    """Load ``root`` and run the EMA rules under tracemalloc: peak bytes, seconds, problem count."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = load_dossier(root)
        problems = list(result.problems) + run_rules(result, ["ema"])
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return Outcome(peak, seconds, len(problems))


# Text that breaks YAML in the ways a hand edit or an attacker would: indentation by tab, a NUL or
# a byte-order mark mid-file, an unclosed flow or quote, an undefined alias, a code-execution tag,
# a merge key, a second document, a key with no value, a very long line.
SNIPPETS = (
    "\t",
    "\x00",
    "\ufeff",
    "{",
    "[",
    "'",
    '"',
    "*undefined",
    "&a [*a]",
    "!!python/object/apply:os.system [ls]",
    "<<: *x",
    "\n---\n",
    ":",
    "\n- ",
    "? ",
    "x" * 5000,
)


@dataclass(frozen=True)
class Damage:
    file: str
    at: float  # where in the text, as a fraction of its length
    snippet: str | None  # None: cut the text short there


DAMAGE = st.builds(
    Damage,
    file=st.sampled_from(FILES),
    at=st.floats(min_value=0, max_value=1),
    snippet=st.one_of(st.none(), st.sampled_from(SNIPPETS)),
)


def validate_damaged(root: Path, damage: Damage) -> Outcome:
    """Copy the base dossier into ``root``, damage one file's text and validate it."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(BASE, root)
    path = root / damage.file
    text = path.read_text(encoding="utf-8")
    cut = int(len(text) * damage.at)
    path.write_text(text[:cut] + (damage.snippet + text[cut:] if damage.snippet is not None else ""), encoding="utf-8")
    return _measure(root)


CASES = st.lists(st.tuples(st.sampled_from(PATHS), MUTATIONS), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def warm() -> None:
    """Import and compile the rules once, so the first example is not measured with them."""
    run_rules(load_dossier(BASE), ["ema"])


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutations=CASES)
def test_validate_never_raises(warm: None, tmp_path_factory: pytest.TempPathFactory, mutations: Any) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz-dossier"
    outcome = validate_mutated(root, mutations)
    assert outcome.peak < PEAK_BYTES, f"validate used {outcome.peak:,} bytes"
    assert outcome.seconds < SLOWEST_S, f"validate took {outcome.seconds:.1f} s"


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(damage=DAMAGE)
def test_damaged_yaml_text_never_raises(warm: None, tmp_path_factory: pytest.TempPathFactory, damage: Damage) -> None:
    outcome = validate_damaged(tmp_path_factory.getbasetemp() / "damaged-dossier", damage)
    assert outcome.peak < PEAK_BYTES, f"validate used {outcome.peak:,} bytes"
    assert outcome.seconds < SLOWEST_S, f"validate took {outcome.seconds:.1f} s"


def test_fuzz_reaches_the_nonsense_it_is_meant_to(tmp_path: Path) -> None:
    """The mutation machinery itself works: a nan dose and a 900-deep list are written and reported."""
    dose = ("dossier.yaml", ("product", "max_daily_dose", "value"))
    deep = ("sites.yaml", ("sites", 0, "name"))
    outcome = validate_mutated(tmp_path / "d", [(dose, Mutation("replace", math.nan)), (deep, Mutation("replace", f"{DEEP}900"))])
    assert outcome.problems >= 2
    assert "[[[[" in (tmp_path / "d" / "sites.yaml").read_text(encoding="utf-8")
    assert ".nan" in (tmp_path / "d" / "dossier.yaml").read_text(encoding="utf-8")
    city = ("sites.yaml", ("sites", 0, "address", "city"))
    assert validate_mutated(tmp_path / "m", [(city, Mutation("replace", f"{DEEP_MAP}900"))]).problems >= 1
    assert "{a: {a: {a: " in (tmp_path / "m" / "sites.yaml").read_text(encoding="utf-8")
    huge = validate_mutated(tmp_path / "r", [(dose, Mutation("replace", f"{RAW}0"))])
    assert huge.problems >= 1 and "value: 0xfff" in (tmp_path / "r" / "dossier.yaml").read_text(encoding="utf-8")


def test_damage_reaches_the_yaml_reader(tmp_path: Path) -> None:
    """A tab, a cut and a NUL written into the text are each reported (the damage is not a no-op)."""
    for damage in (Damage("sites.yaml", 0.5, "\t"), Damage("methods.yaml", 0.5, None), Damage("dossier.yaml", 0.3, "\x00")):
        assert validate_damaged(tmp_path / "d", damage).problems >= 1, damage


SWAPS = (True, "x", 7, [], {}, None, math.nan, -1, f"{DEEP}60", "delete")


def test_every_value_of_the_wrong_type_is_a_problem(warm: None, tmp_path: Path) -> None:
    """Each value of the base dossier replaced once (the replacement rotating over ``SWAPS``): no exception.

    Raw-data checks that assume a type (``jurisdictions: true`` on an attachment raised TypeError)
    are the class of bug this sweep keeps out.
    """
    worst = 0.0
    for i, where in enumerate(PATHS):
        swap = SWAPS[i % len(SWAPS)]
        mutation = Mutation("delete") if swap == "delete" else Mutation("replace", swap)
        outcome = validate_mutated(tmp_path / "d", [(where, mutation)])
        assert outcome.peak < PEAK_BYTES, (where, swap)
        worst = max(worst, outcome.seconds)
    assert worst < SLOWEST_S
    assert len(PATHS) > 200  # the sweep covers the whole base dossier
