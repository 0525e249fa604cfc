"""The components' contract with spaCy: declared requires/assigns, checked when a component is
added, failures raised in library use and recorded only in ``extract_abstracts`` streams."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import pipelines
from extractor.abstract import Abstract
from extractor.errors import ExtractionError
from extractor.extract import _make_doc, extract_abstracts
from schemas import Record, Section

TEXT = (
    "Background. Systemic lupus erythematosus (SLE) is a chronic disease.\n"
    "Methods. We report on 5 female SLE patients aged 35-64 years treated with anifrolumab.\n"
    "Results. SLEDAI fell from 8 to 4."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipelines.build_pipeline()


def test_every_factory_declares_what_it_assigns_and_requires() -> None:
    import pipelines.components  # noqa: F401  (registers the factories)

    for name in pipelines.COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
        assert all(a.startswith(("doc._.", "token.", "span._.")) or a == "doc.ents"
                   for a in [*meta.assigns, *meta.requires]), name
        if name != "reuma_sections":
            assert meta.requires, name
    # a component that reads sentences says so
    assert "token.is_sent_start" in Language.get_factory_meta("reuma_population").requires


def test_analyze_pipes_reports_no_problem(nlp: Language) -> None:
    analysis = nlp.analyze_pipes(pretty=False)
    assert set(analysis["problems"]) == {"sentencizer", *pipelines.COMPONENTS}
    assert all(problems == [] for problems in analysis["problems"].values()), analysis["problems"]


@pytest.mark.parametrize("name", pipelines.COMPONENTS)
def test_each_component_alone_works_or_names_what_it_needs(name: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    requires = [r for r in Language.get_factory_meta(name).requires if r != "token.is_sent_start"]
    if not requires:
        nlp.add_pipe(name)
        doc = nlp("Methods. We saw 5 patients.\nResults. All improved.")
        assert [s.label_ for s in doc._.reuma_sections] == ["methods", "results"]
        return
    with pytest.raises(ValueError) as info:
        nlp.add_pipe(name)
    message = str(info.value)
    assert name in message
    for attr in requires:  # each missing attribute and the component that sets it are named
        assert attr in message and attr.rpartition(".")[2] in message


def test_readme_example_of_single_components_finds_something() -> None:
    nlp2 = spacy.blank("en")
    nlp2.add_pipe("sentencizer")
    with pytest.raises(ValueError, match="reuma_sections"):  # the old example, now a clear error
        nlp2.add_pipe("reuma_abbreviations")
    nlp2.add_pipe("reuma_sections")
    nlp2.add_pipe("reuma_abbreviations")  # finds definitions itself: scispaCy's detector is not needed
    doc = nlp2(TEXT)
    assert [(a._.reuma["short"], a._.reuma["long"]) for a in doc._.reuma_abbreviations] == [("SLE", "systemic lupus erythematosus")]


def test_abbreviations_with_or_without_scispacy_detector_agree() -> None:
    """Adding scispaCy's detector too (as older pipelines did) changes nothing."""
    import scispacy.abbreviation  # noqa: F401

    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    plain.add_pipe("reuma_sections")
    plain.add_pipe("reuma_abbreviations")
    both = spacy.blank("en")
    both.add_pipe("sentencizer")
    both.add_pipe("abbreviation_detector", config={"make_serializable": True})
    both.add_pipe("reuma_sections")
    both.add_pipe("reuma_abbreviations")
    text = TEXT + " Tumor necrosis factor inhibitors (TNFi) and hydroxychloroquine (HCQ) were given."
    docs = [nlp(text) for nlp in (plain, both)]  # kept: a span group holds its doc weakly
    found = [[(a._.reuma["short"], a._.reuma["long"]) for a in doc._.reuma_abbreviations] for doc in docs]
    assert found[0] == found[1] and ("HCQ", "hydroxychloroquine") in found[0]


def test_a_failure_in_library_use_is_raised(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.components.scores as scores

    def broken(*args, **kwargs):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(scores, "parse_values", broken)
    with pytest.raises(RuntimeError, match="rule bug") as info:
        nlp(TEXT)
    assert any("ScoresComponent" in note for note in getattr(info.value, "__notes__", []))
    # the same bug in a stream costs one abstract, named
    out = list(extract_abstracts([Abstract(id="a", text=TEXT)], nlp=nlp))
    assert isinstance(out[0], ExtractionError) and "rule bug" in str(out[0]) and out[0].where == "a"


def test_the_pipeline_takes_the_readers_sections(nlp: Language) -> None:
    """Sections a reader found go into the doc and are used as given; plain nlp(text) detects them."""
    given = [Section(label="results", heading="Background", start=0, end=10)]  # deliberately not detection's
    doc = nlp(_make_doc(nlp, Abstract(id="a", text=TEXT, sections=given)))
    assert [s._.reuma for s in doc._.reuma_sections] == [{"label": "results", "heading": "Background", "start": 0, "end": 10}]
    plain = nlp(TEXT)  # kept: a span group holds its doc weakly
    detected = [s.label_ for s in plain._.reuma_sections]
    assert detected == ["background", "methods", "results"]
    # an Abstract without sections (built by hand) still gets them detected
    doc = nlp(_make_doc(nlp, Abstract(id="a", text=TEXT)))
    assert [s.label_ for s in doc._.reuma_sections] == detected
    record = next(extract_abstracts([Abstract(id="a", text=TEXT)], nlp=nlp))
    assert isinstance(record, Record) and record.population.n.value == 5
