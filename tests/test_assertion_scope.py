"""``reuma_assertion`` runs ConText's cue matcher only on sentences that hold a target and may
hold a cue; the verdicts must equal those of medspaCy's matcher over the whole doc."""

from __future__ import annotations

import pytest

import pipelines
from pipelines.components import base
from pipelines.components.assertion import _required_words

TEXTS = [
    "Methods. No patient had fever or arthritis. Methotrexate was given. History of uveitis was noted.",
    "Patients denied rash. Prior rituximab had failed. Rash may be present if hydroxychloroquine is stopped.",
    "Background. Lupus is rare. Results. There was no evidence of nephritis, but arthritis was seen in 3.",
]


@pytest.fixture(scope="module")
def nlp():
    return pipelines.build_pipeline()


def verdicts(doc) -> list[tuple]:
    return [(e["start"], e["label"], e["negated"], e["historical"], e["hypothetical"]) for e in base.entities(doc)]


@pytest.mark.parametrize("text", TEXTS)
def test_verdicts_equal_whole_doc_context(nlp, text):
    component = nlp.get_pipe("reuma_assertion")
    fast = verdicts(nlp(text))
    wrapper = component.context._ConText__matcher
    component.context._ConText__matcher = wrapper.inner  # medspaCy's matcher over the whole doc
    try:
        slow = verdicts(nlp(text))
    finally:
        component.context._ConText__matcher = wrapper
    assert fast == slow
    assert any(v[2] or v[3] or v[4] for v in fast)  # the texts do hold negated/historical/hypothetical targets


def test_required_words_only_from_plain_lower_tokens():
    assert _required_words([[{"LOWER": "no"}, {"LOWER": {"IN": ["new", "other"]}, "OP": "?"}]]) == [[frozenset({"no"})]]
    # a pattern without a required plain LOWER token gives no shortcut: always matched
    assert _required_words([[{"LOWER": "no"}], [{"LEMMA": "deny"}]]) is None


def test_doc_without_targets_gets_no_verdicts(nlp):
    doc = nlp("Background. This is a sentence about nothing in particular.")
    assert all(not (e["negated"] or e["historical"] or e["hypothetical"]) for e in base.entities(doc))
