"""The domain lexicons parse, carry the keys their consumers rely on, and do not contradict themselves."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from pipelines import lexicons, numbers
from pipelines.lexicons import ATC_RE, DOMAINS, DRUG_KINDS, INSTRUMENT_KINDS, MESH_RE, OUTCOME_KINDS

ENTRY_LEXICONS = ("drugs", "diseases", "instruments", "manifestations", "labs", "adverse_event_terms")
JSON_LEXICONS = ("number_words", "domain_terms", "outcome_cues", "abbreviation_policy")

#: minimum sizes (breadth of coverage is the point of the lexicons)
MIN_SIZES = {
    "drugs": 200,
    "diseases": 80,
    "instruments": 90,
    "manifestations": 150,
    "labs": 70,
    "adverse_event_terms": 60,
}

#: surface forms deliberately shared by two entries of one lexicon: (lexicon, surface) → why.
#: The index keeps the first entry listed; consumers disambiguate by context.
DELIBERATE_SHARED: dict[tuple[str, str], str] = {}


def key_of(lexicon: str, entry: dict) -> str:
    return entry["acronym"] if lexicon == "instruments" else entry["name"]


@pytest.mark.parametrize("name", ENTRY_LEXICONS + JSON_LEXICONS)
def test_every_lexicon_parses(name: str) -> None:
    data = lexicons.load(name)
    assert data, f"{name} is empty"


@pytest.mark.parametrize("name", ENTRY_LEXICONS)
def test_sizes(name: str) -> None:
    assert len(lexicons.load(name)) >= MIN_SIZES[name]


@pytest.mark.parametrize("name", ENTRY_LEXICONS)
def test_required_keys_and_unique_keys(name: str) -> None:
    required, _ = lexicons.SCHEMAS[name]
    keys = [key_of(name, e) for e in lexicons.load(name)]
    for e in lexicons.load(name):
        for k in required:
            assert e.get(k), f"{name}: {key_of(name, e)!r} lacks {k}"
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{name}: duplicate entries {sorted(dupes)}"


@pytest.mark.parametrize("name", ENTRY_LEXICONS)
def test_no_surface_form_names_two_entries(name: str) -> None:
    """Within a lexicon, a surface form (loose: normalised; exact: as written) belongs to one entry."""
    loose: dict[str, set[str]] = defaultdict(set)
    exact: dict[str, set[str]] = defaultdict(set)
    for e in lexicons.load(name):
        k = key_of(name, e)
        for s in lexicons.loose_surfaces(e):
            loose[lexicons.norm(s)].add(k)
        for s in lexicons.exact_surfaces(e):
            exact[s].add(k)
    clashes = {
        s: sorted(ks)
        for table in (loose, exact)
        for s, ks in table.items()
        if len(ks) > 1 and (name, s) not in DELIBERATE_SHARED
    }
    assert not clashes, f"{name}: surface forms shared by several entries: {clashes}"


def test_drug_kinds_atc_and_classes() -> None:
    drugs = lexicons.load("drugs")
    used_classes = {c for e in drugs for c in e["classes"]}
    for e in drugs:
        assert e["kind"] in DRUG_KINDS, e["name"]
        assert e["name"] == e["name"].strip() and "  " not in e["name"], e["name"]
        if e["atc"] is not None:
            assert ATC_RE.match(e["atc"]), f"{e['name']}: bad ATC {e['atc']!r}"
        for a in e.get("ambiguous_abbreviations", []):
            assert a in e["abbreviations"], f"{e['name']}: ambiguous {a} is not an abbreviation"
        if e["kind"] == "class":
            # a class entry names the tag its members carry in ``classes`` (or the tags it includes)
            member = e.get("member_class")
            assert member, f"class {e['name']} lacks member_class"
            assert member in used_classes or set(e.get("includes", [])) & used_classes, e["name"]
    kinds = {e["kind"] for e in drugs}
    assert set(DRUG_KINDS) <= kinds
    # real drugs carry their ATC code almost always (new agents may not have one yet)
    real = [e for e in drugs if e["kind"] == "drug"]
    assert sum(1 for e in real if e["atc"]) / len(real) > 0.8


def test_core_drug_abbreviations_resolve() -> None:
    idx = lexicons.drug_abbreviation_index()
    expected = {
        "MTX": "methotrexate",
        "HCQ": "hydroxychloroquine",
        "SSZ": "sulfasalazine",
        "LEF": "leflunomide",
        "MMF": "mycophenolate mofetil",
        "CYC": "cyclophosphamide",
        "AZA": "azathioprine",
        "RTX": "rituximab",
        "TCZ": "tocilizumab",
        "BEL": "belimumab",
        "ANI": "anifrolumab",
        "ADA": "adalimumab",
        "ETN": "etanercept",
        "IFX": "infliximab",
        "CZP": "certolizumab pegol",
        "SEC": "secukinumab",
        "UST": "ustekinumab",
        "TOFA": "tofacitinib",
        "BARI": "baricitinib",
        "UPA": "upadacitinib",
        "ABA": "abatacept",
        "ANK": "anakinra",
        "GCs": "glucocorticoids",
        "IVIG": "intravenous immunoglobulin",
        "PLEX": "plasma exchange",
        "TNFi": "tumor necrosis factor inhibitors",
        "bDMARDs": "biological disease-modifying antirheumatic drugs",
    }
    for short, name in expected.items():
        assert idx[short]["name"] == name, short
    # abbreviations are case-sensitive: the English word "ada" is not adalimumab
    assert "ada" not in idx and "Mtx" not in idx


def test_drug_index_finds_generics_brands_and_spellings() -> None:
    idx = lexicons.drug_index()
    assert idx["plaquenil"]["name"] == "hydroxychloroquine"
    assert idx["ciclosporin"]["name"] == "cyclosporine"
    assert idx[lexicons.norm("methyl-prednisolone")]["name"] == "methylprednisolone"
    assert idx["steroids"]["name"] == "glucocorticoids"
    # "corticosteroids" is its own class entry so a text keeps its own word (record names as written)
    assert idx["corticosteroids"]["member_class"] == "glucocorticoid"
    assert idx["benlysta"]["name"] == "belimumab"
    assert idx["placebo"]["kind"] == "placebo"
    assert idx["standard of care"]["kind"] == "soc"
    assert idx[lexicons.norm("CAR-T cell therapy")]["kind"] == "therapy"


def test_diseases_mesh_and_parents() -> None:
    diseases = lexicons.load("diseases")
    names = {e["name"] for e in diseases}
    for e in diseases:
        if e["mesh"] is not None:
            assert MESH_RE.match(e["mesh"]), f"{e['name']}: bad MeSH id {e['mesh']!r}"
        if e["parent"] is not None:
            assert e["parent"] in names, f"{e['name']}: unknown parent {e['parent']!r}"
        assert e["name"] == e["name"].strip()
    idx = lexicons.disease_index()
    assert idx["SLE"]["name"] == "systemic lupus erythematosus"
    assert idx["LN"]["parent"] == "systemic lupus erythematosus"
    assert idx[lexicons.norm("Sjogren's syndrome")]["name"] == "Sjögren's syndrome"
    assert idx["GPA"]["parent"] == "ANCA-associated vasculitis"


def test_instruments_kinds_families_and_index() -> None:
    instruments = lexicons.load("instruments")
    for e in instruments:
        assert e["kind"] in INSTRUMENT_KINDS, e["acronym"]
        assert e["family"], e["acronym"]
    idx = lexicons.instrument_index()
    assert idx["SLEDAI-2K"]["family"] == idx["SELENA-SLEDAI"]["family"] == idx["SLEDAI"]["family"] == "SLEDAI"
    assert idx["SLEDAI 2K"]["acronym"] == "SLEDAI-2K"
    assert idx["MRSS"]["acronym"] == "mRSS"  # upper-cased key, canonical case kept in the entry
    assert idx["DAS28-CRP"]["acronym"] == "DAS28-CRP"
    assert (
        idx[lexicons.norm("Cutaneous Lupus Erythematosus Disease Area and Severity Index")]["acronym"]
        == "CLASI"
    )
    for response in ("ACR20", "SRI-4", "BICLA", "LLDAS", "DORIS", "EULAR RESPONSE", "DAPSA-REM", "MDA"):
        assert idx[response]["kind"] == "response", response
    for ambiguous in ("AI", "CI", "CAT"):
        assert idx[ambiguous]["ambiguous"] is True
    assert not idx["CLASI"]["ambiguous"]
    assert lexicons.instrument_candidates("chronicity index")[0]["acronym"] == "CI"


def test_instruments_with_references() -> None:
    instruments = lexicons.load("instruments")
    with_ref = [e for e in instruments if e["ref"]]
    assert len(with_ref) / len(instruments) > 0.85
    for e in with_ref:
        assert re.search(r"\b(19|20)\d\d\b", e["ref"]), f"{e['acronym']}: reference without a year"


def test_manifestations_domains() -> None:
    seen_domains = set()
    for e in lexicons.load("manifestations"):
        assert e["domain"] in DOMAINS, f"{e['name']}: domain {e['domain']!r}"
        if e["mesh"] is not None:
            assert MESH_RE.match(e["mesh"]), f"{e['name']}: bad MeSH id {e['mesh']!r}"
        seen_domains.add(e["domain"])
    assert seen_domains == set(DOMAINS)
    idx = lexicons.manifestation_index()
    assert idx["pleural effusion"]["domain"] == "serosal"
    assert idx["anaemia"]["name"] == "anemia"
    assert idx["ILD"]["domain"] == "cardiopulmonary"
    assert idx[lexicons.norm("leukopenia–lymphopenia")]["domain"] == "hematologic"


def test_labs_kinds_and_case_sensitivity() -> None:
    labs = lexicons.load("labs")
    for e in labs:
        assert re.fullmatch(r"[a-z_]+", e["kind"]), e["name"]
        if e["mesh"] is not None:
            assert MESH_RE.match(e["mesh"]), f"{e['name']}: bad MeSH id {e['mesh']!r}"
    idx = lexicons.lab_index()
    assert idx["C3"]["case_sensitive"] is True
    assert "c3" not in idx  # "c3" in lower case is no complement fraction
    assert idx[lexicons.norm("anti-dsDNA")]["name"] == "anti-dsDNA antibodies"
    assert idx["ESR"]["kind"] == "acute_phase"
    assert idx["UPCR"]["name"] == "urine protein-to-creatinine ratio"
    assert idx[lexicons.norm("anti-Jo-1")]["kind"] == "autoantibody"


def test_adverse_events() -> None:
    events = lexicons.load("adverse_event_terms")
    for e in events:
        assert re.fullmatch(r"[a-z_]+", e["category"]), e["name"]
    idx = lexicons.adverse_event_index()
    assert idx[lexicons.norm("infusion-related reaction")]["name"] == "infusion reaction"
    assert idx["herpes zoster"]["category"] == "infection"


def test_number_words_compose() -> None:
    w = lexicons.number_words()
    assert w["units"]["nineteen"] == 19 and w["tens"]["ninety"] == 90 and w["scales"]["thousand"] == 1000
    assert set(w["units"].values()) == set(range(20))
    assert numbers.parse_int("twenty-one") == 21
    assert numbers.parse_int("Thirty eight") == 38
    assert numbers.parse_int("six hundred eighty-five") == 685
    assert 0 < w["fractions"]["two thirds"] < 1 and w["fractions"]["half"] == 0.5
    assert w["quantifiers"]["all"] == "all" and w["quantifiers"]["both"] == 2


def test_domain_terms_cover_every_domain() -> None:
    terms = lexicons.domain_terms()
    assert set(DOMAINS) <= set(terms)
    for d in DOMAINS:
        assert terms[d] and all(t == t.lower() for t in terms[d]), d
    assert {"involvement", "manifestations", "disease"} <= set(terms["heads"])
    owners: dict[str, list[str]] = defaultdict(list)
    for d in DOMAINS:
        for t in terms[d]:
            owners[t].append(d)
    assert not {t: ds for t, ds in owners.items() if len(ds) > 1}


def test_outcome_cues_are_record_kinds() -> None:
    cues = lexicons.outcome_cues()
    assert set(cues) <= set(OUTCOME_KINDS)
    assert set(OUTCOME_KINDS) - {"other"} <= set(cues)
    for kind, words in cues.items():
        assert words and all(isinstance(w, str) and w.strip() for w in words), kind


def test_abbreviation_policy() -> None:
    policy = lexicons.abbreviation_policy()
    ignore = set(policy["ignore"])
    assert {"pts", "SD", "IQR"} <= ignore
    assert {"CI", "AI", "CR", "PR"} <= set(policy["ambiguous"])
    assert not ignore & set(policy["ambiguous"]), "an ambiguous short form must not be ignored"
    assert policy["long_form_corrections"]["SLE"] == "systemic lupus erythematosus"


def test_broken_line_is_reported_with_file_and_line() -> None:
    with pytest.raises(ValueError, match=r"lexicons/drugs\.jsonl: line 2: invalid JSON"):
        lexicons._load_jsonl("drugs", '{"name": "x", "kind": "drug"}\n{"name": \n')
    with pytest.raises(ValueError, match=r"line 1: missing required key\(s\) kind"):
        lexicons._load_jsonl("drugs", '{"name": "x"}\n')
    with pytest.raises(ValueError, match=r"line 1: 'synonyms' must be a list of strings"):
        lexicons._load_jsonl("diseases", '{"name": "x", "synonyms": "y"}\n')
    with pytest.raises(FileNotFoundError, match="no lexicon"):
        lexicons.load("no_such_lexicon")


def test_optional_keys_get_defaults() -> None:
    (entry,) = lexicons._load_jsonl("drugs", '{"name": "x", "kind": "drug"}\n')
    assert entry["abbreviations"] == [] and entry["atc"] is None and entry["classes"] == []
