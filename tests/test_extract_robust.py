"""Any string in gives a valid record (every span inside and quoting the text) or a typed error out."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import ReumaExtractError
from extractor.extract import extract_text
from schemas import iter_evidence

PIECES = st.sampled_from([
    "Methods.", "Results:", "Conclusions.", "BACKGROUND", "5 pts", "n=3", "(n = 2)", "Three of the five", "all patients",
    "SLEDAI decreased from 6 [T0] to 2 [T2]", "12/27 (44.4%)", "mean 4.5 ± 1.2", "median 3 (IQR 1–5)", "35–64 years",
    "DAS28 < 2.6", "p<0.001", "(((", ")))", "[", "]", "<b>", "&nbsp;", "\u00a0", "—", "–", "±", "→", "°C", "漢字",
    "systemic lupus erythematosus (SLE)", "rituximab (RTX)", "no patient", "previous", "remission", "discontinued",
    "100%", "0 patients", "999999 patients", "one", "twenty-one", ",", ".", " ", "\n", "\n\n", "x" * 50,
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(PIECES, max_size=60).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_a_valid_record_or_a_typed_error(text: str) -> None:
    try:
        record = extract_text(text, id="fuzz")
    except ReumaExtractError:
        return
    assert record.text == text
    pop_n = record.population.n.value if record.population.n else None
    for path, ev in iter_evidence(record):
        assert 0 <= ev.start <= ev.end <= len(text), path
        assert text[ev.start : ev.end] == ev.text, path
    for field in (record.treatments, record.manifestations, record.lab_findings, record.outcomes,
                  record.adverse_events):
        for item in field:
            assert item.n is None or item.n >= 0
            assert pop_n is None or item.n is None or item.n <= pop_n


def test_a_failing_rule_loses_one_abstract_not_the_stream(monkeypatch) -> None:
    import pipelines.components.scores as scores
    from extractor.abstract import Abstract
    from extractor.extract import extract_abstracts
    from schemas import Record

    real = scores.parse_values

    def broken(text, lo, hi, **kw):
        if "BOOM" in text:
            raise RuntimeError("rule bug")
        return real(text, lo, hi, **kw)

    monkeypatch.setattr(scores, "parse_values", broken)
    texts = ["Results. SLEDAI fell from 8 to 4.", "Results. BOOM SLEDAI fell from 8 to 4.", "Results. CDAI was 12."]
    out = list(extract_abstracts([Abstract(id=f"a{i}", text=t) for i, t in enumerate(texts)]))
    assert isinstance(out[0], Record) and isinstance(out[2], Record)
    assert isinstance(out[1], ReumaExtractError) and "rule bug" in str(out[1]) and out[1].where == "a1"
