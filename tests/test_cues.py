"""Rules as data, one home each: the cue lists of ``lexicons/cues.json``, the one clause splitter and the
typed parameter objects, each on sentences written for the test (never a dev abstract's wording)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import pathlib
import re
import typing

import pytest

from extractor.extract import extract_text
from pipelines import cues, lexicons
from pipelines.components import adverse_events, manifestations, outcomes, treatments
from pipelines.counting import clause_bounds, clause_cuts, split_clauses


def rec(text: str):
    return extract_text(text, id="t")


# --- step 1: one home for the history / negation cues --------------------------------------------------------

def test_every_cue_list_loads_and_compiles_once() -> None:
    data = lexicons.load("cues")
    listed = sorted(k for k in data if not k.startswith("_"))
    assert cues.names() == listed
    for name in listed:
        spec = data[name]
        assert spec["why"].strip() and spec["cues"], name
        rx = cues.pattern(name)
        assert rx.flags & re.IGNORECASE
        assert rx.pattern == spec["before"] + "|".join(spec["cues"]) + spec["after"]
        assert cues.pattern(name) is rx  # compiled once, shared


def test_an_unknown_cue_list_is_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="no_such_list"):
        cues.pattern("no_such_list")


def test_components_read_the_shared_patterns_not_copies_of_their_own() -> None:
    assert treatments.PREVIOUS_CUES is cues.pattern("previous_drug")
    assert treatments.PREVIOUS_AFTER is cues.pattern("previous_drug_after")
    assert treatments.ENTRY_HISTORY is cues.pattern("entry_history")
    assert manifestations.HISTORY is cues.pattern("previous_manifestation")
    assert manifestations.NEGATED_BEFORE is cues.pattern("negated_manifestation")
    assert manifestations.REMISSION_AFTER is cues.pattern("remission_after")
    assert adverse_events.NEGATION is cues.pattern("negated_ae")
    assert adverse_events.EARLIER is cues.pattern("earlier_ae")
    assert outcomes.ABSENT is cues.pattern("absent_outcome")


@pytest.mark.parametrize(("name", "text", "hit"), [
    # a drug's history reaches to the end of its clause; a manifestation's does not stand before a therapy word
    ("previous_drug", "patients who were intolerant to ", True),
    ("previous_drug", "despite ", True),
    ("previous_drug", "previously treated; then ", False),
    ("previous_manifestation", "a past episode of ", True),
    ("previous_manifestation", "prior therapy with ", False),
    ("previous_manifestation", "despite ", False),
    # the manifestation's negation is close (three words); the adverse event's reaches the clause and reads "not"
    ("negated_manifestation", "without any ", True),
    ("negated_manifestation", "no sign of clinically overt renal ", False),
    ("negated_ae", "there was not a single case of ", True),
    ("negated_manifestation", "there was not a single case of ", False),
    ("earlier_ae", "Events recorded before enrolment", True),
    ("absent_outcome", "no patients had ", True),
    ("absent_outcome", "two patients had ", False),
])
def test_each_named_list_keeps_its_own_reading(name: str, text: str, hit: bool) -> None:
    assert bool(cues.pattern(name).search(text)) is hit


def test_the_two_randomisation_patterns_mean_different_things() -> None:
    assert treatments.ARMS_COMPARED.search("adalimumab versus etanercept")
    assert not treatments.RANDOMISED_TRIAL.search("adalimumab versus etanercept")
    assert treatments.RANDOMISED_TRIAL.search("after randomisation")
    assert not treatments.ARMS_COMPARED.search("after randomisation")


def test_cues_json_is_plain_data_with_no_context_rule_moved_out() -> None:
    rules = lexicons.load("context_rules")
    assert all({"literal", "category", "direction"} <= set(r) for r in rules)
    assert {r["literal"] for r in rules} >= {"had failed", "in remission", "without", "free of"}
    raw = json.loads(json.dumps(lexicons.load("cues")))
    assert all(isinstance(v["cues"], list) for k, v in raw.items() if not k.startswith("_"))


def test_history_cue_makes_a_drug_previous() -> None:
    r = rec("Methods. We enrolled 40 patients with rheumatoid arthritis who had failed methotrexate. "
            "Results. All were treated with tocilizumab.")
    roles = {t.name: (t.role, t.n) for t in r.treatments}
    assert roles["methotrexate"] == ("previous", 40)


def test_history_cue_makes_a_manifestation_previous_and_leaves_the_next_current() -> None:
    r = rec("Methods. We studied 30 patients with systemic lupus erythematosus. Results. Twelve had previous "
            "pericarditis. Arthritis was present in 20 patients.")
    got = {m.name: (m.status, m.n) for m in r.manifestations}
    assert got == {"pericarditis": ("previous", 12), "arthritis": ("current", 20)}


def test_negated_adverse_event_is_dropped_and_a_counted_one_kept() -> None:
    r = rec("Methods. 50 patients with psoriatic arthritis received secukinumab. Results. No serious infections "
            "occurred. Nasopharyngitis occurred in 6 patients.")
    assert [(a.name, a.n) for a in r.adverse_events] == [("nasopharyngitis", 6)]


def test_absent_outcome_counts_nobody() -> None:
    r = rec("Methods. 50 patients with giant cell arteritis received tocilizumab. Results. No patient died. "
            "Flares occurred in 5 patients.")
    assert [(o.kind, o.n) for o in r.outcomes] == [("death", 0), ("flare", 5)]


# --- step 2: one clause splitter ------------------------------------------------------------------------------

def _pieces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_clauses_split_at_top_level_punctuation_only() -> None:
    s = "Pain improved (VAS 60 vs 30; p<0.01), fatigue did not; flares: 3"
    assert _pieces(s, split_clauses(s, 0, len(s))) == [
        "Pain improved (VAS 60 vs 30; p<0.01)", "fatigue did not", "flares", "3"]


def test_clauses_for_the_inclusion_test_keep_every_piece() -> None:
    s = "Forty were included; ; 23 had (a; b) nephritis"
    got = split_clauses(s, 0, len(s), re.compile("[;]"), brackets=False, keep_empty=True, strip=False)
    assert _pieces(s, got) == ["Forty were included", " ", " 23 had (a", " b) nephritis"]


def test_clause_around_a_mention_stops_at_contrast_words_and_brackets() -> None:
    s = "Arthritis improved in 12 patients whereas nephritis (n = 3; refractory) persisted"
    a = s.index("nephritis")
    lo, hi = clause_bounds(s, a, a + len("nephritis"), 0, len(s))
    assert s[lo:hi] == " nephritis (n = 3; refractory) persisted"
    a = s.index("refractory")
    lo, hi = clause_bounds(s, a, a + len("refractory"), 0, len(s))
    assert s[lo:hi] == " refractory) persisted"  # inside a bracket the bracket opens the clause


def test_clause_cuts_keep_an_unmatched_bracket_apart_from_a_clamped_one() -> None:
    s = "x) (y; z"
    assert list(clause_cuts(s, 0, len(s), re.compile(";"), clamp=False)) == [(5, 6)]
    assert list(clause_cuts(s, 0, len(s), re.compile(";"))) == []


def test_outcome_cues_and_counts_read_the_shared_clauses() -> None:
    r = rec("Methods. 40 patients with gout received colchicine. Results. Flares occurred in 5 patients, "
            "while 3 patients died.")
    assert sorted((o.kind, o.n) for o in r.outcomes) == [("death", 3), ("flare", 5)]


# --- step 3: small typed parameter objects --------------------------------------------------------------------

OWNED = ["pipelines/counting.py", "pipelines/cues.py", "pipelines/components/treatments.py",
         "pipelines/components/manifestations.py", "pipelines/components/adverse_events.py",
         "pipelines/components/outcomes.py"]
#: count_near's signature is shared with labs.py (another owner); its last two parameters are keyword flags
SHARED_SIGNATURES = {("pipelines/counting.py", "count_near")}


def test_no_function_takes_a_long_argument_list() -> None:
    root = pathlib.Path(__file__).resolve().parent.parent
    long = []
    for path in OWNED:
        for node in ast.walk(ast.parse((root / path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg != "self"]
                if len(names) > 7 and (path, node.name) not in SHARED_SIGNATURES:
                    long.append((path, node.name, len(names)))
    assert long == []


def test_outcome_readers_take_a_frozen_typed_sentence_context() -> None:
    hints = typing.get_type_hints(outcomes.SentenceContext)
    assert hints["pop_n"] == int | None and hints["gc"] is bool and hints["ae_sentence"] is bool
    assert typing.get_type_hints(outcomes.Clause)["last_target"] == str | None
    clause = outcomes.Clause(0, 10, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        clause.lo = 5  # type: ignore[misc]
    params = inspect.signature(outcomes.OutcomesComponent._cue_hits).parameters
    assert list(params) == ["self", "ctx", "clause_at", "kind", "rx", "taken"]


@pytest.mark.parametrize(("text", "items"), [
    ("Methods. 40 patients with lupus nephritis received belimumab. Results. Proteinuria improved in 10 patients, "
     "and worsened in 2 patients.", [("improvement", "proteinuria", 10), ("worsening", None, 2)]),
    ("Methods. 40 patients with giant cell arteritis received tocilizumab. Results. Glucocorticoids were tapered "
     "in 30 patients; 4 patients discontinued tocilizumab.", [("glucocorticoid_tapering", None, 30), ("discontinuation", None, 4)]),
])
def test_outcomes_per_clause_are_read_as_before(text: str, items: list) -> None:
    assert [(o.kind, o.target, o.n) for o in rec(text).outcomes] == items
