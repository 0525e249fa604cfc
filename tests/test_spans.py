"""Labelled spans as the components' contract: the entity span group, ``doc.ents`` for displaCy,
and docs that survive a ``DocBin`` round trip."""

from __future__ import annotations

import pytest
from spacy import displacy
from spacy.language import Language
from spacy.tokens import DocBin

import pipelines

TEXT = (
    "Background. Systemic lupus erythematosus (SLE) is a chronic disease.\n"
    "Methods. We report on 5 female SLE patients aged 35-64 years treated with anifrolumab (AFM) "
    "and methotrexate; none had a history of arthritis.\n"
    "Results. SLEDAI fell from 8 to 4 with AFM."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipelines.build_pipeline()


def _entity_rows(doc) -> list[tuple]:
    return [(s.label_, s.kb_id_, s._.reuma["key"], s._.reuma["start"], s._.reuma["end"], s._.reuma["negated"],
             s._.reuma["historical"]) for s in doc.spans["reuma_entities"]]


def test_entities_are_labelled_spans_with_codes_and_attributes(nlp: Language) -> None:
    doc = nlp(TEXT)
    group = doc.spans["reuma_entities"]
    by_label = {(s.label_, s.text): s for s in group}
    sle = by_label[("disease", "Systemic lupus erythematosus")]
    assert sle.kb_id_ == "D008180"  # MeSH
    assert sle._.reuma["key"] == "systemic lupus erythematosus" and sle._.reuma["abbr"] == "SLE"
    mtx = by_label[("drug", "methotrexate")]
    assert mtx.kb_id_.startswith("L")  # ATC
    assert by_label[("drug", "AFM")]._.reuma["key"] == "anifrolumab"  # a defined short form
    arthritis = next(s for s in group if s.label_ == "manifestation" and s.text == "arthritis")
    assert arthritis._.reuma["historical"]  # ConText ran on the group
    for s in group:  # the attributes keep the evidence offsets; the span covers them
        assert s.start_char <= s._.reuma["start"] < s._.reuma["end"] <= s.end_char
        assert s._.reuma["label"] == s.label_
    # doc.ents: the non-overlapping mentions, labelled
    assert doc.ents and {(e.label_, e.text) for e in doc.ents} <= {(s.label_, s.text) for s in group}


def test_results_are_span_groups_the_record_is_built_from(nlp: Language) -> None:
    from pipelines.components.base import GROUPS

    doc = nlp(TEXT)
    for name in GROUPS:
        assert name in doc.spans, name
    treated = {s._.reuma["name"]: s for s in doc.spans["reuma_treatments"]}
    assert "anifrolumab" in treated and treated["anifrolumab"].label_ == "treatment"
    ev = treated["anifrolumab"]._.reuma["evidence"]
    assert treated["anifrolumab"].start_char <= ev["start"] < ev["end"] <= treated["anifrolumab"].end_char
    assert [(s.label_, s.text) for s in doc.spans["reuma_abbreviations"]][0] == ("abbreviation", "SLE")
    assert [s.label_ for s in doc.spans["reuma_sections"]] == ["background", "methods", "results"]
    pop = {s.label_: s for s in doc.spans["reuma_population"]}
    assert pop["n"]._.reuma["value"] == 5 and pop["n"].text.startswith("5")
    assert pop["condition"].kb_id_ == "D008180" and pop["condition"]._.reuma["name"] == "systemic lupus erythematosus"


def test_displacy_renders_an_extracted_doc(nlp: Language) -> None:
    doc = nlp(TEXT)
    html = displacy.render(doc, style="ent", jupyter=False)
    assert "methotrexate" in html and "DRUG" in html.upper()
    html = displacy.render(doc, style="span", options={"spans_key": "reuma_entities"}, jupyter=False)
    assert "anifrolumab" in html


def test_docbin_round_trip_keeps_spans_and_attributes(nlp: Language) -> None:
    doc = nlp(TEXT)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    back = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert _entity_rows(back) == _entity_rows(doc)
    from pipelines.components.base import GROUPS, items

    for name in GROUPS:  # every group, spans and attributes
        assert [(s.label_, s.kb_id_, s.start_char, s.end_char) for s in back.spans[name]] == \
            [(s.label_, s.kb_id_, s.start_char, s.end_char) for s in doc.spans[name]], name
        assert items(back, name) == items(doc, name), name
    assert [(e.label_, e.kb_id_, e.start_char, e.end_char) for e in back.ents] == \
        [(e.label_, e.kb_id_, e.start_char, e.end_char) for e in doc.ents]
    assert list(pipelines.components.base.entities(back)) == list(pipelines.components.base.entities(doc))


def test_the_study_is_a_span_group_with_the_cue_that_decided_it(nlp: Language) -> None:
    doc = nlp("Methods. In this retrospective study we enrolled 40 patients with SLE from 2015 to 2020.")
    study = {s.label_: s for s in doc.spans["reuma_study"]}
    assert study["design"]._.reuma["value"] and "retrospective" in study["design"].text.lower()
    assert study["period"]._.reuma["start"] == "2015" and study["period"].text.startswith("from 2015")
    from pipelines.components.base import study as study_of

    assert study_of(doc)["period"]["end"] == "2020"


def test_record_list_spans_link_to_lexicon_codes(nlp: Language) -> None:
    """A record item links to its lexicon's code (ATC, MeSH, instrument acronym); an item the lexicon
    does not hold links to nothing, and groups without a lexicon (outcomes) carry no code."""
    text = ("Methods. 40 patients with SLE received methotrexate (n = 12). Results. Arthritis was present in "
            "10 patients. Herpes zoster occurred in 2 patients. SLEDAI-2K fell from 8 to 4. "
            "Remission was achieved by 20 patients.")
    doc = nlp(text)
    codes = {g: {s._.reuma.get("name") or s._.reuma.get("instrument"): s.kb_id_ for s in doc.spans[g]}
             for g in ("reuma_treatments", "reuma_manifestations", "reuma_adverse_events", "reuma_scores")}
    assert codes["reuma_treatments"]["methotrexate"] == "L04AX03"  # ATC
    assert codes["reuma_manifestations"]["arthritis"] == "D001168"  # MeSH
    assert codes["reuma_adverse_events"]["herpes zoster"] == "D006562"  # MeSH
    assert codes["reuma_scores"]["SLEDAI-2K"] == "SLEDAI-2K"  # the instrument lexicon's key
    assert all(s.kb_id_ == "" for s in doc.spans["reuma_outcomes"])


def test_record_kb_id_is_empty_outside_the_lexicon() -> None:
    from pipelines.components.base import record_kb_id

    assert record_kb_id("reuma_treatments", {"name": "an unlisted regimen"}) == ""
    assert record_kb_id("reuma_outcomes", {"name": "remission"}) == ""
    assert record_kb_id("reuma_labs", {"name": "C3"}) in ("C3", "D003176")
