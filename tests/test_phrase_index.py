"""The lexicon PhraseMatcher (``pipelines.vocab.PhraseIndex``): what counts as a mention.

Plurals and hyphen/space spellings are generated from the lexicon entries, not listed; short
forms keep their case; a word inside a hyphenated compound is no mention.
"""

from __future__ import annotations

import pytest

from pipelines import vocab


@pytest.fixture(scope="module")
def index() -> vocab.PhraseIndex:
    return vocab.phrase_index(("drugs", "diseases"))


def drugs(index: vocab.PhraseIndex, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], key) for s, e, key in index.find(text)[0]]


def diseases(index: vocab.PhraseIndex, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], key) for s, e, key in index.find(text)[1]]


def test_plural_is_generated_and_case_sensitive_short_forms_keep_their_case(index):
    text = "Methotrexate and MTX, not mtx; glucocorticoids (GCs), a glucocorticoid."
    assert drugs(index, text) == [
        ("Methotrexate", "methotrexate"), ("MTX", "methotrexate"), ("glucocorticoids", "glucocorticoids"),
        ("GCs", "glucocorticoids"), ("glucocorticoid", "glucocorticoids"),
    ]


def test_hyphen_slash_and_space_spellings_are_one_phrase(index):
    text = "systemic-lupus erythematosus and Systemic Lupus/Erythematosus"
    assert [s for s, _ in diseases(index, text)] == ["systemic-lupus erythematosus", "Systemic Lupus/Erythematosus"]
    assert {k for _, k in diseases(index, text)} == {"systemic lupus erythematosus"}


def test_no_mention_inside_a_hyphenated_word(index):
    assert drugs(index, "non-methotrexate users; methotrexate-related toxicity") == []


def test_longest_phrase_wins_and_mentions_do_not_overlap(index):
    found = diseases(index, "Patients with systemic lupus erythematosus.")
    assert found == [("systemic lupus erythematosus", "systemic lupus erythematosus")]


def test_one_lexicon_shortcut_equals_the_index(index):
    text = "MTX then methotrexate in lupus"
    assert vocab.matcher("drugs").find(text) == index.find(text)[0]


def test_compiled_once_per_process():
    assert vocab.phrase_index(("drugs", "diseases")) is vocab.phrase_index(("drugs", "diseases"))
