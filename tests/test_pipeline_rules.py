"""Each rule of the pipeline on sentences written for the test (never a dev abstract's wording)."""

from __future__ import annotations

import pytest

from extractor.extract import extract_text
from pipelines.numbers import count_from_percent, parse_int, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("Thirty-eight", 38), ("six hundred eighty-five", 685), ("1,305", 1305), ("twenty one", 21), ("7", 7),
])
def test_number_words_and_digits(text: str, value: int) -> None:
    assert parse_int(text) == value


def test_decimal_comma_and_point() -> None:
    assert parse_number("4,38") == 4.38
    assert parse_number("44.3") == 44.3


@pytest.mark.parametrize(("pc", "base", "dec", "k"), [(100, 4, 0, 4), (25, 4, 0, 1), (90.3, 31, 1, 28), (94, 18, 0, 17),
                                                       (33, 7, 0, None)])
def test_percentage_gives_a_count_only_when_one_whole_number_fits(pc, base, dec, k) -> None:
    assert count_from_percent(pc, base, dec) == k


def rec(text: str):
    return extract_text(text, id="t")


def test_population_counts_sex_and_age() -> None:
    r = rec("Methods. We retrospectively enrolled 42 patients with gout (30 men, 12 women); mean age 58.1 ± 9.2 years.")
    assert r.population.n.value == 42
    assert (r.population.female.value, r.population.male.value) == (12, 30)
    assert (r.population.age.mean, r.population.age.sd) == (58.1, 9.2)
    assert r.study.design == "retrospective cohort"
    assert r.population.conditions[0].name == "gout"


def test_percentage_of_a_known_cohort_gives_the_sex_count() -> None:
    r = rec("Results. Twenty patients were included; 75% were female.")
    assert r.population.n.value == 20
    assert (r.population.female.value, r.population.male.value) == (15, 5)


def test_x_of_n_patients_gives_the_cohort_and_age_range() -> None:
    r = rec("Results. Nine of 12 patients with Behçet's disease, aged 22–51 years, responded to infliximab.")
    assert r.population.n.value == 12
    assert (r.population.age.min, r.population.age.max) == (22, 51)


def test_design_and_setting_cues() -> None:
    r = rec("Methods. In this multicentre, randomised, double-blind trial, 120 patients with psoriatic arthritis "
            "received secukinumab or placebo.")
    assert r.study.design == "randomized controlled trial"
    assert r.study.setting == "multicenter"
    roles = {t.name: t.role for t in r.treatments}
    assert roles["secukinumab"] == "study" and roles["placebo"] == "comparator"


def test_study_period_with_months() -> None:
    r = rec("Methods. Patients seen from March 2019 to January 2021 at our centre were reviewed.")
    p = r.study.period
    assert (p.start, p.end, p.ongoing) == ("2019-03", "2021-01", False)
    assert r.study.setting == "single-center"


def test_abbreviation_defined_in_text_expands_treatment_and_counts() -> None:
    r = rec("Methods. Twelve patients with giant cell arteritis (GCA) started tocilizumab (TCZ). "
            "Results. TCZ was discontinued in 2 patients.")
    assert {(a.short, a.long) for a in r.abbreviations} >= {("GCA", "giant cell arteritis"), ("TCZ", "tocilizumab")}
    tcz = next(t for t in r.treatments if t.name == "tocilizumab")
    assert tcz.abbreviation == "TCZ" and tcz.role == "study" and tcz.n == 12
    disc = [o for o in r.outcomes if o.kind == "discontinuation"]
    assert disc and disc[0].n == 2


def test_previous_treatment_and_its_count() -> None:
    r = rec("Methods. Fourteen patients with rheumatoid arthritis received baricitinib; "
            "five had previously failed adalimumab.")
    ada = next(t for t in r.treatments if t.name == "adalimumab")
    assert ada.role == "previous" and ada.n == 5


def test_manifestations_by_domain_with_counts_and_history() -> None:
    r = rec("Methods. Ten patients with SLE were studied. Six patients presented with arthritis and "
            "three with pleuritis. Previous manifestations included nephritis (2 pts).")
    got = {m.name: (m.domain, m.n, m.status) for m in r.manifestations}
    assert got["arthritis"] == ("musculoskeletal", 6, "current")
    assert got["nephritis"][2] == "previous" and got["nephritis"][1] == 2


def test_lab_findings_with_result_and_count() -> None:
    r = rec("Methods. Eight patients with SLE were included. Anti-dsDNA antibodies were positive in 6 patients "
            "and C3 was low in 5 patients.")
    got = {lab.name.lower(): (lab.result, lab.n) for lab in r.lab_findings}
    assert got["anti-dsdna antibodies"] == ("positive", 6)
    assert got["c3"] == ("low", 5)


def test_scores_with_time_points_and_spread() -> None:
    r = rec("Results. Mean DAS28-CRP decreased from 5.2 ± 1.1 at baseline to 3.1 ± 0.9 at 6 months (p<0.001).")
    got = {(s.instrument, s.timepoint, s.value, s.sd) for s in r.scores}
    assert ("DAS28-CRP", "baseline", 5.2, 1.1) in got
    assert ("DAS28-CRP", "6 months", 3.1, 0.9) in got
    assert all(s.value != 0.001 for s in r.scores), "p-values are not score values"


def test_threshold_is_a_definition_not_a_score() -> None:
    r = rec("Methods. Remission was defined as DAS28 < 2.6 in 50 patients with rheumatoid arthritis.")
    assert r.scores == []


def test_outcomes_kinds_and_counts() -> None:
    r = rec("Methods. We report on 6 patients with Still's disease treated with anakinra. "
            "Results. Four patients achieved complete remission and two relapsed. "
            "All patients were able to taper glucocorticoids.")
    kinds = {(o.kind, o.n) for o in r.outcomes}
    assert ("complete_remission", 4) in kinds
    assert ("glucocorticoid_tapering", 6) in kinds
    assert r.study.design == "case series"


def test_absent_events_give_nothing_or_zero() -> None:
    r = rec("Methods. Fifteen patients with psoriatic arthritis received ixekizumab. "
            "Results. No serious adverse events were reported.")
    assert r.adverse_events == []


def test_named_adverse_events_with_counts() -> None:
    r = rec("Methods. Twenty patients with SSc received rituximab. "
            "Results. Adverse events included one infusion reaction and two cases of pneumonia.")
    got = {a.name: a.n for a in r.adverse_events}
    assert got.get("infusion reaction") == 1
    assert got.get("pneumonia") == 2


def test_background_sentences_describe_no_patient() -> None:
    r = rec("Background. Lupus often causes lymphopenia and nephritis. "
            "Methods. We included 9 patients with SLE receiving belimumab.")
    assert r.manifestations == []
    assert r.population.n.value == 9


def test_count_above_population_is_flagged_not_emitted() -> None:
    r = rec("Methods. We included 5 patients with gout. Results. Arthritis improved in 9 patients.")
    assert all(o.n is None or o.n <= 5 for o in r.outcomes)
    assert all(m.n is None or m.n <= 5 for m in r.manifestations)
    assert any("above population n" in w for w in r.warnings)


def test_outcome_applies_to_each_listed_object() -> None:
    r = rec("Methods. We included 30 patients with vasculitis. Results. Treatment gave favourable outcomes "
            "with regard to proteinuria, haematuria and creatinine.")
    targets = {o.target for o in r.outcomes if o.kind == "improvement"}
    assert len(targets) == 3


def test_complete_and_partial_responses_are_separate_items() -> None:
    r = rec("Methods. Ten patients with lupus nephritis received obinutuzumab. Results. Five patients responded "
            "(two complete, three partial renal responses).")
    got = {(o.target, o.n) for o in r.outcomes if o.kind == "response"}
    assert ("complete renal responses", 2) in got or ("complete renal response", 2) in got
    assert any(n == 3 for _, n in got)


def test_failed_tapering_is_not_tapering() -> None:
    r = rec("Methods. Forty patients with polymyalgia rheumatica were followed. Results. Twelve patients failed "
            "glucocorticoid tapering.")
    kinds = {o.kind for o in r.outcomes}
    assert "glucocorticoid_tapering" not in kinds and "other" in kinds


def test_score_values_per_subgroup() -> None:
    r = rec("Results. Median ESSDAI was 6 (IQR 3–9) in patients with anti-SSA antibodies and 3 (IQR 1–5) in the "
            "others (p=0.02).")
    got = {(s.instrument, s.value, s.group) for s in r.scores}
    assert ("ESSDAI", 6, "patients with anti-SSA antibodies") in got
    assert ("ESSDAI", 3, "others") in got
    assert all(s.statistic == "median" and s.iqr for s in r.scores)


def test_study_period_months_of_one_year() -> None:
    r = rec("Methods. Patients were enrolled between March and October 2023.")
    assert (r.study.period.start, r.study.period.end) == ("2023-03", "2023-10")


def test_sex_counts_with_patient_noun() -> None:
    r = rec("Results. We analysed 120 patients; 90 patients (75%) were women.")
    assert (r.population.female.value, r.population.male.value) == (90, 30)


def test_lab_value_with_unit() -> None:
    r = rec("Methods. We included 46 patients with gout. Mean serum urate was 8.9 mg/dL at baseline.")
    lab = next(x for x in r.lab_findings if x.name == "serum urate")
    assert (lab.result, lab.value, lab.unit) == ("value", 8.9, "mg/dL")


def test_absent_deaths_and_flares_are_outcomes_with_zero() -> None:
    r = rec("Methods. We studied 58 patients with axial spondyloarthritis. Results. No uveitis flares occurred. "
            "There were no deaths.")
    got = {(o.kind, o.n) for o in r.outcomes}
    assert ("flare", 0) in got and ("death", 0) in got
    assert r.adverse_events == []


def test_discontinuation_reasons_in_brackets() -> None:
    r = rec("Methods. We studied 30 patients with axial spondyloarthritis. Results. Upadacitinib was stopped in "
            "6 patients because of primary inefficacy (n=4) or herpes zoster (n=2).")
    reasons = {(o.target, o.n) for o in r.outcomes if o.kind == "discontinuation"}
    assert ("primary inefficacy", 4) in reasons and ("herpes zoster", 2) in reasons


def test_age_range_and_median_in_brackets() -> None:
    r = rec("Results. Patients were 6 women and 3 men, aged 19 to 58 years (median 34).")
    assert (r.population.age.min, r.population.age.max, r.population.age.median) == (19, 58, 34)
    r = rec("Results. The median age was 56 years (range 24–81).")
    assert (r.population.age.median, r.population.age.min, r.population.age.max) == (56, 24, 81)


def test_sex_written_label_first_and_age_at_treatment_start() -> None:
    r = rec("Results. A total of 134 patients were analysed (female 97, male 37; mean age at TCZ start 73.4 years).")
    assert (r.population.female.value, r.population.male.value) == (97, 37)
    assert r.population.age.mean == 73.4


def test_of_n_randomised_patients_and_setting_with_adjectives() -> None:
    r = rec("Methods. We worked at a single tertiary centre. Results. Of 1629 randomised patients, 1,297 (79.6%) "
            "were women.")
    assert r.population.n.value == 1629
    assert (r.population.female.value, r.population.male.value) == (1297, 332)
    assert r.study.setting == "single-center"


def test_reasons_written_count_first() -> None:
    r = rec("Methods. We studied 46 patients with gout. Results. Febuxostat was discontinued in 3 patients, two for "
            "skin rash and one for raised liver enzymes.")
    reasons = {(o.target, o.n) for o in r.outcomes if o.kind == "discontinuation"}
    assert ("skin rash", 2) in reasons and ("raised liver enzymes", 1) in reasons


def test_elliptical_lab_list_and_percent_of_cohort() -> None:
    r = rec("Methods. We enrolled 112 patients. Results. Anti-Jo-1 antibodies were positive in 5 and anti-Ro "
            "antibodies in 3; rheumatoid factor was detected in 41%.")
    got = {lab.name.lower(): (lab.result, lab.n) for lab in r.lab_findings}
    assert got["anti-ro antibodies"] == ("positive", 3)
    assert got["rheumatoid factor"] == ("positive", 46)


def test_change_scores_per_arm_with_signed_values() -> None:
    r = rec("Results. The mean change in DAS28-CRP from baseline to week 12 was −2.49 with UPA, −1.04 with PBO "
            "and −2.00 with ADA.")
    got = {(s.value, s.group, s.timepoint, s.statistic) for s in r.scores}
    assert (-2.49, "UPA", "week 12", "change") in got
    assert (-1.04, "PBO", "week 12", "change") in got
    assert all(s.value != 12 for s in r.scores)


def test_time_point_numbers_and_scale_ranges_are_not_values() -> None:
    r = rec("Methods. BASDAI was assessed at T0, T6 (month 6) and T12. Muscle strength was measured with Manual "
            "Muscle Testing-8 (MMT-8, 0–150).")
    assert r.scores == []


def test_arm_sizes_after_dose_and_frequency() -> None:
    r = rec("Methods. Patients on background methotrexate were randomly assigned to upadacitinib 15 mg once daily "
            "(n=651), placebo (n=651) or adalimumab 40 mg every other week (n=327).")
    got = {t.name: (t.role, t.n) for t in r.treatments}
    assert got["upadacitinib"] == ("study", 651)
    assert got["adalimumab"] == ("comparator", 327)
    assert got["placebo"] == ("comparator", 651)
    assert got["methotrexate"][0] == "concomitant"


def test_decimal_commas_in_scores() -> None:
    r = rec("Results. DAS28 improved from 5,1 at baseline to 3,2 at 6 months.")
    assert {(s.value, s.timepoint) for s in r.scores} == {(5.1, "baseline"), (3.2, "6 months")}


def test_sex_counts_above_the_cohort_are_dropped_with_a_warning() -> None:
    r = rec("Methods. We enrolled 10 patients with SLE (12 females and 3 males).")
    assert r.population.n.value == 10
    assert r.population.female is None
    assert any("population.female" in w for w in r.warnings)


def test_percentages_of_a_huge_cohort_are_cheap_and_exact() -> None:
    assert count_from_percent(64.2, 25_000_000, 1) is None
    assert count_from_percent(42.48, 685, 2) == 291  # 291/685 = 42.48%
    assert parse_int("99999999999999999999999999") == 99999999999999999999999999


def test_the_cohort_sentence_names_the_disease_studied() -> None:
    r = rec("Background. Rheumatoid arthritis (RA) is common. RA causes pain. RA is costly. "
            "Methods. We enrolled 30 patients with systemic lupus erythematosus.")
    assert r.population.conditions[0].name == "systemic lupus erythematosus"


def test_response_per_arm() -> None:
    r = rec("Results: At week 12, ACR20 was achieved by 71% with UPA vs 36% with PBO and 63% with ADA (p<0.001).")
    targets = {o.target for o in r.outcomes if o.kind == "response"}
    assert targets == {"acr20 (UPA)", "acr20 (PBO)", "acr20 (ADA)"}


# -- rules grown on the real development corpus (issue 10); every sentence here is written for the test --


@pytest.mark.parametrize(("text", "n"), [
    ("Methods. The single-centre study included 214 Caucasian patients who met the criteria.", 214),
    ("Methods. Adults with lupus nephritis (n = 57) were enrolled between 2015 and 2020.", 57),
    ("Results. Three thousand four hundred twelve participants were recruited.", 3412),
    ("Results. One-hundred-twenty consecutive patients were analysed.", 120),
    ("Results. In total, 1,305 women with fibromyalgia took part.", 1305),
    ("Results. Totally 83 IgG4-RD patients were reviewed.", 83),
    ("Results Of 412 patients with GCA (70% female), 51 (12%) had visual loss.", 412),
    ("Methods. We studied 61 patients with gout; 5 of them were excluded for missing data.", 56),
])
def test_cohort_size_grammar(text: str, n: int) -> None:
    assert rec(text).population.n.value == n


def test_parts_of_the_cohort_and_rates_are_not_the_cohort() -> None:
    r = rec("Results. The incidence was 12.3 per 1000 person-years. Twenty (31%) patients relapsed, "
            "and 44 patients received tocilizumab in our clinic.")
    assert r.population.n.value == 44


def test_arms_without_a_total_are_summed_and_their_drugs_have_arm_sizes() -> None:
    r = rec("Objective. To study lung function. Results. In the placebo group (n = 140), FVC declined. "
            "In the pirfenidone group (n = 141), FVC declined less.")
    assert r.population.n.value == 281
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["pirfenidone"] == ("study", 141) and t["placebo"] == ("comparator", 140)


def test_coordinated_and_added_groups_make_the_cohort() -> None:
    r = rec("Methods. The population included 312 patients who started apremilast and 1,020 non-users.")
    assert r.population.n.value == 1332
    r = rec("Methods. Forty patients received rituximab. Forty matched patients treated with cyclophosphamide "
            "were also enrolled.")
    assert r.population.n.value == 80


def test_a_sex_pair_is_one_cohort_count() -> None:
    r = rec("Methods. These are 9 women and 3 men aged 30 to 70 years. Results. 4 patients had erosions.")
    assert r.population.n.value == 12
    assert (r.population.female.value, r.population.male.value) == (9, 3)


@pytest.mark.parametrize(("text", "female"), [
    ("Results. A total of 200 patients were included (female 60.5%).", 121),
    ("Results. Among 50 patients, the majority were female (88%).", 44),
    ("Results. Among 300 patients (mean [SD] age, 66.1 [9.8] years; 210 [70.0%] women), 30 had GCA.", 210),
])
def test_sex_as_a_share_or_a_bracketed_count(text: str, female: int) -> None:
    assert rec(text).population.female.value == female


def test_age_phrasings() -> None:
    r = rec("Results. Thirty patients were studied, with an average age of 61.5 (range 40–80) years.")
    assert (r.population.age.mean, r.population.age.min, r.population.age.max) == (61.5, 40, 80)
    r = rec("Results. The mean age of the patients was 33.2 ± 8.1 years.")
    assert (r.population.age.mean, r.population.age.sd) == (33.2, 8.1)
    r = rec("Results. Among 90 patients (mean [SD] age, 58.4 [12.2] years), 12 had uveitis.")
    assert (r.population.age.mean, r.population.age.sd) == (58.4, 12.2)


def test_diseases_listed_together_are_all_conditions_and_subtypes_are_kept() -> None:
    r = rec("Methods. We reviewed 120 patients with rheumatoid arthritis, psoriatic arthritis or ankylosing "
            "spondylitis treated with JAK inhibitors.")
    assert {c.name for c in r.population.conditions} == {"rheumatoid arthritis", "psoriatic arthritis",
                                                          "ankylosing spondylitis"}
    r = rec("Methods. We followed 80 primary antiphospholipid syndrome patients for ten years.")
    assert r.population.conditions[0].name == "primary antiphospholipid syndrome"


@pytest.mark.parametrize(("text", "setting"), [
    ("Methods. Patients seen at the Karolinska University Hospital were reviewed.", "single-center"),
    ("Methods. We reviewed the charts of patients treated in our hospitals since 2010.", "multicenter"),
    ("Methods. A multinational registry study.", "multicenter"),
])
def test_setting_cues(text: str, setting: str) -> None:
    assert rec(text).study.setting == setting


def test_statistical_shorthand_is_listed_only_when_spelled_out() -> None:
    r = rec("Results. The median duration was 4 years (interquartile range (IQR) 2–6). Mean (SD) age was 40 (9).")
    shorts = {a.short: a.long for a in r.abbreviations}
    assert shorts.get("IQR") == "interquartile range" and "SD" not in shorts


def test_a_short_form_the_text_defines_otherwise_is_not_the_lexicon_entry() -> None:
    r = rec("Results. The incidence rate ratios (IRRs) were 1.9 in 800 patients with rheumatoid arthritis.")
    assert not [a for a in r.adverse_events if a.name.lower().startswith("irr")]


def test_manifestations_respectively_and_bracketed_shares() -> None:
    r = rec("Results. A total of 50 patients were included. At diagnosis, 40, 24, and 10% had articular, "
            "renal, and ocular involvement, respectively. Fever (30%) was frequent.")
    got = {m.name: m.n for m in r.manifestations}
    assert got["articular involvement"] == 20 and got["renal involvement"] == 12 and got["ocular involvement"] == 5
    assert got["fever"] == 15


def test_no_manifestation_from_the_title_or_a_predictor_with_its_effect_size() -> None:
    r = rec("Uveitis and arthritis in a cohort of patients with Behçet's disease\n\n"
            "Results. Among 100 patients, older age and leg ulcers (OR 3.1, 95% CI 1.2-7.9) predicted relapse.")
    names = {m.name for m in r.manifestations}
    assert "uveitis" not in names and "leg ulcers" not in names


def test_study_class_members_after_a_dash_are_studied() -> None:
    r = rec("Objective. To assess the safety of TNF inhibitors. Methods. We included 90 patients treated with "
            "TNF inhibitors—adalimumab, etanercept or infliximab.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["adalimumab"] == roles["etanercept"] == roles["infliximab"] == "study"


def test_versus_in_the_aim_comparator_in_a_trial_co_studied_otherwise() -> None:
    r = rec("Objective. To compare mycophenolate mofetil versus cyclophosphamide. Methods. Forty patients were "
            "randomly assigned to each drug.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["mycophenolate mofetil"] == "study" and roles["cyclophosphamide"] == "comparator"
    r = rec("Objective. To compare mycophenolate mofetil versus cyclophosphamide in a retrospective cohort. "
            "Methods. We reviewed 80 patients.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["mycophenolate mofetil"] == roles["cyclophosphamide"] == "study"


def test_a_drug_the_aim_never_names_is_the_cohorts_exposure_when_no_drug_is_studied() -> None:
    """Convention 1 (corpus/real/CONVENTIONS.md): with no drug under study, what the cohort received is study."""
    r = rec("Objective. To describe renal outcomes of IgA vasculitis in adults. Methods. We reviewed 150 adults. "
            "Results. Overall, 90 (60%) patients received glucocorticoids.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["glucocorticoids"] == ("study", 90)


def test_a_number_glued_to_an_instrument_and_effect_sizes_are_not_values() -> None:
    r = rec("Results. In 40 patients the Disease Activity Score (DAS)28-CRP was 4.1 at baseline. "
            "Higher SLEDAI (OR 1.12, CI 1.01-1.24) predicted flares.")
    values = {(s.instrument, s.value) for s in r.scores}
    assert ("DAS28-CRP", 4.1) in values and not any(v in (28, 1.12) for _, v in values)


def test_score_values_given_for_groups_respectively() -> None:
    r = rec("Results. In 80 patients with lupus nephritis, the baseline characteristics were similar except for the "
            "chronicity index (3.1 ± 2.4 and 2.3 ± 0.8 for CYC and MMF, respectively).")
    assert {(s.value, s.sd, s.group, s.timepoint) for s in r.scores} == {(3.1, 2.4, "CYC", "baseline"),
                                                                         (2.3, 0.8, "MMF", "baseline")}


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Methods. Records from July 1, 2009, through March 31, 2018, were reviewed.", "2009-07", "2018-03"),
    ("Methods. Patients treated between May/2011 and June/2016 were included.", "2011-05", "2016-06"),
    ("Methods. Children diagnosed between 3 February 2012 and 1 October 2019 were studied.", "2012-02", "2019-10"),
])
def test_study_period_date_forms(text: str, start: str, end: str) -> None:
    p = rec(text).study.period
    assert (p.start, p.end) == (start, end)


def test_design_words_of_this_study_only() -> None:
    r = rec("Methods\nIn a retrospective study, we collected data from 120 patients at a referral clinic.")
    assert r.study.design == "retrospective cohort"
    r = rec("Background. Earlier case series suggest a benefit. Methods. We analysed 200 patients from a national "
            "quality register.")
    assert r.study.design == "registry"
    r = rec("Methods. A real-world study of 60 patients. Conclusions. Larger prospective cohorts are needed.")
    assert r.study.design == "cohort"


def test_a_manifestation_named_first_without_a_count_takes_a_later_count() -> None:
    r = rec("We studied the frequency of lymphoma in primary Sjögren's syndrome. We included 150 patients. "
            "Six patients (4%) were diagnosed with a lymphoma. Bronchiectasis was found in 10% of them.")
    got = {m.name: m.n for m in r.manifestations}
    assert got["lymphoma"] == 6 and got["bronchiectasis"] == 15
# --- labs and adverse events -------------------------------------------------------------------


def test_a_state_word_is_shared_across_a_coordinated_lab_list() -> None:
    r = rec("Results. We studied 12 patients. All of them had raised ESR and ferritin levels, positive ANA, "
            "and 5 patients had positive anti-Ro antibodies.")
    labs = {x.name.lower(): (x.result, x.n) for x in r.lab_findings}
    assert labs["esr"] == ("high", 12) and labs["ferritin"][0] == "high" and labs["ana"] == ("positive", 12)


def test_an_elliptic_list_of_shares_keeps_the_result() -> None:
    r = rec("Results. Among the cohort, 80% tested positive for ANA, 30.5% for anti-Scl-70 and 25.1% for "
            "anticentromere antibodies.")
    labs = {x.name.lower(): x.result for x in r.lab_findings}
    assert labs["anti-scl-70"] == "positive" and labs["anticentromere antibodies"] == "positive"


def test_a_bare_positive_after_the_antibody() -> None:
    r = rec("Results. Of 40 patients, 22 were anti-Jo1 positive.")
    assert ("positive", 22) in {(x.result, x.n) for x in r.lab_findings}


def test_a_lab_named_as_a_predictor_or_in_a_definition_gives_no_finding() -> None:
    r = rec("Results. We followed 60 patients. CRP > 10 mg/L (HR 2.1, 95% CI 1.1-4.0) and positivity for anti-dsDNA "
            "were independent predictors of relapse. Remission was defined as normal complement levels.")
    assert r.lab_findings == []


def test_hedged_all_gives_no_count_and_egfr_value_with_its_unit() -> None:
    r = rec("Results. We included 300 patients. Nearly all patients (96.0%) were positive for ANA. "
            "Mean eGFR was 71.2 ± 20.4 ml/min/1.73 m2.")
    labs = {x.name.lower(): x for x in r.lab_findings}
    assert labs["ana"].n is None and labs["egfr"].value == 71.2 and labs["egfr"].result == "value"


def test_the_event_the_study_measures_is_not_an_adverse_event() -> None:
    r = rec("Objective. To estimate the incidence of herpes zoster in patients with lupus. Results. Herpes zoster "
            "occurred in 14 of 200 patients; the incidence rate ratio (IRR) was 2.3.")
    assert r.adverse_events == []


def test_comorbidities_are_not_adverse_events() -> None:
    r = rec("Results. We included 90 patients. The most frequent comorbidities were hypertension (30%) and "
            "diabetes mellitus (18%).")
    assert r.adverse_events == []


def test_serious_events_and_counts_printed_beside_them() -> None:
    r = rec("Results. Over 500 patient-years we recorded 2 strokes and 40 AEs. Five AEs were serious (pulmonary embolism, "
            "diverticulitis). Reasons for drug withdrawal included pneumonia (4/30).")
    ae = {x.name: (x.serious, x.n) for x in r.adverse_events}
    assert ae["strokes"][1] == 2 and ae["pulmonary embolism"][0] is True and ae["diverticulitis"][0] is True
    assert ae["pneumonia"][1] == 4


def test_a_name_that_states_its_result_and_a_bracketed_count() -> None:
    r = rec("Results. Of 80 adults, more had nephrotic-range proteinuria (12 of 40 [30.0%]) than arthritis.")
    assert ("high", 12) in {(x.result, x.n) for x in r.lab_findings}


def test_a_share_before_the_antibody_and_a_threshold_before_the_verb() -> None:
    r = rec("Results. We studied 50 patients: 40% anti-Jo1 positive. Focus score (FS) ≥ 1 was present in 30 patients.")
    got = {(x.result, x.n) for x in r.lab_findings}
    assert ("positive", 20) in got and ("positive", 30) in got


def test_the_baseline_value_of_a_change_with_its_unit() -> None:
    r = rec("Results. We treated 30 patients. Ferritin fell from a median of 3,200 ng/mL (IQR 900-5,000) to 400 ng/mL "
            "at month 3.")
    got = {(x.result, x.value, x.unit) for x in r.lab_findings}
    assert ("value", 3200.0, "ng/mL") in got


def test_a_counted_cut_off_is_a_finding_and_an_uncounted_one_a_target() -> None:
    r = rec("Results. Among 70 patients, 8 had an eGFR below 60 mL/min/1.73 m2. The target was serum urate <6 mg/dL.")
    got = {x.name: (x.result, x.n) for x in r.lab_findings}
    assert got == {"eGFR below 60 mL/min/1.73 m2": ("low", 8)}


def test_a_result_carries_to_the_next_antibody_after_its_short_form() -> None:
    r = rec("Results. Of 90 children, rheumatoid factor was positive in 7 and antinuclear antibodies (ANA) in 41.")
    assert ("positive", 41) in {(x.result, x.n) for x in r.lab_findings}


def test_an_event_after_serious_ones_in_the_same_sentence_is_an_event() -> None:
    r = rec("Results. We treated 60 patients. Serious infections occurred in 3 patients and neutropenia in 4. "
            "One patient stopped the drug because of urticaria.")
    ae = {x.name: x.n for x in r.adverse_events}
    assert ae.get("neutropenia") == 4 and "urticaria" in ae and ae.get("serious infections") == 3


def test_causes_of_death_and_events_under_an_earlier_drug_are_no_adverse_events() -> None:
    r = rec("Results. We included 50 patients. Ten patients died, most from pneumonia. Twelve had previously "
            "received anakinra, stopped because of injection-site reactions.")
    assert r.adverse_events == []


def test_a_bracket_that_names_the_preceding_event_is_the_same_event() -> None:
    r = rec("Results. Of 40 patients, 5 had infusion reactions (urticaria) during the first month.")
    assert [x.name for x in r.adverse_events] == ["infusion reactions"]


def test_an_event_with_its_own_count_is_present_after_a_negation_word() -> None:
    r = rec("Results. Of 25 patients, reasons for withdrawal were lack of response (9/25) and infections (2/25).")
    assert {x.name: x.n for x in r.adverse_events}.get("infections") == 2


def test_a_repeated_event_takes_its_later_count_and_ranking_continues_the_ae_sentence() -> None:
    r = rec("Results. We followed 120 patients. Therapy was stopped due to AEs in 20 patients. Nausea was the "
            "leading cause, followed by general malaise. Serious AEs included sepsis and lung cancer, "
            "including two deaths (one due to lung cancer).")
    ae = {x.name: x.n for x in r.adverse_events}
    assert "general malaise" in ae and ae.get("lung cancer") == 1
# --- Treatments -------------------------------------------------------------------------------------------


def test_study_drug_count_from_the_patients_said_to_receive_it() -> None:
    r = rec("Objective. To evaluate rituximab in myositis. Methods. In this cohort, 25 myositis patients received "
            "rituximab and 25 matched patients received usual care.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["rituximab"] == ("study", 25)
    r = rec("Objective. To evaluate abatacept. Methods. 120 patients were included in the abatacept arm and "
            "200 patients were included in the registry arm.")
    assert {x.name: x.n for x in r.treatments}["abatacept"] == 120


def test_a_later_subgroup_is_not_the_study_drug_count() -> None:
    r = rec("Objective. To evaluate baricitinib in dermatomyositis. Methods. We studied 40 patients with "
            "dermatomyositis. Results. At the last follow-up, nine patients received baricitinib monotherapy.")
    assert r.population.n.value == 40 and {x.name: x.n for x in r.treatments}["baricitinib"] == 40


def test_named_members_of_a_studied_class_are_studied() -> None:
    r = rec("Objective. To describe drug survival of JAK inhibitors in psoriatic arthritis. Methods. We followed "
            "300 JAK inhibitor users. Results. Overall, 40% received upadacitinib and 60% received tofacitinib.")
    roles = {x.name: x.role for x in r.treatments}
    assert roles["upadacitinib"] == roles["tofacitinib"] == "study"


def test_aim_without_a_drug_takes_the_first_drug_the_methods_give_not_one_of_history() -> None:
    r = rec("Objectives. To identify predictors of response in axial spondyloarthritis. Methods. Patients were "
            "naive to biologic therapy at entry. Those in the treated sub-cohort commenced their first TNF inhibitor. "
            "Results. 210 patients commenced their first TNF inhibitor.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["tumor necrosis factor inhibitors"] == "study" and roles.get("biologics") != "study"


def test_study_drug_count_without_a_patient_noun_and_alone_or_in_combination() -> None:
    r = rec("Objective. To describe relapses of IgG4-related disease. Methods. We reviewed 120 patients. Of them, "
            "70 received glucocorticoids alone or in combination with an immunomodulatory drug.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["glucocorticoids"] == ("study", 70) and any(n.startswith("immunomodulat") for n in t)


def test_arms_listed_in_a_trial_aim_are_all_studied_unless_one_led_before() -> None:
    r = rec("Objective. To compare pain after injections of triamcinolone, hyaluronic acid, platelet-rich plasma or "
            "placebo in hip osteoarthritis. Methods. In this randomized trial, 80 patients were enrolled.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["triamcinolone"] == roles["hyaluronic acid"] == roles["platelet-rich plasma"] == "study"
    r = rec("Background. Remission is frequent with tofacitinib. Objective. To compare tofacitinib, etanercept and "
            "placebo in psoriatic arthritis. Methods. In this randomized trial, 300 patients were enrolled.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["tofacitinib"] == "study" and roles["etanercept"] == "comparator"


def test_an_injection_named_by_its_route_alone_is_not_a_glucocorticoid_injection() -> None:
    r = rec("Objective. To describe intra-articular injection practice for knee osteoarthritis. Methods. We "
            "surveyed 60 rheumatologists.")
    assert "intra-articular glucocorticoid injection" not in {t.name for t in r.treatments}


def test_a_treatment_the_disease_stayed_active_despite_is_previous() -> None:
    r = rec("Objective. To assess anakinra in Still's disease. Methods. We enrolled 30 patients with active disease "
            "despite conventional therapy who were then treated with anakinra.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["anakinra"] == "study" and roles["standard of care"] == "previous"


def test_a_bare_n_equals_after_a_drug_is_its_count() -> None:
    r = rec("Objective. To describe thrombosis recurrence in antiphospholipid syndrome. Methods. We reviewed 90 "
            "patients. Results. Anticoagulants used were edoxaban n=30 and dabigatran n=12.")
    assert {t.name: t.n for t in r.treatments}["edoxaban"] == 30


def test_a_drug_said_afterwards_to_have_been_used_before_is_previous() -> None:
    r = rec("Objective. To assess sarilumab in polymyalgia rheumatica. Methods. We included 70 patients treated "
            "with sarilumab. Leflunomide had been used previously in 20 patients.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["leflunomide"] == ("previous", 20)


def test_n_drug_users_gives_the_study_drug_count() -> None:
    r = rec("Objective. To assess the effectiveness of IL-17 inhibitors in psoriatic arthritis. Methods. We followed "
            "a cohort of 500 patients (150 IL-17 inhibitor users and 350 non-users).")
    assert {t.name: t.n for t in r.treatments}["interleukin-17 inhibitors"] == 150


def test_the_bare_adjective_biologic_is_no_treatment() -> None:
    r = rec("Objective. To describe golimumab in juvenile arthritis. Methods. We followed 60 children treated with "
            "golimumab; mean age at biologic start was 8 years.")
    names = {t.name for t in r.treatments}
    assert "golimumab" in names and not any(n.startswith("biologic") for n in names)


def test_a_history_cue_does_not_reach_a_later_clause_with_its_own_verb() -> None:
    r = rec("Objective. To assess benralizumab in EGPA. Methods. We followed 40 patients treated with benralizumab. "
            "Overall, 20% had previously received rituximab and 45% received azathioprine during follow-up.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["rituximab"] == "previous" and roles["azathioprine"] == "concomitant"


def test_non_drug_therapies_named_in_words_are_treatments() -> None:
    r = rec("Objective. To describe outcomes of Takayasu arteritis with renal artery stenosis. Methods. We reviewed "
            "48 patients. Results. Seven underwent endovascular treatment, and all patients with interstitial lung "
            "disease were receiving oxygen supplementation and inhaled therapy.")
    t = {x.name: x for x in r.treatments}
    assert t["endovascular intervention"].n == 7
    assert {"oxygen therapy", "inhaled therapy"} <= set(t)


def test_a_drug_naming_a_dose_unit_is_no_treatment() -> None:
    r = rec("Objective. To assess benralizumab in severe asthma with EGPA. Methods. We followed 30 patients treated "
            "with benralizumab. Results. The oral steroid dose fell from a prednisone equivalent of 10 mg/day to 4 mg/day.")
    assert "prednisone" not in {t.name for t in r.treatments}


def test_treatments_that_define_the_compared_groups_are_studied() -> None:
    r = rec("Objective. To describe kidney outcomes in adults with IgA vasculitis. Methods. We reviewed 200 adults. "
            "Patients were grouped according to treatment: supportive care, glucocorticoids, or cyclophosphamide.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles["glucocorticoids"] == roles["cyclophosphamide"] == "study"
# --- Outcomes (reuma_outcomes) ---------------------------------------------------------------------------


def _outcomes(r) -> set[tuple]:
    return {(o.kind, o.target, o.n) for o in r.outcomes}


def test_switches_are_other_outcomes_one_per_destination() -> None:
    r = rec("Results. Of 80 patients on etanercept, 30 (38%) switched to a second biologic and 9 (11%) to a third "
            "biologic. Patients who switched had longer disease duration.")
    got = _outcomes(r)
    assert ("other", "switch to a second biologic", 30) in got and ("other", "switch to a third biologic", 9) in got
    assert not any(k == "discontinuation" for k, _, _ in got)


def test_the_reasons_for_a_switch_are_discontinuations() -> None:
    r = rec("Results. We followed 12 patients; 4 switched to tocilizumab because of ongoing synovitis (n=3) "
            "or headache (n=1).")
    got = _outcomes(r)
    assert ("discontinuation", "ongoing synovitis", 3) in got and ("discontinuation", "headache", 1) in got


def test_deaths_with_their_causes_in_brackets() -> None:
    r = rec("Results. Among 150 patients followed for 5 years there were four deaths (three due to sepsis and "
            "one due to myocardial infarction).")
    got = _outcomes(r)
    assert ("death", "sepsis", 3) in got and ("death", "myocardial infarction", 1) in got


def test_reasons_listed_with_a_count_over_the_total() -> None:
    r = rec("Results. Of 60 patients, 15 stopped the drug. Reasons for discontinuation were primary failure (7/15), "
            "nausea (5/15) and pregnancy (3/15).")
    got = _outcomes(r)
    assert {("discontinuation", "primary failure", 7), ("discontinuation", "nausea", 5),
            ("discontinuation", "pregnancy", 3)} <= got


def test_counted_patients_who_developed_a_condition_worsened() -> None:
    r = rec("Results. During follow-up of 70 patients, 12 (17.1%) patients developed end-stage renal disease.")
    assert any(k == "worsening" and n == 12 for k, _, n in _outcomes(r))
    r = rec("Results. Adverse events occurred in 20 of 70 patients; 5 developed pneumonia.")
    assert not any(k == "worsening" for k, _, _ in _outcomes(r))


def test_lost_to_follow_up_is_other_unless_it_is_a_listed_reason_for_stopping() -> None:
    r = rec("Results. We enrolled 50 patients; 6 (12%) were lost to follow-up.")
    assert any(k == "other" and n == 6 for k, _, n in _outcomes(r))
    r = rec("Results. Of 50 patients, 10 discontinued abatacept: inefficacy in 5, lost to follow-up in 3, "
            "infections in 2.")
    got = _outcomes(r)
    assert ("discontinuation", "lost to follow-up", 3) in got and not any(k == "other" for k, _, _ in got)


def test_an_improvement_considering_a_list_gives_one_item_per_measure() -> None:
    r = rec("Results. In 60 patients, a significant improvement was seen after 12 months considering "
            "C-reactive protein, HAQ and DAS28-CRP.")
    assert sum(k == "improvement" for k, _, _ in _outcomes(r)) == 3


def test_a_cue_that_names_a_cause_or_a_form_of_disease_is_no_event() -> None:
    r = rec("Results. Of 30 patients, 4 stopped methotrexate because of relapses (n=4).")
    assert not any(k == "flare" for k, _, _ in _outcomes(r))
    r = rec("Results. We treated 20 patients with relapsing or refractory giant cell arteritis with tocilizumab.")
    assert not any(k == "flare" for k, _, _ in _outcomes(r))


def test_groups_that_were_similar_are_a_comparison_not_an_outcome() -> None:
    r = rec("Results. Among 90 patients, skin ulcers and arthritis were similar between groups. "
            "There was no difference in baseline characteristics among the arms.")
    assert not any(k == "no_change" for k, _, _ in _outcomes(r))


def test_values_shared_out_by_respectively_are_one_item_each() -> None:
    r = rec("Results. Forty patients were treated. Clinical and serological improvement was seen in 25% and 50% "
            "of patients, respectively.")
    assert {n for k, _, n in _outcomes(r) if k == "improvement"} == {10, 20}
    r = rec("Results. We followed 30 patients. Remission rates were 40% and 60% after 6 and 12 months, respectively.")
    got = {(t, n) for k, t, n in _outcomes(r) if k == "complete_remission"}
    assert {n for _, n in got} == {12, 18} and all("months" in t for t, _ in got)


def test_a_counted_diagnosis_during_follow_up_is_an_outcome() -> None:
    r = rec("Results. During follow-up of 120 patients, nine patients (7.5%) were diagnosed with a lymphoma.")
    assert ("other", "diagnosed with a lymphoma", 9) in _outcomes(r)
    r = rec("Results. Patients diagnosed with psoriatic arthritis had longer disease duration.")
    assert not any(k == "other" for k, _, _ in _outcomes(r))


def test_failing_to_stop_steroids_is_other_and_those_who_could_are_a_group() -> None:
    r = rec("Results. In 30 patients on rituximab, the main reason for the failure to discontinue prednisone was "
            "arthralgia. Lung function improved in patients who could discontinue prednisone.")
    kinds = [k for k, _, _ in _outcomes(r)]
    assert "glucocorticoid_withdrawal" not in kinds and "other" in kinds


def test_a_list_of_named_measures_gives_one_improvement_each() -> None:
    r = rec("Results. In 44 patients with knee pain; KOOS, WOMAC and Lequesne scores decreased at week 8.")
    assert sum(k == "improvement" for k, _, _ in _outcomes(r)) == 3
    r = rec("Results. In 70 patients, a significant improvement was seen after 6 months considering the Patient’s "
            "(Pt) Global Assessment (GA), Visual Analogue Scale (VAS) pain and HAQ.")
    assert sum(k == "improvement" for k, _, _ in _outcomes(r)) == 3


def test_a_comparison_after_the_list_is_no_measure() -> None:
    r = rec("Results. Among 300 patients, greater improvements in HAQ were observed with TOFA and ADA than PBO.")
    assert sum(k == "improvement" for k, _, _ in _outcomes(r)) == 1


def test_a_general_decrease_is_tapering_only_beside_a_glucocorticoid() -> None:
    r = rec("Results. In the prednisolone group of 20 patients, pain scores decreased at month 2.")
    assert not any(k == "glucocorticoid_tapering" for k, _, _ in _outcomes(r))
    r = rec("Results. In 25 patients, median ESSDAI decreased from 8 to 2, and the daily prednisone dose from 10 mg "
            "to 5 mg.")
    assert any(k == "glucocorticoid_tapering" for k, _, _ in _outcomes(r))


def test_predictor_and_ratio_sentences_give_no_outcome() -> None:
    r = rec("Results. Among 80 patients, relapses were more common in men (HR 2.1). Severe anaemia at baseline "
            "influenced remission (p=0.01). The overall SMR was 1.8.")
    assert not r.outcomes
    r = rec("Results. In 30 patients, the 24 hr urine protein improved in 20 patients.")
    assert any(k == "improvement" for k, _, _ in _outcomes(r))


def test_a_percentage_in_brackets_before_a_cue_defines_a_response() -> None:
    r = rec("Results. In 50 patients, the share reaching ASAS40 (40% improvement) was 60%.")
    assert not any(k == "improvement" for k, _, _ in _outcomes(r))


def test_patients_with_a_feature_who_developed_a_condition_worsened() -> None:
    r = rec("Results. Of 40 patients, two (5%) patients with limited disease developed diffuse skin involvement.")
    assert any(k == "worsening" and n == 2 for k, _, n in _outcomes(r))


def test_remaining_on_a_drug_or_in_remission_is_no_no_change() -> None:
    r = rec("Results. Of 120 patients, 80 (67%) remained on their first biologic after 2 years.")
    kinds = [k for k, _, _ in _outcomes(r)]
    assert "no_change" not in kinds and "other" in kinds


def test_values_compared_with_versus_are_one_item_per_group() -> None:
    r = rec("Results. Among 210 patients, the abatacept discontinuation rate was lower (20.5% vs. 35.0% vs. 41.2%) "
            "than with the other drugs.")
    assert sum(k == "discontinuation" for k, _, _ in _outcomes(r)) == 3


# --- manifestations (realdev round 2) ---

def _manif(r) -> list[tuple]:
    return [(m.name, m.n, m.status) for m in r.manifestations]


def test_manifestation_compared_between_groups_gives_one_item_per_group() -> None:
    r = rec("Results. Of 120 patients, 80 were men and 40 women. Men more often had oral ulcers "
            "(30 [37.5%] vs 5 [12.5%]; P=.01).")
    got = [(n, c) for n, c, _ in _manif(r) if "oral ulcers" in n]
    assert sorted(c for _, c in got) == [5, 30]


def test_studied_disease_counted_in_part_of_the_cohort_is_a_manifestation() -> None:
    r = rec("Objective. To study interstitial lung disease (ILD) in antisynthetase syndrome. Results. Among 60 "
            "patients with antisynthetase syndrome, forty (66.7%) patients had ILD.")
    assert ("interstitial lung disease", 40, "current") in _manif(r)


def test_uncounted_feature_named_as_predictor_or_death_cause_is_no_manifestation() -> None:
    r = rec("Results. In 70 patients, those who died were more likely to present with pericarditis. "
            "Five (7%) patients died of pulmonary hemorrhage.")
    assert _manif(r) == []


def test_disease_subsets_are_counted_with_abbreviations_expanded() -> None:
    r = rec("Results. Forty systemic sclerosis (SSc) patients were studied (25 diffuse SSc/15 limited SSc).")
    got = {n: c for n, c, _ in _manif(r)}
    assert got.get("diffuse systemic sclerosis") == 25 and got.get("limited systemic sclerosis") == 15


def test_domain_with_its_share_in_brackets_stands_beside_a_specific_item_of_that_domain() -> None:
    r = rec("Results. Of 200 patients, 20 had psoriasis. Organ profiles were mostly articular (40%) and "
            "cutaneous (25%) involvement.")
    got = {n: c for n, c, _ in _manif(r)}
    assert got.get("cutaneous involvement") == 50


def test_uncounted_mention_in_methods_says_what_was_studied() -> None:
    r = rec("Methods. We analysed recurrent thrombotic events in a registry. Results. Of 90 patients, "
            "12 (13%) had venous thrombosis.")
    assert [(n, c) for n, c, _ in _manif(r)] == [("venous thrombosis", 12)]


def test_a_manifestation_said_of_the_first_or_second_patient_counts_one() -> None:
    r = rec("Results. Forty patients were followed. Two deaths were due to the disease (myocarditis in the first; "
            "and pericarditis in the second patient).")
    assert [(n, c) for n, c, _ in _manif(r)] == [("myocarditis", 1), ("pericarditis", 1)]


def test_gastrointestinal_tract_names_the_domain() -> None:
    r = rec("Results. Of 90 patients, 30 had gastrointestinal tract involvement.")
    assert ("gastrointestinal tract involvement", 30, "current") in _manif(r)


def test_the_phrase_that_gives_the_cohort_size_is_no_manifestation() -> None:
    r = rec("Results. We included 500 patients with early arthritis; 120 (24%) had psoriasis.")
    assert [n for n, _, _ in _manif(r)] == ["psoriasis"]


def test_genital_names_the_mucosal_domain() -> None:
    r = rec("Results. Of 80 patients, 20 had genital lesions.")
    assert ("genital lesions", 20, "current") in _manif(r)
# --- Scores (reuma_scores) --------------------------------------------------------------------------------


def _score_items(r) -> set[tuple]:
    return {(s.instrument, s.timepoint, s.value, s.statistic, s.group) for s in r.scores}


def test_a_difference_between_groups_is_a_change_for_the_comparison_at_listed_time_points() -> None:
    r = rec("Results. In 90 patients, falls in BASDAI were larger in biologic users than in non-users at 4, 8, and "
            "16 weeks (differences in BASDAI reduction were 0.42, 0.38, and 0.29, respectively).")
    got = _score_items(r)
    assert ("BASDAI", "4 weeks", 0.42, "change", "biologic users vs non-users") in got
    assert ("BASDAI", "16 weeks", 0.29, "change", "biologic users vs non-users") in got


def test_two_values_after_a_contrast_of_two_subgroups_are_one_item_each() -> None:
    r = rec("Results. Among 70 patients with vasculitis, activity was higher in smokers (median BVAS 11 vs. 7) "
            "and in patients with renal disease in contrast to those without it (median BVAS 15 vs. 7).")
    got = {(s.instrument, s.value, s.group) for s in r.scores}
    assert ("BVAS", 11, "smokers") in got
    assert ("BVAS", 15, "patients with renal disease") in got
    assert ("BVAS", 7, "those without it") in got


def test_a_time_point_at_the_moment_of_diagnosis() -> None:
    r = rec("Results. In 60 patients with Sjogren syndrome, the mean ESSDAI was 6.4 at the time of diagnosis.")
    assert [(s.instrument, s.timepoint) for s in r.scores] == [("ESSDAI", "diagnosis")]


def test_an_ambiguous_short_form_written_out_keeps_the_written_name() -> None:
    r = rec("Results. In 40 patients with lupus nephritis the chronicity index was 2.8 ± 1.2 at baseline.")
    assert [s.instrument for s in r.scores] == ["chronicity index"]


def test_hours_after_an_instrument_are_no_value() -> None:
    r = rec("Methods. In 40 patients with lupus nephritis, activity index, 24 h proteinuria and C3 were recorded.")
    assert r.scores == []


def test_a_value_printed_before_its_instrument() -> None:
    r = rec("Results. In 50 patients with hip osteoarthritis, the median stiffness at baseline was 41.0 "
            "(interquartile range, 20.0-60.0) on VAS.")
    assert [(s.instrument, s.timepoint, s.value, s.statistic, s.iqr) for s in r.scores] == [
        ("VAS", "baseline", 41.0, "median", [20.0, 60.0])]


def test_the_bounds_of_a_range_are_no_value() -> None:
    r = rec("Results. In 50 patients with hip osteoarthritis, changes were small on VAS, whereas individual "
            "changes varied between -15 and +15 points.")
    assert r.scores == []


def test_a_signed_value_in_a_bracket_keeps_its_minus() -> None:
    r = rec("Results. In 90 patients, at 12 months, changes in BASFI were greater in women than in men (−0.45, "
            "P = 0.03).")
    assert [(s.value, s.statistic, s.group) for s in r.scores] == [(-0.45, "change", "women vs men")]


def test_bracketed_values_after_as_compared_with_belong_to_subject_and_comparator() -> None:
    r = rec("Results. In 60 patients with SLE, as compared with the placebo group, the rituximab group had lower "
            "SLEDAI-2K (SLE disease activity index 2000, SLEDAI-2K) scores (4.1±2.2) vs (6.3±2.9).")
    got = {(s.instrument, s.value, s.sd, s.group) for s in r.scores}
    assert got == {("SLEDAI-2K", 4.1, 2.2, "rituximab group"), ("SLEDAI-2K", 6.3, 2.9, "placebo group")}


def test_a_subject_group_compared_with_vs_gives_both_groups() -> None:
    r = rec("Results. In 300 patients with PsA, at month 12: women maintained lower disease activity vs. men "
            "[DAPSA 5.0 (2.1–9.0) vs. 7.0 (3.2–11.4)].")
    got = {(s.value, s.timepoint, s.group) for s in r.scores}
    assert got == {(5.0, "month 12", "women"), (7.0, "month 12", "men")}


def test_a_bare_at_diagnosis_is_the_time_point() -> None:
    r = rec("Results. In 40 patients with IgA vasculitis, at diagnosis the median BVAS was 10 (IQR 7–14).")
    assert [(s.instrument, s.timepoint, s.iqr) for s in r.scores] == [("BVAS", "diagnosis", [7.0, 14.0])]


def test_millimetres_are_the_unit_of_a_visual_analogue_scale() -> None:
    r = rec("Results. In 30 patients, mean pain VAS fell from 55 ± 20 mm at baseline to 25 ± 15 mm at week 8.")
    got = {(s.timepoint, s.value, s.sd) for s in r.scores}
    assert got == {("baseline", 55.0, 20.0), ("week 8", 25.0, 15.0)}


def test_a_subgroup_around_the_verb_belongs_to_every_value() -> None:
    r = rec("Methods. Dactylitis was scored with the Leeds Dactylitis Index (LDI). Results. In 40 patients with PsA, "
            "median LDI in patients with foot dactylitis fell from 30 (IQR 12–60) at week 0 to 2 (IQR 0–9) at week 24.")
    assert {s.group for s in r.scores} == {"patients with foot dactylitis"}
    r = rec("Results. In 80 patients with AS, BASFI increased in non-responders at 6 and 12 months (0.31, P = 0.2; "
            "0.52, P = 0.01, respectively).")
    got = {(s.timepoint, s.value, s.statistic, s.group) for s in r.scores}
    assert got == {("6 months", 0.31, "change", "non-responders"), ("12 months", 0.52, "change", "non-responders")}


def test_a_value_before_treatment_is_the_baseline() -> None:
    r = rec("Results. In 30 patients with FMF, median AIDAI fell from 18 (IQR 10–25) before treatment to 4 "
            "(IQR 1–7) at month 6.")
    assert {(s.timepoint, s.value) for s in r.scores} == {("baseline", 18.0), ("month 6", 4.0)}


def test_the_modified_pouchot_score_is_its_own_instrument() -> None:
    r = rec("Results. In 12 patients with AOSD, the modified Pouchot score fell from a median of 5 at T0 to 2 at T3.")
    assert {s.instrument for s in r.scores} == {"modified Pouchot score"}
# --- outcomes (round 2): rates and what counted patients had at follow-up ---


def test_an_incidence_or_a_rate_per_person_time_is_an_other_outcome() -> None:
    r = rec("Results. Among 300 patients, the annual incidence of renal involvement was 4.2 per 1000 person-years. "
            "The rate of vascular occlusions was 2.5 events per 100 patient-years.")
    others = [t for k, t, _ in _outcomes(r) if k == "other"]
    assert any("incidence of renal involvement" in t for t in others)
    assert any("vascular occlusions" in t for t in others)
    assert not any(k == "flare" for k, _, _ in _outcomes(r))


def test_a_plain_rate_without_person_time_is_left_to_the_cues() -> None:
    r = rec("Results. In 60 patients, the remission rate was 55%.")
    assert not any(k == "other" for k, _, _ in _outcomes(r))


def test_what_counted_patients_had_at_follow_up_is_an_other_outcome() -> None:
    r = rec("Results. We followed 90 patients. After a median follow-up of 5 years, six (6.7%) patients had "
            "end-stage renal disease and three (3.3%) were transplanted.")
    outs = _outcomes(r)
    assert ("other", "end-stage renal disease", 6) in outs
    assert any(k == "other" and n == 3 for k, _, n in outs)


def test_counted_patients_with_a_feature_and_no_follow_up_marker_are_no_outcome() -> None:
    r = rec("Results. Of 90 patients, 40 (44%) had arthritis and 12 were female.")
    assert not any(k == "other" for k, _, _ in _outcomes(r))


def test_a_measure_list_after_a_leading_group_phrase_gives_one_item_each() -> None:
    r = rec("Results. In 40 patients with knee pain, treatment was given. In the placebo group, all VAS, KOOS and "
            "WOMAC scores decreased at week 8.")
    targets = {t for k, t, _ in _outcomes(r) if k == "improvement"}
    assert len(targets) >= 3


def test_a_change_reported_per_group_gives_one_item_per_group() -> None:
    r = rec("Results. Of 30 patients, serum albumin improved from 2.9 to 3.8 in the tacrolimus group and from "
            "3.0 to 3.5 in the control group.")
    targets = {t for k, t, _ in _outcomes(r) if k == "improvement"}
    assert len(targets) == 2 and any("tacrolimus group" in t for t in targets)


def test_an_end_point_achieved_is_a_response_one_item_per_compared_group() -> None:
    r = rec("Results. Of 60 patients, the primary end point was achieved in more patients with tacrolimus than "
            "with azathioprine (40.0% vs. 23.3%). The primary endpoint was the change in proteinuria.")
    assert sum(k == "response" for k, _, _ in _outcomes(r)) == 2


def test_an_end_point_seen_in_a_share_of_patients_is_a_response() -> None:
    r = rec("Results. Of 40 patients, the primary endpoint was seen in 45.0% (18/40).")
    assert any(k == "response" for k, _, _ in _outcomes(r))


def test_the_rate_of_an_adverse_event_is_an_outcome_only_when_the_study_is_about_it() -> None:
    text = ("Herpes zoster in gout\n\nObjective. To estimate the incidence of herpes zoster in gout. Results. The "
            "overall IR of herpes zoster was 21.5 per 1000 person-years. The rate of major bleeding was 2.0 per "
            "100 patient-years.")
    others = [t for k, t, _ in _outcomes(rec(text)) if k == "other"]
    assert any("herpes zoster" in t for t in others)
    assert not any("bleeding" in t for t in others)


def test_a_measure_that_fell_or_dropped_improved_unless_an_instrument_gives_the_values() -> None:
    r = rec("Results. Of 30 patients, the median number of mouth ulcers fell from 4 to 1 at week 8. "
            "Median BASDAI fell from 6.1 to 3.2.")
    targets = [t for k, t, _ in _outcomes(r) if k == "improvement"]
    assert targets == ["mouth ulcers"]
    r = rec("Results. Of 30 patients, the median prednisone dose dropped from 15 to 5 mg/day.")
    assert any(k == "glucocorticoid_tapering" for k, _, _ in _outcomes(r))


def test_a_bracket_breaking_a_count_down_gives_one_item_per_name() -> None:
    r = rec("Results. Of 50 patients, methotrexate was stopped in six patients (lack of efficacy n=3, rash n=2, "
            "pregnancy n=1). Five patients relapsed (arthritis n=3, serositis n=2).")
    outs = _outcomes(r)
    assert ("discontinuation", "lack of efficacy", 3) in outs and ("discontinuation", "pregnancy", 1) in outs
    assert ("flare", "serositis", 2) in outs


def test_an_event_that_occurred_in_counted_patients_is_an_other_outcome() -> None:
    r = rec("Results. Of 50 patients, hearing loss on therapy occurred in five patients. Herpes zoster occurred "
            "in 2 patients.")
    outs = _outcomes(r)
    assert ("other", "hearing loss on therapy", 5) in outs
    assert not any(t and "zoster" in t for _, t, _ in outs)
# --- population, study and abbreviations (popcond) ---------------------------------------------------------


def _abbrevs(r) -> dict[str, str]:
    return {a.short: a.long for a in r.abbreviations}


def test_a_short_form_in_square_brackets_is_defined() -> None:
    r = rec("Results. Bleeding occurred at 4 per 100 patient-years (95% confidence interval [CI] 1.2-9.0), and "
            "steroids were tapered in the group given glucocorticoids [GCs].")
    ab = _abbrevs(r)
    assert ab.get("CI") == "confidence interval" and ab.get("GCs") == "glucocorticoids"


def test_a_known_short_form_followed_by_a_threshold_is_still_defined() -> None:
    r = rec("Methods. Remission was defined by the disease activity score in 28 joints (DAS28 <2.6) in 40 patients.")
    assert _abbrevs(r).get("DAS28") == "disease activity score in 28 joints"


def test_a_compound_disease_is_studied_where_its_organ_part_is_the_most_named() -> None:
    r = rec("Objective. To study lung function in patients with rheumatoid arthritis-associated ILD (RA-ILD). "
            "Results. Among 60 patients, ILD progressed in 20; ILD extent on CT predicted decline; fibrotic ILD "
            "was common.")
    assert [c.abbreviation for c in r.population.conditions] == ["RA-ILD"]
    assert r.population.conditions[0].name == "rheumatoid arthritis-associated interstitial lung disease"


def test_a_form_of_its_parent_is_no_compound() -> None:
    r = rec("Methods. We studied 45 patients with SLE. Results. Of these, 12 had NP-SLE; SLE activity was low.")
    assert [c.abbreviation for c in r.population.conditions] == ["SLE"]


def test_patients_referred_to_or_attending_one_clinic_are_single_center() -> None:
    r = rec("Methods. Over two years, 80 adults referred to the rheumatology clinic were screened for gout.")
    assert r.study.setting == "single-center"
    r = rec("Methods. We enrolled 64 patients who attended our lupus clinic.")
    assert r.study.setting == "single-center"


def test_a_questionnaire_named_for_a_hospital_is_no_setting() -> None:
    r = rec("Methods. Forty patients with knee osteoarthritis completed the Hospital Anxiety and Depression Scale.")
    assert r.study.setting is None


def test_a_short_form_extending_a_defined_one_adds_the_initials_before_it() -> None:
    r = rec("Background. Juvenile dermatomyositis (JDM) in children is sometimes complicated by calcinosis (JDMC). "
            "Methods. We studied 30 children with JDMC.")
    assert _abbrevs(r).get("JDMC") == "juvenile dermatomyositis calcinosis"


def test_a_singular_short_form_inside_a_long_form_is_written_out() -> None:
    r = rec("Methods. Flare rates (FRs) were compared, with FR ratios (FRRs) by age in 90 patients.")
    assert _abbrevs(r).get("FRRs") == "flare rate ratios"


def test_a_value_or_a_sentence_end_is_no_long_form() -> None:
    r = rec("Results. Proteinuria fell to 0.4 g/d(P<0.05) in 30 patients. Diagnosis was confirmed in some and "
            "ruled out in others (No-FM group).")
    ab = _abbrevs(r)
    assert "P" not in ab and "No-FM group" not in ab


def test_a_worded_sex_ratio_that_adds_up_to_the_cohort_gives_the_counts() -> None:
    r = rec("Methods. We included 50 patients with gout. Results. The M:F ratio was 38:12 and the mean age 61 years.")
    assert (r.population.female.value, r.population.male.value) == (12, 38)


def test_a_worded_sex_ratio_that_is_a_true_ratio_counts_nobody() -> None:
    r = rec("Methods. We included 50 patients with lupus. Results. The female-to-male ratio was 9:1.")
    assert r.population.female is None and r.population.male is None


def test_an_organ_involvement_studied_in_one_systemic_disease_lists_both() -> None:
    r = rec("Objective. To describe ILD in patients with dermatomyositis. Methods. We included 40 patients with ILD. "
            "Results. ILD worsened in 10 and ILD was stable in 30.")
    names = [c.name for c in r.population.conditions]
    assert names[0] == "interstitial lung disease" and "dermatomyositis" in names


def test_two_diseases_joined_by_a_hyphen_are_both_studied() -> None:
    r = rec("Objective. To study interstitial lung disease in dermatomyositis (DM). Methods. We reviewed 70 "
            "patients with DM-ILD.")
    names = [c.name for c in r.population.conditions]
    assert names == ["dermatomyositis", "interstitial lung disease"]


def test_data_from_several_branches_is_multicenter() -> None:
    r = rec("Methods. Data on 200 patients with gout were collected from 6 branches of a national network.")
    assert r.study.setting == "multicenter"


def test_a_decimal_before_units_counts_no_centres() -> None:
    r = rec("Results. In 90 patients, disease activity fell by 0.52 units at 6 months.")
    assert r.study.setting is None


def test_a_misspelt_long_form_takes_the_lexicon_spelling() -> None:
    r = rec("Methods. We studied 60 patients with rheumatoid arthritis treated with tofacitnib (TOF).")
    assert _abbrevs(r).get("TOF") == "tofacitinib"
# --- Treatments, round 2 (reuma_treatments) ---------------------------------------------------------------


def test_a_count_before_one_drug_is_not_the_count_of_a_drug_it_is_combined_with() -> None:
    r = rec("Objective. To review IgG4-related disease. Methods. We studied 90 patients. Results. Fifty received "
            "glucocorticoids alone or in combination with mycophenolate mofetil.")
    t = {x.name: x.n for x in r.treatments}
    assert t["glucocorticoids"] == 50 and t["mycophenolate mofetil"] is None


def test_a_count_is_shared_by_drugs_listed_together() -> None:
    r = rec("Objective. To review lupus nephritis. Methods. We studied 60 patients. Results. Twelve patients received "
            "cyclophosphamide and azathioprine.")
    t = {x.name: x.n for x in r.treatments}
    assert t["cyclophosphamide"] == t["azathioprine"] == 12


def test_drugs_listed_before_their_counts_respectively() -> None:
    r = rec("Objective. To describe psoriatic arthritis care. Methods. We studied 200 patients. Results. Methotrexate, "
            "leflunomide and sulfasalazine were used in 90, 30 and 12 patients, respectively.")
    t = {x.name: x.n for x in r.treatments}
    assert (t["methotrexate"], t["leflunomide"], t["sulfasalazine"]) == (90, 30, 12)
    r = rec("Objective. To describe tofacitinib retention. Methods. We studied 50 patients treated with tofacitinib. "
            "Results. Patients were on monotherapy or receiving concomitant glucocorticoids (40% and 60%, respectively).")
    assert {x.name: x.n for x in r.treatments}["glucocorticoids"] == 30


def test_a_treatment_named_by_a_mass_noun_keeps_its_words_and_its_own_clause_count() -> None:
    r = rec("Objective. To assess benralizumab in EGPA. Methods. We studied 40 patients treated with benralizumab. "
            "Results. 25% had received prior biologic therapy and 50% received immunosuppressive treatment.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["biologic therapy"] == ("previous", 10)
    assert t["immunosuppressive treatment"] == ("concomitant", 20)


def test_the_study_drugs_own_category_is_no_further_treatment() -> None:
    r = rec("Objective. To assess canakinumab in Still disease. Methods. We followed 30 patients treated with "
            "canakinumab as their first biological therapy. Results. Adverse events linked to anti-IL-1 therapy were rare.")
    names = {t.name for t in r.treatments}
    assert "canakinumab" in names and not names & {"biologics", "biological therapy", "interleukin-1 inhibitors"}
    r = rec("Objective. To assess canakinumab in Still disease. Methods. We followed 30 patients treated with "
            "canakinumab; 12 had received prior biological therapy.")
    assert "biological therapy" in {t.name for t in r.treatments}


def test_a_studied_broad_class_gives_way_to_the_narrower_classes_named() -> None:
    r = rec("Objective. To describe infections during biologic treatment in rheumatic diseases. Methods. We followed "
            "80 patients treated with TNF inhibitors or non-TNF biologics.")
    roles = {t.name: t.role for t in r.treatments}
    assert roles.get("tumor necrosis factor inhibitors") == "study"
    assert roles.get("non-tumor necrosis factor inhibitor biologics") == "study"
    assert "biologic treatment" not in roles and "biologics" not in roles


def test_a_drug_named_among_covariates_is_no_treatment() -> None:
    r = rec("Objective. To assess retinal toxicity of hydroxychloroquine in lupus. Methods. We followed 300 patients "
            "on hydroxychloroquine; covariates (age, sex, renal function, chloroquine use) entered Cox models.")
    names = {t.name for t in r.treatments}
    assert "hydroxychloroquine" in names and "chloroquine" not in names


def test_a_drug_given_along_with_the_study_drug_takes_its_count() -> None:
    r = rec("Objective. To assess low-dose cyclophosphamide in lupus nephritis. Methods. We followed 36 patients. "
            "Patients received monthly cyclophosphamide pulses, along with oral prednisolone.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t["cyclophosphamide"] == ("study", 36) and t["prednisolone"] == ("concomitant", 36)
    r = rec("Objective. To assess low-dose cyclophosphamide in lupus nephritis. Methods. We followed 36 patients. "
            "Ten patients received monthly cyclophosphamide pulses, along with oral prednisolone.")
    assert {x.name: x.n for x in r.treatments}["prednisolone"] != 36


# --- Outcomes, round 3 (reuma_outcomes) --------------------------------------------------------------------


def test_a_reason_counted_as_in_another_is_its_own_discontinuation() -> None:
    r = rec("Results. We followed 30 patients on abatacept. Abatacept was stopped because of pneumonia in one "
            "patient and because of persistent arthritis in another.")
    got = _outcomes(r)
    assert ("discontinuation", "persistent arthritis", 1) in got
    r = rec("Results. We followed 30 patients on abatacept. Abatacept was stopped because of pneumonia and "
            "persistent arthritis in another study.")
    assert not any(t == "persistent arthritis" for _, t, _ in _outcomes(r))


def test_a_retention_rate_at_several_time_points_is_one_outcome_per_time_point() -> None:
    r = rec("Results. We followed 140 patients on secukinumab. The retention rate of secukinumab was 88.1% "
            "(95% CI 82.0-93.0%) at 12 months, 76.4% at 24 months and 70% at 36 months.")
    others = [t for k, t, _ in _outcomes(r) if k == "other"]
    assert sum("retention rate" in t for t in others) == 3
    assert any(t.endswith("at 36 months") for t in others)
    r = rec("Results. We followed 140 patients on secukinumab. The retention rate at 12 and 24 months was 81.5% "
            "and 66.0%.")
    others = [t for k, t, _ in _outcomes(r) if k == "other"]
    assert any(t.endswith("at 12 months") for t in others) and any(t.endswith("at 24 months") for t in others)


def test_a_retention_similar_between_groups_and_an_uncounted_monotherapy_are_no_outcomes() -> None:
    r = rec("Results. We followed 140 patients on golimumab; most were on monotherapy. The retention rate was "
            "similar between monotherapy and combination therapy (p = 0.41).")
    assert not any(k == "other" and t and "monotherapy" in t for k, t, _ in _outcomes(r))


def test_a_score_that_remained_lower_than_baseline_is_an_improvement_not_no_change() -> None:
    r = rec("Results. We followed 40 patients after hyaluronic acid injections. Pain scores fell at week 8 and at "
            "week 24 remained significantly lower than baseline.")
    kinds = [k for k, _, _ in _outcomes(r)]
    assert "no_change" not in kinds and "improvement" in kinds
    r = rec("Results. We followed 40 patients after hyaluronic acid injections. Pain scores remained stable.")
    assert "no_change" in [k for k, _, _ in _outcomes(r)]


def test_shares_of_patients_who_developed_conditions_are_worsening_one_per_condition() -> None:
    r = rec("Results. We followed 500 children with lupus nephritis. By the last visit, 7.5% and 1.2% developed "
            "hypertension and end-stage renal disease.")
    worse = [t for k, t, _ in _outcomes(r) if k == "worsening"]
    assert len(worse) == 2 and any("hypertension" in t for t in worse)
    r = rec("Results. We followed 500 children with lupus nephritis. By the last visit, 9% developed proteinuria.")
    assert any(k == "worsening" and t and "proteinuria" in t for k, t, _ in _outcomes(r))


def test_an_event_that_developed_in_counted_patients_is_an_other_outcome() -> None:
    r = rec("Results. Among 60 children with dermatomyositis, skin ulcers developed in 9 patients during follow-up.")
    assert ("other", "skin ulcers", 9) in _outcomes(r)
# --- Lab findings and adverse events, round 3 (reuma_labs, reuma_adverse_events) ------------------------------


def test_a_lab_finding_named_again_with_a_count_takes_that_count() -> None:
    r = rec("Methods. We reviewed a cohort of myositis patients seen at two clinics, some anti-Jo1 positive. Results. "
            "Overall, 64 patients were enrolled; 20 anti-Jo1 positive patients had interstitial lung disease.")
    labs = [x for x in r.lab_findings if x.name.lower().startswith("anti-jo1")]
    assert len(labs) == 1 and labs[0].result == "positive" and labs[0].n == 20


def test_a_lab_that_selects_the_whole_cohort_is_no_finding() -> None:
    """Annotation rule 1 and convention 3 (corpus/real/CONVENTIONS.md): the cohort's defining antibody, counted
    as the cohort, is what selected the patients."""
    r = rec("Methods. We reviewed a cohort of anti-Jo1 positive patients seen at two clinics. Results. Overall, 64 "
            "anti-Jo1 positive patients were enrolled and followed for two years.")
    assert r.population.n.value == 64 and not r.lab_findings, r.lab_findings


def test_a_toxicity_the_study_is_about_is_still_an_adverse_event() -> None:
    r = rec("Ocular toxicity of hydroxychloroquine in lupus\n\nObjective. To estimate retinal toxicity in lupus patients "
            "on hydroxychloroquine. Results. We followed 900 patients. Retinal toxicity was confirmed in 7 patients.")
    events = {x.name: x.n for x in r.adverse_events}
    assert events.get("retinal toxicity") == 7


def test_a_lab_finding_counted_in_two_groups_side_by_side_gives_one_item_per_group() -> None:
    r = rec("Results. We compared 80 adults and 40 children. Adults more frequently had nephrotic-range proteinuria "
            "(18 of 80 [22.5%] vs 3 of 40 [7.5%]; P=.04).")
    counts = sorted(x.n for x in r.lab_findings if x.name.lower() == "nephrotic-range proteinuria")
    assert counts == [3, 18]


def test_an_event_written_as_a_defined_short_form_takes_its_long_form_and_the_count_beside_it() -> None:
    r = rec("Methods. We recorded treatment-emergent adverse events (TEAEs) in 400 patients on a JAK inhibitor. "
            "Results. Over 950 patient-years we observed 2 strokes and 57 (14%) TEAEs.")
    events = {x.name: x.n for x in r.adverse_events}
    assert events.get("treatment-emergent adverse events") == 57


def test_patients_counted_as_dying_of_an_event_give_the_event_that_count() -> None:
    r = rec("Results. Of 200 patients on rituximab, two died following invasive aspergillosis and sepsis related "
            "to treatment.")
    events = {x.name: x.n for x in r.adverse_events}
    assert events.get("aspergillosis") == 2 and events.get("sepsis") == 2


def test_a_lab_value_is_kept_apart_from_a_stated_result_of_the_same_test() -> None:
    r = rec("Results. Of 50 patients, 15 had nephrotic-range proteinuria. In those with nephritis, median proteinuria "
            "fell from 2.4 to 0.5 g/day.")
    got = {(x.name, x.result) for x in r.lab_findings}
    assert ("nephrotic-range proteinuria", "high") in got and ("proteinuria", "value") in got


def test_number_words_are_whole_words() -> None:
    import re

    from pipelines.numbers import count_pattern

    assert re.search(count_pattern(), "Adults more often had purpura", re.I) is None
    assert re.search(count_pattern(), "a twentieth-century cohort", re.I) is None
    assert re.search(count_pattern(), "Seventeen patients", re.I).group(0) == "Seventeen"
# --- manifestations (realdev round 3) ---


def test_organs_named_as_the_involved_ones_are_organ_level_items() -> None:
    r = rec("Objective. To describe IgG4-related disease in a cohort. Methods. We followed 80 patients. Results. "
            "The liver, salivary glands and kidneys were the most commonly involved organs.")
    got = {(m.name, m.domain) for m in r.manifestations}
    assert {("liver involvement", "gastrointestinal"), ("salivary gland involvement", "other"),
            ("kidney involvement", "renal")} <= got
    r = rec("Objective. To describe sarcoidosis in a cohort. Methods. We followed 50 patients. Results. "
            "The most frequently involved organs were the lungs (n=40) and the eyes (n=5).")
    assert {m.name: m.n for m in r.manifestations}.get("lung involvement") == 40
    r = rec("Objective. To describe sarcoidosis in a cohort. Methods. We followed 50 patients. Results. "
            "Age and smoking were the most frequently involved factors.")
    assert not any(m.name.endswith("involvement") for m in r.manifestations)


def test_a_second_criterion_in_the_cohort_phrase_is_an_inclusion_criterion_not_a_finding() -> None:
    """Annotation rule 1 and convention 3 (corpus/real/CONVENTIONS.md): a feature that only selects the cohort
    gives no item; a subset the text counts does."""
    r = rec("Objective. To assess anticoagulation in antiphospholipid syndrome. Methods. The study included 40 "
            "patients with antiphospholipid syndrome and a history of stroke. Results. Recurrent stroke occurred "
            "in 3 patients.")
    assert not any(m.name == "stroke" and m.n == 40 for m in r.manifestations), r.manifestations
    r = rec("Objective. To assess rituximab in lupus. Methods. We enrolled 25 patients with SLE, of whom 10 had "
            "nephritis.")
    assert {m.name: m.n for m in r.manifestations}.get("nephritis") == 10


def test_a_predictor_with_its_effect_size_a_few_words_on_is_no_manifestation() -> None:
    r = rec("Objective. To find predictors of relapse in vasculitis. Methods. We followed 120 patients. Results. "
            "Relapses were more frequent with fever at diagnosis (OR 2.1, 95% CI 1.2-3.9) and 30 patients had arthritis.")
    got = {m.name: m.n for m in r.manifestations}
    assert got.get("arthritis") == 30 and "fever" not in got


def test_an_uncounted_feature_compared_in_an_unheaded_abstract_is_no_manifestation() -> None:
    r = rec("Secukinumab retention in axial spondyloarthritis. We analysed 150 patients treated with secukinumab in "
            "a national registry. Overall, 40 patients had uveitis. Patients with obesity had a lower frequency of "
            "secukinumab discontinuation than the others.")
    got = {m.name: m.n for m in r.manifestations}
    assert got.get("uveitis") == 40 and "obesity" not in got


def test_what_was_analysed_is_no_manifestation() -> None:
    r = rec("Objective. To assess tocilizumab in systemic sclerosis. Methods. We followed 45 patients. Results. "
            "Twelve patients had digital ulcers. Effects on synovitis and myositis were analysed at six months.")
    got = {m.name: m.n for m in r.manifestations}
    assert got.get("digital ulcers") == 12 and not {"synovitis", "myositis"} & set(got)


def test_an_uncounted_feature_compared_with_less_or_more_than_is_no_manifestation() -> None:
    r = rec("Objective. To assess belimumab in lupus. Methods. We followed 90 patients. Results. Eight patients had "
            "pericarditis. Patients on belimumab developed less skin damage over two years than those on standard care.")
    got = {m.name: m.n for m in r.manifestations}
    assert got.get("pericarditis") == 8 and "skin damage" not in got


def test_a_counted_class_of_an_earlier_manifestation_is_its_own_item() -> None:
    r = rec("Objective. To assess mycophenolate in lupus nephritis. Methods. We followed 30 patients with lupus "
            "nephritis. Results. Twelve patients (40%) had class V nephritis.")
    assert {m.name: m.n for m in r.manifestations}.get("class v nephritis") == 12
# --- Treatments, round 3 (reuma_treatments) ---------------------------------------------------------------


def test_one_size_for_every_arm_reaches_each_arm() -> None:
    r = rec("Objective. To compare tacrolimus and azathioprine as maintenance in lupus nephritis. Methods. In this "
            "randomized trial, 60 patients (30 in each group) were followed for one year.")
    t = {x.name: x.n for x in r.treatments}
    assert t.get("tacrolimus") == 30 and t.get("azathioprine") == 30


def test_a_bare_generic_class_word_joins_the_class_named_more_exactly() -> None:
    r = rec("Objective. To describe vasculitis care in children. Methods. Children were grouped by treatment: "
            "observation or corticosteroids. Results. Steroid monotherapy was used in 40% of 50 children.")
    names = [t.name for t in r.treatments]
    assert "corticosteroids" in names and "glucocorticoids" not in names


def test_patients_who_stopped_a_drug_are_no_count_of_its_users() -> None:
    r = rec("Objective. To assess benralizumab in EGPA. Methods. We followed 30 patients treated with benralizumab "
            "on oral corticosteroids (OCS). Results. Ten patients discontinued OCS.")
    t = {x.name: x.n for x in r.treatments}
    assert "oral corticosteroids" in t and t["oral corticosteroids"] != 10


def test_a_drug_all_patients_received_has_the_cohorts_count() -> None:
    r = rec("Objective. To study infections under TNF inhibitors or abatacept in arthritis. Methods. We followed "
            "40 patients with arthritis. In the first year all patients were treated with TNF inhibitors.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("tumor necrosis factor inhibitors") == ("study", 40)


def test_a_year_before_the_study_drugs_category_is_no_count() -> None:
    r = rec("Objective. To assess canakinumab in Still disease. Methods. We followed 30 patients treated with "
            "canakinumab between March 2019 and May 2021 as their first biological therapy.")
    names = {t.name for t in r.treatments}
    assert "canakinumab" in names and "biological therapy" not in names


def test_an_experienced_cue_reaches_the_drugs_named_after_it() -> None:
    r = rec("Objective. To assess bimekizumab in psoriatic arthritis. Methods. We followed 40 patients treated with "
            "bimekizumab. Results. Twenty were biologic-experienced, chiefly after adalimumab (n=12) or ustekinumab (n=5).")
    roles = {t.name: t.role for t in r.treatments}
    assert roles.get("adalimumab") == "previous" and roles.get("ustekinumab") == "previous"


def test_a_previous_drug_the_patients_continued_is_also_concomitant() -> None:
    r = rec("Objective. To assess anakinra in gout. Methods. We followed 20 patients treated with anakinra. "
            "Results. Prior treatments comprised allopurinol (n=18); 12 continued allopurinol during anakinra.")
    t = {(x.name, x.role): x.n for x in r.treatments}
    assert t.get(("allopurinol", "previous")) == 18 and t.get(("allopurinol", "concomitant")) == 12


def test_a_background_drug_under_randomised_arms_is_concomitant_for_all() -> None:
    r = rec("Objective. To compare baricitinib with placebo in RA despite methotrexate. Methods. In this trial, "
            "300 patients on stable background methotrexate were randomly assigned to baricitinib or placebo.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("methotrexate") == ("concomitant", 300)
    r = rec("Objective. To assess voclosporin in lupus nephritis. Methods. In this trial, 200 patients were "
            "randomly assigned to voclosporin or placebo on top of mycophenolate mofetil.")
    assert {x.name: (x.role, x.n) for x in r.treatments}.get("mycophenolate mofetil") == ("concomitant", 200)


# --- round 4: population, study and adverse events ---


def test_r4_an_enrolment_participle_after_the_noun_marks_the_cohort() -> None:
    r = rec("Methods. We reviewed the charts and imaging of 212 anti-PL7 patients recruited from a national "
            "network of myositis clinics.")
    assert r.population.n.value == 212


def test_r4_a_group_named_by_its_drug_without_the_noun_is_added() -> None:
    r = rec("Results. The analysis covered 3,120 patients receiving colchicine and 9,480 taking allopurinol alone.")
    assert r.population.n.value == 12600


def test_r4_the_controls_of_a_case_control_comparison_are_added_healthy_controls_are_not() -> None:
    r = rec("Methods. This case\u2013control study enrolled 31 patients with scleritis (cases) and 124 controls.")
    assert r.population.n.value == 155
    assert r.study.design == "case-control"
    r = rec("Methods. We enrolled 40 patients with gout and 40 healthy controls.")
    assert r.population.n.value == 40


def test_r4_a_predictor_or_a_word_of_an_institution_is_no_adverse_event() -> None:
    r = rec("Methods. We followed 80 patients treated with rituximab at the Department of Dermatology and Allergy. "
            "Results. Malignancy (p = 0.03) and older age were associated with shorter survival.")
    assert r.adverse_events == []
    r = rec("Methods. We followed 80 patients treated with rituximab. Results. Pneumonia occurred in 4 patients.")
    assert [(a.name, a.n) for a in r.adverse_events] == [("pneumonia", 4)]


def test_r4_setting_by_a_recruiting_centre_or_of_our_clinic_nationwide_alone_is_no_setting() -> None:
    assert rec("Methods. Patients were recruited by the tertiary referral centre for vasculitis of a university "
               "in Lyon.").study.setting == "single-center"
    assert rec("Methods. We report the five-year results of our Gout Outpatient Clinic.").study.setting == "single-center"
    assert rec("Methods. A nationwide study of 900 patients with gout.").study.setting is None


def test_r4_a_cohort_split_by_disease_names_each_disease_studied() -> None:
    r = rec("Methods. We followed 60 patients with inflammatory arthritis starting a biologic. Results. The "
            "cohort comprised several diagnoses (psoriatic arthritis: n = 31, ankylosing spondylitis: n = 29).")
    names = {c.name for c in r.population.conditions}
    assert {"psoriatic arthritis", "ankylosing spondylitis"} <= names


def test_r4_an_organ_involvement_names_its_systemic_disease_beside_an_ancestor() -> None:
    r = rec("Methods. We studied 70 patients with interstitial lung disease (ILD). All fulfilled the criteria for "
            "antisynthetase syndrome. Results. ILD was progressive in 20 and myositis was present in 30; ILD "
            "stabilised in 40.")
    assert "antisynthetase syndrome" in {c.name.replace("anti-synthetase", "antisynthetase") for c in r.population.conditions}


def test_r4_a_screened_pool_is_not_the_cohort_the_enrolled_part_is() -> None:
    r = rec("Methods. Of the 860 adults screened, 214 were eligible and enrolled in the study of gout.")
    assert r.population.n.value == 214
    r = rec("Methods. We screened 415 patients referred with suspected polymyalgia rheumatica; 120 were "
            "confirmed and included.")
    assert r.population.n.value == 120
    r = rec("Methods. In total, 415 patients were screened for eligibility.")
    assert r.population.n.value == 415  # nothing else counted: the pool stands


def test_r4_a_cohort_sized_in_brackets_and_a_second_group_with_its_disease() -> None:
    assert rec("Methods. The study population (n = 2,480) comprised adults on allopurinol.").population.n.value == 2480
    r = rec("Methods. Thirty-six subjects with psoriatic arthritis and 14 with enteropathic arthritis were enrolled.")
    assert r.population.n.value == 50
    assert {"psoriatic arthritis", "enteropathic arthritis"} <= {c.name for c in r.population.conditions}
    r = rec("Methods. We included 40 patients with systemic lupus erythematosus and 12 with lupus nephritis.")
    assert [c.name for c in r.population.conditions] == ["systemic lupus erythematosus"]


def test_r4_an_event_in_the_criteria_or_outside_the_cohort_is_no_adverse_event() -> None:
    r = rec("Methods. We included 25 patients treated with anakinra. Results. Allergy to latex was an exclusion "
            "criterion. Pneumonia is frequent in the general population.")
    assert r.adverse_events == []


def test_r4_a_cohort_counted_with_a_form_alone_studies_the_form() -> None:
    r = rec("Methods. Twenty-two patients with IgA vasculitis nephritis were included. Results. IgA vasculitis "
            "relapsed in 5; IgA vasculitis was cutaneous in 10.")
    assert r.population.conditions[0].name == "iga vasculitis nephritis"


def test_r4_a_predictor_tied_to_the_outcome_by_related_to_is_no_adverse_event() -> None:
    r = rec("Methods. We followed 90 patients treated with methotrexate. Results. Malignancy (p = 0.01) was "
            "related to poorer survival.")
    assert r.adverse_events == []


def test_r4_a_disease_named_as_associated_with_the_patients_disease_is_studied_too() -> None:
    r = rec("Methods. We analysed 41 women with SLE-associated recurrent miscarriage. Results. SLE was active in 10.")
    assert {"recurrent pregnancy loss", "systemic lupus erythematosus"} <= {c.name for c in r.population.conditions}
    r = rec("Methods. We followed 50 patients with SSc. Outcomes were CK for SSc-associated myositis.")
    assert [c.name for c in r.population.conditions] == ["systemic sclerosis"]


def test_r4_a_subgroup_named_after_the_cohort_does_not_undo_the_form_studied() -> None:
    r = rec("Methods. Thirty patients with IgA vasculitis nephritis were included, and among them 12 had IgA "
            "vasculitis relapses. Results. IgA vasculitis was cutaneous in 10; IgA vasculitis was mild in 20.")
    assert r.population.conditions[0].name == "iga vasculitis nephritis"


def test_r4_an_age_cut_off_or_an_age_at_diagnosis_is_not_the_cohorts_age() -> None:
    assert rec("Methods. We included 40 patients with gout. Results. Patients aged 60 years or older had more "
               "flares.").population.age is None
    assert rec("Methods. We included 40 patients with gout; mean age 44 years at diagnosis.").population.age is None
    assert rec("Methods. We included 40 patients with gout aged 52 years (range 31-70).").population.age.mean == 52


def test_r4_thousands_grouped_by_a_space_are_one_count() -> None:
    assert rec("Methods. The analysis covered 3 418 adults with gout.").population.n.value == 3418
    assert rec("Methods. In 2016 212 patients with gout were included.").population.n.value == 212


def test_r4_a_cohort_selected_for_an_event_lexicon_disease_studies_it() -> None:
    r = rec("Methods. We reviewed 64 patients diagnosed with Hodgkin lymphoma. All had rheumatoid arthritis.")
    assert "hodgkin lymphoma" in {c.name for c in r.population.conditions}
    r = rec("Methods. We included 50 patients with RA who developed herpes zoster.")
    assert [c.name for c in r.population.conditions] == ["rheumatoid arthritis"]


def test_r4_an_event_compared_by_a_p_value_is_still_an_event() -> None:
    r = rec("Methods. We followed 90 patients treated with baricitinib. Results. Herpes zoster was reported in 7 "
            "patients (p = 0.03 versus placebo).")
    assert [(a.name, a.n) for a in r.adverse_events] == [("herpes zoster", 7)]


def test_r4_an_event_that_names_the_disease_studied_is_no_adverse_event() -> None:
    r = rec("Methods. We followed 70 women with recurrent miscarriage treated with heparin. Results. Pregnancy "
            "loss recurred in 9 women.")
    assert "pregnancy loss" not in {a.name for a in r.adverse_events}


def test_r4_arms_sized_as_they_are_allocated_are_summed() -> None:
    r = rec("Methods. Adults with gout were randomly assigned to febuxostat (n = 150) or allopurinol (n = 148).")
    assert r.population.n.value == 298


def test_r4_the_cohort_drawn_from_a_pool_or_a_registry_is_the_part_analysed() -> None:
    r = rec("Methods. Of 520 patients referred to the clinic, 140 met the classification criteria and were enrolled.")
    assert r.population.n.value == 140
    r = rec("Methods. Among 2,300 patients in the national registry, 410 started ixekizumab and were analysed.")
    assert r.population.n.value == 410
    r = rec("Methods. Patients with SSc followed at our unit between 2012 and 2022 were included (n = 180).")
    assert r.population.n.value == 180


@pytest.mark.parametrize(("text", "setting"), [
    ("Methods. Patients from four rheumatology departments in Portugal were included.", "multicenter"),
    ("Methods. Participating sites (n = 9) contributed 210 patients.", "multicenter"),
    ("Methods. We reviewed charts of patients followed at Ospedale Maggiore, Parma.", "single-center"),
])
def test_r4_setting_from_counted_departments_participating_sites_and_named_foreign_hospitals(text, setting) -> None:
    assert rec(text).study.setting == setting


def test_r4_a_pre_treatment_finding_or_a_graded_generic_after_a_named_event_is_no_item() -> None:
    pre = "Methods. We followed 90 patients with PsA treated with upadacitinib. "
    assert rec(pre + "Results. Screening for latent tuberculosis was positive in 6 patients before treatment."
               ).adverse_events == []
    r = rec(pre + "Results. Cellulitis was the most frequent serious adverse event (n=3).")
    assert [a.name for a in r.adverse_events] == ["cellulitis"]


@pytest.mark.parametrize(("text", "female", "male"), [
    ("Methods. We included 50 patients with gout (male sex 43, 86%).", 7, 43),
    ("Methods. We included 90 patients (women/men: 72/18) with SSc.", 72, 18),
    ("Methods. A total of 70 patients (women, n = 52) were included.", 52, 18),
])
def test_r4_sex_named_before_its_count_or_as_a_pair_adding_up_to_the_cohort(text, female, male) -> None:
    r = rec(text)
    assert (r.population.female.value, r.population.male.value) == (female, male)


def test_r4_coordinated_diseases_joined_by_and_or() -> None:
    r = rec("Methods. Consecutive patients with psoriatic arthritis and/or ankylosing spondylitis were enrolled (n=70).")
    assert {c.name for c in r.population.conditions} == {"psoriatic arthritis", "ankylosing spondylitis"}


def test_r4_design_and_setting_cues_accept_typographic_hyphens() -> None:
    r = rec("Methods. This cross\u2010sectional, multi\u2010centre survey included 300 patients with gout.")
    assert (r.study.design, r.study.setting) == ("cross-sectional", "multicenter")


def test_r4_a_cohort_split_into_a_counted_womens_and_mens_group_is_both() -> None:
    r = rec("Methods. We analysed a registry of patients with gout. Results. Compared with the 640 men with gout, "
            "women with gout (n = 180) were older.")
    assert (r.population.n.value, r.population.female.value, r.population.male.value) == (820, 180, 640)


def test_r4_patients_screened_for_a_condition_as_the_study_procedure_are_the_cohort() -> None:
    r = rec("Methods. We screened 420 patients with SSc for pulmonary hypertension using echocardiography. "
            "Results. Pulmonary hypertension was found in 25; 70 patients had ILD.")
    assert r.population.n.value == 420
    r = rec("Methods. Adults with gout were randomized to febuxostat (n = 100) or allopurinol (n = 98); of the "
            "subgroup with CKD (n = 40) ...")
    assert r.population.n.value == 198


def test_r4_a_disease_measured_in_patients_with_the_disease_studied_is_studied_too() -> None:
    r = rec("Objective. To describe the prevalence of fibromyalgia (FM) in patients with psoriatic arthritis. "
            "Methods. We studied 200 patients with psoriatic arthritis. Results. PsA was active in 50.")
    assert {c.name for c in r.population.conditions} == {"psoriatic arthritis", "fibromyalgia"}
# --- round 4: lab findings and scores (reuma_labs, reuma_scores) ---


def _labs(text: str) -> dict[str, tuple]:
    return {x.name: (x.result, x.n) for x in rec(text).lab_findings}


def test_an_elliptic_anti_list_after_carried_antibodies_gives_each_antibody() -> None:
    labs = _labs("Methods: We studied 40 patients with systemic sclerosis. Results: Patients frequently carried "
                 "specific autoantibodies (55%), including anti-Scl-70, -Th/To and -Pm antibodies.")
    assert {k: v[0] for k, v in labs.items()} == {"anti-Scl-70": "positive", "anti-Th/To": "positive", "anti-Pm": "positive"}


def test_antibodies_tested_including_a_list_are_no_findings() -> None:
    labs = _labs("Methods: We studied 40 patients with myositis. Antibodies were measured by line blot, including "
                 "anti-Mi-2, -SRP and -HMGCR.")
    assert labs == {}


def test_hyphen_glued_states_and_a_bracketed_share_of_the_cohort() -> None:
    labs = _labs("Methods: We studied 50 patients with vasculitis. Results: Most patients [70%] were MPO-positive, "
                 "and 12 were ANCA-negative.")
    assert labs["MPO"] == ("positive", 35) and labs["ANCA"] == ("negative", 12)


def test_seropositive_for_a_list_and_a_counted_subject_before_the_state() -> None:
    labs = _labs("Methods: We included 80 patients with rheumatoid arthritis. Results: Overall, 60 were seropositive "
                 "for RF and/or ACPA.")
    assert labs == {"RF": ("positive", 60), "ACPA": ("positive", 60)}
    labs = _labs("Methods: We included 200 patients with myositis. Results: Of these, 52 (26%) were positive for "
                 "anti-MDA5 antibodies.")
    assert labs["anti-MDA5 antibodies"] == ("positive", 52)


def test_a_state_word_before_the_name_beats_a_bare_was_found() -> None:
    labs = _labs("Methods: We included 64 patients with lupus. Results: Low C3 was found in 20 patients and low C4 "
                 "in 16; CRP was raised in 24 patients.")
    assert labs == {"C3": ("low", 20), "C4": ("low", 16), "CRP": ("high", 24)}


def test_a_list_of_antibodies_shares_the_state_after_it_and_respectively_hands_out_counts() -> None:
    labs = _labs("Methods: 45 patients with Sjogren's syndrome. Results: Anti-Ro/SSA and anti-La/SSB antibodies were "
                 "detected in 30 and 18 patients, respectively.")
    assert labs["anti-Ro/SSA"] == ("positive", 30) and labs["anti-La/SSB antibodies"] == ("positive", 18)


def test_an_antibody_as_the_patients_attribute_with_a_count_before_it() -> None:
    labs = _labs("Methods: We retrospectively reviewed 75 patients with myositis; 30 anti-Jo1 patients had arthritis.")
    assert labs == {"anti-Jo1": ("positive", 30)}
    assert _labs("Methods: We retrospectively reviewed 75 anti-Jo1 patients followed at three hospitals.") == {}  # the cohort


def test_positivity_present_in_k_and_a_predictor_is_no_finding() -> None:
    labs = _labs("Methods: 100 patients with SSc. Results: Lower FVC predicted mortality (HR 1.8), while anti-Scl-70 "
                 "positivity was present in 35 patients.")
    assert labs == {"anti-Scl-70": ("positive", 35)}


def test_a_lab_value_with_a_time_phrase_before_the_verb() -> None:
    r = rec("Methods: 120 patients with gout were included. Results: The mean serum uric acid at baseline was "
            "8.4 ± 1.2 mg/dl.")
    vals = [(x.result, x.value, x.unit) for x in r.lab_findings]
    assert vals == [("value", 8.4, "mg/dl")]


def _scores(text: str) -> list[tuple]:
    return [(x.instrument, x.value, x.statistic, x.timepoint) for x in rec(text).scores]


def test_an_instrument_naming_a_state_gives_no_score_value() -> None:
    assert _scores("Methods: 60 RA patients. Results: Remission was defined as DAS28 < 2.6; 20 patients reached "
                   "DAS28-remission and 11 had low disease activity.") == []


def test_a_number_split_by_a_slash_or_glued_to_a_letter_is_no_score_value() -> None:
    assert _scores("Methods: 90 RA patients. Results: After one year, 45 patients were in DAS remission and "
                   "131/610 (21%) in drug-free remission.") == []
    assert _scores("Methods: 30 patients. Endpoints were DAS 28 3v for arthritis and the HAQ.") == []


def test_an_instrument_the_lexicon_lacks_is_read_when_named_as_a_score_with_a_value() -> None:
    got = _scores("Methods: 80 patients with gout. Results: The Kessler comorbidity score was 2.1 ± 1.3.")
    assert got == [("Kessler comorbidity score", 2.1, "mean", None)]
    assert _scores("Methods: 80 patients with gout. Results: The propensity score was 0.4 in both arms.") == []


def test_a_count_of_groups_or_a_between_group_difference_is_no_score_value() -> None:
    assert _scores("Methods: 50 patients. Results: The ESSDAI and tender joint counts were similar between the "
                   "2 groups.") == []
    assert _scores("Methods: 200 SLE patients. Results: The mean change in SDI was 0.3 points lower in the treated "
                   "arm than in controls.") == []


def test_an_iqr_label_before_the_instrument_names_the_bracket_and_a_defined_short_form_names_it() -> None:
    r = rec("Methods: 60 RA patients. Results: Joint damage was scored with the Sharp-van der Heijde score (SHS); "
            "the median (IQR) SHS progression was 1 (0–3).")
    got = [(x.instrument, x.value, x.statistic, x.iqr) for x in r.scores]
    assert got == [("SHS", 1.0, "median", [0.0, 3.0])]


def test_an_sd_labelled_bracket_and_bare_subgroups_after_values() -> None:
    r = rec("Methods: 100 axSpA patients. Results: Mean BASDAI was 6.1 (SD 1.7).")
    assert [(x.value, x.sd) for x in r.scores] == [(6.1, 1.7)]
    r = rec("Methods: 100 RA patients. Results: At 12 months, mean CDAI was 10.1 in responders versus 22.3 in "
            "non-responders.")
    assert [(x.value, x.group) for x in r.scores] == [(10.1, "responders"), (22.3, "non-responders")]


def test_an_activity_band_a_scale_range_a_threshold_or_a_count_is_no_score_value() -> None:
    assert _scores("Methods: 80 RA patients with moderate disease activity (DAS28 3.2–5.1) were enrolled.") == []
    assert _scores("Methods: 60 patients. Function was rated with the HAQ (range 0–3).") == []
    assert _scores("Methods: 200 patients. Results: An ASDAS improvement of at least 1.1 was reached by 40 "
                   "patients.") == []
    assert _scores("Methods: 200 SLE patients. Results: The SLEDAI-2K score fell in 45 of 60 patients.") == []


def test_positivity_with_a_count_and_a_comparison_subgroup_without_one() -> None:
    assert _labs("Methods: 90 patients. Results: Anti-dsDNA positivity (n = 41) was frequent.") == \
        {"anti-dsDNA": ("positive", 41)}
    assert _labs("Methods: 200 patients with SSc. Results: Patients with positive anti-Scl-70 had lower FVC than "
                 "the other patients.") == {}


def test_a_hard_wrapped_line_keeps_the_time_phrase_and_the_subject_owns_the_first_value() -> None:
    r = rec("Methods: 500 gout patients.\nResults: At baseline,\nnew users had a higher Elixhauser comorbidity score "
            "(2.4 vs. 1.9; P <0.01).")
    got = [(x.instrument, x.value, x.timepoint, x.group) for x in r.scores]
    assert got == [("Elixhauser comorbidity score", 2.4, "baseline", "new users"),
                   ("Elixhauser comorbidity score", 1.9, "baseline", None)]


def test_a_lab_value_after_a_comma_and_the_comparison_groups_value() -> None:
    r = rec("Methods: 300 gout patients. Results: Baseline serum urate was 8.9 (SD 1.8) mg/dL vs. 8.7 (SD 1.6) "
            "mg/dL in the two arms.")
    assert [(x.result, x.value, x.unit) for x in r.lab_findings] == [("value", 8.9, "mg/dL"), ("value", 8.7, "mg/dL")]
    r = rec("Methods: 300 gout patients. Results: Mean serum urate, 8.9 mg/dL.")
    assert [(x.value, x.unit) for x in r.lab_findings] == [(8.9, "mg/dL")]
    r = rec("Methods: 90 SLE patients. Results: Antibody profile: ANA, 45%; anti-dsDNA, 30%.")
    assert all(x.result != "value" for x in r.lab_findings)


def test_a_list_of_time_points_after_its_unit_gives_no_score_values() -> None:
    assert _scores("Methods: 53 PsA patients. Enthesitis was assessed with the Leeds Enthesitis Index (LEI) at "
                   "weeks 0, 16 and 52.") == []


def test_counts_after_a_state_verb_a_bracketed_count_between_coordinated_labs_and_a_state_in_the_name() -> None:
    assert _labs("Methods: 50 RA patients. Results: Raised ESR (>30 mm/h) was noted in 22 patients.") == \
        {"ESR": ("high", 22)}
    assert _labs("Methods: 50 SLE patients. Results: Positive ANA (n = 44, 88%) and anti-Sm (n = 9, 18%) were "
                 "frequent.") == {"ANA": ("positive", 44), "anti-Sm": ("positive", 9)}
    assert _labs("Methods: 60 SLE patients. Results: Low complement levels were documented in 21 patients.") == \
        {"low complement": ("low", 21)}


def test_values_in_men_and_in_women_are_two_groups() -> None:
    r = rec("Methods: 60 axSpA patients. Results: BASDAI was 4.9 in women vs 3.7 in men (p=0.02).")
    assert [(x.value, x.group) for x in r.scores] == [(4.9, "women"), (3.7, "men")]


def test_a_cut_off_with_or_more_a_response_count_or_a_property_of_the_scale_is_no_score_value() -> None:
    assert _scores("Methods: 120 SLE patients. Results: A SLEDAI-2K of 6 or more was present in 50 patients.") == []
    assert _scores("Methods: 120 SLE patients. Results: The SLEDAI-2K decreased by 4 points in 30 patients.") == []
    assert _scores("Methods: 90 RA patients. Results: The Cronbach alpha of the HAQ was 0.92.") == []
    assert _scores("Methods: 90 patients. Results: The Youden index was 0.62.") == []


def test_a_score_that_fell_by_a_number_is_a_change() -> None:
    assert _scores("Methods: 90 RA patients. Results: Mean DAS28 fell by 1.6 at week 12.") == \
        [("DAS28", 1.6, "change", "week 12")]


def test_a_lab_classifying_patients_is_no_finding_and_a_state_in_the_name_is_kept() -> None:
    assert _labs("Methods: Patients were classified as ANCA-positive or ANCA-negative. Results: We studied 90 "
                 "patients.") == {}


def test_a_share_after_an_antibody_is_a_count_and_a_state_in_the_name_decides() -> None:
    assert _labs("Methods: We studied 40 SLE patients. Results: ANA positivity was 95%.") == \
        {"ANA positivity": ("positive", 38)}
    assert _labs("Methods: We studied 40 AOSD patients. Results: Hyperferritinemia was present in 30 (75%).") == \
        {"hyperferritinemia": ("high", 30)}


def test_counts_in_the_order_of_the_list_and_bracketed_counts_inside_a_list() -> None:
    assert _labs("Methods: We studied 40 patients. Results: Anti-PL-7 and anti-PL-12 were found in 6 and 2 "
                 "patients.") == {"anti-PL-7": ("positive", 6), "anti-PL-12": ("positive", 2)}
    labs = _labs("Methods: We studied 40 SSc patients. Results: Anti-Scl-70 (n = 12), anticentromere (n = 9) and "
                 "anti-RNA polymerase III (n = 4) antibodies were detected.")
    assert sorted(v[1] for v in labs.values()) == [4, 9, 12] and {v[0] for v in labs.values()} == {"positive"}


def test_a_two_way_split_named_by_one_side_gives_the_other_half_to_the_second_value() -> None:
    r = rec("Methods: 80 IgAV adults. Results: Disease activity was higher in women (median BVAS 12 vs. 8).")
    assert [(x.value, x.group) for x in r.scores] == [(12.0, "women"), (8.0, "men")]


def test_a_paragraph_opened_by_a_time_point_gives_it_to_later_values_without_one() -> None:
    r = rec("Methods: 60 SLE patients on two regimens.\nResults: At month 12, 30 patients were in remission. The "
            "first arm had a lower SLEDAI-2K (2.1 ± 1.0).\nConclusions: Both worked.")
    assert [(x.value, x.timepoint) for x in r.scores] == [(2.1, "month 12")]
    r = rec("Methods: 60 SLE patients.\nResults: At month 12, 30 patients were in remission. Mean SLEDAI-2K over "
            "time was 2.1 ± 1.0.")
    assert [(x.value, x.timepoint) for x in r.scores] == [(2.1, None)]


def test_time_points_named_before_the_values_are_times_not_values() -> None:
    assert _scores("Methods: 60 RA patients. Results: CDAI at baseline and at 6 months were 22.4 ± 8.0 and "
                   "10.2 ± 5.1, respectively.") == [("CDAI", 22.4, "mean", "baseline"), ("CDAI", 10.2, "mean", "6 months")]
    assert _scores("Methods: 60 PsA patients. Results: Median DAPSA at 3 months was 9.5 (range 2.0–18.0).") == \
        [("DAPSA", 9.5, "median", "3 months")]


def test_before_and_after_values_in_a_bracket_after_a_change_verb_and_from_a_median_of() -> None:
    assert _scores("Methods: 60 axSpA patients. Results: BASDAI decreased significantly (5.8 ± 1.2 vs 3.1 ± 1.4, "
                   "p<0.001).") == [("BASDAI", 5.8, "mean", "baseline"), ("BASDAI", 3.1, "mean", None)]
    got = _scores("Methods: 60 SSc patients. Results: The mRSS improved from a median of 18 (IQR 12–25) to 11 "
                  "(IQR 7–16) after 12 months.")
    assert [(v, tp) for _, v, _, tp in got] == [(18.0, "baseline"), (11.0, "12 months")]


def test_an_antibody_with_a_share_in_its_bracket_is_a_positive_finding_in_results_only() -> None:
    assert _labs("Methods: We studied 40 pSS patients. Results: The commonest autoantibodies were anti-Ro (45%) and "
                 "anti-La (20%).") == {"anti-Ro": ("positive", 18), "anti-La": ("positive", 8)}
    assert _labs("Background: Anti-Ro (45%) is common in Sjogren's syndrome. Methods: We studied 40 patients.") == {}
# --- round 4: treatments ---


def test_r4_the_second_drug_of_a_versus_comparison_is_the_comparator_with_its_own_count() -> None:
    r = rec("Objective. To compare the effectiveness of etanercept versus infliximab in psoriatic arthritis in a "
            "national registry. Methods. We analysed 500 patients: 320 patients taking etanercept and 180 taking infliximab.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("etanercept") == ("study", 320) and t.get("infliximab") == ("comparator", 180)


def test_r4_a_trial_comparing_two_named_drugs_makes_the_second_the_comparator() -> None:
    r = rec("Objective. To compare the efficacy of leflunomide and azathioprine as maintenance in lupus nephritis. "
            "Methods. In this randomized trial, 60 patients (30 in each group) were followed for two years.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("leflunomide") == ("study", 30) and t.get("azathioprine") == ("comparator", 30)


def test_r4_at_least_one_previous_drug_is_the_cohorts_history_not_a_count_of_one() -> None:
    r = rec("Objective. To assess ixekizumab in psoriatic arthritis. Methods. We included 52 patients who started "
            "ixekizumab after an inadequate response to ≥1 TNFi.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("tumor necrosis factor inhibitors") == ("previous", 52)


def test_r4_a_procedure_named_as_an_end_point_is_no_treatment_unless_patients_needed_it() -> None:
    r = rec("Objective. To describe renal outcome in 80 patients with lupus nephritis. Methods. The primary end "
            "point was death or the need for haemodialysis or kidney transplantation.")
    names = {x.name for x in r.treatments}
    assert "kidney transplantation" not in names and "hemodialysis" not in names
    r = rec("Objective. To describe renal outcome in 80 patients with lupus nephritis. Results. Over five years, "
            "four required hemodialysis.")
    assert "hemodialysis" in {x.name for x in r.treatments}


def test_r4_labelled_study_and_control_groups_give_study_and_comparator() -> None:
    r = rec("Objective. To assess added anti-inflammatory therapy in antiphospholipid syndrome pregnancies. Methods. "
            "Women were assigned to a study group (anti-inflammatory therapy plus heparin) and a control group "
            "(heparin alone).")
    t = {x.name: x.role for x in r.treatments}
    assert t.get("anti-inflammatory therapy") == "study" and t.get("heparin") == "comparator"


def test_r4_numbered_arms_are_studied_with_their_sizes() -> None:
    r = rec("Objective. To compare two treat-to-target strategies in early arthritis. Methods. We followed 100 "
            "patients with early arthritis. Those not in remission were randomized to either methotrexate plus leflunomide (arm 1) or methotrexate plus "
            "tocilizumab (arm 2). Results. Remission was reached in arm 1 by 12/41 and in arm 2 by 15/39 patients.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("leflunomide") == ("study", 41) and t.get("tocilizumab") == ("study", 39)


def test_r4_a_group_named_after_a_drug_that_is_not_studied_is_a_control_arm() -> None:
    r = rec("Objective. To assess platelet-rich plasma in knee osteoarthritis. Methods. 60 patients were randomized "
            "into two groups as hyaluronic acid group (one hyaluronic acid injection) and platelet-rich plasma group.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("hyaluronic acid") == ("comparator", None)


def test_r4_the_drug_of_a_case_control_study_is_not_counted_by_its_cases() -> None:
    r = rec("Objective. To find risk factors for leflunomide hepatotoxicity. Methods. In this case-control study we "
            "included 30 patients with hepatotoxicity and 90 controls.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("leflunomide") == ("study", None)


def test_r4_treatment_approaches_named_in_words_are_treatments() -> None:
    r = rec("Objective. To describe IgA nephropathy in 70 adults. Methods. Patients were divided into three groups "
            "based on treatment: observation, RAAS blockade and corticosteroids.")
    t = {x.name: x.role for x in r.treatments}
    assert t.get("renin-angiotensin-aldosterone system blockade") == "study" and t.get("corticosteroids") == "study"


def test_r4_a_labelled_arm_without_a_count_is_evidenced_by_its_group() -> None:
    r = rec("Objective. To assess added hydroxychloroquine in antiphospholipid syndrome pregnancies. Methods. Women "
            "were assigned to a study group (hydroxychloroquine plus heparin) and a control group (heparin alone).")
    t = {x.name: x for x in r.treatments}
    assert t["heparin"].role == "comparator" and t["heparin"].evidence.text.startswith("control group (")


def test_r4_a_second_count_takes_the_verb_of_the_first() -> None:
    r = rec("Objective. We compared abatacept and tocilizumab as first biologic in rheumatoid arthritis. Methods. "
            "A total of 120 patients were analysed: 70 started abatacept and 50 tocilizumab. Tocilizumab was "
            "well tolerated and tocilizumab retention was high.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("abatacept") == ("study", 70) and t.get("tocilizumab") == ("study", 50)


def test_r4_what_the_enrolled_patients_had_failed_is_the_cohorts_history() -> None:
    r = rec("Objective. To assess rituximab in refractory myositis. Methods. In this single-arm trial, adults who had "
            "failed methotrexate plus at least one calcineurin inhibitor received rituximab. Results. Thirty patients "
            "were enrolled.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("methotrexate") == ("previous", 30) and t.get("calcineurin inhibitors") == ("previous", 30)


def test_r4_a_scores_value_before_a_drug_is_no_count() -> None:
    r = rec("Objective. To assess benralizumab in EGPA. Methods. We followed 40 patients treated with benralizumab; "
            "remission was BVAS=0 with prednisone at most 4 mg/day.")
    t = {x.name: x.n for x in r.treatments}
    assert t.get("prednisone") != 0


def test_r4_the_conclusions_saying_what_the_cohort_was_under_name_a_treatment() -> None:
    r = rec("Objective: To describe lung function in 60 patients with antisynthetase syndrome. Methods: We reviewed "
            "pulmonary function tests. Results: FVC was stable in most. Eight patients died. Survival was 80% at "
            "ten years. Conclusions: Lung disease in these patients "
            "under immunosuppressive therapy is mostly stable.")
    t = {x.name: x.role for x in r.treatments}
    assert t.get("immunosuppressive therapy") == "study"  # no drug studied: the cohort's exposure (convention 1)


def test_r4_a_count_in_brackets_after_a_drug_with_a_route_word_is_its_users() -> None:
    r = rec("Objective. To describe adult IgA vasculitis. Methods. We reviewed 80 adults. Results. Treatment "
            "consisted of glucocorticoids (oral 50/80; pulses 10/80) and azathioprine in a few.")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("glucocorticoids") == ("study", 50)  # no drug studied: the cohort's exposure (convention 1)


def test_r4_a_share_of_a_named_subgroup_is_counted_on_that_subgroup() -> None:
    r = rec("Objective. To study IL-17 inhibitors in psoriatic arthritis. Methods. We followed 80 patients "
            "(37 IL-17 inhibitor users and 43 non-users). For IL-17 inhibitor users, 62% received secukinumab and "
            "38% received ixekizumab.")
    t = {x.name: x.n for x in r.treatments}
    assert t.get("secukinumab") == 23 and t.get("ixekizumab") == 14


def test_r4_a_labelled_groups_printed_size_is_its_drugs_count() -> None:
    r = rec("Objective. To assess added hydroxychloroquine in antiphospholipid syndrome pregnancies. Methods. We "
            "reviewed 90 women. They were assigned to a study group (hydroxychloroquine plus heparin, n = 40) and a "
            "control group (heparin alone) (n = 50).")
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("hydroxychloroquine") == ("study", 40) and t.get("heparin") == ("comparator", 50)
# --- round 4: manifestations ---


def _manifs(text: str) -> dict:
    return {m.name: (m.n, m.status) for m in rec(text).manifestations}


def test_a_frequency_noun_gives_a_share_of_the_cohort() -> None:
    m = _manifs("Objective. To describe giant cell arteritis. Methods. We reviewed 200 patients with giant cell "
                "arteritis. Results. The incidence rate (10.5%) of aortic aneurysm was moderate.")
    assert m.get("aortic aneurysm") == (21, "current")


def test_arteries_ranked_as_involved_are_involvement_items_with_their_shares() -> None:
    m = _manifs("Objective. To describe Takayasu arteritis. Methods. We reviewed 100 patients with Takayasu "
                "arteritis. Results. Renal arteries (45%) were the most frequently involved, followed by "
                "vertebral arteries (12%).")
    assert m.get("renal artery involvement") == (45, "current")
    assert m.get("vertebral artery involvement") == (12, "current")


def test_the_types_of_a_named_classification_are_counted_items() -> None:
    m = _manifs("Objective. To describe Takayasu arteritis. Methods. We reviewed 80 patients with Takayasu "
                "arteritis. Results. The angiographic pattern was type I in 20 (25%) patients, type III in "
                "12 (15%) patients and type V in 48 (60%) patients.")
    assert m.get("angiographic type i") == (20, "current")
    assert m.get("angiographic type iii") == (12, "current")
    assert m.get("angiographic type v") == (48, "current")


def test_a_defined_long_form_names_the_subtype_it_counts() -> None:
    m = _manifs("Objective. To study lymphoma in Sjögren syndrome. Methods. We analysed 50 patients with "
                "Sjögren syndrome and lymphoma. Results. Most had MALT lymphoma (40/50), followed by "
                "follicular B-cell lymphomas (FBCL) (6/50, 12%).")
    assert m.get("follicular b-cell lymphomas") == (6, "current")


def test_a_qualifier_before_a_manifestation_stays_in_its_name() -> None:
    m = _manifs("Objective. To describe antisynthetase syndrome. Methods. We followed 60 patients. Results. "
                "Twelve patients had isolated myositis and 9 had severe arthritis.")
    assert m.get("isolated myositis") == (12, "current")
    assert m.get("severe arthritis") == (9, "current")


def test_a_presentation_at_onset_is_previous() -> None:
    m = _manifs("Objective. To describe antisynthetase syndrome. Methods. We followed 60 patients. Results. "
                "At disease onset, 20 patients had myositis.")
    assert m.get("myositis") == (20, "previous")


def test_a_form_asking_about_symptoms_counts_no_patient() -> None:
    m = _manifs("Objective. To describe fibromyalgia. Methods. We followed 90 patients. The patient "
                "questionnaire asked whether the patients had fatigue, headache or dry mouth. Results. "
                "Pain scores fell.")
    assert not {"fatigue", "headache", "dry mouth"} & set(m)


def test_the_patient_as_a_modifier_is_no_count_of_one() -> None:
    from pipelines.counting import count_near

    t = "The patient records showed uveitis."
    i = t.index("uveitis")
    assert count_near(t, i, i + 7, 0, len(t), 30) is None
    t = "The patient with uveitis improved."
    i = t.index("uveitis")
    assert count_near(t, i, i + 7, 0, len(t), 30)[0] == 1


def test_a_definition_of_the_disease_describes_no_patient() -> None:
    m = _manifs("Behçet disease is mainly characterized by oral ulcers and uveitis. We treated 12 patients "
                "with Behçet disease with apremilast. Results. Eight patients improved.")
    assert "oral ulcers" not in m and "uveitis" not in m


def test_a_feature_said_to_differ_between_groups_is_no_manifestation() -> None:
    m = _manifs("Objective. To compare fibromyalgia with and without arthritis. Methods. We followed 90 "
                "patients. Results. Headache and paresthesia showed a significant difference between the groups.")
    assert "headache" not in m and "paresthesia" not in m


def test_each_counted_member_of_a_phenotype_list_is_one_item() -> None:
    m = _manifs("Objective. To describe antisynthetase syndrome. Methods. We followed 70 patients with "
                "antisynthetase syndrome. The clinical patterns were as follows: isolated arthritis (n = 20), "
                "combined myositis and arthritis (n = 30), and fever of unknown origin with rash (n = 20).")
    assert m.get("combined myositis and arthritis") == (30, "current")
    assert m.get("fever of unknown origin with rash") == (20, "current")


def test_a_qualified_subset_of_the_disease_studied_counted_in_part_is_an_item() -> None:
    m = _manifs("Objective. To describe sarcoidosis. Methods. We reviewed 50 patients with sarcoidosis. Results. "
                "Of these, 22 had chronic sarcoidosis (n=22 of 50); among 28 patients with acute sarcoidosis, "
                "steroids were used in 9.")
    assert m.get("chronic sarcoidosis") == (22, "current")
    assert m.get("acute sarcoidosis") == (28, "current")


def test_an_unheaded_list_of_presenting_manifestations_with_counts_is_counted() -> None:
    m = _manifs("Forty patients with myositis were studied. They could be grouped by their presenting "
                "manifestations: sudden weakness of the legs (n = 15) and slow loss of grip strength (n = 25).")
    assert m.get("sudden weakness of the legs") == (15, "current")
    assert m.get("slow loss of grip strength") == (25, "current")


def test_a_criterion_named_before_the_disease_in_the_cohort_phrase_is_no_finding() -> None:
    m = _manifs("Objective. To assess benralizumab. Methods. We treated twelve patients with refractory asthma and "
                "active EGPA with benralizumab. Results. BVAS fell.")
    assert "refractory asthma" not in m, m  # an inclusion criterion (rule 1, convention 3)


def test_a_manifestation_that_led_to_discontinuation_is_an_event_not_a_baseline_finding() -> None:
    m = _manifs("Objective. To assess benralizumab in EGPA. Methods. We treated 12 patients with EGPA. Results. "
                "In three patients, sinusitis flares led to discontinuation of benralizumab.")
    assert "sinusitis" not in m


def test_a_feature_compared_as_larger_than_in_others_is_no_manifestation() -> None:
    m = _manifs("Objective. To study myositis. Methods. We followed 80 patients. Results. Death was reached in a "
                "larger share of patients with dysphagia than in those without (p = 0.02).")
    assert "dysphagia" not in m


def test_a_comma_list_member_is_named_as_written() -> None:
    m = _manifs("Objective. To describe overlap syndrome. Methods. We followed 6 patients. All patients had "
                "Raynaud's phenomenon, wrist joint arthritis, ankle joint arthritis and fever.")
    assert m.get("wrist joint arthritis") == (6, "current")
    assert m.get("ankle joint arthritis") == (6, "current")


def test_what_patients_had_after_the_follow_up_is_no_baseline_finding() -> None:
    m = _manifs("Objective. To compare two regimens in lupus nephritis. Methods. We followed 60 patients. Results. "
                "After a median follow-up of 40 months, six patients had end-stage renal disease.")
    assert "end-stage renal disease" not in m


def test_a_symptom_named_as_part_of_a_cluster_or_component_describes_no_patient() -> None:
    m = _manifs("Objective. To study fibromyalgia symptoms. Methods. We surveyed 300 patients. Results. Symptoms "
                "formed four clusters, the first component including headache explaining 30% of the variance.")
    assert "headache" not in m


def test_a_clause_after_the_inclusion_clause_describes_patients() -> None:
    m = _manifs("Objective. To assess nintedanib. Methods. We reviewed charts. Results. Thirty patients were "
                "included; 12 had diffuse cutaneous systemic sclerosis.")
    assert m.get("diffuse cutaneous systemic sclerosis") == (12, "current")


def test_a_domain_item_counted_as_n_equals_in_brackets() -> None:
    m = _manifs("Objective. To describe Sjögren syndrome. Methods. We studied 90 patients. Results. Organ "
                "involvement comprised renal involvement (n=9) and fever.")
    assert m.get("renal involvement") == (9, "current")


def test_a_bracket_after_the_mention_does_not_hide_its_in_n_count() -> None:
    from pipelines.counting import count_near

    t = "Nodules were present in 10 patients and uveitis (grade ≥2) in 7."
    i = t.index("uveitis")
    assert count_near(t, i, i + 7, 0, len(t), 40)[0] == 7


def test_an_adverb_between_the_count_and_its_verb() -> None:
    from pipelines.counting import count_near

    t = "All had arthritis; 12 (30%) also had psoriasis."
    i = t.index("psoriasis")
    assert count_near(t, i, i + 9, 0, len(t), 40)[0] == 12


def test_what_patients_had_suffered_before_is_previous() -> None:
    m = _manifs("Objective. To assess tocilizumab in GCA. Methods. We followed 50 patients. Results. At baseline, "
                "30 had cranial symptoms; 6 had suffered anterior ischemic optic neuropathy before treatment.")
    assert m.get("anterior ischemic optic neuropathy", (None, None))[1] == "previous"


def test_a_histologic_class_of_the_disease_studied_counted_in_part_is_an_item() -> None:
    m = _manifs("Objective. To assess belimumab in lupus nephritis (LN). Methods. We followed 90 patients with LN. "
                "Results. Class III LN was present in 40 patients.")
    assert m.get("class iii lupus nephritis") == (40, "current")


def test_the_reason_a_treatment_was_stopped_is_no_baseline_finding() -> None:
    m = _manifs("Objective. To assess apremilast. Methods. We followed 40 patients with Behçet disease. Results. "
                "Apremilast was stopped in 4 patients, in 3 of them because of headache.")
    assert "headache" not in m


def test_a_term_modifying_a_centre_names_no_finding() -> None:
    m = _manifs("Objective. To describe EGPA. Methods. Retrospective study at four uveitis clinics of 30 "
                "patients with EGPA. Results. BVAS fell.")
    assert "uveitis" not in m


def test_events_during_the_follow_up_are_no_baseline_findings() -> None:
    m = _manifs("Objective. To compare anticoagulants in APS. Methods. We followed 100 patients. Results. During a "
                "median follow-up of 3 years, recurrences (stroke n=4) occurred.")
    assert "stroke" not in m


def test_treatment_withdrawn_in_patients_with_a_reaction_is_no_baseline_finding() -> None:
    m = _manifs("Objective. To assess anakinra. Methods. We followed 20 patients with Still disease. Results. "
                "Anakinra was withdrawn in two patients with injection-site urticaria.")
    assert "urticaria" not in m and "injection-site urticaria" not in m


def test_a_term_modifying_an_outcome_noun_names_no_baseline_finding() -> None:
    m = _manifs("Objective. To assess mepolizumab. Methods. We followed 20 patients with EGPA. Results. The main "
                "obstacle was poor asthma control; uveitis progression was slow.")
    assert "asthma" not in m and "uveitis" not in m


def test_the_patient_followed_by_a_verb_still_counts_one() -> None:
    from pipelines.counting import count_near

    t = "The patient reports severe headache."
    i = t.index("headache")
    assert count_near(t, i, i + 8, 0, len(t), 1)[0] == 1


def test_an_exclusion_clause_describes_no_patient() -> None:
    m = _manifs("Objective. To assess tofacitinib. Methods. We screened 50 patients with RA. Results. DAS28 fell; "
                "4 patients with uveitis were excluded.")
    assert "uveitis" not in m


def test_the_subject_of_the_most_frequent_phenotype_is_one_item() -> None:
    m = _manifs("Objective. To describe antisynthetase syndrome. Methods. We reviewed 80 patients. Results. "
                "Arthritis with myositis was the most common clinical presentation (n=30).")
    assert m.get("arthritis with myositis") == (30, "current")


def test_a_named_subset_of_the_disease_studied_with_its_share_is_an_item() -> None:
    m = _manifs("Objective. To describe systemic sclerosis (SSc). Methods. Registry study. Results. A total of 40 "
                "patients with SSc were analysed; most had limited cutaneous SSc (lcSSc; 75%).")
    assert m.get("limited cutaneous systemic sclerosis") == (30, "current")


def test_subsets_counted_in_brackets_after_the_disease_are_items() -> None:
    m = _manifs("Objective. To assess rituximab in systemic sclerosis. Methods. We reviewed 20 systemic sclerosis "
                "(14 diffuse and 6 limited) patients. Results. Skin scores fell.")
    assert m.get("diffuse systemic sclerosis") == (14, "current")
    assert m.get("limited systemic sclerosis") == (6, "current")


def test_disease_subtypes_listed_after_the_enrolment_clause_are_counted() -> None:
    m = _manifs("Objective. To assess rituximab in idiopathic inflammatory myopathy. Methods. Open trial. Results. "
                "Thirty patients were enrolled: 18 with dermatomyositis and 12 with polymyositis.")
    assert m.get("dermatomyositis") == (18, "current")
    assert m.get("polymyositis") == (12, "current")
# --- round 4: outcomes ---

def _r4_outcomes(text: str) -> list[tuple[str, int | None, str]]:
    r = rec("Objective. To assess drug Z in arthritis. Methods. We followed 900 patients. Results. " + text)
    return [(o.kind, o.n, o.evidence.text if o.evidence else "") for o in r.outcomes]


def test_counts_of_printed_bases_per_group_are_one_outcome_each() -> None:
    out = _r4_outcomes("In the first cohort 40/90 (44 %) and in the second cohort 30/85 (35 %) were in remission, "
                    "while low disease activity was reached by 12/90 (13 %) and 20/85 (24 %).")
    assert ("complete_remission", 40, "40/90 (44 %)") in out and ("complete_remission", 30, "30/85 (35 %)") in out
    assert ("low_disease_activity", 12, "12/90 (13 %)") in out and ("low_disease_activity", 20, "20/85 (24 %)") in out


def test_a_cue_after_an_acronym_and_hyphen_is_read() -> None:
    kinds = {k for k, _, _ in _r4_outcomes("After one year, 50 patients were in CDAI-remission.")}
    assert "complete_remission" in kinds


def test_survival_at_time_points_is_one_other_outcome_per_value() -> None:
    out = _r4_outcomes("The estimated overall survival was 91% and 80% at 3 and 8 years, respectively. "
                    "Three-year renal survival was 85%.")
    other = [e for k, _, e in out if k == "other"]
    assert len(other) == 3 and other[0].startswith("estimated overall survival") and "80%" in other[1]


def test_survival_values_inside_brackets_are_no_outcome() -> None:
    out = _r4_outcomes("Two-year survival was 70% (95% CI 61%-79%).")
    assert [k for k, _, _ in out] == ["other"]


def test_no_significant_difference_gives_one_no_change_per_thing_compared() -> None:
    out = _r4_outcomes("The rates of hospital admission, fracture and stroke were not significantly different between "
                    "the arms, and there was no significant difference between the arms in walking distance.")
    assert {"fracture", "hospital admission", "stroke"} <= {e for k, _, e in out if k == "no_change"}
    assert sum(k == "no_change" for k, _, _ in out) == 4


def test_baseline_features_compared_between_groups_are_no_outcome() -> None:
    out = _r4_outcomes("Age, sex and disease duration did not differ significantly between the two cohorts.")
    assert not [k for k, _, _ in out if k == "no_change"]


def test_counted_patients_who_did_not_are_no_change() -> None:
    out = _r4_outcomes("Of the 70 treated patients, 52 responded and 18 did not.")
    assert ("no_change", 18, "18 did not") in out


def test_values_compared_between_groups_are_one_outcome_per_group() -> None:
    out = _r4_outcomes("Hospital admissions (14.2% vs. 30.5%) and the mean length of stay (4.1 ± 1.2 days vs. "
                       "6.3 ± 2.0 days) were lower with Z. More patients on Z attained the urate target (61% vs. 40%).")
    other = [e for k, _, e in out if k == "other"]
    assert other == ["Hospital admissions (14.2%", "30.5%", "mean length of stay (4.1 ± 1.2 days", "6.3 ± 2.0 days"]
    assert [e for k, _, e in out if k == "response"][1:] == ["40%"]


def test_baseline_features_groups_and_instruments_compared_are_no_outcome() -> None:
    out = _r4_outcomes("Patients on Z were older (61 vs. 55 years) and had a higher DAS28 (5.2 vs. 4.4). The drug "
                       "was given for longer in the Z and placebo groups (3.2 vs. 3.0 months).")
    assert not [k for k, _, _ in out if k == "other"]


def test_a_rise_is_better_or_worse_by_what_rose() -> None:
    out = _r4_outcomes("The BASDAI increased in the placebo arm at 3 and 9 months. Complement C4 rose in the Z arm. "
                       "The risk of infection increased with age.")
    assert [k for k, _, _ in out] == ["worsening", "worsening", "improvement"]


def test_a_fall_of_a_measure_that_is_better_higher_is_worsening() -> None:
    out = _r4_outcomes("A gradual DLCO decrease was seen in the placebo arm, while CRP decreased in the Z arm.")
    assert [k for k, _, _ in out] == ["worsening", "improvement"]


def test_a_cue_naming_a_rate_a_cause_or_a_value_is_no_event() -> None:
    out = _r4_outcomes("Flare and infection rates were comparable between the arms. In three patients, gout "
                       "exacerbations led to withdrawal of Z. Median radiographic progression was 0.5 units.")
    assert not [k for k, _, _ in out if k in ("flare", "worsening")]
    out = _r4_outcomes("The relapse rate was 12% at one year.")
    assert [k for k, _, _ in out] == ["flare"]


def test_a_multivariate_analysis_names_no_outcome() -> None:
    out = _r4_outcomes("In the multivariate analysis, creatinine clearance and disease duration were retained.")
    assert out == []


def test_an_event_no_patient_had_is_that_outcome_with_n_zero() -> None:
    out = _r4_outcomes("No new joint destruction was observed. No attacks of fever occurred during follow-up. "
                       "Rash was reported by 4 patients; no hepatitis was observed.")
    assert ("other", 0, "No new joint destruction was observed") in out
    assert [k for k, n, _ in out if n == 0] == ["other", "flare"]


def test_procedures_counted_as_performed_are_other_outcomes() -> None:
    out = _r4_outcomes("During follow-up, 42 biopsies and revisions were performed.")
    assert ("other", None, "42 biopsies and revisions were performed") in out


def test_a_treatment_target_reached_is_a_response() -> None:
    out = _r4_outcomes("The haemoglobin goal was achieved by 20 patients (40%) at week 24.")
    assert [(k, n) for k, n, _ in out] == [("response", 20)]


def test_counts_per_named_group_are_one_outcome_each_and_the_overall_count_stays() -> None:
    out = _r4_outcomes("Remission was achieved by 30 patients (60%): 14 (56%) in the low-dose group and 16 (64%) in "
                       "the high-dose group.")
    assert [(k, n) for k, n, _ in out] == [("complete_remission", 30), ("complete_remission", 14), ("complete_remission", 16)]


def test_complete_and_partial_remission_are_two_outcomes() -> None:
    out = _r4_outcomes("Complete and partial remission were reached by many patients at one year.")
    assert sorted(k for k, _, _ in out) == ["complete_remission", "partial_remission"]


def test_remission_rates_listed_without_respectively_are_one_outcome_each() -> None:
    out = _r4_outcomes("Remission rates at week 24 were 35.0% and 52.5% in the two dosing groups.")
    assert [(k, e) for k, _, e in out][1:] == [("complete_remission", "52.5%")] and len(out) == 2


def test_a_lab_state_a_consequence_or_a_reason_is_no_outcome() -> None:
    out = _r4_outcomes("Serum albumin was reduced in 22% of the patients. Myositis led to reduced walking ability. "
                       "Z was stopped in one patient for inadequate response.")
    assert out == []
    out = _r4_outcomes("Proteinuria decreased in 70% of the patients.")
    assert [k for k, _, _ in out] == ["improvement"]


# --- round 5: population and study ---

#: cohort sizes as CONSORT-style trial abstracts across medicine print them (written for the test): the first
#: whole-cohort count, enrolled/randomised before screened, arms summed, analysed only when nothing is counted earlier
R5_COHORT_SENTENCES = [
    # cardiology
    ("A total of 1,248 participants were randomly assigned to colchicine or placebo and followed for 2 years.", 1248),
    ("We randomised 412 adults with heart failure to a nurse-led clinic or usual care.", 412),
    ("Methods: Patients with atrial fibrillation were screened at 14 sites. Of 2310 screened, 1602 were randomised.", 1602),
    ("Results: 856 eligible patients were included; 12 withdrew consent before the first visit.", 856),
    ("Participants: 3 412 adults aged 40 to 75 years with hypertension from 30 primary care practices.", 3412),
    ("The trial enrolled 640 patients undergoing elective coronary bypass surgery between 2015 and 2019.", 640),
    ("Results: 210 and 198 patients were assigned to early invasive and conservative management, respectively.", 408),
    # oncology
    ("Between March 2016 and May 2019, 532 women with HER2-positive breast cancer were enrolled and randomly allocated to the two regimens.", 532),
    ("Seven hundred and twenty patients with stage III colon cancer were randomly assigned to 3 or 6 months of adjuvant chemotherapy.", 720),
    ("Overall, 344 patients (intervention n=170; control n=174) started treatment.", 344),
    ("Data from 1,032 patients with metastatic melanoma were analysed.", 1032),
    ("Findings: 95 patients were randomised (48 to radiotherapy and 47 to observation).", 95),
    ("In this phase 3 trial, we randomly assigned 1,154 patients with untreated lung cancer to receive the combination or chemotherapy alone.", 1154),
    # obstetrics
    ("We enrolled 2,400 pregnant women at 24 to 28 weeks of gestation in a cluster-randomised trial.", 2400),
    ("Of 5,120 women assessed for eligibility, 1,860 were randomly assigned to induction of labour or expectant management.", 1860),
    ("Participants: 918 nulliparous women with a singleton pregnancy.", 918),
    ("A total of 1,506 pregnant women underwent randomisation; 752 were assigned to aspirin and 754 to placebo.", 1506),
    ("Methods: 600 women were randomized to oral or vaginal misoprostol.", 600),
    # paediatrics
    ("We randomly assigned 1,440 infants born before 32 weeks of gestation to probiotic or placebo.", 1440),
    ("A total of 286 neonates with hypoxic-ischaemic encephalopathy underwent randomisation.", 286),
    ("Results: Three hundred twelve children aged 2 to 5 years were enrolled in 20 day-care centres.", 312),
    ("The study recruited 2 004 schoolchildren from 48 schools in rural districts.", 2004),
    ("Setting and participants: 455 adolescents with obesity attending paediatric clinics.", 455),
    # surgery
    ("In total, 1,209 patients undergoing elective abdominal surgery were randomly allocated to the two drains.", 1209),
    ("Between 2017 and 2020, 764 patients scheduled for hip replacement were randomized to spinal or general anaesthesia.", 764),
    ("Results: Of the 980 patients approached, 650 consented and were randomised.", 650),
    ("Participants were 150 volunteers undergoing day-case hernia repair.", 150),
    ("Results: 340 patients were allocated to laparoscopic (n=171) or open (n=169) appendicectomy.", 340),
    # psychiatry
    ("We randomised 327 outpatients with major depressive disorder to internet-delivered therapy or waiting list.", 327),
    ("Two hundred and forty-eight veterans with post-traumatic stress disorder were enrolled.", 248),
    ("Methods: 1,095 smokers who wanted to quit were randomly assigned to varenicline or nicotine patch.", 1095),
    ("Results: Ninety-six participants with schizophrenia completed the trial.", 96),
    ("Methods: The study randomized 204 university students reporting insomnia to a digital programme or sleep hygiene advice.", 204),
    # public health
    ("The trial enrolled 4,012 households in 60 villages, which were randomly assigned to receive water filters or no intervention.", 4012),
    ("A total of twelve thousand adults were invited; 8,310 participants were randomised.", 8310),
    ("We recruited 1,730 healthy volunteers aged 18 to 45 years for the vaccine trial.", 1730),
    ("Participants: 2 618 community-dwelling older adults in 12 municipalities.", 2618),
    ("Results: 503 mothers and their infants were enrolled at the time of delivery.", 503),
    # mixed forms
    ("Methods: Adults with type 2 diabetes (N = 486) were randomly assigned to the app or usual care.", 486),
    ("Results: 122 patients were randomly assigned to intervention (n = 61) or control (n = 61).", 122),
    ("Sixty-four patients were screened and forty-two were enrolled.", 42),
    ("Results: 1,872 participants were enrolled; data from 1,790 participants were analysed.", 1872),
    ("Results: We included 73 eligible patients from two teaching hospitals.", 73),
    ("Methods: A cohort of 2,250 veterans with chronic pain was randomised in a 1:1 ratio.", 2250),
    # more wordings: screening undergone, eligible pools, 'randomisation of', arms in two clauses
    ("Results: Overall, 3,217 patients underwent randomization at 112 sites.", 3217),
    ("Results: Of the 1,020 patients who underwent screening, 768 were eligible and were randomly assigned.", 768),
    ("Methods: In this double-blind trial, we assigned 1,811 patients with sepsis to receive hydrocortisone or placebo.", 1811),
    ("Design: Randomised controlled trial in 59 general practices. Participants: 1,074 people aged 65 or over.", 1074),
    ("Results: Enrolment ended after 244 patients had been randomized.", 244),
    ("Results: The intention-to-treat population comprised 1,502 patients.", 1502),
    ("A total of 9,361 participants were randomly assigned in a 1:1 ratio.", 9361),
    ("Results: 420 pregnant women were randomized: 210 to progesterone and 210 to placebo.", 420),
    ("Results: Between June 2014 and July 2016, 1,320 participants were recruited.", 1320),
    ("Results: We enrolled a total of 862 patients, of whom 431 received the vaccine.", 862),
    ("Findings: 5,060 children from 150 clusters were enrolled.", 5060),
    ("Results: Eighty-two preterm infants were randomly allocated to early or delayed cord clamping.", 82),
    ("Results: Among 2,130 patients randomized, 1,065 were assigned to the intervention.", 2130),
    ("Methods: 312 patients (156 per group) were enrolled.", 312),
    ("Results: Fifty participants were randomised to the exercise group and forty-nine to the control group.", 99),
    ("Results: 1 205 participants were randomly assigned, and 1 130 completed follow-up.", 1205),
    ("Results: Randomisation of 477 women took place between 2010 and 2012.", 477),
    ("Results: Of 640 eligible patients, 600 consented to participate.", 600),
    ("Results: Our sample consisted of 228 nursing home residents.", 228),
    ("Results: 98 couples undergoing IVF were randomized to the two protocols.", 98),
    # and more: verb before the count after a pool, 'underwent randomisation', totals by 'n =' and 'per group'
    ("Results: From 2012 to 2015, 1,548 patients were enrolled at 37 centres.", 1548),
    ("Results: Overall 690 people took part: 345 received the leaflet and 345 usual care.", 690),
    ("Methods: Eligible participants (n = 2,204) were randomly assigned to one of three arms.", 2204),
    ("Results: Of 11,456 patients screened, 4,744 underwent randomisation.", 4744),
    ("Results: The trial randomly assigned 7,020 patients.", 7020),
    ("Participants: Four hundred and eight primary school pupils in 12 classes.", 408),
    ("Results: Forty-one patients were allocated to the ketamine group and forty to the midazolam group.", 81),
    ("Results: In all, 1,105 patients were included in the intention-to-treat analysis.", 1105),
    ("Methods: A total of 532 asthmatic children were randomized.", 532),
    ("Results: 260 participants with chronic low back pain were randomly assigned (130 per group).", 260),
    ("Results: Nine hundred and fifty-two women consented and were randomised.", 952),
    ("Results: We screened 2,003 patients and randomly assigned 1,001.", 1001),
    ("Results: 15,828 participants were randomly assigned to aspirin or placebo, and 15,480 completed the study.", 15828),
    ("Methods: Patients (n=196) with acute stroke were enrolled within 6 hours of onset.", 196),
    ("Results: The study population consisted of 844 elderly inpatients.", 844),
    ("Results: Of 980 eligible women, 912 agreed to take part and were randomised.", 912),
    ("Results: 120 patients were enrolled (60 in each arm).", 120),
    ("Results: Thirty-six healthy volunteers completed all study visits.", 36),
    ("Results: In total, 3,052 smokers were recruited.", 3052),
    ("Results: Two thousand and forty-five households participated in the trial.", 2045),
    # pools 'assessed' before the randomised, a planned total, counts beside ages and percentages, background skipped
    ("Methods: At 24 hospitals in 8 countries, 1,002 patients with septic shock were randomly assigned.", 1002),
    ("Results: Among 8,124 patients assessed, 3,451 met inclusion criteria and were randomised.", 3451),
    ("Results: We enrolled 300 participants (mean age 64 years; 52% women).", 300),
    ("Results: After exclusion of 25 patients, 415 patients were analysed.", 415),
    ("Background: Depression affects 300 million people worldwide. Methods: We randomised 150 adults with depression.", 150),
    ("Results: 1,236 patients (618 in each group) were included in the primary analysis.", 1236),
    ("Results: Recruitment stopped early after 86 of a planned 200 patients had been enrolled.", 86),
    ("Results: Between 2009 and 2011, we randomly assigned 652 women to either strategy.", 652),
    ("Results: In total 2,150 adolescents aged 13-17 years from 40 schools took part.", 2150),
    ("Results: Participants (n = 1,024; 61% female) were randomised to the app or a leaflet.", 1024),
    ("Methods: Eligible patients were aged 18-80 years. Results: 404 patients were randomly assigned, 203 to surgery and 201 to physiotherapy.", 404),
    ("Results: Thirty hospitals and 4,892 patients participated.", 4892),
    ("Results: A total of 91 patients were randomized, of whom 88 completed the 12-week visit.", 91),
    ("Results: We analysed 1,044 of the 1,120 randomised participants.", 1120),
]


@pytest.mark.parametrize(("text", "n"), R5_COHORT_SENTENCES)
def test_r5_cohort_size_in_trial_abstracts(text: str, n: int) -> None:
    r = rec(text)
    assert r.population.n is not None and r.population.n.value == n


def test_r5_battery_is_large_enough() -> None:
    assert len(R5_COHORT_SENTENCES) >= 40


@pytest.mark.parametrize("text", [
    "Results: In total, 300 patients were on drug A and 500 on drug B.",
    "Results: 300 patients were taking drug A and 500 were receiving drug B.",
])
def test_r5_groups_counted_side_by_side_are_summed(text: str) -> None:
    assert rec(text).population.n.value == 800


@pytest.mark.parametrize(("text", "n"), [
    ("Methods: Of 700 screened, 410 were randomly allocated.", 410),
    ("Methods: Among the 700 assessed for eligibility, 410 were randomised.", 410),
    ("Methods: 700 patients were screened and 410 were enrolled.", 410),
])
def test_r5_screened_pool_without_noun_yields_to_the_randomised(text: str, n: int) -> None:
    assert rec(text).population.n.value == n


@pytest.mark.parametrize("text", [
    "Results: 61 and 59 patients were randomly assigned to surgery and splinting, respectively.",
    "Results: 61 and 59 participants were allocated to surgery and splinting.",
])
def test_r5_arms_counted_before_one_noun_are_summed(text: str) -> None:
    assert rec(text).population.n.value == 120


def test_r5_a_count_on_a_day_is_no_second_group() -> None:
    assert rec("Results: 40 patients were on treatment and 12 on day 3 had a flare.").population.n.value == 40


@pytest.mark.parametrize(("text", "design"), [
    ("Methods: Thirty patients with gout started colchicine. Conclusions: In this real-world study, colchicine was safe.", "cohort"),
    ("Methods: Thirty patients with gout started colchicine. Conclusion: Our prospective cohort shows colchicine was safe.",
     "prospective cohort"),
    ("Methods: Thirty patients with gout started colchicine. Conclusions: Prospective studies are needed.", None),
])
def test_r5_design_named_by_the_study_itself_in_the_conclusions(text: str, design: str | None) -> None:
    assert rec(text).study.design == design


@pytest.mark.parametrize(("text", "design"), [
    ("Lupus myocarditis: a report of six cases\n\nMethods: Six women with SLE and myocarditis were seen.", "case series"),
    ("Lupus myocarditis: description of 6 patients\n\nMethods: Six women with SLE and myocarditis were seen.", "case series"),
    ("Lupus myocarditis: a report of 14 cases\n\nMethods: We retrospectively reviewed 14 women with SLE and myocarditis.",
     "retrospective cohort"),
])
def test_r5_a_report_of_n_cases_is_a_series_unless_a_design_word_says_more(text: str, design: str) -> None:
    assert rec(text).study.design == design


@pytest.mark.parametrize("text", [
    "Smaller case series point to a benefit of abatacept. We analysed 80 patients from a national cohort.",
    "Previous case series have suggested a benefit of abatacept. We analysed 80 patients from a national cohort.",
])
def test_r5_other_case_series_cited_are_no_design(text: str) -> None:
    assert rec(text).study.design == "cohort"


@pytest.mark.parametrize("text", [
    "Methods: We followed 40 patients (rheumatoid arthritis, n = 22; psoriatic arthritis, n = 18) starting biologics.",
    "Methods: We followed 40 patients (rheumatoid arthritis: n = 22, psoriatic arthritis: n = 18) starting biologics.",
    "Methods: We followed 40 patients with rheumatoid arthritis [n = 22] or psoriatic arthritis [n = 18] starting biologics.",
])
def test_r5_cohort_split_by_disease_however_the_count_is_printed(text: str) -> None:
    names = {c.name for c in rec(text).population.conditions}
    assert {"rheumatoid arthritis", "psoriatic arthritis"} <= names


@pytest.mark.parametrize("text", [
    "Methods: This retrospective study used 2011 to 2016 claims data for 400 patients with gout.",
    "Methods: Claims from 2011 through 2016 were analysed for 400 patients with gout.",
    "Methods: 400 patients with gout (claims 2011-2016) were analysed.",
])
def test_r5_study_period_as_two_years_however_joined(text: str) -> None:
    period = rec(text).study.period
    assert (period.start, period.end) == ("2011", "2016")


def test_r5_two_years_joined_by_to_before_a_unit_are_no_period() -> None:
    assert rec("Methods: 40 patients with gout received 1950 to 2000 mg of the drug daily.").study.period is None


def test_r5_description_of_n_incidents_is_a_case_series() -> None:
    r = rec("Gout in young women. Description of 7 incidents\n\nMethods: Seven women with gout were seen in our clinic.")
    assert r.study.design == "case series"
# --- round 5: lab findings and scores ---


def _r5_scores(text: str) -> list[tuple]:
    return [(x.instrument, x.value, x.group) for x in rec(text).scores]


@pytest.mark.parametrize("text", [
    "Methods: We studied 30 patients with lupus. Results: The anti-dsDNA test was positive in 12 patients.",
    "Methods: We studied 30 patients with lupus. Results: Anti-dsDNA testing was positive in 12 patients.",
    "Methods: We studied 30 patients with lupus. Results: 12 patients had a positive anti-dsDNA test.",
    "Methods: We studied 30 patients with lupus. Results: The anti-dsDNA assay positive in 12 patients.",
])
def test_a_test_noun_between_the_name_and_its_state_is_read_through(text: str) -> None:
    assert _labs(text)["anti-dsDNA"] == ("positive", 12)


def test_an_elliptic_list_of_tests_takes_the_state_of_the_first() -> None:
    labs = _labs("Methods: We studied 30 patients with lupus. Results: The RF test was positive in 9 patients, the "
                 "anti-Sm antibody test in 5 patients and the anti-Ro assay in 3 patients.")
    assert labs["RF"] == ("positive", 9) and labs["anti-Ro"] == ("positive", 3)
    assert [v for k, v in labs.items() if k.startswith("anti-Sm")] == [("positive", 5)]


def test_a_test_noun_before_a_negative_state() -> None:
    labs = _labs("Methods: We studied 30 patients with lupus. Results: The anti-Sm antibody test was negative in 20 patients.")
    assert [v for k, v in labs.items() if k.startswith("anti-Sm")] == [("negative", 20)]


def test_a_number_after_a_comparator_is_a_cut_off_not_a_count() -> None:
    labs = _labs("Methods: We studied 70 patients. Results: A score built on an index ≥ 9 and anti-Ro positivity "
                 "predicted relapse.")
    assert all(n is None for _, n in labs.values())


@pytest.mark.parametrize("text", [
    "Methods: 60 patients with lupus nephritis. Results: Groups differed in the chronicity index (AZA 3.4 ± 2.1 vs. RTX 2.2 ± 0.9).",
    "Methods: 60 patients with lupus nephritis. Results: Groups differed in the chronicity index (AZA: 3.4 ± 2.1; RTX: 2.2 ± 0.9).",
    "Methods: 60 patients with lupus nephritis. Results: The chronicity index was 3.4 ± 2.1 and 2.2 ± 0.9 for AZA and RTX, "
    "respectively.",
])
def test_an_arm_named_before_or_after_its_value_is_the_group(text: str) -> None:
    assert _r5_scores(text) == [("chronicity index", 3.4, "AZA"), ("chronicity index", 2.2, "RTX")]


def test_a_value_with_another_measure_after_it_is_not_read_as_an_arm() -> None:
    out = _r5_scores("Methods: 60 patients with RA. Results: Mean DAS28 was 5.1 ± 1.1 at baseline, CRP 12 mg/L.")
    assert out == [("DAS28", 5.1, None)]


@pytest.mark.parametrize("text", [
    "Methods: We compared 300 users of etanercept versus adalimumab. Results: Age was similar, but the Smith-Jones "
    "frailty score was higher among etanercept users (1.9 vs. 1.2; P < 0.01).",
    "Methods: We compared 300 users of etanercept versus adalimumab. Results: Etanercept users had a higher "
    "Smith-Jones frailty score (1.9 vs. 1.2; P < 0.01).",
])
def test_a_named_score_compared_between_two_arms_either_order(text: str) -> None:
    out = _r5_scores(text)
    assert [(i, v, g.lower()) for i, v, g in out] == [("Smith-Jones frailty score", 1.9, "etanercept users"),
                                                       ("Smith-Jones frailty score", 1.2, "adalimumab users")]


@pytest.mark.parametrize("text", [
    "Methods: We studied 40 patients with axial SpA. Results: Thirty patients had HLA-B27.",
    "Methods: We studied 40 patients with axial SpA. Results: HLA-B27 was carried by 30 patients.",
    "Methods: We studied 40 patients with axial SpA. Results: HLA-B27 was present in 30 patients.",
    "Methods: We studied 40 patients with axial SpA. Results: 30 patients were positive for HLA-B27.",
])
def test_an_antibody_or_allele_the_counted_patients_had_either_voice(text: str) -> None:
    assert _labs(text)["HLA-B27"] == ("positive", 30)


def test_an_antibody_had_by_an_uncounted_group_is_no_finding() -> None:
    assert _labs("Methods: We studied 30 patients with lupus. Results: Patients who had anti-Ro antibodies relapsed "
                 "more often.") == {}


@pytest.mark.parametrize("text", [
    "Results: At 2 years, 40% were in remission. Across the cohort, mean DAS over time was 1.9; median (IQR) "
    "progression of SHS was 1 (0–2).",
    "Results: At 2 years, 40% were in remission. Mean DAS over time was 1.9 across the cohort, and median (IQR) "
    "SHS progression was 1 (0–2).",
])
def test_over_time_belongs_to_its_own_clause_not_to_the_next_value(text: str) -> None:
    out = {(x.value, x.timepoint) for x in rec("Methods: We studied 200 patients with RA. " + text).scores}
    assert out == {(1.9, None), (1.0, "2 years")}


def test_a_paragraph_that_opens_on_a_new_line_with_its_time_point_carries_it() -> None:
    r = rec("Methods: We studied 200 patients with RA.\nResults\nAt 2 years, 40% were in remission. Median (IQR) "
            "SHS progression was 1 (0–2).")
    assert [(x.value, x.timepoint) for x in r.scores] == [(1.0, "2 years")]


@pytest.mark.parametrize(("text", "unit"), [
    ("At baseline, mean 24-h urinary protein was 3.9 ± 2.2 g per 1.73 m2 body surface area.", "g per 1.73 m2 body surface area"),
    ("The mean 24-h urinary protein at baseline was 3.9 g/1.73 m2.", "g/1.73 m2"),
])
def test_a_value_per_body_surface_named_by_its_collection_period(text: str, unit: str) -> None:
    r = rec("Methods: We enrolled 40 patients with lupus nephritis. Results: " + text)
    assert [(x.name, x.value, x.unit) for x in r.lab_findings] == [("24-h urinary protein", 3.9, unit)]


@pytest.mark.parametrize("text", [
    "In responders, mean DAS28 was 2.1 ± 0.8 at week 12.",
    "Mean DAS28 was 2.1 ± 0.8 in responders at week 12.",
    "Mean DAS28 at week 12 was 2.1 ± 0.8 in responders.",
])
def test_a_subgroup_before_or_after_the_value_and_time_point(text: str) -> None:
    r = rec("Methods: We studied 60 patients with RA. Results: " + text)
    assert [(x.value, x.timepoint, x.group) for x in r.scores] == [(2.1, "week 12", "responders")]


def test_a_sentence_opening_phrase_that_names_no_subgroup_gives_no_group() -> None:
    r = rec("Methods: We studied 60 patients with RA. Results: In total, mean DAS28 was 4.1 ± 0.8.")
    assert [(x.value, x.group) for x in r.scores] == [(4.1, None)]


@pytest.mark.parametrize("text", [
    "Disease activity at week 12 was 3.2 (DAS28).",
    "At week 12, mean DAS28 was 3.2.",
    "The DAS28 at week 12 was 3.2.",
])
def test_a_value_before_or_after_its_instrument(text: str) -> None:
    r = rec("Methods: We studied 60 patients with RA. Results: " + text)
    assert [(x.instrument, x.value, x.timepoint) for x in r.scores] == [("DAS28", 3.2, "week 12")]


def test_a_count_before_a_bracketed_instrument_is_no_value() -> None:
    assert rec("Methods: We studied 60 patients with RA. Results: Remission was reached by 12 (DAS28).").scores == []
# --- round 5: manifestations ---


@pytest.mark.parametrize("sentence", [
    "Results. At baseline, 40%, 30% and 20% had cutaneous, renal and cardiac involvement, respectively.",
    "Results. Cutaneous, renal and cardiac involvement were present at baseline in 40, 30 and 20%, respectively.",
    "Results. At baseline, cutaneous, renal and cardiac involvement were observed in 36 (40%), 27 (30%) and "
    "18 (20%) patients, respectively.",
])
def test_respectively_reads_the_items_before_or_after_the_counts(sentence: str) -> None:
    m = _manifs("Objective. To describe a vasculitis cohort. Methods. We reviewed 90 patients with "
                "polyarteritis nodosa. " + sentence)
    assert m.get("cutaneous involvement", (None,))[0] == 36
    assert m.get("renal involvement", (None,))[0] == 27
    assert m.get("cardiac involvement", (None,))[0] == 18


@pytest.mark.parametrize("sentence", [
    "Results. Forty patients (40%) had ILD.",
    "Results. ILD was present in 40 patients (40%).",
    "Results. ILD was found in forty of the patients.",
])
def test_the_studied_disease_counted_in_part_of_the_cohort_active_or_passive(sentence: str) -> None:
    m = _manifs("Objective. To study interstitial lung disease (ILD) in antisynthetase syndrome. Methods. We "
                "reviewed 100 patients with antisynthetase syndrome. " + sentence)
    assert m.get("interstitial lung disease", (None,))[0] == 40


@pytest.mark.parametrize("sentence", [
    "All of them had renal and pulmonary involvement.",
    "Every one of them presented renal and pulmonary involvement.",
    "Renal and pulmonary involvement were seen in each of them.",
])
def test_every_patient_in_other_words(sentence: str) -> None:
    m = _manifs("Methods. We describe 12 patients with systemic sclerosis. " + sentence)
    assert m.get("renal involvement", (None,))[0] == 12 and m.get("pulmonary involvement", (None,))[0] == 12


@pytest.mark.parametrize("sentence", [
    "All patients showed ankle synovitis, knee joint arthritis, and elbow joint arthritis.",
    "Ankle synovitis, knee joint arthritis and elbow joint arthritis were seen in all patients.",
])
def test_the_last_list_member_after_a_bare_and_keeps_its_own_words(sentence: str) -> None:
    m = _manifs("Methods. We describe 9 patients with systemic sclerosis. " + sentence)
    assert m.get("knee joint arthritis", (None,))[0] == 9 and m.get("elbow joint arthritis", (None,))[0] == 9


@pytest.mark.parametrize("sentence", [
    "The patients were divided into 2 groups by their presenting manifestations: sudden onset of lung disease "
    "(n = 8) and slow onset of lung disease (n = 22).",
    "By their presenting manifestations, the patients fell into 2 groups: sudden onset of lung disease (n = 8) "
    "and slow onset of lung disease (n = 22).",
])
def test_groups_formed_by_manifestation_are_items_in_either_order(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 30 patients with antisynthetase syndrome. Results. " + sentence)
    assert m.get("sudden onset of lung disease", (None,))[0] == 8
    assert m.get("slow onset of lung disease", (None,))[0] == 22


@pytest.mark.parametrize("sentence", [
    "Twelve patients had uveitis.",
    "12/40 (30%) patients had uveitis.",
    "30% (12/40) of patients had uveitis.",
    "Uveitis was observed in 12/40 patients.",
    "Uveitis was present in twelve of the 40 patients.",
    "Uveitis affected 12 patients.",
    "Uveitis, 12 patients; serositis, 12 patients.",
    "In 12 patients, uveitis was present.",
])
def test_one_count_in_every_written_form(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 40 patients with Behcet disease. Results. " + sentence)
    assert m.get("uveitis", (None,))[0] == 12


def test_a_qualifier_after_the_manifestation_names_it_like_one_before() -> None:
    a = _manifs("Methods. We reviewed 40 patients with dermatomyositis. Results. Isolated myositis was seen in 9 patients.")
    b = _manifs("Methods. We reviewed 40 patients with dermatomyositis. Results. Myositis alone was seen in 9 patients.")
    assert a.get("isolated myositis") == b.get("isolated myositis") == (9, "current")


def test_improved_in_k_of_n_still_counts_those_who_had_it() -> None:
    m = _manifs("Methods. We reviewed 40 patients with Behcet disease. Results. Uveitis improved in 10/14 patients.")
    assert m.get("uveitis", (None,))[0] == 14


@pytest.mark.parametrize("sentence", [
    "Results. One of them exhibited uveitis, pericarditis and pleuritis.",
    "Results. Uveitis, pericarditis and pleuritis were present in one of them.",
    "Results. Uveitis, pericarditis and pleuritis in one of them.",
])
def test_a_count_before_or_after_a_list_is_every_members(sentence: str) -> None:
    m = _manifs("Methods. We describe 10 patients with Behcet disease. " + sentence)
    assert [m.get(k, (None,))[0] for k in ("uveitis", "pericarditis", "pleuritis")] == [1, 1, 1]


def test_every_one_of_them_is_not_one_patient() -> None:
    m = _manifs("Methods. We describe 10 patients with Behcet disease. Every one of them presented uveitis.")
    assert m.get("uveitis", (None,))[0] == 10


def test_a_list_count_needs_members_not_clauses() -> None:
    m = _manifs("Methods. We describe 10 patients with Behcet disease. Results. Uveitis improved and pleuritis "
                "resolved in 3 patients.")
    assert m.get("uveitis", (None,))[0] != 3


@pytest.mark.parametrize("sentence", [
    "Results. Eight patients had a history of pericarditis.",
    "Results. Eight patients previously had pericarditis.",
    "Results. Pericarditis had previously occurred in eight patients.",
    "Results. Pericarditis in the past was noted in eight patients.",
])
def test_a_history_cue_before_or_after_the_manifestation_makes_it_previous(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 40 patients with systemic lupus erythematosus. " + sentence)
    assert m.get("pericarditis") == (8, "previous")


def test_a_manifestation_without_a_history_cue_stays_current() -> None:
    m = _manifs("Methods. We reviewed 40 patients with systemic lupus erythematosus. Results. Pericarditis was "
                "present in eight patients.")
    assert m.get("pericarditis") == (8, "current")


@pytest.mark.parametrize("sentence", [
    "Results. In two patients the liver was involved.",
    "Results. The liver was affected in two patients.",
    "Results. Involvement of the liver was seen in two patients.",
    "Results. Two patients had liver involvement.",
])
def test_an_organ_named_as_involved_in_either_voice_is_its_involvement(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 50 patients with IgG4-related disease. " + sentence)
    assert m.get("liver involvement", (None,))[0] == 2


def test_an_organ_not_involved_gives_nothing() -> None:
    m = _manifs("Methods. We reviewed 50 patients with IgG4-related disease. Results. The liver was not involved.")
    assert "liver involvement" not in m


@pytest.mark.parametrize("sentence", [
    "All patients exhibited ankle osteoarthritis, knee arthritis, and elbow arthritis.",
    "Ankle osteoarthritis, knee arthritis and elbow arthritis were seen in all patients.",
])
def test_every_list_member_keeps_its_own_words_first_or_last(sentence: str) -> None:
    m = _manifs("Methods. We describe 9 patients with systemic sclerosis. " + sentence)
    assert [m.get(k, (None,))[0] for k in ("ankle osteoarthritis", "knee arthritis", "elbow arthritis")] == [9, 9, 9]


def test_a_single_manifestation_after_had_is_no_list_member() -> None:
    m = _manifs("Methods. We describe 9 patients with systemic sclerosis. Results. Four patients had digital ulcers.")
    assert m.get("digital ulcers", (None,))[0] == 4


@pytest.mark.parametrize("sentence", [
    "Results. Uveitis 12 (30%), pleuritis 5 (12.5%).",
    "Results. The most frequent manifestations were uveitis (n=12) and pleuritis (n=5).",
    "Results. Uveitis and pleuritis were present in 12 and 5 patients.",
    "Results. Uveitis and pleuritis were present in 12 and 5 patients, respectively.",
])
def test_two_counted_manifestations_in_any_layout(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 40 patients with Behcet disease. " + sentence)
    assert m.get("uveitis", (None,))[0] == 12 and m.get("pleuritis", (None,))[0] == 5


def test_a_manifestation_listed_as_a_domain_word_keeps_its_name() -> None:
    m = _manifs("Methods. We reviewed 40 patients with lupus. Results. Frequent features were arthritis (n=12) and "
                "serositis (n=5).")
    assert m.get("serositis", (None,))[0] == 5 and "serositis involvement" not in m


@pytest.mark.parametrize("sentence", [
    "Results. The study included 30 patients with uveitis (cases) and 300 controls.",
    "Results. A total of 30 patients with uveitis (cases) and 300 controls were included.",
])
def test_the_cases_of_a_case_control_study_have_the_finding(sentence: str) -> None:
    m = _manifs("Methods. In this case-control study, patients with Behcet disease with and without uveitis were "
                "compared. " + sentence)
    assert m.get("uveitis", (None,))[0] == 30


@pytest.mark.parametrize("sentence", [
    "Small series suggest effects of abatacept on uveitis and arthritis in Behcet disease.",
    "In Behcet disease, small series point to possible effects of abatacept on uveitis and arthritis.",
])
def test_what_a_treatment_acts_on_is_no_finding_of_the_patients(sentence: str) -> None:
    m = _manifs(sentence + " We reviewed 40 patients treated with abatacept. Results. Uveitis was present in 12 patients.")
    assert "arthritis" not in m and m.get("uveitis", (None,))[0] == 12


@pytest.mark.parametrize("sentence", [
    "Uveitis (30% [12/40]) was common.",
    "Uveitis [12 (30%)] was common.",
    "Uveitis occurred in 30% (12/40) of patients.",
    "Uveitis: n = 12.",
    "Uveitis was observed in a total of 12 patients.",
    "Thirty per cent of the patients (12/40) had uveitis.",
])
def test_a_count_beside_its_share_in_any_bracket_order(sentence: str) -> None:
    m = _manifs("Methods. We reviewed 40 patients with Behcet disease. Results. " + sentence)
    assert m.get("uveitis", (None,))[0] == 12
# --- round 5: treatments ---

R5_AIM = ("Objective. To compare the effectiveness of etanercept versus infliximab in psoriatic arthritis in a "
          "national registry. Methods. We analysed 500 patients: ")


@pytest.mark.parametrize("counts", [
    "320 patients taking etanercept and 180 taking infliximab.",
    "320 patients were on etanercept and 180 on infliximab.",
    "320 patients were given etanercept and 180 were given infliximab.",
    "320 patients were started on etanercept and 180 on infliximab.",
    "320 patients were treated with etanercept and 180 with infliximab.",
    "etanercept was given to 320 patients and infliximab to 180.",
    "etanercept was prescribed to 320 patients and infliximab was prescribed to 180 patients.",
    "Etanercept (50 mg weekly) was given to 320 patients, while infliximab was used in 180.",
])
def test_r5_each_arm_keeps_its_count_whichever_verb_and_order_gives_it(counts: str) -> None:
    t = {x.name: (x.role, x.n) for x in rec(R5_AIM + counts).treatments}
    assert t.get("etanercept") == ("study", 320) and t.get("infliximab") == ("comparator", 180)


@pytest.mark.parametrize("arms", [
    "40 patients were in the abatacept arm and 38 in the placebo arm.",
    "40 in the abatacept group and 38 in the placebo group.",
    "the abatacept arm (40 patients) and the placebo arm (38 patients) were followed.",
    "patients were randomized to abatacept (40 patients) or placebo (38 patients).",
    "abatacept (n=40) or placebo (n=38) was given.",
])
def test_r5_an_arms_size_before_or_after_it_with_or_without_a_patient_noun(arms: str) -> None:
    r = rec("Objective. To compare the efficacy of abatacept versus placebo in lupus arthritis. Methods. In this "
            "randomized trial, " + arms)
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("abatacept") == ("study", 40) and t.get("placebo") == ("comparator", 38)


@pytest.mark.parametrize("result", [
    "Remission was reached by 30% (24/80) in arm 1 and by 35% (27/77) in arm 2.",
    "In arm 1 24/80 (30%) and in arm 2 27/77 (35%) reached remission.",
])
def test_r5_a_labelled_arms_size_read_before_or_after_its_label(result: str) -> None:
    r = rec("Methods. 300 patients with early arthritis were started on methotrexate. Patients not in remission "
            "were randomized to methotrexate plus sulfasalazine (arm 1) or methotrexate plus etanercept (arm 2). "
            "Results. " + result)
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("sulfasalazine") == ("study", 80) and t.get("etanercept") == ("study", 77)


@pytest.mark.parametrize("history", [
    "previously treated with adalimumab.",
    "who had failed adalimumab.",
    "after an inadequate response to adalimumab.",
    "with prior adalimumab exposure.",
    "who had been exposed to adalimumab before.",
    "who had been on adalimumab.",
    "whose adalimumab had failed.",
])
def test_r5_a_drug_dated_before_the_study_is_previous_in_any_wording(history: str) -> None:
    r = rec("Objective. To assess the effectiveness of tofacitinib in rheumatoid arthritis. Methods. We included "
            "60 patients " + history)
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("adalimumab") == ("previous", 60)


def test_r5_a_use_verb_without_a_time_word_is_current_use() -> None:
    r = rec("Objective. To assess the effectiveness of tofacitinib in rheumatoid arthritis. Methods. We included "
            "60 patients who were treated with adalimumab.")
    assert {x.name: x.role for x in r.treatments}.get("adalimumab") == "concomitant"


@pytest.mark.parametrize("joint", [
    "in combination with", "plus", "with background", "alongside", ", combined with", "on top of", "as an add-on to",
])
def test_r5_a_drug_given_with_the_study_drug_shares_its_count(joint: str) -> None:
    r = rec("Objective. To assess the effectiveness of tocilizumab in rheumatoid arthritis. Methods. 60 patients "
            f"received tocilizumab {joint} methotrexate.".replace(" ,", ","))
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("tocilizumab") == ("study", 60) and t.get("methotrexate") == ("concomitant", 60)


def test_r5_a_drug_some_patients_combined_is_no_count_of_all() -> None:
    r = rec("Objective. To assess the effectiveness of tocilizumab in rheumatoid arthritis. Methods. 60 patients "
            "received tocilizumab alone or in combination with methotrexate.")
    assert {x.name: x.n for x in r.treatments}.get("methotrexate") is None


@pytest.mark.parametrize("everyone", [
    "all patients were treated with etanercept", "every patient received etanercept",
    "each patient received etanercept",
])
def test_r5_a_drug_every_patient_received_has_the_cohorts_count(everyone: str) -> None:
    r = rec("Objective. To assess tuberculosis screening during biologic therapy. Methods. We followed 50 patients "
            f"with spondyloarthritis. In the first year {everyone}; later, etanercept (54%) and abatacept (46%) were used.")
    assert {x.name: x.n for x in r.treatments}.get("etanercept") == 50


@pytest.mark.parametrize("aim", [
    "To compare rituximab versus cyclophosphamide in vasculitis.",
    "To compare rituximab with cyclophosphamide in vasculitis.",
    "To compare rituximab to cyclophosphamide in vasculitis.",
    "Rituximab was compared against cyclophosphamide in vasculitis.",
    "To test whether rituximab is superior to cyclophosphamide in vasculitis.",
    "To test whether rituximab is more effective than cyclophosphamide in vasculitis.",
])
def test_r5_the_drug_an_aim_compares_the_study_drug_with_is_its_comparator(aim: str) -> None:
    r = rec(f"Objective. {aim} Methods. In this randomized trial, 80 patients with vasculitis were followed.")
    t = {x.name: x.role for x in r.treatments}
    assert t.get("rituximab") == "study" and t.get("cyclophosphamide") == "comparator"


def test_r5_two_drugs_given_together_are_both_studied() -> None:
    r = rec("Objective. We treated vasculitis with rituximab and cyclophosphamide. Methods. 80 patients were followed.")
    t = {x.name: x.role for x in r.treatments}
    assert t.get("rituximab") == "study" and t.get("cyclophosphamide") == "study"


@pytest.mark.parametrize("aim", ["as an alternative to glucocorticoids", "in place of glucocorticoids"])
def test_r5_a_drug_the_study_drug_replaces_is_no_treatment_given(aim: str) -> None:
    r = rec(f"Objective. We studied tocilizumab {aim} in polymyalgia rheumatica. Methods. 20 patients received "
            "tocilizumab; 8 were taking methotrexate.")
    assert {x.name for x in r.treatments} == {"tocilizumab", "methotrexate"}


@pytest.mark.parametrize("counts", [
    "320 patients with psoriatic arthritis (PsA) were started on etanercept and 180 on infliximab.",
    "320 patients with active psoriatic arthritis received etanercept and 180 patients with active disease "
    "received infliximab.",
])
def test_r5_an_arms_count_reaches_its_drug_across_the_patients_description(counts: str) -> None:
    r = rec("Objective. To compare etanercept versus infliximab in psoriatic arthritis in a registry. Methods. " + counts)
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("etanercept") == ("study", 320) and t.get("infliximab") == ("comparator", 180)


@pytest.mark.parametrize("start", [
    "300 patients with early arthritis received methotrexate and prednisone.",
    "300 patients with early arthritis were started on methotrexate plus a tapered high dose of prednisone.",
])
def test_r5_a_drug_listed_after_another_shares_its_count(start: str) -> None:
    r = rec("Methods. " + start + " Patients not in remission were randomized to methotrexate plus sulfasalazine "
            "(arm 1) or methotrexate plus etanercept (arm 2).")
    t = {x.name: x.n for x in r.treatments}
    assert t.get("methotrexate") == 300 and t.get("prednisone") == 300


def test_r5_a_second_count_in_the_list_is_the_second_drugs_own() -> None:
    r = rec("Objective. To compare etanercept and tocilizumab in juvenile arthritis. Methods. A total of 148 children "
            "were analysed: 97 started etanercept and 51 tocilizumab.")
    t = {x.name: x.n for x in r.treatments}
    assert t.get("etanercept") == 97 and t.get("tocilizumab") == 51


def test_r5_a_studied_class_has_the_share_printed_after_it() -> None:
    r = rec("Objective. To assess tuberculosis screening in patients on biologics. Methods. We followed 50 patients "
            "treated with TNF inhibitors or other biologics. Results. In the second phase TNF inhibitors (54%) and "
            "non-TNF biologics (46%) were used.")
    assert {x.name: x.n for x in r.treatments}.get("non-tumor necrosis factor inhibitor biologics") == 23


@pytest.mark.parametrize("given", [
    "Initially, 189 patients received systemic glucocorticoids, and 32 patients received an additional immunomodulator.",
    "Systemic glucocorticoids were given initially to 189 patients, and an additional immunomodulator to 32.",
])
def test_r5_a_concomitant_drugs_count_before_or_after_it(given: str) -> None:
    r = rec("Objective. To describe adult IgA vasculitis. Methods. We followed 265 patients. Results. " + given)
    t = {x.name: (x.role, x.n) for x in r.treatments}
    assert t.get("glucocorticoids") == ("study", 189) and t.get("immunomodulators") == ("study", 32)  # convention 1


@pytest.mark.parametrize("result", ["Tocilizumab spared steroids in most patients.",
                                    "Tocilizumab allowed sparing glucocorticoids in most patients."])
def test_r5_a_drug_the_study_drug_spares_is_no_treatment_of_its_own(result: str) -> None:
    r = rec("Objective. To assess tocilizumab in polymyalgia rheumatica. Methods. 40 patients received tocilizumab "
            "and prednisolone. Results. " + result)
    assert {x.name for x in r.treatments} == {"tocilizumab", "prednisolone"}


def test_r5_a_sparing_effect_of_the_study_drug_keeps_it_studied() -> None:
    r = rec("Objective. To assess the steroid-sparing effect of tocilizumab in polymyalgia rheumatica. Methods. 40 "
            "patients received tocilizumab.")
    assert {x.name: x.role for x in r.treatments}.get("tocilizumab") == "study"


@pytest.mark.parametrize("given", ["5 were given preventive therapy with isoniazid.", "5 received isoniazid.",
                                   "isoniazid was given to 5."])
def test_r5_the_count_given_a_drug_not_the_subgroup_it_came_from(given: str) -> None:
    r = rec("Objective. To assess tuberculosis screening during etanercept therapy. Methods. We followed 50 patients "
            "on etanercept. Results. Of the 10 patients who converted, " + given)
    assert {x.name: (x.role, x.n) for x in r.treatments}.get("isoniazid") == ("concomitant", 5)
# --- round 5: outcomes and adverse events ---


def test_an_event_counted_before_a_clause_that_analyses_it_stays() -> None:
    for text in ("Flares were seen in 31 (20.5%) patients over two years, more often in smokers (HR 2.10).",
                 "Thirty-one patients flared, particularly those with high CRP (OR 1.9).",
                 "A flare was experienced by 31 patients, and more frequently by smokers (HR 2.1)."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("flare", 31)], text
    assert _r4_outcomes("Flares were more common in smokers (HR 2.10).") == []


def test_groups_that_did_not_differ_in_listed_outcomes_give_one_no_change_each() -> None:
    for text in ("The treatment arms did not differ in the rate of infection, fracture and hospital admission.",
                 "There was no significant difference between the arms in infection, fracture and hospital admission.",
                 "Both groups did not differ significantly regarding infection, fracture and hospital admission."):
        out = _r4_outcomes(text)
        assert [(k, e) for k, _, e in out] == [("no_change", "infection"), ("no_change", "fracture"),
                                                ("no_change", "hospital admission")], text


def test_nor_was_x_different_is_one_more_no_change() -> None:
    out = _r4_outcomes("Pain did not improve, nor was fatigue significantly different between the groups.")
    assert ("no_change", None, "fatigue significantly different") in out


def test_counted_states_after_a_follow_up_frame_in_either_order() -> None:
    for text in ("Over a median follow-up of 4 years, 6 (5.0%) patients required joint replacement.",
                 "During a mean follow-up of 4 years, 6 patients underwent joint replacement.",
                 "Six patients required joint replacement at follow-up."):
        out = _r4_outcomes(text)
        assert [(k, n) for k, n, _ in out] == [("other", 6)], text
    # a time frame closing a long description of the cohort frames no state
    assert _r4_outcomes("In all, 700 children had a diagnosis of vasculitis, of whom 90 were seen by a nephrologist "
                        "twice over a median follow-up period of two years.") == []


def test_a_goal_reached_is_a_response_whether_the_verb_comes_before_or_after() -> None:
    for text in ("More users of drug Z attained the urate target <6 mg/dl (58% vs. 41%).",
                 "The urate target <6 mg/dl (58% vs. 41%) was reached more often by users of drug Z.",
                 "Urate targets <6 mg/dl (58% vs. 41%) were met by more users of drug Z."):
        assert [k for k, _, _ in _r4_outcomes(text)] == ["response", "response"], text


def test_the_primary_end_point_reached_attained_or_met_is_a_response() -> None:
    for text in ("Eleven patients reached the primary end point.", "Eleven patients attained the primary endpoint.",
                 "The primary end point was met by eleven patients.", "Eleven patients achieved the primary end point."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("response", 11)], text


def test_sorting_into_groups_and_a_harm_done_by_the_disease_are_no_improvement() -> None:
    assert _r4_outcomes("By their first symptoms, the patients fell into 2 groups: acute and chronic.") == []
    assert _r4_outcomes("Walking distance was reduced by myositis in many patients.") == []
    assert [k for k, _, _ in _r4_outcomes("Pain was reduced by drug Z in 12 patients.")] == ["improvement"]


def test_the_patients_who_died_are_the_base_of_the_deaths_counted_after() -> None:
    for text in ("Of 8 patients who died, 5 died of infection.", "Among the 8 patients who died, 5 died of infection."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("death", 5)], text


def test_an_analysis_of_what_predicted_deterioration_is_no_outcome() -> None:
    assert _r4_outcomes("Older age predicted deterioration of lung function.") == []


def test_a_no_difference_about_what_was_counted_already_or_about_baseline_or_safety_is_none() -> None:
    for text in ("Response rates were 40% and 45%, respectively, and did not differ between the arms.",
                 "Response rates were 40% and 45%; these outcomes were not significantly different between the arms."):
        assert [k for k, _, _ in _r4_outcomes(text)] == ["response", "response"], text
    assert _r4_outcomes("Sex and age at baseline were similar in the two arms.") == []
    assert _r4_outcomes("Nausea and rash were the adverse events, whose frequency did not differ between arms.") == []


def test_patients_able_to_stop_a_glucocorticoid_are_a_group_not_an_outcome() -> None:
    for text in ("Among patients able to stop prednisone, FEV1 improved.",
                 "Among patients who were able to stop prednisone, FEV1 improved."):
        assert [k for k, _, _ in _r4_outcomes(text)] == ["improvement"], text


def test_an_event_found_or_seen_in_counted_patients_when_it_is_new_or_framed_by_follow_up() -> None:
    for text in ("Persistent joint swelling was found in 14 (20%) patients.",
                 "14 (20%) patients had persistent joint swelling at follow-up.",
                 "During follow-up, joint swelling was noted in 14 patients."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("other", 14)], text
    # the cohort described, or a lab finding, is no outcome
    assert _r4_outcomes("Arthritis was seen in 14 patients. Anti-Ro antibodies were found in 9 patients.") == []


def test_a_fraction_counts_its_numerator_before_or_after_the_cue() -> None:
    for text in ("At week 24, 12/40 (30%) achieved remission.", "At week 24, remission was achieved by 12/40 (30%).",
                 "At week 24, remission was attained in 30% (12/40).", "At week 24, 12 of 40 (30%) patients were in remission."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("complete_remission", 12)], text
    for text in ("At week 24, 12/40 (30%) relapsed.", "At week 24, 12/40 (30%) patients had a flare."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("flare", 12)], text


def test_a_drug_stopped_without_its_name_and_patients_who_felt_better() -> None:
    assert [(k, n) for k, n, _ in _r4_outcomes("The drug was discontinued in 4 patients.")] == [("discontinuation", 4)]
    assert [(k, n) for k, n, _ in _r4_outcomes("Four patients stopped the medication.")] == [("discontinuation", 4)]
    assert [(k, n) for k, n, _ in _r4_outcomes("Twenty patients felt better at week 12.")] == [("improvement", 20)]


def test_an_absent_event_after_an_analysis_clause_and_not_one_or_not_a_single() -> None:
    for text in ("Ulcers were less frequent with drug Z, and not one patient died.",
                 "Ulcers were less frequent with drug Z; no patient died.", "Not a single patient died."):
        assert [(k, n) for k, n, _ in _r4_outcomes(text)] == [("death", 0)], text


def test_a_second_count_with_its_verb_elided_is_the_same_outcome_again() -> None:
    out = _r4_outcomes("Thirty patients had a relapse before drug Z was started, and 9 (15%) after.")
    assert [(k, n) for k, n, _ in out] == [("flare", 30), ("flare", 9)]
    out = _r4_outcomes("Ten patients improved at week 12, and 14 at week 24.")
    assert [(k, n) for k, n, _ in out] == [("improvement", 10), ("improvement", 14)]
    # a second clause with its own verb is its own outcome, not a gapped count
    assert [(k, n) for k, n, _ in _r4_outcomes("Twelve patients relapsed, and 5 died.")] == [("flare", 12), ("death", 5)]


# --- round 5: shared infrastructure (sections, entities, abbreviations) ---


def test_line_headings_cases_importance_design_and_main_outcomes_open_other_sections() -> None:
    from pipelines.sections import detect_sections

    text = ("Introduction\nDrug Z is new.\n\nCases\n\nWe describe four women.\n\nConclusion\nDrug Z helped.")
    assert [(s.label, s.heading) for s in detect_sections(text)] == [
        ("background", "Introduction"), ("other", "Cases"), ("conclusions", "Conclusion")]
    text = ("Importance\nArteritis is rare.\nDesign, Setting, and Participants\nA cohort of 40 adults.\n"
            "Main Outcomes and Measures\nIncidence.\nResults\nTen were women.")
    assert [s.label for s in detect_sections(text)] == ["other", "other", "other", "results"]
    assert [s.label for s in detect_sections("Design, setting, participants, & measurements: We included 40 children.")] == ["other"]
    # "Cases" opening a sentence is no heading
    assert detect_sections("Background. Drug Z is new. Cases 3 and 4 relapsed.")[0].heading == "Background"
    assert len(detect_sections("Background. Drug Z is new. Cases 3 and 4 relapsed.")) == 1


def test_a_drug_inside_a_treated_experienced_or_naive_compound_is_that_drug() -> None:
    from pipelines import vocab

    idx = vocab.phrase_index(("drugs",))
    for text, surface in (("Forty tocilizumab-treated patients were seen.", "tocilizumab"),
                          ("Forty patients were MTX-naive.", "MTX"), ("Forty patients were MTX-naïve.", "MTX"),
                          ("Of them, 12 were TNFi-experienced.", "TNFi"), ("All were etanercept-exposed.", "etanercept")):
        hits = idx.find(text)[0]
        assert [text[s:e] for s, e, _ in hits] == [surface], text
    # other compounds stay one word of their own
    assert idx.find("MTX-associated pneumonitis and MTX-like drugs.")[0] == []


def test_long_form_spelled_by_the_initials_before_a_bracketed_short_form() -> None:
    r = rec("Methods. Screening used the tuberculin skin test [TST] and an interferon gamma release assay (IGRA).")
    assert _abbrevs(r)["TST"] == "tuberculin skin test"
    assert _abbrevs(r)["IGRA"] == "interferon gamma release assay"
    r = rec("Methods. Every patient had a tuberculin skin test (TST; n=40).")
    assert _abbrevs(r)["TST"] == "tuberculin skin test"


def test_a_short_form_announced_by_hereafter_or_numbered_beyond_its_long_form() -> None:
    for text in ("Methods. We recorded the disease activity score (hereafter DAS) at each visit.",
                 "Methods. We recorded the disease activity score [henceforth DAS] at each visit.",
                 "Methods. We recorded the disease activity score (DAS) at each visit."):
        assert _abbrevs(rec(text)).get("DAS") == "disease activity score", text
    r = rec("Methods. Outcomes were the Sinus Symptom Score (SSS-20) and the Peak Expiratory Flow (PEF1) at week 12.")
    assert _abbrevs(r).get("SSS-20") == "Sinus Symptom Score"
    assert _abbrevs(r).get("PEF1") == "Peak Expiratory Flow"


_R5_NLP: list = []


def _roles(text: str) -> list[str | None]:
    from pipelines import build_pipeline
    from pipelines.components import base

    if not _R5_NLP:
        _R5_NLP.append(build_pipeline())
    doc = _R5_NLP[0](text)
    return [base.sentence_role(s) for s in base.sentences(doc)]


def test_a_sentence_with_group_counts_is_a_result_and_this_case_series_is_no_other_study() -> None:
    # no headings: an opening cue ("could be", "were compared") does not make a counting sentence a conclusion or method
    assert _roles("We studied 40 adults with myositis. Patients could be split into two groups (n = 12 and n = 28).")[-1] is None
    assert _roles("We studied 40 adults with myositis. Relapses were compared: 12 (30%) with drug Z, 5 (12%) without.")[-1] is None
    assert _roles("We studied 40 adults with myositis. Drug Z could be an option.")[-1] == "conclusion"
    assert _roles("We studied 40 adults with myositis. Relapses were compared between the groups.")[-1] == "methods"
    # the abstract's own series is not another study; others' series are
    assert _roles("Results. Our case series demonstrates that 12 patients improved.")[-1] == "results"
    assert _roles("Results. Earlier case series demonstrated that drug Z helps.")[-1] == "other_studies"


def test_two_short_forms_for_two_long_forms_sharing_a_head_and_the_alternative_after_a_slash() -> None:
    r = rec("Methods. We recorded the systolic and diastolic blood pressure (SBP and DBP) at each visit.")
    assert _abbrevs(r).get("SBP") == "systolic blood pressure"
    assert _abbrevs(r).get("DBP") == "diastolic blood pressure"
    r = rec("Methods. We recorded the early or late onset arthritis (EOA or LOA) at each visit.")
    assert _abbrevs(r).get("EOA") == "early onset arthritis" and _abbrevs(r).get("LOA") == "late onset arthritis"
    # letters that do not line up define nothing
    assert "OR" not in _abbrevs(rec("Results. Rates in men and women were high (OR and HR)."))
    r = rec("Methods. Antibodies were anti-proteinase 3/myeloperoxidase (MPO) by ELISA.")
    assert _abbrevs(r).get("MPO") == "myeloperoxidase"


def test_a_capitalised_long_form_joined_by_a_dash_to_its_capitals() -> None:
    r = rec("Methods. Screening used the Chest Radiograph Review-CRR and the Whole Blood Assay-WBA in all.")
    assert _abbrevs(r).get("CRR") == "Chest Radiograph Review"
    assert _abbrevs(r).get("WBA") == "Whole Blood Assay"
    assert "NY" not in _abbrevs(rec("Methods. Patients from New York-NY were seen."))
    assert "BT" not in _abbrevs(rec("Methods. The Blood Assay-BT was done."))


def test_long_form_and_short_form_in_one_bracket_after_a_comma() -> None:
    r = rec("Methods. Disease activity was scored at every visit (modified Rodnan skin score, mRSS).")
    assert _abbrevs(r).get("mRSS") == "modified Rodnan skin score"
    r = rec("Methods. Serum levels (tumour necrosis factor, TNF) were measured.")
    assert _abbrevs(r).get("TNF") == "tumour necrosis factor"
    assert "RA" not in _abbrevs(rec("Methods. Forty patients (women, RA) were seen."))


def test_lancet_and_jama_style_headings() -> None:
    from pipelines.sections import detect_sections

    text = ("Background Gout is common. Methods We enrolled adults. Findings Between 2010 and 2012, 40 patients "
            "were seen. Interpretation Drug Z lowers urate.")
    assert [s.label for s in detect_sections(text)] == ["background", "methods", "results", "conclusions"]
    text = "Context: Gout is common.\nParticipants: 40 adults.\nInterventions: drug Z.\nMain results: Ten improved."
    assert [s.label for s in detect_sections(text)] == ["background", "other", "other", "results"]
    # open a sentence, not a section
    assert len(detect_sections("Background. Participants 12 and 14 relapsed. Interventions were safe.")) == 1


def test_a_lexicon_synonym_before_a_short_form_is_its_long_form_as_written() -> None:
    assert _abbrevs(rec("Methods. We followed 30 adults with Horton disease (GCA) for a year.")).get("GCA") == "Horton disease"
    assert _abbrevs(rec("Methods. We followed 30 adults with scleroderma (SSc) for a year.")).get("SSc") == "scleroderma"
    assert _abbrevs(rec("Methods. We followed 30 adults with giant cell arteritis (GCA) for a year.")).get("GCA") == "giant cell arteritis"


def test_a_title_line_opening_with_a_heading_word_is_no_section() -> None:
    from pipelines.sections import detect_sections

    text = ("Drug Z in Gout:\nResults From a National Registry (2001-2020)\n\nBackground: Gout is common.\n\n"
            "Methods: We enrolled 40 adults.\n\nResults: Ten improved.")
    assert [s.heading for s in detect_sections(text)] == ["Background", "Methods", "Results"]
    # run into its text, a heading still opens a section, in the first paragraph or later
    assert [s.heading for s in detect_sections("Background Gout is common. Results Ten of 40 improved.")] == [
        "Background", "Results"]


# --- round 7: treatments ---
def _treat(text: str) -> dict:
    return {t.name: (t.role, t.n) for t in rec(text).treatments}


def test_a_share_with_a_passive_verb_counts_the_drug_either_side() -> None:
    head = "Methods. We followed 40 adults with lupus given belimumab. Results. "
    # the share before the drug, active or passive, and after it
    for wording in ("25% received hydroxychloroquine.", "25% were treated with hydroxychloroquine.",
                    "Hydroxychloroquine was given to 25%.", "Hydroxychloroquine had been given to 25%."):
        assert _treat(head + wording)["hydroxychloroquine"][1] == 10, wording
    # a history cue keeps its role; the count is still the share
    assert _treat(head + "Prior rituximab had been given to 10%.")["rituximab"] == ("previous", 4)


def test_a_count_of_drugs_per_patient_is_no_count_of_the_study_drug() -> None:
    head = "Methods. We reviewed 80 adults with psoriatic arthritis on TNF inhibitors. Results. "
    for wording in ("Only one TNF inhibitor was prescribed in 50, while 30 switched to a second.",
                    "50 were prescribed only one TNF inhibitor, while 30 switched to a second."):
        assert _treat(head + wording)["tumor necrosis factor inhibitors"] == ("study", 80), wording


def test_a_drug_named_only_in_the_background_before_an_objective_heading_is_no_study_drug() -> None:
    body = ("Methods: We reviewed 60 adults with polymyalgia rheumatica seen at two centres. "
            "Results: Relapses occurred in 20 patients.")
    for context in ("Background: Polymyalgia rheumatica often requires prednisone for years.",
                    "Background: Prednisone is frequently needed for years in polymyalgia rheumatica."):
        r = rec(context + "\nObjectives: To describe relapses in polymyalgia rheumatica.\n" + body)
        assert "prednisone" not in {t.name for t in r.treatments}, context
    # the objective naming the drug keeps it the study's
    r = rec("Background: Polymyalgia rheumatica often requires prednisone.\n"
            "Objectives: To describe relapses under prednisone in polymyalgia rheumatica.\n" + body)
    assert {t.name: t.role for t in r.treatments}.get("prednisone") == "study"


def test_several_drugs_of_a_class_before_the_study_drug_are_its_history() -> None:
    head = "Methods. We followed 90 adults with psoriatic arthritis starting ixekizumab. Results. "
    for wording in ("Use of multiple TNF inhibitors predicted discontinuation.",
                    "Multiple TNF inhibitor usage predicted discontinuation.",
                    "Patients who had used several TNF inhibitors were more likely to stop."):
        assert _treat(head + wording)["tumor necrosis factor inhibitors"][0] == "previous", wording
    assert _treat(head + "Ixekizumab was stopped in 20.")["ixekizumab"] == ("study", 90)
# --- round 7: labs, population, study period ---


def _sexes(text: str) -> tuple:
    r = rec(text)
    return (r.population.female.value if r.population.female else None,
            r.population.male.value if r.population.male else None)


def test_both_sexes_named_then_counted_respectively() -> None:
    assert _sexes("Methods. We studied 300 adults with gout. Results. Of these, 90 were examined again. "
                  "Women and men numbered 52 and 38, respectively.") == (52, 38)
    assert _sexes("Methods. We studied 300 adults with gout. Results. Of these, 90 were examined again. "
                  "Males and females were 38 and 52, respectively.") == (52, 38)
    # a worded "count" counts people even when they are part of the cohort; a "ratio" must make the cohort
    assert _sexes("Methods. We studied 300 adults with gout. Results. Of these, 90 were examined again. "
                  "The female-to-male count was 52:38.") == (52, 38)
    assert _sexes("Methods. We studied 300 adults with gout. The female-to-male ratio was 3:1.") == (None, None)


def test_an_age_band_among_several_bands_is_no_cohort_age() -> None:
    r = rec("Methods. We followed 200 adults with vasculitis. Results. Survival was 98% in those aged 30 to 60 "
            "and 70% in those aged 61 years or older.")
    assert r.population.age is None or (r.population.age.min, r.population.age.max) == (None, None)
    r = rec("Methods. We followed 200 adults with vasculitis. Survival differed for patients younger than 30, "
            "aged 30-60 years, and 61 or older.")
    assert r.population.age is None or (r.population.age.min, r.population.age.max) == (None, None)
    r = rec("Methods. We followed 200 adults with vasculitis aged 30 to 60 years. Results. Ten died.")
    assert (r.population.age.min, r.population.age.max) == (30, 60)


def test_a_decimal_after_during_is_no_year() -> None:
    r = rec("Methods. We followed 50 adults with gout. Results. During 1987.5 person-years of follow-up, ten died.")
    assert r.study.period is None or r.study.period.start is None
    r = rec("Methods. We followed 50 adults with gout during 2015-2019. Results. Ten died.")
    assert (r.study.period.start, r.study.period.end) == ("2015", "2019")


def test_a_lab_count_in_words_after_was_found_in() -> None:
    for text in ("Methods. We followed 40 adults with lupus. Results. A CRP >10 mg/L was found in seven patients.",
                 "Methods. We followed 40 adults with lupus. Results. A CRP >10 mg/L was found in 7 patients."):
        labs = _labs(text)
        assert any(v == ("high", 7) for v in labs.values()), labs


def test_a_disease_whose_frequency_is_asked_in_patients_with_another_is_studied_too() -> None:
    for aim in ("We asked how common gout is, and how it presents, in patients with psoriatic arthritis.",
                "We measured the prevalence of gout in patients with psoriatic arthritis."):
        r = rec("Objective. " + aim + " Methods. We studied 200 patients with psoriatic arthritis. "
                "Results. Psoriatic arthritis was active in 40.")
        names = {c.name for c in r.population.conditions}
        assert {"gout", "psoriatic arthritis"} <= names, names


def test_two_instruments_scored_together_are_one_combined_instrument() -> None:
    for sent in ("The mean WPI with SS score was 14.2.", "The mean WPI+SS score was 14.2.",
                 "The mean WPI plus SS score was 14.2."):
        got = {(s.instrument, s.value) for s in rec("Methods. We studied 80 patients with fibromyalgia. Results. "
                                                    + sent).scores}
        assert got == {("WPI+SS", 14.2)}, (sent, got)
    # two instruments in a list keep their own values
    got = {(s.instrument, s.value) for s in rec("Methods. We studied 80 patients with fibromyalgia. Results. "
                                                "The mean WPI was 9.1 and the SS score 6.2.").scores}
    assert ("WPI+SS", 9.1) not in got and ("WPI+SS", 6.2) not in got


def test_a_marker_more_common_in_a_group_is_a_positive_finding() -> None:
    for sent in ("HLA-B27 was significantly more common in the uveitis group.",
                 "In the uveitis group, HLA-B27 was more frequent.",
                 "Anti-Ro antibodies were also less prevalent in men."):
        labs = _labs("Methods. We studied 120 patients with spondyloarthritis. Results. " + sent)
        assert any(v[0] == "positive" for v in labs.values()), (sent, labs)
    assert not _labs("Methods. We studied 120 patients with spondyloarthritis. Results. Uveitis was more common in men.")


def test_respective_values_of_both_sexes_that_are_no_counts() -> None:
    assert _sexes("Methods. We studied 90 adults with gout. Results. Women and men had mean ages of 52 and 38, "
                  "respectively.") == (None, None)
# --- round 7: manifestations ---


def test_a_share_right_before_a_manifestation_is_its_subject_or_its_gapped_list_member() -> None:
    intro = "Methods. We studied 40 patients with lupus. Results. "
    for sentence in ("Half of the burden was articular: 25% had arthritis, 10% pleuritis and 5% pericarditis.",
                     "Arthritis was seen in 25%, pleuritis in 10% and pericarditis in 5%.",
                     "At baseline 25% of the patients presented with arthritis; 10% had pleuritis and 5% pericarditis."):
        m = _manifs(intro + sentence)
        assert m.get("arthritis") == (10, "current"), sentence
        assert m.get("pleuritis") == (4, "current"), sentence
        assert m.get("pericarditis") == (2, "current"), sentence
    m = _manifs(intro + "In 25% there was renal involvement.")
    assert m.get("renal involvement") == (10, "current")
    # a share that did something else to the manifestation is no count of it
    m = _manifs(intro + "Arthritis improved and 25% reached remission of arthritis.")
    assert m.get("arthritis", (None,))[0] != 10


def test_the_group_compared_with_stands_between_a_manifestation_and_its_counts() -> None:
    intro = "Methods. We compared 80 adults with 40 children with vasculitis. Results. "
    for sentence in ("Adults more often had purpura than children under 16 years (30 [37.5%] vs 5 [12.5%]; P=.01).",
                     "Compared with children, adults more often had purpura (30 [37.5%] vs 5 [12.5%]; P=.01).",
                     "Purpura was commoner in adults than in children (30 [37.5%] vs 5 [12.5%]; P=.01)."):
        ns = sorted(m.n for m in rec(intro + sentence).manifestations if m.name == "purpura")
        assert ns == [5, 30], sentence


def test_a_counted_subject_with_a_manifestation_adjective_as_predicate_has_it() -> None:
    intro = "Methods. We followed 50 patients with arteritis. Results. "
    for sentence in ("At diagnosis 20 patients (40%) were hypertensive.",
                     "Hypertension was present in 20 patients (40%) at diagnosis.",
                     "At diagnosis, 20 of the patients were already hypertensive and 5 were febrile."):
        m = _manifs(intro + sentence)
        assert m.get("hypertension") == (20, "current"), sentence
    assert _manifs(intro + "Five were febrile at admission.").get("fever") == (5, "current")
    # an attributive adjective, or one with no count, names no finding
    assert "hypertension" not in _manifs(intro + "The hypertensive crisis was treated.")
    assert "hypertension" not in _manifs(intro + "Blood pressure was hypertensive-range in some.")


def test_a_feature_that_did_not_differ_between_groups_is_a_finding_as_one_that_was_similar() -> None:
    intro = "Methods. We compared 60 patients with Behcet disease and 40 with other uveitis. Results. "
    for sentence in ("Arthritis and pericarditis were similar between groups.",
                     "Arthritis and pericarditis, on the other hand, did not differ between the groups."):
        m = _manifs(intro + sentence)
        assert "arthritis" in m and "pericarditis" in m, sentence
    # a difference between groups, with no count, describes no patient of this study
    assert "arthritis" not in _manifs(intro + "Arthritis differed significantly between the groups.")


def test_a_share_then_its_ratio_in_one_bracket_gives_the_ratio_count() -> None:
    intro = "Methods. We studied 30 patients with lupus. Results. "
    for sentence in ("Arthritis (20.0%, 6/30) and purpura (10.0%; 3/30) were seen.",
                     "Arthritis (20.0% [6/30]) and purpura (10.0% [3/30]) were seen.",
                     "Arthritis was seen in 20.0% (6/30) and purpura in 10.0% (3/30)."):
        m = _manifs(intro + sentence)
        assert m.get("arthritis") == (6, "current") and m.get("purpura") == (3, "current"), sentence


def test_the_class_the_studied_disease_belongs_to_is_no_finding() -> None:
    end = "\nMethods\nWe reviewed 40 patients with Takayasu arteritis.\nResults\nFever was seen in 10 patients."
    for opening in ("Importance\nTakayasu arteritis is a rare vasculitis of the aorta.",
                    "Importance\nTakayasu arteritis (TAK), a rare vasculitis of young women, affects the aorta.",
                    "Importance\nTakayasu arteritis remains the commonest vasculitis of young women in Asia."):
        m = _manifs(opening + end)
        assert "vasculitis" not in m and m.get("fever") == (10, "current"), opening
    # in a cohort of another disease, vasculitis is what some patients had
    assert "vasculitis" in _manifs("Methods. We reviewed 40 patients with lupus. Results. Vasculitis was seen in 6 patients.")
# --- round 7: outcomes ---


def _outc(text: str) -> list[tuple]:
    return [(o.kind, o.n, o.target) for o in rec(text).outcomes]


def test_a_second_count_with_only_its_cause_keeps_the_outcome() -> None:
    for text in ("Results. Of 40 adults, 20 stopped drug Z owing to inefficacy and nine (22%) owing to rash.",
                 "Results. Of 40 adults, 20 (50%) discontinued drug Z because of inefficacy, and 9 because of rash.",
                 "Results. Of 40 adults, 20 ceased drug Z due to inefficacy, whereas 9 due to rash."):
        assert ("discontinuation", 9, "rash") in _outc(text), text


def test_no_decline_is_no_change_in_either_wording() -> None:
    for text in ("Results. Across the decade, the rate of gout attacks showed no decline (p=0.5).",
                 "Results. The rate of gout attacks across the decade did not decline (p=0.5).",
                 "Results. There was no significant decline in the yearly rate of gout attacks."):
        kinds = [k for k, _, _ in _outc(text)]
        assert "no_change" in kinds and "worsening" not in kinds, text


def test_survival_values_listed_per_group_across_semicolons() -> None:
    for text in ("Results. For arm A the 5-year OS and EFS rates were 80% and 45%, respectively; for arm B, 41% and 24%; "
                 "and for arm C, 46% and 31%.",
                 "Results. The 5-year OS and EFS rates were 80% and 45% for arm A, 41% and 24% for arm B, and 46% and 31% "
                 "for arm C."):
        assert len([o for o in _outc(text) if o[0] == "other"]) == 6, text


def test_a_final_diagnosis_received_is_an_outcome_like_diagnosed_with() -> None:
    for text in ("Results. Of 200 referred adults, thirty (15%) received a final diagnosis of gout.",
                 "Results. Of 200 referred adults, thirty (15%) were finally diagnosed with gout.",
                 "Results. Of 200 referred adults, 30 were given a diagnosis of gout."):
        assert [(k, n) for k, n, _ in _outc(text)] == [("other", 30)], text


def test_a_compared_rate_with_its_values_is_an_outcome_in_verb_or_noun_wording() -> None:
    for text in ("Results. Compared with lean adults, those with obesity stopped drug Z less frequently (20% vs 45%, p=0.02).",
                 "Results. Adults with obesity had a lower frequency of drug Z discontinuation (20% vs 45%, p=0.02)."):
        assert [(k, n) for k, n, _ in _outc(text)] == [("discontinuation", None)] * 2, text
    # the comparison without values per group stays an analysis
    assert _outc("Results. Those with obesity stopped drug Z less frequently (HR 0.4, p=0.02).") == []


def test_patients_inactive_or_in_an_inactive_state_are_in_remission() -> None:
    for text in ("Results. At the last visit, 22 (40%) patients were inactive by JADAS.",
                 "Results. 22 (40%) patients were in an inactive state at the last visit.",
                 "Results. Twenty-two patients (40%) had inactive disease at the last visit."):
        assert [(k, n) for k, n, _ in _outc(text)] == [("complete_remission", 22)], text


def test_morbidity_and_mortality_is_a_burden_not_a_death() -> None:
    for text in ("Results. Gout, the commonest arthritis, carries substantial morbidity and mortality.",
                 "Results. Gout is a cause of mortality and morbidity in older adults."):
        assert [k for k, _, _ in _outc(text)] == [], text
    assert ("death", 12) in [(k, n) for k, n, _ in _outc("Results. Twelve of 80 patients died.")]


def test_reduced_survival_is_no_improvement() -> None:
    for text in ("Results. Survival, compared with the general population, was reduced in adults with gout (p<0.01).",
                 "Results. Compared to the general population, survival was decreased in adults with gout (p<0.01)."):
        assert "improvement" not in [k for k, _, _ in _outc(text)], text
    assert ("improvement", 20) in [(k, n) for k, n, _ in _outc("Results. Overall survival was good and pain was reduced in 20 patients.")]


def test_an_opening_time_clause_of_stopping_is_no_discontinuation() -> None:
    for text in ("Results. After discontinuing drug Z, 40% switched to drug Y.",
                 "Results. Once drug Z had been stopped, 40% switched to drug Y."):
        assert "discontinuation" not in [k for k, _, _ in _outc(text)], text
    assert ("discontinuation", 12) in [(k, n) for k, n, _ in _outc("Results. After 2 years, 12 patients discontinued drug Z.")]
    assert ("discontinuation", 12) in [(k, n) for k, n, _ in _outc("Results. When drug Z was stopped in 12 patients, 5 flared.")]


# --- round 8: cohort selection ---


def test_a_pool_before_a_matched_selection_is_not_the_cohort_the_matched_groups_are() -> None:
    for text in ("Results. In all, 2,400 adults with gout were identified in the clinic database. 150 adults starting drug Z "
                 "and 150 control adults matched for age and sex were enrolled.",
                 "Results. We identified 2400 adults with gout from hospital records. Then 150 adults on drug Z and 150 "
                 "comparison adults were propensity-score matched.",
                 "Methods. A total of 2400 gout patients were found in the registry. 150 patients given drug Z and 150 "
                 "patients without it were selected by matching."):
        assert rec(text).population.n.value == 300, text


def test_a_pool_of_referrals_or_evaluations_gives_way_to_the_included() -> None:
    for text in ("Results. 840 referrals were reviewed. 60 patients were included.",
                 "Results. 840 patients evaluated. 60 included.",
                 "Methods. This study covers 60 of 840 patients seen at our clinic. Results. A total of 60 patients were "
                 "included, mostly women.",
                 "Results. Charts of 840 patients were reviewed, and 60 patients met the inclusion criteria."):
        assert rec(text).population.n.value == 60, text


def test_what_remains_of_a_screened_pool_is_the_cohort() -> None:
    for text in ("Results. A total of 500 adults were screened and 120 (24%) were not eligible. Of the remaining 380 adults, "
                 "100 (26%) flared.",
                 "Results. 500 patients were screened; 120 (24%) did not meet the criteria. The remaining 380 patients "
                 "had a mean age of 50 years; 100 (26%) flared."):
        assert rec(text).population.n.value == 380, text


def test_an_enrolled_cohort_is_kept_when_no_selection_follows() -> None:
    for text in ("Methods. 240 patients were identified from the registry. Of these, 60 (25%) were women.",
                 "Methods. We enrolled 240 patients; 60 patients were analysed for drug levels."):
        assert rec(text).population.n.value == 240, text


def test_a_pool_opening_the_sentence_gives_way_to_the_matched_or_studied_subset() -> None:
    for text in ("Results. Of 1500 adults with gout, 90 starting drug Z were matched 1:1 to 90 controls.",
                 "Results. Among 1500 gout patients, 90 on drug Z were propensity-score matched with 90 patients on drug Y."):
        assert rec(text).population.n.value == 180, text
    for text in ("Methods. Among 500 users of drug Z in our database, 40 developed a rash and were studied.",
                 "Results. Of 500 adults with gout, 40 were eligible and included."):
        assert rec(text).population.n.value == 40, text
    # "a total of" is no pool, and its breakdown stays a breakdown
    assert rec("Results. A total of 500 adults (200 on drug Z and 300 on drug Y) were recruited.").population.n.value == 500


def test_the_excluded_are_not_the_cohort_the_analysed_after_exclusion_are() -> None:
    for text in ("Results. 500 patients were identified; after excluding 40 with missing data, 460 were analysed.",
                 "Results. Data of 500 patients were retrieved. After exclusion of 40 patients with missing data, "
                 "460 patients were analysed."):
        assert rec(text).population.n.value == 460, text


# --- round 9: outcome kinds ---


def test_counted_patients_doing_again_a_test_or_a_drug_is_an_other_outcome() -> None:
    for text, n in (("Results. Of 200 adults on drug Z, 64 (32%) repeated the skin test during follow-up.", 64),
                    ("Results. 40 patients stopped drug Z for a rash; twelve (30%) later restarted drug Z.", 12),
                    ("Results. After the pause, 9 patients resumed the infusions, while the others did not.", 9),
                    ("Results. Drug Z was withheld in 50 patients and 15 (30%) reinitiated treatment after a year.", 15)):
        got = [o for o in rec(text).outcomes if o.kind == "other" and o.n == n]
        assert got, text
    # a protocol rule names no patients who did it
    r = rec("Methods. Treatment was tapered if the score was low but restarted if the score rose above 3.")
    assert not [o for o in r.outcomes if o.kind == "other"]


def test_a_median_time_to_each_threshold_is_an_other_outcome_per_threshold() -> None:
    for text in ("Results. Median times to reach the targets were DAS28 < 2.6 (12 weeks) and HAQ ≤ 0.5 (24 weeks).",
                 "Results. The median time to attain each target differed (p = 0.01), with DAS28 < 2.6 (12 weeks), "
                 "and HAQ ≤ 0.5 (24 weeks)."):
        got = {o.target for o in rec(text).outcomes if o.kind == "other"}
        assert {"median time to das28 < 2.6 (12 weeks)", "median time to haq ≤ 0.5 (24 weeks)"} <= got, text
    # a time-to sentence with no threshold timed in brackets gives none of these
    r = rec("Results. Median time to flare was longer in patients with DAS28 < 2.6 at baseline.")
    assert not [o for o in r.outcomes if (o.target or "").startswith("median time to das28")]
# --- round 9: manifestation count layouts ---


def test_a_bare_share_after_each_list_member_counts_it_from_the_cohort() -> None:
    for text in ("Methods. We studied 40 patients with Behcet's disease. Results. Features were: uveitis 25%, "
                 "erythema nodosum 12.5% and venous thrombosis 40%.",
                 "Methods. 40 patients with Behcet's disease were included. Results. The features seen were "
                 "uveitis: 25%, erythema nodosum: 12.5%, venous thrombosis: 40%."):
        m = _manifs(text)
        assert m.get("uveitis") == (10, "current"), text
        assert m.get("erythema nodosum") == (5, "current"), text
        assert m.get("venous thrombosis") == (16, "current"), text


def test_a_bare_share_followed_by_more_words_is_no_count() -> None:
    m = _manifs("Methods. We studied 40 patients with Behcet's disease. Results. Uveitis 25% lower with drug Z.")
    assert m.get("uveitis", (None,))[0] is None


def test_a_count_with_its_share_before_a_gapped_member_counts_that_member() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. 12 (30%) had arthritis and 3 (7.5%) pericarditis.",
                 "Methods. We studied 40 patients with lupus. Results. Of them, 12 (30%) had arthritis, 3 [7.5%] pericarditis."):
        m = _manifs(text)
        assert m.get("arthritis") == (12, "current"), text
        assert m.get("pericarditis") == (3, "current"), text


def test_aphthosis_names_the_mucosal_ulcers() -> None:
    for text in ("Methods. We studied 40 patients with Behcet's disease. Results. Genital aphthosis 25%, uveitis 40%.",
                 "Methods. We studied 40 patients with Behcet's disease. Results. Genital aphtosis was seen in 10 patients."):
        m = _manifs(text)
        assert [k for k in m if "aph" in k] and m[[k for k in m if "aph" in k][0]][0] == 10, (text, m)


# --- round 10: outcomes ---


def _outs(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(o.kind, o.target, o.n) for o in rec(text).outcomes]


def test_a_glucocorticoid_dose_listed_with_other_measures_gives_tapering_and_their_improvement() -> None:
    for text in ("Methods. We studied 40 patients with lupus given belimumab. Results. In both groups, GC doses and "
                 "SLEDAI-2K scores significantly decreased.",
                 "Methods. We studied 40 patients with lupus given belimumab. Results. Arthritis resolved within 8 weeks, "
                 "and the SLEDAI-2K (p=0.01) and daily prednisone doses (p<0.05) decreased at 6 months.",
                 "Methods. We studied 40 patients with lupus given belimumab. Results. SLEDAI-2K scores and the "
                 "glucocorticoid dose were reduced at week 24."):
        outs = _outs(text)
        assert any(k == "glucocorticoid_tapering" for k, _, _ in outs), (text, outs)
        assert ("improvement", "sledai-2k", None) in outs, (text, outs)


def test_a_glucocorticoid_dose_compared_between_groups_lends_no_improvement() -> None:
    outs = _outs("Methods. We studied 40 patients with lupus given belimumab. Results. The GC dose and SLEDAI-2K "
                 "score were lower in the belimumab group than in the control group.")
    assert not any(k == "improvement" for k, _, _ in outs), outs


def test_a_glucocorticoid_dose_lower_in_one_group_than_another_is_no_tapering() -> None:
    for text in ("Methods. We studied 40 patients with lupus given belimumab. Results. Prednisone doses were lower "
                 "in the belimumab group than in the control group.",
                 "Methods. We studied 40 patients with lupus given belimumab. Results. Patients on belimumab needed "
                 "lower glucocorticoid doses than controls."):
        assert not any(k == "glucocorticoid_tapering" for k, _, _ in _outs(text)), text
    outs = _outs("Methods. We studied 40 patients with lupus given belimumab. Results. The prednisone dose was lower "
                 "at 12 months than at baseline.")
    assert any(k == "glucocorticoid_tapering" for k, _, _ in outs), outs


def test_a_counted_event_before_a_colon_keeps_its_count_when_the_list_after_it_is_analysed() -> None:
    for text in ("Methods. We reviewed 300 patients with APS. Results. Of 300 patients, 45 (15%) had a flare of two "
                 "types: (1) arterial, associated with smoking (OR 2.1), and (2) venous.",
                 "Methods. We reviewed 300 patients with APS. Results: Of 300 patients, 45 had a flare: arterial "
                 "flares were associated with smoking (OR 2.1)."):
        assert ("flare", 45) in [(k, n) for k, _, n in _outs(text)], text
    outs = _outs("Methods. We reviewed 300 patients with APS. Results: Predictors of flare were: age (HR 1.2) and smoking.")
    assert not any(k == "flare" for k, _, _ in outs), outs


def test_a_state_counted_at_the_start_and_at_follow_up_gives_the_follow_up_count_as_outcome() -> None:
    for text, n in (("Methods. We reviewed 90 patients with Takayasu arteritis. Results. Hypertension was seen in "
                     "30 patients (33%) at presentation and 21 (23%) at follow-up.", 21),
                    ("Methods. We reviewed 90 patients with Takayasu arteritis. Results. Five patients at diagnosis "
                     "and three at the last follow-up had hypertension.", 3),
                    ("Methods. We reviewed 90 patients with Takayasu arteritis. Results. Hypertension was present in "
                     "12 patients at baseline and in 7 patients at the end of follow-up.", 7)):
        outs = _outs(text)
        assert any(k == "other" and t and t.startswith("hypertension") and m == n for k, t, m in outs), (text, outs)


def test_associated_with_qualifying_a_counted_event_is_no_analysis() -> None:
    for text in ("Methods. We studied 50 patients with GCA given tocilizumab. Results. No relapses associated with "
                 "vision loss occurred.",
                 "Methods. We studied 50 patients with GCA given tocilizumab. Results. Relapses associated with "
                 "jaw claudication occurred in 6 patients (12%)."):
        assert [k for k, _, _ in _outs(text)].count("flare") == 1, (text, _outs(text))
    for text in ("Methods. We studied 50 patients with GCA given tocilizumab. Results. Relapse was associated with "
                 "female sex in 20 patients.",
                 "Methods. We studied 50 patients with GCA given tocilizumab. Results. Relapses associated with "
                 "jaw claudication occurred in 6 patients (OR 2.3)."):
        assert not any(k == "flare" for k, _, _ in _outs(text)), (text, _outs(text))


def test_a_bracket_that_splits_an_outcome_count_by_time_or_group_gives_one_item_per_part() -> None:
    for text, parts in (("Methods. We studied 50 patients with RA. Results. Twelve patients relapsed (7 in the "
                         "rituximab arm, 5 in the placebo arm).", {7, 5}),
                        ("Methods. We studied 50 patients with RA. Results. Eight patients (16%) died during "
                         "follow-up (3 in the first year and 5 after two years).", {3, 5}),
                        ("Methods. We studied 50 patients on biologics. Results. Nine patients (18%) showed "
                         "conversion of the screening test during follow-up (6 at the first and 3 at the second rescreening).", {6, 3})):
        ns = {n for _, _, n in _outs(text)}
        assert parts <= ns, (text, _outs(text))
    outs = _outs("Methods. We studied 50 patients with RA. Results. Four patients relapsed (12 in the rituximab arm, "
                 "15 in the placebo arm).")
    assert not {12, 15} & {n for _, _, n in outs}, outs


def test_no_evidence_that_a_measure_changed_is_no_change_of_it() -> None:
    for text in ("Methods. We studied 95 patients with knee OA. Results. We found no evidence that pain scores "
                 "changed with treatment.",
                 "Methods. We studied 95 patients with knee OA. Results. There was no evidence that pain scores "
                 "differed over time."):
        assert ("no_change", "pain scores", None) in _outs(text), (text, _outs(text))
    outs = _outs("Methods. We studied 95 patients with knee OA. Results. There was no evidence that age was "
                 "associated with pain (OR 1.1).")
    assert not any(k == "no_change" for k, _, _ in outs), outs


def test_an_association_or_correlation_sentence_is_an_analysis() -> None:
    for text in ("Methods. We studied 90 patients with SSc-ILD. Results. There was a modest association between "
                 "fibrosis extent and a greater decline in FVC (r = -0.09).",
                 "Methods. We studied 90 patients with SSc-ILD. Results. A greater decline in FVC correlated with "
                 "fibrosis extent.",
                 "Methods. We studied 90 patients with SSc-ILD. Results. The correlation of fibrosis extent with the "
                 "decline in FVC was weak."):
        assert not any(k in ("worsening", "no_change") for k, _, _ in _outs(text)), (text, _outs(text))
    assert any(k == "worsening" for k, _, _ in _outs(
        "Methods. We studied 90 patients with SSc-ILD. Results. FVC declined in 12 patients (13%)."))


def test_a_sentence_stating_what_is_not_known_reports_no_outcome() -> None:
    for text in ("Methods. We studied 90 patients with axSpA. Results. Our knowledge of the secukinumab retention "
                 "rate in axial spondyloarthritis is limited.",
                 "Methods. We studied 90 patients with axSpA. Results. Little is known about the retention rate "
                 "of secukinumab.",
                 "Methods. We studied 90 patients with axSpA. Results. Data on remission under secukinumab remain "
                 "scarce."):
        assert _outs(text) == [], (text, _outs(text))


def test_a_bracket_quantifying_the_outcome_just_read_is_no_second_item() -> None:
    for text in ("Methods. We studied 16 patients with GCA given tocilizumab. Results. Tocilizumab reduced the "
                 "prednisolone dose in 14 patients (mean prednisolone reduction 20 mg).",
                 "Methods. We studied 16 patients with GCA given tocilizumab. Results. The prednisolone dose was "
                 "tapered in 14 patients (median dose reduction of 15 mg/day)."):
        assert [k for k, _, _ in _outs(text)].count("glucocorticoid_tapering") == 1, (text, _outs(text))


def test_conclusions_carry_the_results_when_an_abstract_has_no_results_section() -> None:
    for concl in ("Conclusions\n\nThe series shows that rituximab tapered the prednisone dose in these 12 cases, with "
                  "6 patients remaining on rituximab after one year.",
                  "Conclusions\n\nIn these 12 cases rituximab allowed glucocorticoid tapering, and 50% of patients "
                  "continued on rituximab after one year."):
        text = ("Background\n\nGCA is a vasculitis.\n\nCase presentation\n\nWe describe 12 patients with GCA "
                "given rituximab.\n\n" + concl)
        assert any(k == "glucocorticoid_tapering" for k, _, _ in _outs(text)), (text, _outs(text))
    text = ("Background\n\nGCA is a vasculitis.\n\nMethods\n\nWe studied 12 patients with GCA given rituximab.\n\n"
            "Results\n\nArthritis improved.\n\nConclusions\n\nRituximab tapered the prednisone dose in 12 patients.")
    assert not any(k == "glucocorticoid_tapering" for k, _, _ in _outs(text)), _outs(text)


def test_a_further_threshold_with_its_own_compared_values_is_the_same_outcome() -> None:
    for text in ("Methods. We studied 900 patients with gout. Results. More febuxostat users reached serum urate "
                 "goals of <6 mg/dl (60% vs. 45%) and <5 mg/dl (36% vs. 19%).",
                 "Methods. We studied 900 patients with gout. Results. Febuxostat users attained urate targets of "
                 "< 6 mg/dl (60% vs 45%; P < 0.01), and < 5 mg/dl (36% vs 19%; P < 0.01)."):
        responses = [t for k, t, _ in _outs(text) if k == "response"]
        assert len(responses) == 4 and sum("5 mg/dl" in t for t in responses) == 2, (text, responses)


def test_a_change_word_among_features_compared_between_groups_is_no_outcome() -> None:
    P = "Methods. We studied 300 patients with fibromyalgia. Results. "
    for text in (P + "Headache, reduction in libido and fatigue (p<0.05) showed a significant difference between "
                 "the two groups.",
                 P + "Sleep disorders and decreased libido differed significantly between men and women."):
        assert not any(k in ("improvement", "worsening") for k, _, _ in _outs(text)), (text, _outs(text))
    outs = _outs(P + "Pain improved in 40 patients, and the improvement differed between men and women.")
    assert ("improvement", None, 40) in outs, outs
# --- round 10: treatments ---


def _treats(text: str) -> dict:
    return {t.name: (t.role, t.n) for t in rec(text).treatments}


def test_unheaded_opening_context_names_no_treatment() -> None:
    for text in ("Abatacept in giant cell arteritis.\nAlthough methotrexate is widely used in this disease, its effect "
                 "is modest. We treated 20 patients with abatacept and followed them for a year.",
                 "Abatacept in giant cell arteritis.\nMethotrexate remains the usual steroid-sparing agent in this "
                 "vasculitis. This study describes 20 patients who received abatacept."):
        t = _treats(text)
        assert "methotrexate" not in t, (text, t)
        assert t.get("abatacept", (None,))[0] == "study", (text, t)
    # a count in the opening sentence makes it the study's own
    t = _treats("Abatacept in giant cell arteritis.\nTwelve patients were on methotrexate at entry. "
                "We treated 20 patients with abatacept.")
    assert "methotrexate" in t, t


def test_conclusions_lowering_a_drug_dose_name_it_as_the_cohort_treatment() -> None:
    head = "Abatacept in giant cell arteritis.\nMethods\nWe studied 18 patients given abatacept.\nConclusions\n"
    for tail in ("Abatacept lowered the daily dose of prednisone in these 18 patients.",
                 "With abatacept, prednisone doses were reduced in all 18 patients.",
                 "Abatacept reduced both the duration and the dose of prednisone in the 18 cases."):
        t = _treats(head + tail)
        assert t.get("prednisone") == ("concomitant", 18), (tail, t)
    # named in the conclusions for another reason: still left out
    t = _treats(head + "Abatacept may become an alternative to prednisone in this disease.")
    assert "prednisone" not in t, t


def test_the_cohort_named_back_after_a_drug_must_be_the_cohort() -> None:
    head = "Abatacept in giant cell arteritis.\nMethods\nWe studied 18 patients given abatacept.\nResults\n"
    t = _treats(head + "Methotrexate was added in these 7 patients with relapses.")
    assert t.get("methotrexate", (None, None))[1] != 18, t


def test_a_count_after_a_drug_and_how_it_was_given_is_its_own() -> None:
    head = "Methods. We studied 60 adults with IgA vasculitis. Results. "
    for tail in ("Treatment consisted of cyclophosphamide pulses 12/60 and rituximab infusions (n = 4).",
                 "Treatment consisted of cyclophosphamide alone (n = 12; 20%) or rituximab alone (n = 4, 7%).",
                 "Patients received cyclophosphamide courses (12/60) and rituximab therapy, n = 4."):
        t = _treats(head + tail)
        assert t.get("cyclophosphamide", (None, None))[1] == 12, (tail, t)
        assert t.get("rituximab", (None, None))[1] == 4, (tail, t)
    # a fraction over another base, or the patients who responded badly to the drug, is no count of its users
    t = _treats(head + "Cyclophosphamide pulses 3/5 were given late. Relapses (n = 9) or intolerance to "
                "rituximab therapy (n = 2) led to a switch.")
    assert t.get("cyclophosphamide", (None, None))[1] != 3, t
    assert t.get("rituximab", (None, None))[1] != 2, t


def test_romance_spelling_of_methylprednisolone() -> None:
    for text in ("Methods. We studied 60 adults with IgA vasculitis. Results. Metil prednisolone pulses were given to 10 patients.",
                 "Methods. We studied 60 adults with IgA vasculitis. Results. Metilprednisolona pulses were given to 10 patients."):
        assert "methylprednisolone" in _treats(text), text


def test_variables_a_registry_or_protocol_collects_name_no_treatment() -> None:
    head = "Methods. The registry follows 80 patients with CAPS who receive anakinra. "
    for tail in ("Growth, pregnancies, outcomes of vaccination and tolerability are ascertained.",
                 "Infections, use of colchicine and tolerability will be recorded at each visit.",
                 "Outcomes of vaccination and quality of life are collected yearly."):
        t = _treats(head + tail)
        assert "vaccines" not in t and "colchicine" not in t, (tail, t)
        assert t.get("anakinra", (None,))[0] == "study", (tail, t)


def test_a_drug_named_only_in_the_title_as_an_exposure_has_no_cohort_count() -> None:
    for title in ("Prognostic benefit of hydroxychloroquine in lupus patients with thrombocytopenia",
                  "Infections in lupus associated with hydroxychloroquine: a cohort",
                  "Impact of hydroxychloroquine on survival in lupus"):
        t = _treats(title + "\nMethods. 300 patients with lupus were included and followed for five years.")
        assert t.get("hydroxychloroquine", (None, None)) == ("study", None), (title, t)
    # the title naming what the cohort received keeps the cohort's count
    t = _treats("Hydroxychloroquine in lupus thrombocytopenia\nMethods. 30 patients with lupus were included.")
    assert t.get("hydroxychloroquine", (None, None)) == ("study", 30), t


def test_a_gapped_list_of_drugs_gives_each_its_own_count() -> None:
    head = "Infections in lupus.\nMethods. We studied 80 patients with lupus. Results. "
    for tail in ("Hydroxychloroquine was used by 60 patients, tacrolimus by 12 and belimumab by 8.",
                 "Hydroxychloroquine was given to 60 patients, tacrolimus to 12, and belimumab to 8.",
                 "Hydroxychloroquine was prescribed in 60 patients, tacrolimus in 12 patients and belimumab in 8 patients."):
        t = _treats(head + tail)
        assert t.get("hydroxychloroquine", (None, None))[1] == 60, (tail, t)
        assert t.get("tacrolimus", (None, None))[1] == 12, (tail, t)
        assert t.get("belimumab", (None, None))[1] == 8, (tail, t)


def test_a_control_group_defined_by_its_drug_makes_it_the_comparator() -> None:
    head = "Anakinra in gout.\nMethods. We included 150 patients: 50 treated with anakinra "
    for tail in ("were compared with 100 controls treated with colchicine.",
                 "and 100 age- and sex-matched controls on colchicine.",
                 "were compared to 100 control patients who received colchicine."):
        t = _treats(head + tail)
        assert t.get("colchicine") == ("comparator", 100), (tail, t)
        assert t.get("anakinra") == ("study", 50), (tail, t)
    # controls named without a drug leave a drug named elsewhere as it was
    t = _treats(head + "were compared with 100 healthy controls. Colchicine was used by 20 patients.")
    assert t.get("colchicine", (None,))[0] != "comparator", t


def test_a_drug_given_alone_to_one_group_and_with_another_to_the_other_is_the_comparator() -> None:
    for text in ("Rituximab in lupus nephritis.\nMethods. We included 78 patients: 40 received rituximab plus "
                 "standard therapy and 38 received standard therapy alone.",
                 "Rituximab in lupus nephritis.\nMethods. We compared rituximab added to standard therapy (n = 40) "
                 "with standard therapy alone (n = 38) in 78 patients.",
                 "Rituximab in lupus nephritis.\nMethods. In 78 patients, rituximab with standard therapy (n = 40) was "
                 "compared with standard therapy only (n = 38)."):
        t = _treats(text)
        assert t.get("standard of care") == ("comparator", 38), (text, t)
        assert t.get("rituximab", (None,))[0] == "study", (text, t)
    # a history of failing a drug alone is no group given it
    t = _treats("Tocilizumab in PMR.\nMethods. We studied 41 patients who had failed prednisone monotherapy. "
                "Tocilizumab plus prednisone was then given.")
    assert t.get("prednisone", (None,))[0] != "comparator", t


def test_a_count_with_its_share_and_a_verb_of_use_before_a_drug_is_its_own() -> None:
    head = "Belimumab in lupus.\nMethods. We studied 50 patients treated with belimumab. Results. "
    for tail in ("Of the 50 patients, 35 (70%) were receiving antimalarials at baseline.",
                 "At baseline, 35 patients (70%) were on antimalarials.",
                 "At baseline, 35 were still taking antimalarials."):
        t = _treats(head + tail)
        assert t.get("antimalarials", (None, None))[1] == 35, (tail, t)


def test_the_part_of_a_group_just_named_that_received_a_drug() -> None:
    head = "Upadacitinib in psoriatic arthritis.\nMethods. We studied 60 patients treated with upadacitinib"
    for tail in (", 22 of whom received concomitant methotrexate.",
                 "; 22 (37%) of them were on methotrexate.",
                 ", among whom 22 were taking methotrexate."):
        t = _treats(head + tail)
        assert t.get("methotrexate") == ("concomitant", 22), (tail, t)


def test_experienced_counts_the_drug_naive_does_not() -> None:
    head = "Baricitinib in RA.\nMethods. We studied 80 patients treated with baricitinib; "
    for tail in ("45 (56%) were bDMARD-experienced and 35 were bDMARD-naive.",
                 "35 were bDMARD-naive and 45 (56%) were bDMARD-experienced.",
                 "45 patients were previously bDMARD-exposed."):
        t = _treats(head + tail)
        assert t.get("biological disease-modifying antirheumatic drugs") == ("previous", 45), (tail, t)


def test_a_drug_failed_before_entry_and_continued_is_previous_and_concomitant() -> None:
    for text in ("Etanercept in JIA.\nMethods. We studied 148 children who started etanercept after methotrexate (MTX) "
                 "failure. Results. MTX was continued in 121 patients.",
                 "Etanercept in JIA.\nMethods. We studied 148 children who had failed methotrexate and started "
                 "etanercept. Results. Methotrexate was continued in 121 patients.",
                 "Etanercept in JIA.\nMethods. We studied 148 children followed in our regional network who received "
                 "etanercept after failure of methotrexate. Results. 121 patients continued methotrexate."):
        items = {(t.role, t.n) for t in rec(text).treatments if t.name == "methotrexate"}
        assert items == {("previous", 148), ("concomitant", 121)}, (text, items)


def test_a_count_qualified_by_a_feature_that_also_received_a_drug() -> None:
    head = "Glucocorticoids in IgA vasculitis.\nMethods. We studied 64 adults treated with glucocorticoids. Results. "
    for tail in ("17 with renal involvement also received cyclophosphamide.",
                 "17 patients with nephritis also received cyclophosphamide.",
                 "Seventeen with severe nephritis additionally received cyclophosphamide."):
        t = _treats(head + tail)
        assert t.get("cyclophosphamide", (None, None))[1] == 17, (tail, t)


def test_the_count_of_those_who_stopped_a_drug_told_after_it_is_no_count_of_its_users() -> None:
    head = "Mepolizumab in EGPA.\nMethods. We studied 50 patients treated with mepolizumab. Results. "
    for tail in ("Prednisone was discontinued in 9 patients.",
                 "Prednisone could be withdrawn in 9 (18%) patients.",
                 "Prednisone was stopped in nine patients."):
        t = _treats(head + tail)
        assert t.get("prednisone", (None, None))[1] != 9, (tail, t)


def test_a_drug_class_joined_to_a_drug_by_a_preposition_is_no_apposition() -> None:
    head = "Mepolizumab in EGPA.\nMethods. We studied 50 patients treated with mepolizumab. Results. "
    for tail in ("17 continued an immunosuppressant during mepolizumab.",
                 "17 kept an immunosuppressant while on mepolizumab.",
                 "17 continued immunosuppressive agents alongside mepolizumab."):
        t = _treats(head + tail)
        assert t.get("immunosuppressants", t.get("immunosuppressive agents", (None, None)))[1] == 17, (tail, t)


def test_a_sole_study_drug_with_its_own_share_printed_after_it_keeps_that_share() -> None:
    for text in ("Hydroxychloroquine in lupus.\nMethods. We studied 80 patients with lupus. Results. Treatments at "
                 "baseline: hydroxychloroquine 60 (75%), azathioprine 12 (15%).",
                 "Hydroxychloroquine in lupus.\nMethods. We studied 80 patients with lupus. Results. Treatments were "
                 "hydroxychloroquine (75%) and azathioprine (15%)."):
        t = _treats(text)
        assert t.get("hydroxychloroquine", (None, None))[1] == 60, (text, t)
        assert t.get("azathioprine", (None, None))[1] == 12, (text, t)
    # the whole cohort printed after it keeps the cohort
    t = _treats("Hydroxychloroquine in lupus.\nMethods. We studied 80 patients treated with hydroxychloroquine (n = 80).")
    assert t.get("hydroxychloroquine", (None, None))[1] == 80, t


def test_a_drug_class_named_as_its_mechanism_blocked() -> None:
    head = "Outcomes of spondyloarthritis.\nMethods. We studied 80 patients. Results. "
    for tail in ("Overall, 30 patients received TNF blockade, 12 IL-17 inhibition and 8 JAK inhibition.",
                 "Overall, 30 patients received TNF inhibition, 12 IL-17A blockade and 8 JAK blockade."):
        names = set(_treats(head + tail))
        assert {"tumor necrosis factor inhibitors", "interleukin-17 inhibitors", "janus kinase inhibitors"} <= names, (tail, names)


def test_a_drug_whose_clause_places_its_use_before_the_study_is_previous() -> None:
    head = "Anifrolumab in lupus.\nMethods. We studied 50 patients treated with anifrolumab. "
    for tail in ("Belimumab had been used in 30 patients before anifrolumab.",
                 "Belimumab was given to 30 patients before enrolment.",
                 "Belimumab had been stopped before inclusion in 30 patients."):
        t = _treats(head + tail)
        assert t.get("belimumab") == ("previous", 30), (tail, t)
    # started before the study and continued: current use
    t = _treats(head + "Hydroxychloroquine was continued in 40 patients before and during the study.")
    assert t.get("hydroxychloroquine", (None,))[0] == "concomitant", t


# --- round 10: adverse events ---


def _aes(text: str) -> dict:
    return {a.name: a.n for a in rec(text).adverse_events}


def test_generic_adverse_events_said_to_occur_in_counted_patients() -> None:
    head = "Tofacitinib in RA.\nMethods. We studied 50 patients treated with tofacitinib. Results. "
    for tail, name in (("Adverse events occurred in 20 patients (40%).", "adverse events"),
                       ("AEs were reported in 20 (40%) patients.", "adverse events"),
                       ("Twenty patients (40%) had at least one adverse event.", "adverse event")):
        a = _aes(head + tail)
        assert a.get(name) == 20, (tail, a)
    assert _aes(head + "No adverse events occurred in the 20 patients followed to week 52.") == {}
# --- round 10: manifestations ---


def test_a_quantifier_of_the_events_is_no_patient_count() -> None:
    for text in ("Methods. We reviewed 90 patients with lupus. Results. 36 (40%) patients had ≥1 seizure.",
                 "Methods. We reviewed 90 patients with lupus. Results. 36 (40%) had one or more seizures.",
                 "Methods. We reviewed 90 patients with lupus. Results. Thirty-six patients had at least one episode of seizures."):
        m = _manifs(text)
        assert [v for k, v in m.items() if k.startswith("seizure")] == [(36, "current")], (text, m)


def test_coordinated_qualifiers_split_a_manifestation_into_counted_subsets() -> None:
    for text in ("Methods. We studied 80 patients with Behcet's disease. Results. Of them, 21 (26%) had unilateral "
                 "and 9 (11%) bilateral uveitis.",
                 "Methods. We studied 80 patients with Behcet's disease. Results. Unilateral (n = 21) and bilateral "
                 "(n = 9) uveitis were found.",
                 "Methods. We studied 80 patients with Behcet's disease. Results. Uveitis was unilateral in 21 and "
                 "bilateral in 9 patients."):
        m = _manifs(text)
        assert m.get("unilateral uveitis") == (21, "current"), (text, m)
        assert m.get("bilateral uveitis") == (9, "current"), (text, m)
        assert "uveitis" not in m, (text, m)


def test_one_qualified_mention_is_no_coordination() -> None:
    m = _manifs("Methods. We studied 80 patients with Behcet's disease. Results. Uveitis was seen in 21 patients, "
                "and 9 had severe arthritis.")
    assert m.get("uveitis") == (21, "current") and not any(k.startswith("unilateral") for k in m)


def test_gapped_members_of_a_presence_sentence_take_the_numerator() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Arthritis was found in 24/40, pleuritis in 6/40 "
                 "and alopecia in 10/40.",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis was observed in 24/40 patients; pleuritis "
                 "in 6/40; alopecia in 10/40."):
        m = _manifs(text)
        assert (m.get("pleuritis"), m.get("alopecia")) == ((6, "current"), (10, "current")), (text, m)


def test_a_domain_word_counted_with_patients_is_the_manifestation() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Patients presented with arthritis (24 patients) "
                 "and serositis (6 patients).",
                 "Methods. We studied 40 patients with lupus. Results. Findings were arthritis (n = 24), serositis (n = 6)."):
        m = _manifs(text)
        assert m.get("serositis") == (6, "current") and "serositis involvement" not in m, (text, m)


def test_the_count_that_starts_the_mentions_own_clause_counts_it() -> None:
    for text, want in (("Methods. We studied 40 patients with lupus. Results. Eight patients had serositis, five of them "
                        "with pericarditis.", 5),
                       ("Methods. We studied 40 patients with lupus. Results. Twenty (50%) patients had arthritis versus "
                        "5 (12.5%) with pericarditis.", 5),
                       ("Methods. We studied 40 patients with lupus. Results. Arthritis was seen in 20, and 5 patients "
                        "(12.5%) presented with pericarditis.", 5)):
        m = _manifs(text)
        assert m.get("pericarditis") == (want, "current"), (text, m)


def test_a_list_member_then_a_comma_then_its_count_with_share() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Features were arthritis, 20 (50%); pericarditis, "
                 "5 (12.5%); alopecia, 10 (25%).",
                 "Methods. We studied 40 patients with lupus. Results. Features: arthritis, 20 [50%], pericarditis, "
                 "5 [12.5%] and alopecia, 10 [25%]."):
        m = _manifs(text)
        assert (m.get("arthritis"), m.get("pericarditis"), m.get("alopecia")) == \
            ((20, "current"), (5, "current"), (10, "current")), (text, m)


def test_a_domain_word_counted_with_a_ratio_is_the_manifestation() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Features were arthritis (20/40) and serositis (6/40).",
                 "Methods. We studied 40 patients with lupus. Results. Serositis (6/40) and arthritis (20/40) were seen."):
        m = _manifs(text)
        assert m.get("serositis") == (6, "current") and "serositis involvement" not in m, (text, m)


def test_the_most_frequent_single_manifestation_takes_its_bracketed_count() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Arthritis was the most frequent manifestation (n=22).",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis was the most common presenting feature "
                 "(n = 22), followed by alopecia (n = 9)."):
        m = _manifs(text)
        assert m.get("arthritis") == (22, "current"), (text, m)


def test_a_counted_results_list_reported_with_method_words_is_read() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. The following features were observed: arthritis "
                 "(n = 20), alopecia (n = 10) and pericarditis (n = 5).",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis (n = 20), alopecia (n = 10) and "
                 "pericarditis (n = 5) were recorded.",
                 "Methods. We studied 40 patients with lupus. Results. The following were documented at baseline: "
                 "arthritis in 20 (50%), alopecia in 10 (25%) and pericarditis in 5 (12.5%)."):
        m = _manifs(text)
        assert (m.get("arthritis"), m.get("alopecia"), m.get("pericarditis")) == \
            ((20, "current"), (10, "current"), (5, "current")), (text, m)


def test_method_words_without_counts_still_describe_no_patient() -> None:
    m = _manifs("Methods. We studied 40 patients with lupus. Arthritis, alopecia and pericarditis were recorded. "
                "Results. Twenty patients responded.")
    assert not m


def test_an_undefined_standard_short_form_in_a_name_is_expanded() -> None:
    for text in ("Methods. We studied 60 patients with IgA vasculitis. Results. GI bleeding occurred in 4 patients.",
                 "Methods. We studied 60 patients with IgA vasculitis. Results. Four patients (6.7%) had GI bleeding."):
        m = _manifs(text)
        assert m.get("gastrointestinal bleeding") == (4, "current"), (text, m)


def test_a_severity_qualifier_before_a_manifestation_is_part_of_its_name() -> None:
    for text, name in (("Methods. We studied 60 patients with IgA vasculitis. Results. Intractable gastrointestinal "
                        "hemorrhage occurred in 2 patients.", "intractable gastrointestinal hemorrhage"),
                       ("Methods. We studied 60 patients with lupus. Results. Two patients (3%) had massive alveolar "
                        "hemorrhage.", "massive alveolar hemorrhage")):
        m = _manifs(text)
        assert m.get(name) == (2, "current"), (text, m)


def test_an_uncounted_feature_that_splits_a_comparison_of_results_is_no_manifestation() -> None:
    for text in ("Methods. We studied 60 patients with systemic JIA. Results. Patients with rash and serositis showed "
                 "more favourable responses.",
                 "Methods. We studied 60 patients with systemic JIA. Results. Similar improvements were seen in patients "
                 "with rash or serositis.",
                 "Methods. We studied 60 patients with systemic JIA. Results. Patients with rash or serositis responded "
                 "better to tocilizumab."):
        m = _manifs(text)
        assert "serositis" not in m and "rash" not in m, (text, m)
    m = _manifs("Methods. We studied 60 patients with systemic JIA. Results. Serositis (n = 9) was present; "
                "outcomes were similar.")
    assert m.get("serositis") == (9, "current")


def test_uncounted_reasons_ranked_for_an_event_are_no_manifestations() -> None:
    for text in ("Methods. We studied 60 patients with RA. Results. Tofacitinib was stopped in 20 courses. Infections were "
                 "the leading cause, followed by nausea and fatigue.",
                 "Methods. We studied 60 patients with RA. Results. The main reasons for stopping were nausea and fatigue."):
        m = _manifs(text)
        assert "nausea" not in m and "fatigue" not in m, (text, m)
    m = _manifs("Methods. We studied 60 patients with RA. Results. The most common reason for referral was fatigue.")
    assert "fatigue" in m


def test_thyroid_disorders_are_a_finding_unless_listed_as_comorbidities() -> None:
    assert _manifs("Methods. We reviewed 80 patients with RA. Results. Eight patients had thyroid dysfunction.").get(
        "thyroid dysfunction") == (8, "current")
    assert _manifs("Methods. We reviewed 80 patients with RA. Results. Comorbidities were hypertension (n = 20) and "
                   "thyroid disorders (n = 8).") == {}  # convention 2: comorbidities are baseline characteristics


def test_nephrotic_range_proteinuria_is_a_lab_finding_not_a_manifestation() -> None:
    for text in ("Methods. We reviewed 64 patients with IgA vasculitis. Results. Ten had nephrotic-range proteinuria.",
                 "Methods. We reviewed 64 patients with IgA vasculitis. Results. Nephrotic range proteinuria (n = 10) was seen."):
        assert not any("nephrotic" in k for k in _manifs(text)), text
    assert "nephrotic syndrome" in _manifs("Methods. We reviewed 64 patients with lupus. Results. Ten had nephrotic syndrome.")


def test_an_uncounted_generic_followed_by_examples_gives_way_to_them() -> None:
    for text in ("Methods. We reviewed 90 patients with polymyalgia rheumatica. Results. Tocilizumab improved PMR "
                 "symptoms such as morning stiffness.",
                 "Methods. We reviewed 90 patients with lupus. Results. Mucocutaneous manifestations, including malar "
                 "rash, were common."):
        m = _manifs(text)
        assert len(m) == 1 and ("morning stiffness" in m or "malar rash" in m), (text, m)
    m = _manifs("Methods. We reviewed 90 patients with lupus. Results. Cutaneous involvement (n = 30), including "
                "malar rash (n = 20), was common.")
    assert m.get("cutaneous involvement") == (30, "current") and m.get("malar rash") == (20, "current")


def test_what_the_followed_up_subgroup_had_came_later() -> None:
    for text in ("Methods. We reviewed 90 patients with Takayasu arteritis. Results. Among the 30 patients with imaging "
                 "follow-up, 20 (67%) had persistent stenosis.",
                 "Methods. We reviewed 90 patients with Takayasu arteritis. Results. Of the 30 patients who completed "
                 "follow-up, 20 had hypertension."):
        assert not _manifs(text), text
    m = _manifs("Methods. We reviewed 90 patients with Takayasu arteritis. Results. Among the 30 patients with renal "
                "involvement, 20 had hypertension.")
    assert m.get("hypertension") == (20, "current")


def test_a_count_written_right_after_a_table_like_member_counts_it() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Arthritis (20 of 40), alopecia (10 of 40) and "
                 "pericarditis (5 of 40) were present.",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis: 20/40; alopecia: 10/40; pericarditis: 5/40.",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis [n = 20], alopecia [n = 10] and "
                 "pericarditis [n = 5] were present."):
        m = _manifs(text)
        assert (m.get("arthritis"), m.get("alopecia"), m.get("pericarditis")) == \
            ((20, "current"), (10, "current"), (5, "current")), (text, m)


def test_a_list_member_starting_with_or_keeps_its_first_letters() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Mucocutaneous involvement (alopecia, n = 15; oral "
                 "ulcers, n = 10) was seen.",
                 "Methods. We studied 80 patients with Behcet's disease. Results. Mucosal involvement (oral ulcers, 30 pts; "
                 "genital ulcers, 12 pts) was common."):
        m = _manifs(text)
        assert m.get("oral ulcers") == ((10 if "lupus" in text else 30), "current"), (text, m)


def test_a_bracketed_list_member_ending_in_its_bare_count() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Forty patients had mucocutaneous involvement "
                 "(malar rash 20, alopecia 15, oral ulcers 10).",
                 "Methods. We studied 80 patients with lupus. Results. Forty patients had mucocutaneous involvement "
                 "(malar rash: 20; alopecia: 15; oral ulcers: 10)."):
        m = _manifs(text)
        assert (m.get("malar rash"), m.get("alopecia"), m.get("oral ulcers")) == \
            ((20, "current"), (15, "current"), (10, "current")), (text, m)


def test_a_phenotype_list_member_with_count_then_share() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Clinical manifestations were: arthritis 40 (50%), "
                 "malar rash 20 (25%), serositis 8 (10%).",
                 "Methods. We studied 80 patients with lupus. Results. Clinical manifestations: arthritis: 40 (50%), "
                 "malar rash: 20 (25%), serositis: 8 (10%)."):
        m = _manifs(text)
        assert (m.get("arthritis"), m.get("malar rash"), m.get("serositis")) == \
            ((40, "current"), (20, "current"), (8, "current")), (text, m)


def test_an_uncounted_domain_that_includes_counted_parts_gives_way_to_them() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Neuropsychiatric manifestations comprised seizures "
                 "(n = 3) and psychosis (n = 2).",
                 "Methods. We studied 80 patients with lupus. Results. Neuropsychiatric involvement included seizures "
                 "(n = 3) and psychosis (n = 2)."):
        m = _manifs(text)
        assert m == {"seizures": (3, "current"), "psychosis": (2, "current")}, (text, m)


def test_a_count_after_a_colon_that_opens_the_next_clause_is_not_the_mentions() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Of them, 30 (37.5%) had arthritis: 12 with "
                 "synovitis and 18 with arthralgia.",
                 "Methods. We studied 80 patients with lupus. Results. Thirty patients had arthritis: 12 (40%) had synovitis."):
        m = _manifs(text)
        assert m.get("arthritis") == (30, "current") and m.get("synovitis") == (12, "current"), (text, m)


def test_two_groups_counts_give_one_item_per_group_in_any_bracketing() -> None:
    for text in ("Methods. We studied 80 patients with IgA vasculitis, 40 children and 40 adults. Results. Arthralgia "
                 "(30 vs 20) differed between adults and children.",
                 "Methods. We studied 80 patients with IgA vasculitis, 40 children and 40 adults. Results. Adults vs "
                 "children. Arthralgia: 30 (75%) vs. 20 (50%).",
                 "Methods. We studied 80 patients with IgA vasculitis, 40 children and 40 adults. Results. Arthralgia "
                 "(30/40 versus 20/40) was more common in adults."):
        r = rec(text)
        assert sorted(m.n for m in r.manifestations if m.name == "arthralgia") == [20, 30], (text, _manif(r))
    m = _manifs("Methods. We studied 80 patients with IgA vasculitis. Results. Arthralgia (duration 12 vs 6 months) "
                "was seen in 30 patients.")
    assert m.get("arthralgia") == (30, "current")


def test_two_groups_shares_are_no_count_of_the_cohort() -> None:
    for text in ("Methods. We studied 80 patients with IgA vasculitis. Results. Arthralgia (75% vs 50%) was seen more "
                 "often in adults; 30 patients had purpura.",
                 "Methods. We studied 80 patients with IgA vasculitis. Results. Arthralgia: 75% versus 50% in adults and "
                 "children; 30 patients had purpura."):
        m = _manifs(text)
        assert m.get("arthralgia", (None,))[0] is None and m.get("purpura") == (30, "current"), (text, m)


def test_none_had_x_is_no_manifestation() -> None:
    for text in ("Methods. We studied 20 patients with lupus. Results. Twelve had arthritis; none had pericarditis.",
                 "Methods. We studied 20 patients with lupus. Results. None of them developed pericarditis, and 12 had "
                 "arthritis."):
        m = _manifs(text)
        assert "pericarditis" not in m and m.get("arthritis") == (12, "current"), (text, m)


def test_a_history_cue_does_not_reach_past_a_new_counted_subject() -> None:
    for text in ("Methods. We studied 20 patients with lupus. Results. Eight patients had a history of uveitis and 4 had "
                 "active serositis.",
                 "Methods. We studied 20 patients with lupus. Results. A history of uveitis was reported in 8 patients, "
                 "and 4 (20%) had serositis."):
        m = _manifs(text)
        assert m.get("uveitis") == (8, "previous") and m.get("serositis") == (4, "current"), (text, m)
    m = _manifs("Methods. We studied 20 patients with lupus. Results. Eight patients had a history of uveitis and serositis.")
    assert m.get("serositis") == (8, "previous")


def test_in_a_single_patient_counts_one() -> None:
    for text in ("Methods. We studied 20 patients with lupus. Results. Pericarditis was noted in a single patient.",
                 "Methods. We studied 20 patients with lupus. Results. Pericarditis occurred in only one patient.",
                 "Methods. We studied 20 patients with lupus. Results. Arthritis was seen in 12 patients; pericarditis "
                 "was seen in one case."):
        assert _manifs(text).get("pericarditis") == (1, "current"), text


def test_ventilatory_impairment_is_a_pulmonary_manifestation() -> None:
    for text, name in (("Methods. We followed 50 patients with antisynthetase syndrome. Results. At diagnosis, patients "
                        "showed a mild ventilatory impairment.", "mild ventilatory impairment"),
                       ("Methods. We followed 50 patients with antisynthetase syndrome. Results. A restrictive ventilatory "
                        "pattern was found in 20 patients.", "restrictive ventilatory pattern")):
        m = _manifs(text)
        assert name in m, (text, m)


def test_a_share_in_a_subgroup_is_of_the_subgroup() -> None:
    for text in ("Methods. We studied 80 patients with lupus. Results. Among 20 patients with renal involvement, 60% had "
                 "nephrotic syndrome.",
                 "Methods. We studied 80 patients with lupus. Results. Of the 20 patients with renal involvement, 60% "
                 "presented with nephrotic syndrome."):
        m = _manifs(text)
        assert m.get("nephrotic syndrome") == (12, "current"), (text, m)


def test_a_table_row_n_and_its_share_without_a_percent_sign() -> None:
    for text in ("Methods. We studied 40 patients with lupus. Results. Features, n (%): arthritis 20 (50); alopecia 10 (25).",
                 "Methods. We studied 40 patients with lupus. Results. Arthritis, 20 (50.0); alopecia, 10 (25.0)."):
        m = _manifs(text)
        assert (m.get("arthritis"), m.get("alopecia")) == ((20, "current"), (10, "current")), (text, m)
    m = _manifs("Methods. We studied 40 patients with lupus. Results. Arthritis 20 (12); alopecia was rare.")
    assert m.get("arthritis", (None,))[0] is None


def test_a_feature_of_another_cohort_compared_with_is_no_manifestation() -> None:
    for text in ("Methods. We studied 50 patients with lupus. Results. Ten patients (20%) had arthritis, compared with 45% "
                 "reported in a previous cohort with serositis.",
                 "Methods. We studied 50 patients with lupus. Results. Ten patients (20%) had arthritis, fewer than in "
                 "published series of patients with serositis."):
        m = _manifs(text)
        assert "serositis" not in m and m.get("arthritis") == (10, "current"), (text, m)
# --- round 10: labs, scores, conditions, population ---


def _labs10(text: str) -> dict:
    return {(lab.name.lower(), lab.result): (lab.n, lab.value, lab.unit) for lab in rec(text).lab_findings}


def test_the_counted_subject_of_a_state_counts_the_lab_after_it_not_an_earlier_count() -> None:
    for text in ("Methods. We studied 60 patients with rheumatoid arthritis. Results. Thirty-five patients (58%) were RF "
                 "positive and 40 (67%) were ACPA positive.",
                 "Methods. We studied 60 patients with rheumatoid arthritis. Results. 35 patients were RF positive; "
                 "40 (67%) were ACPA positive.",
                 "Methods. We studied 60 patients with rheumatoid arthritis. Results. RF was positive in 35, and 40 were "
                 "positive for ACPA."):
        got = _labs10(text)
        assert got[("rf", "positive")][0] == 35, (text, got)
        assert got[("acpa", "positive")][0] == 40, (text, got)


def test_a_table_like_list_of_antibodies_each_followed_by_its_count_or_share() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. Serology: ANA 58 (96.7%), anti-dsDNA 40 (66.7%), "
                 "hypocomplementaemia 30 (50%).",
                 "Methods. We studied 60 patients with lupus. Results. Immunology: ANA: 58/60; anti-dsDNA positivity: 40/60; "
                 "hypocomplementaemia: 30/60.",
                 "Methods. We studied 60 patients with lupus. Results. Autoantibodies: ANA 96.7%, anti-dsDNA 66.7% and "
                 "hypocomplementaemia 50%."):
        got = _labs10(text)
        assert got.get(("ana", "positive"), (None,))[0] == 58, (text, got)
        assert got.get(("anti-dsdna", "positive"), (None,))[0] == 40, (text, got)
        assert got.get(("hypocomplementaemia", "low"), (None,))[0] == 30, (text, got)


def test_an_antibody_followed_by_a_titre_or_a_unit_is_no_table_count() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. The ANA titre was 1:160 (80%).",
                 "Methods. We studied 60 patients with lupus. Results. Anti-dsDNA 40 (IU/mL) at baseline."):
        assert not [k for k, v in _labs10(text).items() if k[1] == "positive"], text


def test_a_name_stating_its_result_keeps_it_in_a_list_closed_by_another_state() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. Hypocomplementaemia (n = 30) and anti-dsDNA "
                 "positivity (n = 40) were frequent.",
                 "Methods. We studied 60 patients with lupus. Results. Hypergammaglobulinaemia and anti-Ro antibodies were "
                 "present in 25 and 31 patients, respectively."):
        got = _labs10(text)
        assert not [k for k in got if k[0].startswith("hyp") and k[1] == "positive"], (text, got)
        assert [k for k in got if k[0].startswith("hyp") and k[1] in ("low", "high")], (text, got)


def test_values_a_respectively_hands_out_to_a_list_of_labs() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. Median ESR and CRP were 40 mm/h and 12 mg/L, respectively.",
                 "Methods. We studied 60 patients with lupus. Results. Mean ESR and CRP at baseline were 40 ± 12 mm/h and "
                 "12 (IQR 5-20) mg/L, respectively.",
                 "Methods. We studied 60 patients with lupus. Results. The ESR and CRP levels were 40 (SD 12) mm/h, and "
                 "12 mg/L respectively."):
        got = _labs10(text)
        assert got.get(("esr", "value")) == (None, 40.0, "mm/h"), (text, got)
        assert got.get(("crp", "value")) == (None, 12.0, "mg/L"), (text, got)
    # as many values as labs, or none is handed out
    got = _labs10("Methods. We studied 60 patients with lupus. Results. Median ESR and CRP were 40 mm/h, 12 and 8 mg/L, respectively.")
    assert ("esr", "value") not in got and got.get(("crp", "value"), (None, None))[1] != 40.0


def _scores10(text: str) -> dict:
    return {(s.instrument, s.timepoint): s.value for s in rec(text).scores}


def test_a_list_of_time_points_before_the_values_orders_them() -> None:
    cases = [
        ("Methods. We studied 60 patients with rheumatoid arthritis. Results. DAS28-ESR (mean ± SD) at baseline, 3, 6 and "
         "12 months was 5.8 ± 1.1, 4.1 ± 1.2, 3.5 ± 1.0 and 3.0 ± 0.9.",
         {("DAS28-ESR", "baseline"): 5.8, ("DAS28-ESR", "3 months"): 4.1, ("DAS28-ESR", "12 months"): 3.0}),
        ("Methods. We studied 60 patients with rheumatoid arthritis. Results. Mean DAS28 values at baseline, 3 and 12 months "
         "were 5.8, 4.1 and 3.0, respectively.",
         {("DAS28", "baseline"): 5.8, ("DAS28", "3 months"): 4.1, ("DAS28", "12 months"): 3.0}),
        ("Methods. We studied 60 patients with rheumatoid arthritis. Results. Mean DAS28 at weeks 0, 12 and 24 was 5.8, 4.1 "
         "and 3.0.", {("DAS28", "week 0"): 5.8, ("DAS28", "week 12"): 4.1, ("DAS28", "week 24"): 3.0}),
        ("Methods. We studied 60 patients with lupus. Results. SLEDAI-2K at T0, T1 and T2 was 10, 6 and 4.",
         {("SLEDAI-2K", "T0"): 10.0, ("SLEDAI-2K", "T1"): 6.0, ("SLEDAI-2K", "T2"): 4.0}),
    ]
    for text, want in cases:
        got = _scores10(text)
        assert all(got.get(k) == v for k, v in want.items()), (text, got)
        assert 6.0 not in [v for (i, _), v in got.items() if i == "DAS28-ESR"], (text, got)  # "6 months" is no value


def _score_groups10(text: str) -> dict:
    return {(s.value, s.group) for s in rec(text).scores}


def test_an_arm_named_in_the_bracket_after_each_value() -> None:
    for text, want in (
        ("Methods. We studied 60 patients with rheumatoid arthritis. Results. Mean DAS28 at week 24 was 3.1 (rituximab) "
         "vs 4.5 (placebo).", {(3.1, "rituximab"), (4.5, "placebo")}),
        ("Methods. We studied 60 patients with rheumatoid arthritis. Results. The BASDAI was 4.1 (TNFi users) and 5.2 "
         "(non-users).", {(4.1, "TNFi users"), (5.2, "non-users")}),
    ):
        assert want <= _score_groups10(text), (text, _score_groups10(text))
    # a bracket holding a spread, a statistic label or a time point names no arm
    for text in ("Methods. We studied 60 patients with RA. Results. Median DAS28 was 3.1 (2.5-4.0) vs 4.5 (3.9-5.1).",
                 "Methods. We studied 60 patients with RA. Results. DAS28 was 3.1 (week 12) and 2.5 (week 24).",
                 "Methods. We studied 60 patients with RA. Results. Mean HAQ was 1.1 (SD) and 0.9 (SD)."):
        assert not [g for _, g in _score_groups10(text) if g], text


def test_a_group_named_by_a_letter_or_number_after_its_value() -> None:
    for text in ("Methods. We studied 60 patients with RA. Results. DAS28 at baseline was 5.8 in group A and 5.6 in group B.",
                 "Methods. We studied 60 patients with RA. Results. Mean DAS28 was 5.8 ± 1.0 in arm 1 vs 5.6 ± 1.1 in arm 2."):
        got = {v: g for v, g in _score_groups10(text)}
        assert got.get(5.8, "").lower().endswith(("group a", "arm 1")) and got.get(5.6, "").lower().endswith(("group b", "arm 2")), (text, got)


def test_a_later_value_after_a_change_verb_or_its_own_leading_time_point() -> None:
    cases = [
        ("Methods. We studied 60 patients with lupus. Results. Baseline mean SLEDAI-2K (11.2 ± 3.5) decreased to 6.1 ± 2.9 "
         "at month 6.", {("SLEDAI-2K", "baseline"): 11.2, ("SLEDAI-2K", "month 6"): 6.1}),
        ("Methods. We studied 60 patients with lupus. Results. The mean SLEDAI-2K was 11.2 at baseline and fell to 6.1 at "
         "month 6.", {("SLEDAI-2K", "baseline"): 11.2, ("SLEDAI-2K", "month 6"): 6.1}),
        ("Methods. We studied 60 patients with lupus. Results. At 3 months, the mean SLEDAI-2K was 8.2 and at 12 months 6.1.",
         {("SLEDAI-2K", "3 months"): 8.2, ("SLEDAI-2K", "12 months"): 6.1}),
        ("Methods. We studied 60 patients with lupus. Results. Mean SLEDAI-2K was 11.2 at baseline and after 24 weeks, 6.1.",
         {("SLEDAI-2K", "baseline"): 11.2, ("SLEDAI-2K", "24 weeks"): 6.1}),
    ]
    for text, want in cases:
        got = _scores10(text)
        assert all(got.get(k) == v for k, v in want.items()), (text, got)
        assert 12.0 not in got.values() and 24.0 not in got.values(), (text, got)


def test_a_from_to_pair_per_group_gives_both_values_to_that_group() -> None:
    for text in ("Methods. We studied 60 patients with RA. Results. Mean DAS28 decreased from 5.6 to 3.2 in the rituximab group "
                 "and from 5.5 to 4.6 in the placebo group.",
                 "Methods. We studied 60 patients with RA. Results. In the rituximab group, DAS28 decreased from 5.6 to 3.2, "
                 "and in the placebo group from 5.5 to 4.6.",
                 "Methods. We studied 60 patients with RA. Results. DAS28 improved from 5.6 ± 1.1 to 3.2 ± 0.9 in the rituximab "
                 "group and from 5.5 ± 1.0 to 4.6 ± 1.2 in the placebo group."):
        got = {(s.value, s.timepoint, s.group) for s in rec(text).scores}
        assert {(5.6, "baseline", "rituximab group"), (3.2, None, "rituximab group"),
                (5.5, "baseline", "placebo group"), (4.6, None, "placebo group")} <= got, (text, got)
    # the same cohort's second interval starts where the first ended: no second baseline
    got = {(s.value, s.timepoint) for s in rec("Methods. We studied 60 patients with RA. Results. Mean DAS28 fell from 5.6 to "
                                               "3.2 at week 12 and from 3.2 to 2.9 at week 24.").scores}
    assert got == {(5.6, "baseline"), (3.2, "week 12"), (2.9, "week 24")}, got


def test_an_age_spread_in_square_brackets_before_the_unit() -> None:
    for text, want in (("Methods. Overall, 85 patients with gout were included; median age 62 [IQR 54-70] years.", (None, 62.0, None, None)),
                       ("Methods. Overall, 85 patients with gout were included; median age 62 (IQR 54-70) years.", (None, 62.0, None, None)),
                       ("Methods. Overall, 85 patients with gout were included; median age 62 [range: 40-80] years.", (None, 62.0, 40.0, 80.0))):
        a = rec(text).population.age
        assert a is not None and (a.mean, a.median, a.min, a.max) == want, (text, a)


def test_an_age_whose_statistic_is_labelled_in_brackets() -> None:
    for text, want in (
        ("Methods. We included 90 patients with gout. Their mean (SD) age was 58.7 (12.1) years.", (58.7, 12.1, None)),
        ("Methods. We included 90 patients with gout; age, mean (SD): 58.7 (12.1) years.", (58.7, 12.1, None)),
        ("Methods. We included 90 patients with gout (mean age (SD) 58.7 (12.1) years).", (58.7, 12.1, None)),
        ("Methods. We included 90 patients with gout; median (IQR) age, 62 (54-70) years.", (None, None, 62.0)),
        ("Methods. We included 90 patients with gout; age, median (IQR): 62 (54-70) years.", (None, None, 62.0)),
    ):
        a = rec(text).population.age
        assert a is not None and (a.mean, a.sd, a.median) == want, (text, a)
    # an unlabelled single number in brackets is no SD
    assert rec("Methods. We included 90 patients with gout; age 58.7 (12.1) years.").population.age is None


def test_a_selected_count_qualified_before_its_selection_verb() -> None:
    for text in ("Results. Of 540 screened patients, 402 with rheumatoid arthritis met the inclusion criteria.",
                 "Results. Among 540 patients evaluated, 402 who had active disease met the inclusion criteria.",
                 "Results. Of 540 screened patients, 402 with rheumatoid arthritis were included."):
        assert rec(text).population.n.value == 402, text
    # one of two coordinated groups is not the cohort
    r = rec("Results. Of 540 screened patients, 402 with rheumatoid arthritis and 20 with psoriatic arthritis met the criteria.")
    assert r.population.n is None or r.population.n.value != 20


def test_a_gapped_count_with_its_having_word_before_the_state_counts_that_lab() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. Thirty patients (50%) presented with low C3 and "
                 "22 (36.7%) with low C4.",
                 "Methods. We studied 60 patients with lupus. Results. 30 patients had low C3, 22 had low C4.",
                 "Methods. We studied 60 patients with lupus. Results. Low C3 was found in 30 patients, and 22 showed low C4."):
        got = _labs10(text)
        assert got[("c3", "low")][0] == 30 and got[("c4", "low")][0] == 22, (text, got)
    # a list of counts before one verb is no single subject
    got = _labs10("Methods. We studied 60 patients with lupus. Results. Additionally, 8 and 4 patients had low levels of C3 and C4.")
    assert got.get(("c3", "low"), (None,))[0] != 4, got


def test_a_share_of_the_cohort_stated_after_the_finding() -> None:
    for text, key in (("Methods. We studied 60 patients with RA. Results. The proportion of anti-CCP positive patients was 67%.",
                       ("anti-ccp", "positive")),
                      ("Methods. We studied 60 patients with RA. Results. Seropositivity for anti-CCP was 66.7%.",
                       ("anti-ccp", "positive")),
                      ("Methods. We studied 60 patients with lupus. Results. The prevalence of hypocomplementaemia was 66.7%.",
                       ("hypocomplementaemia", "low"))):
        got = _labs10(text)
        assert got.get(key, (None,))[0] == 40, (text, got)
    # a share compared with another group or placed in a subgroup is no share of the cohort
    for text in ("Methods. We studied 60 patients with RA. Results. The proportion of anti-CCP positive patients was 67% vs 40% in controls.",
                 "Methods. We studied 60 patients with RA. Results. Seropositivity for anti-CCP was 66.7% in group A."):
        assert _labs10(text).get(("anti-ccp", "positive"), (None,))[0] is None, text


def test_a_disease_fused_by_its_short_form_to_the_studied_one_is_anchored_on_that_short_form() -> None:
    for text in ("Methods. We studied 40 patients with SLE-associated interstitial lung disease.",
                 "Methods. We studied 40 patients with SLE-related interstitial lung disease."):
        conds = {c.name: c.evidence.text for c in rec(text).population.conditions}
        assert conds.get("interstitial lung disease") and conds.get("systemic lupus erythematosus") == "SLE", (text, conds)


def test_a_cohort_count_after_a_short_form_in_its_bracket() -> None:
    for text in ("Methods. Patients with rheumatoid arthritis (RA; n = 50) were included.",
                 "Methods. Patients with rheumatoid arthritis (RA, n = 50) were included.",
                 "Methods. Children with juvenile idiopathic arthritis (JIA; n=50) were studied."):
        assert rec(text).population.n.value == 50, text


def test_a_change_verb_before_a_bracketed_pair_makes_it_before_and_after() -> None:
    for text, want in (
        ("Methods. We studied 60 patients with Sjogren's syndrome. Results. The ESSDAI score improved significantly "
         "(8.5 ± 5.2 vs 3.1 ± 2.9; p < 0.01) at 12 months.", {("ESSDAI", "baseline"): 8.5, ("ESSDAI", "12 months"): 3.1}),
        ("Methods. We studied 60 patients with RA. Results. The mean DAS28 decreased (5.6 vs 3.2, p<0.001) after 6 months.",
         {("DAS28", "baseline"): 5.6, ("DAS28", "6 months"): 3.2}),
    ):
        got = _scores10(text)
        assert all(got.get(k) == v for k, v in want.items()), (text, got)
    # a comparison between groups is no before/after pair
    got = _scores10("Methods. We studied 60 patients with RA. Results. DAS28 was higher (5.6 vs 3.2) in smokers than in non-smokers.")
    assert ("DAS28", "baseline") not in got, got


def test_groups_opening_the_sentence_take_the_values_a_respectively_hands_out() -> None:
    for text, want in (
        ("Methods. We studied 60 patients with RA. Results. Responders and non-responders had a baseline DAS28 of 5.8 and "
         "5.6, respectively.", {(5.8, "Responders"), (5.6, "non-responders")}),
        ("Methods. We studied 60 patients with axSpA. Results. Group A and group B had a mean BASDAI of 5.8 and 5.6, "
         "respectively.", {(5.8, "Group A"), (5.6, "group B")}),
        ("Methods. We studied 90 patients with RA. Results. Patients on rituximab, tocilizumab and abatacept had a mean "
         "DAS28 of 3.1, 3.4 and 3.6, respectively.", {(3.4, "tocilizumab"), (3.6, "abatacept")}),
    ):
        got = _score_groups10(text)
        assert want <= got, (text, got)
    # without "respectively" the subject is no list of groups
    got = _score_groups10("Methods. We studied 60 patients with RA. Results. Responders and non-responders had a "
                          "baseline DAS28 of 5.8 and 5.6.")
    assert not [g for _, g in got if g], got


def test_time_points_a_respectively_hands_out_after_the_values() -> None:
    for text, want in (
        ("Methods. We studied 60 patients with RA. Results. Patients had a mean DAS28 of 5.8 and 3.2 at baseline and 6 "
         "months, respectively.", {("DAS28", "baseline"): 5.8, ("DAS28", "6 months"): 3.2}),
        ("Methods. We studied 60 patients with RA. Results. Mean DAS28 was 5.8, 4.0 and 3.2 at baseline, week 12 and week "
         "24, respectively.", {("DAS28", "baseline"): 5.8, ("DAS28", "week 12"): 4.0, ("DAS28", "week 24"): 3.2}),
        ("Methods. We studied 60 patients with RA. Results. Mean DAS28 was 5.8 ± 1.0 and 3.2 ± 0.9 at baseline and at 6 "
         "months, respectively.", {("DAS28", "baseline"): 5.8, ("DAS28", "6 months"): 3.2}),
    ):
        got = _scores10(text)
        assert got == want, (text, got)


def test_an_equals_sign_printing_a_value_outside_a_definition() -> None:
    for text, want in (
        ("Methods. We studied 40 patients with lupus. Results. At baseline, SLEDAI-2K = 12 and PGA = 2.1.",
         {("SLEDAI-2K", "baseline"): 12.0, ("PGA", "baseline"): 2.1}),
        ("Methods. We studied 40 patients with RA. Results. Mean DAS28 = 5.2 ± 1.1.", {("DAS28", None): 5.2}),
    ):
        assert _scores10(text) == want, (text, _scores10(text))
    for text in ("Methods. We studied 40 patients with RA. Results. Remission was defined as DAS28 = 2.6 or less.",
                 "Methods. We studied 40 patients with AAV. Results. Patients with BVAS = 0 at 6 months were in remission."):
        assert not _scores10(text), text


def test_a_gapped_member_of_a_positive_for_list_takes_its_own_count_or_share() -> None:
    for text in ("Methods. We studied 60 patients with lupus. Results. Forty (66.7%) patients were positive for anti-dsDNA "
                 "and 12 (20%) for anti-Sm.",
                 "Methods. We studied 60 patients with lupus. Results. 40 patients were positive for anti-dsDNA, 12 for "
                 "anti-Sm and 15 for anti-RNP.",
                 "Methods. We studied 60 patients with lupus. Results. 40 (66.7%) tested positive for anti-dsDNA, 20% for anti-Sm."):
        got = _labs10(text)
        assert got[("anti-dsdna", "positive")][0] == 40 and got[("anti-sm", "positive")][0] == 12, (text, got)


def test_a_state_word_before_a_list_of_labs_holds_for_the_last_member_too() -> None:
    for text, state in (("Methods. We studied 60 patients with RA. Results. Increased CRP and ESR were found in 20 patients.", "high"),
                        ("Methods. We studied 60 patients with lupus. Results. Low C3 and C4 were present in 20 patients.", "low")):
        got = _labs10(text)
        assert all(k[1] == state for k in got) and len(got) == 2, (text, got)
    got = _labs10("Methods. We studied 60 patients with RA. Results. Elevated CRP and positive ANA were found in 20 patients.")
    assert ("ana", "positive") in got, got


def test_a_letter_sex_ratio_far_below_the_cohort_counts_nobody() -> None:
    r = rec("Methods. We included 80 patients with SLE (F:M = 9:1).")
    assert r.population.female is None and r.population.male is None
    for text, want in (("Methods. We included 20 patients with SLE (F/M 19/1).", (19, 1)),
                       ("Methods. We included 80 patients with SLE (F/M: 70/9).", (70, 9))):
        p = rec(text).population
        assert (p.female.value, p.male.value) == want, text


# --- owner conventions (corpus/real/CONVENTIONS.md) ---


@pytest.mark.parametrize("text", [
    "Objective. To describe 120 patients with GCA followed in our clinic. Results. Glucocorticoids were given to all; "
    "methotrexate was added in 30 and tocilizumab in 12.",
    "Methods. A retrospective cohort of 120 GCA patients. Results. All received glucocorticoids, 30 (25%) also received "
    "methotrexate and 12 tocilizumab.",
])
def test_with_no_drug_under_study_the_treatments_received_are_study(text: str) -> None:
    roles = {x.name: x.role for x in rec(text).treatments}
    assert roles.get("methotrexate") == roles.get("tocilizumab") == "study", roles


def test_background_drugs_stay_concomitant_when_a_drug_is_studied() -> None:
    r = rec("Objective. To assess tocilizumab in 60 patients with GCA. Results. Tocilizumab was given to all; 30 also "
            "received methotrexate.")
    roles = {x.name: x.role for x in r.treatments}
    assert roles["tocilizumab"] == "study" and roles["methotrexate"] == "concomitant", roles


def test_a_previous_treatment_stays_previous_when_no_drug_is_studied() -> None:
    r = rec("Methods. We reviewed 90 patients with RA. Results. Thirty had previously failed methotrexate; 40 were "
            "receiving glucocorticoids.")
    roles = {x.name: x.role for x in r.treatments}
    assert roles.get("methotrexate") == "previous" and roles.get("glucocorticoids") == "study", roles


@pytest.mark.parametrize("text", [
    "Methods. We studied 100 patients with PsA. Results. The most frequent comorbidities were hypertension (35%), "
    "dyslipidaemia (20%) and diabetes; 8% had cardiovascular disease.",
    "Methods. We studied 100 patients with PsA. Results. Comorbid hypertension was present in 35 and diabetes in 12.",
    "Methods. We studied 100 patients with PsA. Results. Coexisting conditions included hypertension (n = 35) and "
    "diabetes (n = 12).",
])
def test_comorbidities_are_no_manifestations(text: str) -> None:
    m = _manifs(text)
    assert "hypertension" not in m and "diabetes" not in m and "cardiovascular disease" not in m, m


def test_a_manifestation_before_a_comorbidity_cue_is_kept() -> None:
    m = _manifs("Methods. We studied 100 patients with PsA. Results. Enthesitis was present in 40 patients, and "
                "comorbidities in 60.")
    assert m.get("enthesitis") == (40, "current"), m


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 50 patients with rheumatoid arthritis or psoriatic arthritis, inflammatory rheumatic "
    "diseases treated with biologics.",
    "Methods. We studied 80 patients with rheumatoid arthritis, psoriatic arthritis and other inflammatory "
    "rheumatic diseases.",
])
def test_a_group_of_diseases_gives_way_to_the_diseases_named_beside_it(text: str) -> None:
    names = {c.name for c in rec(text).population.conditions}
    assert "inflammatory rheumatic diseases" not in names and "rheumatoid arthritis" in names, names


def test_a_group_of_diseases_named_alone_is_the_condition() -> None:
    names = {c.name for c in rec("Methods. We enrolled 50 patients with inflammatory rheumatic diseases starting "
                                 "biologics.").population.conditions}
    assert names == {"inflammatory rheumatic diseases"}, names


# --- round 11: spec rules 10, 11, 15, 16, 17, 19 (scores and outcomes) ---
def _r11_outs(text: str) -> list[tuple[str, int | None]]:
    return sorted(((o.kind, o.n) for o in rec(text).outcomes), key=str)


@pytest.mark.parametrize(("text", "want"), [
    ("Results. Prednisone was tapered in 15 patients and withdrawn in 6.",
     [("glucocorticoid_tapering", 15), ("glucocorticoid_withdrawal", 6)]),
    ("Results. Glucocorticoids could be discontinued in 8 of 20 patients.", [("glucocorticoid_withdrawal", 8)]),
    ("Results. Tocilizumab was discontinued in 3 patients due to inefficacy.", [("discontinuation", 3)]),
    ("Results. Complete remission was achieved in 10 patients and partial remission in 4.",
     [("complete_remission", 10), ("partial_remission", 4)]),
    ("Results. At 12 months, 18 patients were in DAS28 remission and 9 had low disease activity.",
     [("complete_remission", 18), ("low_disease_activity", 9)]),
    ("Results. LLDAS was attained by 22 patients.", [("low_disease_activity", 22)]),
    ("Results. A complete renal response was observed in 14 patients.", [("response", 14)]),
    ("Methods. We enrolled 60 patients. Results. ACR20 response was achieved by 30 of 50 patients at week 24.",
     [("response", 30)]),
    ("Results. Thirty patients achieved an ACR20 response.", [("response", 30)]),
    ("Results. Proteinuria did not change significantly.", [("no_change", None)]),
    ("Results. ESR improved in 100% of the 4 patients.", [("improvement", 4)]),
    ("Results. Arthritis worsened in two patients.", [("worsening", 2)]),
    ("Results. Two patients died of infection.", [("death", 2)]),
])
def test_rule11_outcome_kinds_and_counts(text: str, want: list) -> None:
    assert _r11_outs(text) == sorted(want, key=str)


def test_rule11_a_negative_finding_is_no_change() -> None:
    assert ("no_change", None) in _r11_outs("Results. Belimumab did not reduce anti-dsDNA titres.")


@pytest.mark.parametrize(("text", "kind"), [
    ("Results. No relapses were observed.", "flare"),
    ("Results. There were no deaths.", "death"),
    ("Results. None of the patients experienced a flare.", "flare"),
    ("Results. Not a single patient relapsed.", "flare"),
    ("Results. Flares did not occur in any patient.", "flare"),
    ("Results. No patient required glucocorticoid increase and none had a flare.", "flare"),
    ("Results. No new digital ulcers occurred during treatment.", "other"),
    ("Results. During follow-up no patient discontinued belimumab.", "discontinuation"),
])
def test_rule15_an_absent_event_is_that_outcome_with_n_0(text: str, kind: str) -> None:
    assert (kind, 0) in _r11_outs("Methods. We studied 30 patients with SLE. " + text)


@pytest.mark.parametrize("text", [
    "Methods. We studied 30 patients with SLE. Results. No serious adverse events were reported.",
    "Background. Relapses are frequent in GCA and no treatment prevents them. Methods. We studied 30 patients.",
    "Methods. Patients with no flare in the previous year were included. Results. 30 patients were studied.",
])
def test_rule15_absent_adverse_events_background_and_criteria_give_nothing(text: str) -> None:
    assert _r11_outs(text) == []


def _r11_scores(text: str) -> list[tuple]:
    return sorted(((s.instrument, s.value, s.timepoint, s.group) for s in rec(text).scores), key=str)


@pytest.mark.parametrize(("text", "instrument"), [
    ("Methods. Disease activity was assessed with the SLEDAI-2K. Results. Mean SLEDAI fell from 10.2 to 4.1 at 12 months.",
     "SLEDAI-2K"),
    ("Methods. The DAS28-CRP was used. Results. Mean DAS28 was 4.8 at baseline and 3.2 at week 24.", "DAS28-CRP"),
    ("Methods. Activity was measured by ASDAS-CRP. Results. ASDAS fell from 3.6 to 2.0 at 6 months.", "ASDAS-CRP"),
    ("Methods. Function was assessed with the HAQ-DI. Results. HAQ was 1.2 at baseline.", "HAQ-DI"),
    ("Results. BAILAG score decreased from 18 to 6.", "BILAG"),
])
def test_rule16_the_instrument_is_the_form_the_study_defines(text: str, instrument: str) -> None:
    assert {s[0] for s in _r11_scores(text)} == {instrument}


def test_rule16_two_specific_forms_keep_their_own_names() -> None:
    names = {s[0] for s in _r11_scores("Results. DAS28-ESR was 5.1 and DAS28-CRP 4.6 at baseline.")}
    assert names == {"DAS28-ESR", "DAS28-CRP"}


def test_rule16_split_forms_are_separate_instruments() -> None:
    names = {s[0] for s in _r11_scores("Results. The CLASI-A score fell from 12 to 4 and the CLASI-D score was 2 at baseline.")}
    assert names == {"CLASI-A", "CLASI-D"}


@pytest.mark.parametrize(("text", "want"), [
    ("Results. Mean DAS28 decreased from 5.2 ± 1.1 at baseline to 3.1 ± 0.9 at 6 months.",
     [("DAS28", 5.2, "baseline", None), ("DAS28", 3.1, "6 months", None)]),
    ("Results. The median BASDAI was 4.5 (IQR 3.0–6.1) at baseline and 2.0 (IQR 1.1–3.2) at week 24.",
     [("BASDAI", 4.5, "baseline", None), ("BASDAI", 2.0, "week 24", None)]),
    ("Results. ASDAS-CRP was 3.4 ± 0.8 at baseline (p < 0.001).", [("ASDAS-CRP", 3.4, "baseline", None)]),
    ("Results. At last follow-up the mean DAS28 was 2.6.", [("DAS28", 2.6, "last follow-up", None)]),
])
def test_rule10_a_score_is_a_number_with_a_named_instrument(text: str, want: list) -> None:
    assert _r11_scores(text) == sorted(want, key=str)


@pytest.mark.parametrize("text", [
    "Results. Patients with an ASDAS above 2.1 had a higher risk of progression (HR 1.8).",
    "Results. 30 patients had a DAS28 greater than 5.1.",
    "Results. Patients with BASDAI of at least 4 were 20.",
    "Results. BASDAI ≥ 4 was found in 12 patients.",
    "Background. The SLEDAI is a widely used index; values above 6 indicate active disease.",
    "Methods. Disease activity was measured with the BASDAI and ASDAS at baseline and at 6 months.",
    "Results. Mean ulcer count decreased from 4.1 to 1.2; FVC % predicted improved from 68% to 74%.",
    "Results. The mean dose of prednisone was 12.5 mg/day.",
])
def test_rule10_thresholds_background_and_measures_without_instrument_are_no_scores(text: str) -> None:
    assert _r11_scores(text) == []


def test_rule10_a_score_named_without_a_value_is_an_outcome() -> None:
    r = rec("Results. The HAQ improved significantly in 14 patients.")
    assert r.scores == [] and [(o.kind, o.n) for o in r.outcomes] == [("improvement", 14)]


def test_rule10_a_measure_without_instrument_changes_as_an_outcome() -> None:
    r = rec("Results. Mouth opening improved from 28 mm to 35 mm.")
    assert r.scores == [] and [o.kind for o in r.outcomes] == ["improvement"]


@pytest.mark.parametrize(("text", "want"), [
    ("Results. Mean DAS28 was 5.6, 4.1 and 3.2 at baseline, 3 and 6 months, respectively.",
     [("DAS28", 5.6, "baseline", None), ("DAS28", 4.1, "3 months", None), ("DAS28", 3.2, "6 months", None)]),
    ("Results. The median ESSDAI was 12, 8 and 5 at baseline, 6 and 12 months, respectively.",
     [("ESSDAI", 12.0, "baseline", None), ("ESSDAI", 8.0, "6 months", None), ("ESSDAI", 5.0, "12 months", None)]),
    ("Results. Mean DAS28 was 5.6 at baseline, 4.1 at month 3 and 3.2 at month 6.",
     [("DAS28", 5.6, "baseline", None), ("DAS28", 4.1, "month 3", None), ("DAS28", 3.2, "month 6", None)]),
    ("Results. Mean DAS28 at week 24 was 3.1 in the baricitinib group and 4.5 in the placebo group.",
     [("DAS28", 3.1, "week 24", "baricitinib group"), ("DAS28", 4.5, "week 24", "placebo group")]),
    ("Results. BASDAI at week 12: 3.2 ± 1.5 (adalimumab) vs 5.1 ± 1.7 (placebo).",
     [("BASDAI", 3.2, "week 12", "adalimumab"), ("BASDAI", 5.1, "week 12", "placebo")]),
    ("Results. Mean CDAI fell from 24 to 10 in seropositive and from 22 to 14 in seronegative patients.",
     [("CDAI", 24.0, "baseline", "seropositive"), ("CDAI", 10.0, None, "seropositive"),
      ("CDAI", 22.0, "baseline", "seronegative patients"), ("CDAI", 14.0, None, "seronegative patients")]),
    ("Results. In the seropositive subgroup, mean CDAI fell from 24 to 10; in seronegative patients from 22 to 14.",
     [("CDAI", 24.0, "baseline", "seropositive subgroup"), ("CDAI", 10.0, None, "seropositive subgroup"),
      ("CDAI", 22.0, "baseline", "seronegative patients"), ("CDAI", 14.0, None, "seronegative patients")]),
    ("Results. Mean BASDAI was 3.1 in HLA-B27-positive and 4.2 in HLA-B27-negative patients.",
     [("BASDAI", 3.1, None, "HLA-B27-positive"), ("BASDAI", 4.2, None, "HLA-B27-negative patients")]),
])
def test_rule17_scores_one_item_per_time_point_and_group(text: str, want: list) -> None:
    assert _r11_scores(text) == sorted(want, key=str)


def test_rule17_a_count_of_patients_after_a_change_is_no_group() -> None:
    assert all(s[3] is None for s in _r11_scores("Results. Mean CDAI fell from 24 to 10 in all patients."))


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 20 patients. Results. Remission was achieved in 8 patients at 6 months and in 11 at 12 months.",
     [("complete_remission", 8), ("complete_remission", 11)]),
    ("Methods. We enrolled 60 patients. Results. SRI-4 response was achieved by 25 patients at week 24 and by 30 at week 52.",
     [("response", 25), ("response", 30)]),
    ("Methods. We enrolled 60 patients. Results. LDA was achieved by 12 patients with adalimumab and 7 with placebo.",
     [("low_disease_activity", 7), ("low_disease_activity", 12)]),
])
def test_rule17_outcomes_one_item_per_time_point_and_arm(text: str, want: list) -> None:
    assert _r11_outs(text) == sorted(want, key=str)


def test_rule17_outcomes_carry_the_time_point_in_the_target() -> None:
    targets = [o.target or "" for o in rec("Methods. We enrolled 20 patients. Results. Complete remission was achieved "
                                           "in 12 patients at 6 months and 16 at 12 months.").outcomes]
    assert any("12 months" in t for t in targets), targets


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 60 patients. Results. At 6 months, 20 patients in the tofacitinib arm and 8 in the placebo "
     "arm achieved ACR20.", [("response", 8), ("response", 20)]),
    ("Methods. We enrolled 60 patients. Results. 20 (40%) in the upadacitinib group versus 8 (16%) in the placebo group "
     "reached remission.", [("complete_remission", 8), ("complete_remission", 20)]),
    ("Methods. We enrolled 60 patients. Results. 20 patients on methotrexate achieved remission.", [("complete_remission", 20)]),
])
def test_rule17_counts_per_arm_before_the_verb(text: str, want: list) -> None:
    assert _r11_outs(text) == sorted(want, key=str)


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 20 patients. Results. At 6 months, 8 patients were in remission; at 12 months, 11.",
     [("complete_remission", 8), ("complete_remission", 11)]),
    ("Methods. We enrolled 20 patients. Results. 8 patients flared; in the second year, 3.", [("flare", 8), ("flare", 3)]),
    ("Methods. We enrolled 20 patients. Results. 8 patients were in remission; at 12 months, 11 had relapsed.",
     [("complete_remission", 8), ("flare", 11)]),
])
def test_rule17_gapped_time_point_after_a_semicolon(text: str, want: list) -> None:
    assert _r11_outs(text) == sorted(want, key=str)


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 20 patients. Results. Remission rates were 40% at 6 months and 55% at 12 months.",
     [("complete_remission", 8), ("complete_remission", 11)]),
    ("Methods. We enrolled 20 patients. Results. Response rates were 40% at week 12, 55% at week 24 and 60% at week 52.",
     [("response", 8), ("response", 11), ("response", 12)]),
    ("Results. Remission rates were 40% at 6 months and 55% at 12 months.",
     [("complete_remission", None), ("complete_remission", None)]),
])
def test_rule17_rates_per_time_point_of_the_cohort(text: str, want: list) -> None:
    assert _r11_outs(text) == sorted(want, key=str)


def _r11_stat(text: str) -> list[tuple]:
    return [(s.value, s.statistic, s.sd, s.iqr, s.range) for s in rec(text).scores]


@pytest.mark.parametrize(("text", "want"), [
    ("Results. BASDAI 5.2 ± 1.3 at baseline.", (5.2, "mean", 1.3, None, None)),
    ("Results. Mean BASDAI was 5.2 (SD 1.3) at baseline.", (5.2, "mean", 1.3, None, None)),
    ("Results. The BASDAI was 5.2 at baseline.", (5.2, "mean", None, None, None)),
    ("Results. At baseline the BASDAI was 5.2 (3.1–7.4).", (5.2, "median", None, None, None)),
    ("Results. At baseline the BASDAI was 5.2 [3.1-7.4].", (5.2, "median", None, None, None)),
    ("Results. At baseline the median BASDAI was 5.2 (range 3.1–7.4).", (5.2, "median", None, None, [3.1, 7.4])),
    ("Results. At baseline the median BASDAI was 5.2 (IQR 3.1–7.4).", (5.2, "median", None, [3.1, 7.4], None)),
    ("Results. SLEDAI-2K at baseline: median 8, IQR 6–12.", (8.0, "median", None, [6.0, 12.0], None)),
    ("Results. SLEDAI-2K at baseline: median 8, range 2-20.", (8.0, "median", None, None, [2.0, 20.0])),
    ("Results. ESSDAI at baseline was 9,5 ± 3,2.", (9.5, "mean", 3.2, None, None)),
])
def test_rule19_unlabelled_statistics(text: str, want: tuple) -> None:
    assert _r11_stat(text) == [want]


def test_rule19_a_bracketed_time_point_is_no_spread() -> None:
    assert [(v, s) for v, s, *_ in _r11_stat("Results. CLASI score improved from 17 [T0] to 8 [T5].")] == [(17.0, "mean"), (8.0, "mean")]


@pytest.mark.parametrize("text", [
    "Background. Remission is achieved in less than half of patients with lupus nephritis. Methods. We studied 40 patients.",
    "Methods. The primary endpoint was the proportion of patients achieving LLDAS at week 52.",
    "Methods. Response was defined as a reduction of at least 50% in proteinuria.",
    "Methods. We included patients who had achieved remission on methotrexate.",
    "Results. Patients who achieved remission had lower baseline CRP (p=0.01).",
    "Results. Failure to achieve remission was associated with male sex (OR 2.1).",
    "Results. Predictors of relapse were high ESR and low C3.",
    "Results. Previous flares were reported in 12 patients.",
    "Results. 30 patients were in remission at baseline.",
    "Objective. To evaluate whether tocilizumab induces remission in GCA.",
    "Results. The median time to remission was 6 months.",
])
def test_rule11_background_definitions_groups_predictors_and_history_give_no_outcome(text: str) -> None:
    assert _r11_outs(text) == []


def test_rule11_a_group_that_reached_an_outcome_keeps_its_count() -> None:
    assert _r11_outs("Methods. We enrolled 40 patients. Results. Twelve patients who achieved remission at week 24 "
                     "remained in remission at week 52.") != []


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 20 patients. Results. The remission rate was 40%.", [("complete_remission", 8)]),
    ("Methods. We enrolled 20 patients. Results. The remission rate at week 24 was 40%.", [("complete_remission", 8)]),
    ("Results. The remission rate was 40%.", [("complete_remission", None)]),
    ("Methods. We enrolled 20 patients. Results. The remission rate was 33%.", [("complete_remission", None)]),
])
def test_rule11_a_rate_of_the_cohort_counts_by_the_percentage_rule(text: str, want: list) -> None:
    assert _r11_outs(text) == want


@pytest.mark.parametrize(("text", "kind"), [
    ("Results. The 6-minute walk distance increased from 320 to 410 m.", "improvement"),
    ("Results. Mean DLCO increased from 45% to 52%.", "improvement"),
    ("Results. FVC declined from 78% to 70% predicted.", "worsening"),
    ("Results. Proteinuria decreased from 3.2 to 0.4 g/day.", "improvement"),
    ("Results. The mean number of digital ulcers decreased from 3.4 to 0.8 per patient.", "improvement"),
])
def test_rule10_a_measurement_without_instrument_is_an_outcome_not_a_score(text: str, kind: str) -> None:
    r = rec(text)
    assert r.scores == [] and [o.kind for o in r.outcomes] == [kind]


@pytest.mark.parametrize(("text", "want"), [
    ("Results. In responders, mean BASDAI was 2.1 at week 12; in non-responders, 5.4.",
     [("BASDAI", 2.1, "week 12", "responders"), ("BASDAI", 5.4, "week 12", "non-responders")]),
    ("Results. Mean BASDAI was 2.1 in responders and 5.4 in non-responders.",
     [("BASDAI", 2.1, None, "responders"), ("BASDAI", 5.4, None, "non-responders")]),
    ("Results. Mean DAS28 was 3.1; in patients with erosions, 3.9.",
     [("DAS28", 3.1, None, None), ("DAS28", 3.9, None, "patients with erosions")]),
])
def test_rule17_a_group_value_with_the_rest_elided_is_its_own_item(text: str, want: list) -> None:
    assert _r11_scores(text) == sorted(want, key=str)


@pytest.mark.parametrize(("text", "want"), [
    ("Results. Mean ESSDAI scores were 8.1, 6.2 and 4.3 at months 0, 6 and 12.",
     [("ESSDAI", 8.1, "month 0", None), ("ESSDAI", 6.2, "month 6", None), ("ESSDAI", 4.3, "month 12", None)]),
    ("Results. Mean ESSDAI scores at months 0, 6 and 12 were 8.1, 6.2 and 4.3.",
     [("ESSDAI", 8.1, "month 0", None), ("ESSDAI", 6.2, "month 6", None), ("ESSDAI", 4.3, "month 12", None)]),
])
def test_rule17_time_points_listed_after_their_unit_order_the_values(text: str, want: list) -> None:
    assert _r11_scores(text) == sorted(want, key=str)


def test_rule10_a_value_written_before_its_instrument() -> None:
    assert _r11_scores("Results. Patients had a mean of 5.2 on the BASDAI at baseline.") == [("BASDAI", 5.2, "baseline", None)]


def test_rule10_a_scale_value_in_millimetres_before_to_keeps_the_next_value() -> None:
    assert _r11_scores("Results. Pain VAS decreased from 62 mm to 25 mm at 3 months.") == \
        sorted([("VAS", 62.0, "baseline", None), ("VAS", 25.0, "3 months", None)], key=str)


@pytest.mark.parametrize(("text", "kind"), [
    ("There was no case of death during follow-up.", "death"),
    ("No patient experienced disease relapse.", "flare"),
    ("None relapsed during the 2-year follow-up.", "flare"),
    ("Zero deaths occurred.", "death"),
    ("Mortality was 0%.", "death"),
])
def test_rule15_more_wordings_of_an_absent_event(text: str, kind: str) -> None:
    assert _r11_outs("Methods. We studied 20 patients. Results. " + text) == [(kind, 0)]


def test_rule11_a_dose_reached_before_the_count_is_tapering_of_that_count() -> None:
    assert _r11_outs("Methods. We studied 20 patients. Results. Prednisone could be reduced to ≤5 mg/day in 12 "
                     "patients.") == [("glucocorticoid_tapering", 12)]


@pytest.mark.parametrize("text", [
    "A BVAS of 0 was reached by 14 patients.",
    "At 6 months, 14 patients achieved a BVAS of 0.",
    "BVAS=0 was achieved in 14 patients at month 6.",
])
def test_rule11_a_score_target_reached_is_a_response_not_a_score(text: str) -> None:
    r = rec("Methods. We studied 20 patients. Results. " + text)
    assert r.scores == [] and [(o.kind, o.n) for o in r.outcomes] == [("response", 14)]


def test_rule10_a_cohort_score_of_zero_stays_a_score() -> None:
    assert _r11_scores("Methods. We studied 20 patients. Results. Mean BVAS was 0 at 6 months.") == [("BVAS", 0.0, "6 months", None)]


@pytest.mark.parametrize(("text", "want"), [
    ("The proportion of patients in remission was 35% (7/20) at 6 months.", [("complete_remission", 7)]),
    ("Clinical response was observed in 15 of the 20 patients (75%) at 3 months and in 17 (85%) at 6 months.",
     [("response", 15), ("response", 17)]),
    ("Six patients relapsed after rituximab withdrawal.", [("flare", 6)]),
])
def test_rule11_shares_bases_and_a_stopping_that_dates_another_event(text: str, want: list) -> None:
    assert _r11_outs("Methods. We studied 60 patients. Results. " + text) == sorted(want, key=str)


def test_rule11_a_stopping_followed_by_an_event_is_no_discontinuation() -> None:
    assert _r11_outs("Methods. We studied 60 patients. Results. Rituximab withdrawal was followed by a flare in six "
                     "patients.") == [("flare", 6)]
    assert ("discontinuation", 5) in _r11_outs("Methods. We studied 60 patients. Results. Rituximab was withdrawn in 5 "
                                               "patients because of infections.")


@pytest.mark.parametrize("text", [
    "Results. CLASI activity/damage scores were 14/3 at baseline.",
    "Results. CLASI (activity/damage) was 14/3 at baseline.",
])
def test_rule16_split_forms_written_with_a_slash_are_two_instruments(text: str) -> None:
    assert _r11_scores(text) == sorted([("CLASI-A", 14.0, "baseline", None), ("CLASI-D", 3.0, "baseline", None)], key=str)


@pytest.mark.parametrize("text", [
    "Results. CLASI (activity/damage) was 14/3 at baseline and 5/3 at 6 months.",
    "Results. CLASI activity/damage scores fell from 14/3 at baseline to 5/3 at 6 months.",
])
def test_rule17_split_pairs_at_two_time_points(text: str) -> None:
    assert _r11_scores(text) == sorted([("CLASI-A", 14.0, "baseline", None), ("CLASI-D", 3.0, "baseline", None),
                                        ("CLASI-A", 5.0, "6 months", None), ("CLASI-D", 3.0, "6 months", None)], key=str)
# --- round 11: spec rules 7, 12, 14 (treatments, adverse events, arms; convention 1) ---
def _r11_roles(text: str) -> dict:
    return {t.name: (t.role, t.n) for t in rec(text).treatments}


@pytest.mark.parametrize("text", [
    "Methods: We retrospectively reviewed 120 patients with GCA followed at our centre. Results: All received "
    "glucocorticoids, 40 received methotrexate and 15 tocilizumab.",
    "Methods: We retrospectively reviewed 120 patients with GCA. Results: All patients received glucocorticoids; "
    "methotrexate was given to 40 and tocilizumab to 15.",
    "Patients and methods. A cohort of 120 GCA patients. Results. Glucocorticoids were given to 120 patients, "
    "methotrexate to 40 and tocilizumab to 15.",
    # a gapped count after a verb whose own object is "all patients"
    "Patients and methods. A cohort of 120 GCA patients. Results. Glucocorticoids were given to all patients, "
    "methotrexate to 40 and tocilizumab to 15.",
])
def test_rule7_convention1_an_abstract_opening_with_methods_studies_the_cohort_treatments(text: str) -> None:
    # no aim names a drug: the cohort's treatments are its exposure (study), each with its own count
    r = _r11_roles(text)
    assert r.get("glucocorticoids") == ("study", 120) and r.get("methotrexate") == ("study", 40) \
        and r.get("tocilizumab") == ("study", 15), r


def test_rule7_an_abstract_opening_with_methods_keeps_the_drug_its_cohort_is_defined_by() -> None:
    r = _r11_roles("Methods. We followed 40 adults with lupus given belimumab. Results. 25% received hydroxychloroquine.")
    assert r.get("belimumab", ("?",))[0] == "study" and r.get("hydroxychloroquine") == ("concomitant", 10), r


@pytest.mark.parametrize("text", [
    "Objective: to identify predictors of relapse in 200 patients with AAV. Results: Relapse was associated with "
    "rituximab maintenance and a lower glucocorticoid dose (p = 0.01).",
    "Methods: We studied 150 patients with SLE. Results: In multivariable analysis, hydroxychloroquine use was "
    "associated with fewer flares (OR 0.4).",
    "Methods: We studied 150 patients with SLE. Results: Flares were independently predicted by low complement and "
    "by azathioprine use (HR 2.1).",
    "Methods: We studied 150 patients with SLE. Results: The model used age, HDL cholesterol and methylprednisolone "
    "dose for the prediction of carotid plaque.",
])
def test_rule7_convention1_a_drug_named_only_as_a_predictor_gives_nothing(text: str) -> None:
    assert _r11_roles(text) == {}, _r11_roles(text)


def test_rule7_convention1_a_predictor_drug_counted_on_patients_is_kept() -> None:
    r = _r11_roles("Methods: We studied 150 patients with SLE. Results: Hydroxychloroquine was taken by 120 patients. "
               "Hydroxychloroquine use was associated with fewer flares (OR 0.4).")
    assert r == {"hydroxychloroquine": ("study", 120)}, r


def test_rule7_background_drug_named_as_a_predictor_stays_concomitant_when_a_drug_is_studied() -> None:
    r = _r11_roles("Objective: To evaluate belimumab in 50 patients with SLE. Results: Response to belimumab was "
               "associated with a higher glucocorticoid dose at baseline.")
    assert r.get("belimumab", ("?",))[0] == "study" and r.get("glucocorticoids", ("?",))[0] == "concomitant", r


@pytest.mark.parametrize("text, expect", [
    ("Methods: In a double-blind trial, 80 patients received either anakinra (n = 42) or placebo (n = 38).",
     {"anakinra": ("study", 42), "placebo": ("comparator", 38)}),
    ("Methods: Patients were randomized 2:1 to receive upadacitinib 15 mg daily (n = 200) or adalimumab 40 mg every "
     "other week (n = 100).", {"upadacitinib": ("study", 200), "adalimumab": ("comparator", 100)}),
    ("Methods. A total of 90 patients were randomised to secukinumab (45 patients) versus placebo (45 patients).",
     {"secukinumab": ("study", 45), "placebo": ("comparator", 45)}),
    ("Methods: Sixty patients were randomised into two groups: the denosumab group (n=30) and the zoledronic acid "
     "group (n=30).", {"denosumab": ("study", 30), "zoledronic acid": ("comparator", 30)}),
    # the combination arm's size is the added drug's; the drug given alone is the comparator
    ("Methods: Patients were randomized to receive abatacept plus methotrexate (n = 50) or methotrexate alone "
     "(n = 48).", {"abatacept": ("study", 50), "methotrexate": ("comparator", 48)}),
    # sizes told before the labelled groups; standard care as the control arm
    ("Methods. A randomised controlled trial: 34 patients were allocated to the intervention group (colchicine) and "
     "33 to the control group (standard care).", {"colchicine": ("study", 34), "standard of care": ("comparator", 33)}),
    # sizes told after the group names, the second with its verb gapped
    ("Methods: In this randomized trial, the etanercept group comprised 52 patients and the placebo group 50 "
     "patients.", {"etanercept": ("study", 52), "placebo": ("comparator", 50)}),
])
def test_rule14_arms_study_and_comparator_with_their_sizes(text: str, expect: dict) -> None:
    r = _r11_roles(text)
    assert {k: r.get(k) for k in expect} == expect, r


def test_rule14_a_background_drug_of_every_arm_is_concomitant() -> None:
    r = _r11_roles("Methods: 100 patients were randomised 1:1 to baricitinib 4 mg or placebo on background methotrexate.")
    assert r.get("baricitinib", ("?",))[0] == "study" and r.get("placebo", ("?",))[0] == "comparator" \
        and r.get("methotrexate") == ("concomitant", 100), r


@pytest.mark.xfail(strict=True, reason="an observational comparison of two treated groups keeps the second as concomitant")
def test_rule14_the_group_compared_with_is_the_comparator() -> None:
    r = _r11_roles("Methods: We compared 45 patients treated with tocilizumab with 40 patients treated with "
               "glucocorticoids alone.")
    assert r.get("tocilizumab") == ("study", 45) and r.get("glucocorticoids") == ("comparator", 40), r


_R11_COHORT = "Methods: 40 patients with RA received tofacitinib. Results: "


def _r11_aes(text: str) -> dict:
    return {a.name: (a.n, a.serious) for a in rec(_R11_COHORT + text).adverse_events}


@pytest.mark.parametrize("text, expect", [
    ("Adverse events were reported in 10 patients: nausea (4), headache (3) and rash (3).",
     {"nausea": (4, None), "headache": (3, None), "rash": (3, None)}),
    ("Side effects included nausea (n=4), alopecia (n=2) and hypertension (n=1).",
     {"nausea": (4, None), "alopecia": (2, None), "hypertension": (1, None)}),
    ("Upper respiratory tract infections were reported in 12 of 40 patients (30%).",
     {"upper respiratory tract infections": (12, None)}),
    ("Herpes zoster was observed in 5% of patients.", {"herpes zoster": (2, None)}),
    # a count with its share between it and the noun
    ("Injection-site reactions were reported by 7 (17.5%) patients, all mild.", {"injection-site reactions": (7, None)}),
    ("Among them, 4 experienced injection site reactions and one developed a serious anaphylactic reaction.",
     {"injection site reactions": (4, None), "anaphylactic reaction": (1, True)}),
])
def test_rule12_each_named_event_with_its_count(text: str, expect: dict) -> None:
    assert _r11_aes(text) == expect, _r11_aes(text)


def test_rule12_uncounted_serious_adverse_events_give_way_to_the_named_events() -> None:
    a = _r11_aes("Serious adverse events included one case of pneumonia and one of pulmonary embolism.")
    assert a == {"pneumonia": (1, True), "pulmonary embolism": (1, True)}, a


def test_rule12_a_counted_serious_adverse_event_beside_its_named_events_is_kept() -> None:
    a = _r11_aes("During follow-up, two patients experienced a serious adverse event (myocardial infarction and stroke).")
    assert a.get("serious adverse event") == (2, True) and "myocardial infarction" in a and "stroke" in a, a


@pytest.mark.parametrize("text", [
    "No patient had an infusion reaction. There were no deaths.",
    "No serious adverse events were recorded.",
    "No cases of herpes zoster, tuberculosis or malignancy were observed.",
    "Neither thrombosis nor major cardiovascular events were reported.",
    "Tuberculosis was not observed during follow-up.",
    "None of the patients developed an infusion reaction.",
    "Nobody developed tuberculosis.",
    "Not a single patient had herpes zoster.",
    "The drug was well tolerated: no infections or cytopenias occurred.",
])
def test_rule12_absent_events_give_nothing(text: str) -> None:
    assert _r11_aes(text) == {}, _r11_aes(text)


@pytest.mark.parametrize("text", [
    "Comorbidities included hypertension (n = 12) and diabetes (n = 5).",
    "Ten patients had previously stopped adalimumab because of injection-site reactions.",
    "Serious infections were a risk factor for death (HR 3.2).",
    "Rates of malignancy were similar to those reported in the general population.",
])
def test_rule12_comorbidities_history_and_predictors_are_no_events(text: str) -> None:
    assert _r11_aes(text) == {}, _r11_aes(text)


def test_rule12_background_events_give_nothing() -> None:
    r = rec("Background: Tofacitinib increases the risk of herpes zoster. Methods: 40 patients with RA received "
            "tofacitinib. Results: The drug was safe.")
    assert r.adverse_events == [], r.adverse_events


@pytest.mark.xfail(strict=True, reason="an event named in a results sentence with no safety word stays a manifestation")
def test_rule12_an_event_occurring_under_treatment_is_an_adverse_event() -> None:
    assert _r11_aes("Transient neutropenia occurred in 3 patients and resolved without treatment discontinuation.") == {
        "transient neutropenia": (3, None)}


_R11_AIM = "Objective: To evaluate the efficacy of secukinumab (SEC) in 40 patients with psoriatic arthritis.\nResults: "


@pytest.mark.parametrize("text, name, expect", [
    ("Fifteen had previously received ustekinumab.", "ustekinumab", ("previous", 15)),
    ("Twelve patients had failed at least one TNF-alpha inhibitor.", "tumor necrosis factor inhibitors", ("previous", 12)),
    ("Eighteen were biologic-naive and 22 had been exposed to ≥1 bDMARD.",
     "biological disease-modifying antirheumatic drugs", ("previous", 22)),
    ("Prior therapies included methotrexate (MTX; n = 30) and leflunomide (n = 8).", "methotrexate", ("previous", 30)),
    ("Prior therapies included methotrexate (MTX; n = 30) and leflunomide (n = 8).", "leflunomide", ("previous", 8)),
    ("A history of anti-TNF therapy was present in 14 patients.", "tumor necrosis factor inhibitors", ("previous", 14)),
    ("Ten patients (25%) were switched from etanercept to SEC because of inefficacy.", "etanercept", ("previous", 10)),
    ("Fourteen patients (35%) had discontinued infliximab due to secondary failure.", "infliximab", ("previous", 14)),
    ("Twenty patients were taking NSAIDs and 10 were on low-dose prednisone.", "nonsteroidal anti-inflammatory drugs",
     ("concomitant", 20)),
    ("Twenty patients were taking NSAIDs and 10 were on low-dose prednisone.", "prednisone", ("concomitant", 10)),
    ("Concomitant csDMARDs were used by 18 patients (45%).",
     "conventional synthetic disease-modifying antirheumatic drugs", ("concomitant", 18)),
    ("Sulfasalazine (SSZ) was co-prescribed in 6 patients.", "sulfasalazine", ("concomitant", 6)),
    ("Six patients received IVIg and 3 received rituximab (RTX).", "intravenous immunoglobulin", ("concomitant", 6)),
    ("Patients were also on CsA (n=4) and tacrolimus (n=2).", "cyclosporine", ("concomitant", 4)),
    ("Ten patients were on oral steroids and 8 on anti-TNF agents previously.", "tumor necrosis factor inhibitors",
     ("previous", 8)),
    ("Ten patients were on oral steroids and 8 on anti-TNF agents previously.", "glucocorticoids", ("concomitant", 10)),
    ("Twelve patients had received rituximab in the past.", "rituximab", ("previous", 12)),
    ("Twelve patients had previously received JAKi.", "janus kinase inhibitors", ("previous", 12)),
    ("Eight were on low-dose aspirin and 6 on statins.", "statins", ("concomitant", 6)),
    ("Five were on MTX+HCQ.", "hydroxychloroquine", ("concomitant", 5)),
    ("Twelve were on MTX or HCQ.", "hydroxychloroquine", ("concomitant", None)),
])
def test_rule7_previous_and_concomitant_roles_with_generic_lower_case_names(text: str, name: str, expect: tuple) -> None:
    r = _r11_roles(_R11_AIM + text)
    assert r.get(name) == expect and r.get("secukinumab", ("?",))[0] == "study", r


@pytest.mark.parametrize("text", [
    "Background: TNF inhibitors and IL-17 inhibitors are widely used in axial spondyloarthritis.\nObjective: To "
    "assess secukinumab in 40 patients.\nResults: Secukinumab was given to all patients.",
    "Objective: To assess secukinumab in 40 patients with axial spondyloarthritis.\nMethods: Patients previously "
    "exposed to more than two biologics were excluded.\nResults: Secukinumab was given to all patients.",
])
def test_rule7_background_and_eligibility_drugs_give_nothing(text: str) -> None:
    assert set(_r11_roles(text)) == {"secukinumab"}, _r11_roles(text)


def test_rule12_counted_events_in_a_bracket_are_the_items_not_the_word_before_them() -> None:
    a = _r11_aes("Adverse events were rare and included skin reactions (one case of herpes zoster infection and one case "
                 "of urticaria).")
    assert a == {"herpes zoster": (1, None), "urticaria": (1, None)}, a


@pytest.mark.parametrize("text, name", [
    ("Two patients developed a herpes zoster infection.", "herpes zoster"),
    ("Adverse events: herpes zoster infection occurred in 2 patients.", "herpes zoster"),
])
def test_rule12_an_event_and_its_head_word_are_one_event(text: str, name: str) -> None:
    a = _r11_aes(text)
    assert list(a) == [name] and a[name][0] == 2, a


@pytest.mark.parametrize("text, expect", [
    ("We describe 15 patients with GCA. All received glucocorticoids, and 5 received tocilizumab.",
     {"glucocorticoids": ("study", 15), "tocilizumab": ("study", 5)}),
    ("We retrospectively studied 60 patients with Takayasu arteritis seen between 2010 and 2020. Glucocorticoids were "
     "given to 55 patients, methotrexate to 20 and infliximab to 8.",
     {"glucocorticoids": ("study", 55), "methotrexate": ("study", 20), "infliximab": ("study", 8)}),
    ("Registry data of 300 SLE patients were analysed. Hydroxychloroquine was used by 250 patients and azathioprine "
     "by 60.", {"hydroxychloroquine": ("study", 250), "azathioprine": ("study", 60)}),
])
def test_rule7_convention1_an_unheaded_cohort_counting_its_treatments_studies_them(text: str, expect: dict) -> None:
    assert _r11_roles(text) == expect, _r11_roles(text)


def test_rule7_an_unheaded_cohort_of_one_drug_keeps_the_others_concomitant() -> None:
    r = _r11_roles("We describe 15 patients with GCA treated with tocilizumab. All received glucocorticoids, and 5 "
                   "received methotrexate.")
    assert r == {"tocilizumab": ("study", 15), "glucocorticoids": ("concomitant", 15),
                 "methotrexate": ("concomitant", 5)}, r


def test_rule7_an_unheaded_opening_that_counts_patients_in_words_is_the_studys_own() -> None:
    r = _r11_roles("Abatacept in giant cell arteritis.\nTwelve patients were on methotrexate at entry. We treated 20 "
                   "patients with abatacept.")
    assert r.get("abatacept", ("?",))[0] == "study" and r.get("methotrexate", ("?",))[0] == "concomitant", r
# --- round 11: spec rules 1, 8, 9, 18 (manifestations, lab findings) ---


def _labs11(text: str) -> dict:
    return {(lab.name.lower(), lab.result): lab.n for lab in rec(text).lab_findings}


def _manifs11(text: str) -> dict:
    return {m.name: (m.n, m.status) for m in rec(text).manifestations}


@pytest.mark.parametrize("text", [
    "Methods. Patients with positive anti-dsDNA antibodies were included (n = 40). Results. SRI-4 response was achieved in 20.",
    "Methods. We included 40 seropositive RA patients (RF and/or ACPA positive). Results. DAS28 improved in 30.",
])
def test_rule1_a_lab_that_defines_the_cohort_is_no_lab_finding(text: str) -> None:
    got = _labs11(text)
    assert not got, got


@pytest.mark.parametrize("text", [
    "Methods. We designed a cohort of anti-MDA5 positive patients. Results. A total of 90 anti-MDA5 positive "
    "patients were included. Eighty-one (90%) presented ILD.",
    "Results. Seventy anti-Jo1 positive patients were enrolled; 40 (57%) had arthritis.",
])
def test_rule1_a_lab_counted_as_the_whole_cohort_is_no_finding(text: str) -> None:
    got = _labs11(text)
    assert not got, got


@pytest.mark.parametrize("text, key, n", [
    ("Methods. We enrolled 30 patients with SLE. Results. Anti-dsDNA antibodies were positive in 20 patients and 15 had low C3.",
     ("anti-dsdna antibodies", "positive"), 20),
    ("Methods. We enrolled 30 patients with SLE. Results. At baseline, 25 (83%) patients were ANA positive.", ("ana", "positive"), 25),
    ("Methods. We enrolled 30 patients with SLE. Results. Anti-Ro/SSA antibodies were detected in 40% of patients.",
     ("anti-ro/ssa antibodies", "positive"), 12),
    ("Methods. We studied 60 patients with RA. Results. RF was positive in 40/60 (66.7%) and ACPA in 45/60 (75%).",
     ("acpa", "positive"), 45),
    ("Methods. We studied 60 patients with RA. Results. Forty-two (70%) patients were seropositive for rheumatoid factor.",
     ("rheumatoid factor", "positive"), 42),
    ("Results. Of the 90 anti-MDA5 positive patients included, 30 were also positive for anti-Ro52.", ("anti-ro52", "positive"), 30),
])
def test_rule9_a_counted_baseline_lab_is_a_finding_with_result_and_n(text: str, key: tuple, n: int) -> None:
    got = _labs11(text)
    assert got.get(key) == n, got


@pytest.mark.parametrize("text", [
    "Methods. We studied 60 patients with RA. Results. Patients with elevated CRP at baseline had a higher risk of relapse.",
    "Methods. We studied 60 patients with RA. Results. ACPA positivity was associated with erosions (OR 3.1).",
    "Methods. We studied 90 SLE patients. Results. Low C3 was associated with flares, and anti-dsDNA positivity predicted "
    "renal involvement.",
    "Methods. We studied 100 patients with axSpA. Results. HLA-B27 positivity and elevated CRP were predictors of response.",
    "Methods. We studied 70 patients with myositis. Results. Anti-MDA5 positive patients were more likely to die.",
])
def test_rule18_a_lab_named_only_as_a_predictor_is_no_finding(text: str) -> None:
    got = _labs11(text)
    assert not got, got


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 30 patients with SLE. Results. ESR improved in 100% of the patients and CRP normalised in 20.",
    "Methods. We enrolled 30 patients with SLE. Results. After 6 months, anti-dsDNA titres decreased in 15 patients.",
    "Methods. We enrolled 30 patients with SLE. Results. Complement levels normalised in 10 patients after treatment.",
])
def test_rule9_a_lab_change_under_treatment_is_an_outcome_not_a_finding(text: str) -> None:
    r = rec(text)
    assert not r.lab_findings, r.lab_findings
    assert r.outcomes, "the change is an outcome"


@pytest.mark.parametrize("text, want", [
    ("Methods. We enrolled 30 patients with SLE. Results. Four patients presented with cutaneous involvement: acute "
     "cutaneous lupus (n=2) and discoid lupus (n=2).",
     {"cutaneous involvement": 4, "acute cutaneous lupus": 2, "discoid lupus": 2}),
    ("Methods. We enrolled 30 patients with SLE. Results. Serosal involvement (pleural effusion [n=1] and pericarditis "
     "[n=2]) was found.", {"pleural effusion": 1, "pericarditis": 2}),
    ("Methods. We enrolled 30 patients with SLE. Results. Serosal involvement (pleural effusion, 1 pt; pericarditis, 2 pts) "
     "was found.", {"pleural effusion": 1, "pericarditis": 2}),
    ("Methods. We enrolled 30 patients with SLE. Results. Neuropsychiatric involvement: seizures in 2 patients and "
     "psychosis in 1.", {"seizures": 2, "psychosis": 1}),
    ("Methods. We enrolled 30 patients with SLE. Results. Hematologic involvement was found in 9: leukopenia (5 pts) and "
     "thrombocytopenia (4 pts).", {"hematologic involvement": 9, "leukopenia": 5, "thrombocytopenia": 4}),
    ("Methods. We enrolled 30 patients with SLE. Results. Mucocutaneous involvement, including oral ulcers (n = 5) and "
     "alopecia (n = 3), was common.", {"oral ulcers": 5, "alopecia": 3}),
    ("Methods. We enrolled 30 patients with SLE. Results. Manifestations were articular (3 pts), cutaneous (5 pts) and "
     "renal (2 pts).", {"articular involvement": 3, "cutaneous involvement": 5, "renal involvement": 2}),
    ("Methods. We enrolled 30 patients with SLE. Results. Hematologic involvement (leukopenia-lymphopenia) was present in "
     "8 patients.", {"leukopenia-lymphopenia": 8}),
])
def test_rule8_a_domain_with_its_parts_gives_the_parts_each_with_its_count(text: str, want: dict) -> None:
    got = {k: v[0] for k, v in _manifs11(text).items()}
    assert got == want, got


@pytest.mark.parametrize("text, name, n", [
    ("Methods. We treated 10 SLE patients with baricitinib. Results. Improvement of alopecia was seen in the 2 patients "
     "who suffered it.", "alopecia", 2),
    ("Methods. We treated 10 SLE patients with baricitinib. Results. Oral ulcers resolved in 5 of 6 patients.", "oral ulcers", 6),
    ("Methods. We treated 12 SLE patients with anifrolumab. Results. Thrombocytopenia normalised in two of the three "
     "patients affected.", "thrombocytopenia", 3),
    ("Methods. We treated 12 SLE patients with anifrolumab. Results. Arthritis improved in 8/9 patients.", "arthritis", 9),
    ("Methods. We treated 12 SLE patients with anifrolumab. Results. Alopecia completely resolved in 3 out of 4 patients "
     "with it.", "alopecia", 4),
    ("Methods. We treated 12 SLE patients with anifrolumab. Results. Of the 6 patients with arthritis, 5 improved.", "arthritis", 6),
])
def test_rule8_a_manifestation_only_named_as_an_outcome_is_also_a_current_manifestation(text: str, name: str, n: int) -> None:
    r = rec(text)
    got = {m.name: (m.n, m.status) for m in r.manifestations}
    assert got.get(name) == (n, "current"), got
    assert r.outcomes, "and the outcome"


def test_rule8_a_count_of_patients_with_a_manifestation_stays_the_numerator() -> None:
    got = _manifs11("Methods. We treated 12 SLE patients with anifrolumab. Results. Skin rash was present in 9 of 12 patients.")
    assert got.get("skin rash") == (9, "current"), got


@pytest.mark.parametrize("text, want", [
    ("Methods. We enrolled 30 patients with SLE. Results. Eight patients had a history of lupus nephritis and 12 had active "
     "arthritis.", {"lupus nephritis": (8, "previous"), "arthritis": (12, "current")}),
    ("Methods. We enrolled 30 patients with SLE. Results. Previous pericarditis was reported in 4 patients; current arthritis "
     "in 10.", {"pericarditis": (4, "previous"), "arthritis": (10, "current")}),
    ("Methods. We enrolled 30 patients with SLE. Results. Five patients had prior episodes of serositis. Nine presented with "
     "malar rash.", {"serositis": (5, "previous"), "malar rash": (9, "current")}),
    ("Methods. We enrolled 30 patients with SLE. Results. Seven had previously experienced seizures.", {"seizures": (7, "previous")}),
    ("Methods. We enrolled 30 patients with SLE. Results. The main reasons for starting belimumab were arthritis (n = 14) and "
     "skin rash (n = 9).", {"arthritis": (14, "current"), "skin rash": (9, "current")}),
])
def test_rule8_history_is_previous_and_baseline_or_reason_for_treatment_is_current(text: str, want: dict) -> None:
    assert _manifs11(text) == want


@pytest.mark.parametrize("text, name, n", [
    ("Methods. We studied 31 patients with SSc. Results. Digital ulcers were present in 90.3% of patients.", "digital ulcers", 28),
    ("Methods. We studied 31 patients with SSc. Results. Arthritis: 12 (38.7%); myositis: 4 (12.9%).", "myositis", 4),
    ("Methods. We studied 31 patients with SSc. Results. 12 (38.7%) had arthritis and 4 (12.9%) myositis.", "myositis", 4),
    ("Methods. We studied 4 patients with SLE. Results. Arthritis was present in 100% of the patients; alopecia in 25%.",
     "alopecia", 1),
    ("Methods. We studied 40 patients with SLE. Results. Two pts had alopecia and all pts had arthritis.", "arthritis", 40),
    ("Methods. We studied 40 patients with SLE. Results. Arthritis was present in all patients, and alopecia in two.",
     "alopecia", 2),
    ("Methods. We studied 100 patients with SSc; 61 patients had sine scleroderma. Results. Among them, 50.8% had digital "
     "ulcers.", "digital ulcers", 31),
    ("Methods. We studied 100 patients with SSc. Results. Sixty-one patients had limited disease. Among these patients, 50.8% "
     "had digital ulcers.", "digital ulcers", 31),
    ("Methods. We studied 100 patients with SSc. Results. Among the 40 patients with ILD, 25% had pulmonary hypertension.",
     "pulmonary hypertension", 10),
])
def test_counting_rules_give_a_manifestation_its_patients(text: str, name: str, n: int) -> None:
    assert _manifs11(text).get(name, (None,))[0] == n, _manifs11(text)


def test_counting_a_share_of_an_unstated_base_gives_no_n() -> None:
    m = _manifs11("Methods. We reviewed patients with SLE. Results. Arthritis was present in 45% and serositis in 12%.")
    assert m == {"arthritis": (None, "current"), "serositis": (None, "current")}, m
    labs = _labs11("Methods. We reviewed patients with SLE. Results. ANA was positive in 95% and anti-dsDNA in 60%.")
    assert labs == {("ana", "positive"): None, ("anti-dsdna", "positive"): None}, labs


@pytest.mark.parametrize("text, key, n", [
    ("Methods. We studied 31 patients with SSc. Results. ANA was positive in 38.7% and anti-Scl-70 in 12.9%.",
     ("anti-scl-70", "positive"), 4),
    ("Methods. We studied 31 patients with SSc. Results. Anti-Scl-70: 4 (12.9%); anti-centromere: 12 (38.7%).",
     ("anti-scl-70", "positive"), 4),
    ("Methods. We studied 40 patients with SLE. Results. Low C3 was found in 22 (55%) and low C4 in 18 (45%).", ("c4", "low"), 18),
    ("Methods. We studied 40 patients with SLE. Results. Low C3 in twenty-two patients.", ("c3", "low"), 22),
])
def test_counting_rules_give_a_lab_finding_its_patients(text: str, key: tuple, n: int) -> None:
    assert _labs11(text).get(key) == n, _labs11(text)


@pytest.mark.parametrize("text, key, n", [
    ("Methods. We studied 60 patients with RA. Results. Anti-CCP antibodies: positive in 38 patients, negative in 22.",
     ("anti-ccp antibodies", "positive"), 38),
    ("Methods. We studied 60 patients with SLE. Results. Renal involvement (n = 6) included proteinuria (n = 4) and "
     "hematuria (n = 2).", ("hematuria", "positive"), 2),
    ("Methods. We studied 60 patients with SLE. Results. Thirty (50%) patients tested positive for anti-dsDNA.",
     ("anti-dsdna", "positive"), 30),
    ("Methods. We studied 60 patients with SLE. Results. Hypocomplementemia was observed in 25 patients (41.7%).",
     ("hypocomplementemia", "low"), 25),
    ("Methods. We studied 60 patients with SLE. Results. Elevated ESR (>20 mm/h) was present in 34 patients.", ("esr", "high"), 34),
])
def test_rule9_lab_findings_in_several_wordings(text: str, key: tuple, n: int) -> None:
    assert _labs11(text).get(key) == n, _labs11(text)


@pytest.mark.parametrize("text", [
    "Methods. We studied 60 patients with SLE. Results. Anti-dsDNA antibodies were found in 150 of 400 serum samples.",
    "Methods. We studied 60 patients with SLE. Results. At 180 visits, anti-dsDNA was positive in 90.",
])
def test_rule9_samples_and_visits_are_not_patients(text: str) -> None:
    got = _labs11(text)
    assert got.get(("anti-dsdna antibodies", "positive"), got.get(("anti-dsdna", "positive"))) is None, got


def test_rule1_background_labs_give_nothing() -> None:
    got = _labs11("Background. In SLE, low complement and anti-dsDNA antibodies indicate active disease. Methods. We studied "
                  "60 patients. Results. SLEDAI fell in 30.")
    assert not got, got


@pytest.mark.parametrize("text, manifs, labs", [
    ("A 34-year-old woman with SLE presented with pericarditis and thrombocytopenia. She was treated with rituximab.",
     {"pericarditis": (1, "current"), "thrombocytopenia": (1, "current")}, {}),
    ("Case report. We describe a patient with SLE who developed pericarditis. Anti-dsDNA antibodies were positive and C3 "
     "was low.", {"pericarditis": (1, "current")}, {("anti-dsdna antibodies", "positive"): 1, ("c3", "low"): 1}),
])
def test_counting_the_patient_of_a_case_report_counts_one(text: str, manifs: dict, labs: dict) -> None:
    assert _manifs11(text) == manifs
    assert _labs11(text) == labs


def test_counting_an_uncounted_feature_of_a_cohort_stays_null() -> None:
    assert _manifs11("We describe 25 patients with Still disease. Fever was frequent.") == {"fever": (None, "current")}


@pytest.mark.parametrize("text, want", [
    ("Methods. We studied 26 patients with lupus nephritis. Results. Most (n = 13) patients had pure class IV lesions (pure "
     "class V, n = 1; mixed, n = 2).", {"pure class iv lesions": 13, "pure class v": 1, "mixed": 2}),
    ("Methods. We studied 44 patients with lupus nephritis. Results. Class IV lupus nephritis was found in 30 patients and "
     "class III in 14.", {"class iv lupus nephritis": 30, "class iii": 14}),
    ("Methods. We studied 44 patients with lupus nephritis. Results. Biopsies showed class III (n = 10), class IV (n = 25) and "
     "class V (n = 9).", {"class iii": 10, "class iv": 25, "class v": 9}),
    ("Methods. We studied 44 patients with lupus nephritis. Results. Histological classes were: class III, 10; class IV, 25; "
     "class V, 9.", {"class iii": 10, "class iv": 25, "class v": 9}),
])
def test_rule8_each_counted_biopsy_class_is_a_renal_manifestation(text: str, want: dict) -> None:
    r = rec(text)
    got = {m.name: m.n for m in r.manifestations}
    assert got == want, got
    assert {m.domain for m in r.manifestations} == {"renal"}


@pytest.mark.parametrize("text", [
    "Methods. We studied 40 patients with SSc and pulmonary arterial hypertension. Results. Twenty patients were in WHO "
    "functional class III (n = 20).",
    "Methods. We studied 40 patients with lupus nephritis. Results. Heart failure was NYHA class II in 5 patients.",
    "Background. Class IV lupus nephritis carries the worst prognosis. Methods. We studied 40 patients with SLE.",
])
def test_rule8_another_scale_class_or_background_class_is_no_biopsy_class(text: str) -> None:
    assert not any("class" in m.name for m in rec(text).manifestations)


@pytest.mark.parametrize("text, want", [
    ("Methods. We studied 24 patients with PsA. Results. The mean duration of skin disease was 12.5 years, but all patients "
     "had a shorter articular disease duration.", {}),
    ("Methods. We studied 24 patients with PsA. Results. Median duration of arthritis was 4 years; 12 patients had enthesitis.",
     {"enthesitis": (12, "current")}),
    ("Methods. We studied 24 patients with PsA. Results. At baseline, all patients displayed a moderate cutaneous disease "
     "with a mean PASI of 15.", {"moderate cutaneous disease": (24, "current")}),
])
def test_rule8_a_disease_duration_is_no_manifestation(text: str, want: dict) -> None:
    assert _manifs11(text) == want


def test_rule8_an_onset_of_a_manifestation_is_still_the_manifestation() -> None:
    m = _manifs11("Methods. We studied 24 patients with SLE. Results. Twelve patients had an acute onset of arthritis.")
    assert m == {"arthritis": (12, "current")}, m


@pytest.mark.parametrize("text, want", [
    ("Methods. We studied 100 patients with RA. Results. Hypertension (35%), diabetes mellitus (12%) and dyslipidemia (20%) "
     "were the most frequent comorbid conditions.", {}),
    ("Methods. We studied 100 patients with RA. Results. Associated diseases included hypertension in 35 and hypothyroidism "
     "in 10.", {}),
    ("Methods. We studied 100 patients with RA. Results. Comorbidities: hypertension, 35; diabetes, 12. Extra-articular "
     "manifestations: nodules, 15; ILD, 8.", {"nodules": (15, "current"), "ild": (8, "current")}),
    ("Methods. We studied 100 patients with RA. Results. Interstitial lung disease was present in 40 patients, while "
     "hypertension was the most common comorbidity.", {"interstitial lung disease": (40, "current")}),
])
def test_convention2_a_list_the_text_calls_comorbidities_gives_no_manifestation(text: str, want: dict) -> None:
    assert _manifs11(text) == want


@pytest.mark.parametrize("text, want", [
    ("Methods. We studied 60 patients with RA. Results. 15 patients were negative for both RF and ACPA.",
     {("rf", "negative"): 15, ("acpa", "negative"): 15}),
    ("Methods. We studied 60 patients with RA. Results. Thirty patients were positive for both RF and ACPA.",
     {("rf", "positive"): 30, ("acpa", "positive"): 30}),
])
def test_rule9_a_state_for_both_labs_holds_for_each(text: str, want: dict) -> None:
    assert _labs11(text) == want


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 40 patients with class III or IV lupus nephritis. Results. Complete renal response was achieved in 20.",
    "Methods. Patients with biopsy-proven class III, IV or V LN were eligible (n = 40). Results. Response in 20.",
    "Methods. Forty patients with active class IV LN were randomised. Results. Response in 20.",
    "Methods. We studied 40 patients with lupus nephritis. Results. Patients with class IV had higher proteinuria than those "
    "with class III (p = 0.01).",
    "Methods. We studied 40 patients with lupus nephritis. Results. Response rates were 60% in class IV and 40% in class V.",
])
def test_rule1_rule18_a_biopsy_class_as_inclusion_criterion_or_subgroup_is_no_manifestation(text: str) -> None:
    m = _manifs11(text)
    assert not any("class" in k for k in m), m
# --- round 11: spec rules 4, 5, 6, 13, 19 (age) and convention 3 ---
def _age(text: str) -> dict | None:
    a = rec(text).population.age
    return None if a is None else a.model_dump(exclude={"evidence", "unit"})


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with SLE, mean age 38.2 ± 11.4 years.", {"mean": 38.2, "sd": 11.4}),
    ("Methods. We enrolled 40 patients with SLE; age, 52.3±8.1 years.", {"mean": 52.3, "sd": 8.1}),
    ("Methods. Forty patients with SLE aged 38.2 years were enrolled.", {"mean": 38.2, "sd": None}),
    ("Methods. We enrolled 40 patients with SLE (age 45 (22–70) years).", {"median": 45, "mean": None, "min": None,
                                                                          "max": None, "iqr": None}),
    ("Methods. We enrolled 40 patients with SLE (median age 45, range 22–70 years).", {"median": 45, "min": 22, "max": 70}),
    ("Methods. We enrolled 40 patients with SLE (median age 45 years, IQR 36–55).", {"median": 45, "iqr": [36, 55],
                                                                                     "min": None}),
    ("Methods. We enrolled 40 patients with SLE (median age 45 years [interquartile range 36-55]).",
     {"median": 45, "iqr": [36, 55]}),
    ("Methods. We enrolled 40 patients with SLE (mean age: 44 years [SD 10]).", {"mean": 44, "sd": 10}),
    ("Methods. We enrolled 40 patients with SLE aged 18-65 years.", {"min": 18, "max": 65, "mean": None}),
])
def test_rule_19_unlabelled_age_statistics(text: str, want: dict) -> None:
    got = _age(text)
    assert got is not None and {k: got[k] for k in want} == want, got


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 40 patients with SLE; mean age at diagnosis was 28 years.",
    "Methods. We enrolled 40 patients with SLE; mean age at disease onset 28 ± 5 years.",
    "Methods. Patients aged over 18 years with SLE were eligible. We enrolled 40 patients.",
    "Methods. Adults aged 18 years or older with SLE were enrolled (n = 40).",
])
def test_rule_5_age_at_onset_or_an_age_limit_is_no_age(text: str) -> None:
    assert _age(text) is None


def test_rule_5_age_at_inclusion_beside_age_at_onset() -> None:
    got = _age("Methods. We enrolled 40 patients with SLE; mean age at onset was 28 years and mean age at inclusion "
               "41 years.")
    assert got is not None and got["mean"] == 41, got


def _period(text: str):
    p = rec(text).study.period
    return None if p is None else (p.start, p.end, p.ongoing)


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. Patients seen between January 2015 and December 2019 were included.", ("2015-01", "2019-12", False)),
    ("Methods. We reviewed the charts of patients with RA followed from 2015 to 2019.", ("2015", "2019", False)),
    ("Methods. Patients enrolled since March 2018 in our clinic were included.", ("2018-03", None, True)),
    ("Objective. We aimed to describe patients with gout treated between 2010 and 2020 at our centre.",
     ("2010", "2020", False)),
    ("Background. Since 2010, guidelines have recommended early treatment. Methods. We reviewed 100 patients with RA "
     "seen in 2012-2016.", ("2012", "2016", False)),
])
def test_record_period_is_this_studys_enrolment_window(text: str, want: tuple) -> None:
    assert _period(text) == want


@pytest.mark.parametrize("text", [
    "Background. Since 2010, guidelines have recommended early treatment. Methods. 100 patients with RA were included.",
    "Background. Between 2000 and 2015 the incidence of gout doubled. Methods. We enrolled 100 patients with gout.",
    "Methods. We enrolled 100 patients with gout. Conclusions. Since 2015 our approach has changed.",
])
def test_record_period_outside_this_study_gives_nothing(text: str) -> None:
    assert _period(text) is None


def _conditions(text: str) -> list[str]:
    return [c.name for c in rec(text).population.conditions]


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with early rheumatoid arthritis.", ["rheumatoid arthritis"]),
    ("Methods. Forty patients with early RA were enrolled.", ["rheumatoid arthritis"]),
    ("Methods. We followed 40 patients with early PsA starting guselkumab.", ["psoriatic arthritis"]),
    ("Methods. We enrolled 40 patients with early systemic sclerosis.", ["systemic sclerosis"]),
    ("Methods. We enrolled 40 patients with refractory systemic lupus erythematosus.", ["systemic lupus erythematosus"]),
    ("Methods. We enrolled 40 patients with severe active psoriatic arthritis.", ["psoriatic arthritis"]),
    ("Methods. We enrolled 40 patients with difficult-to-treat rheumatoid arthritis.", ["rheumatoid arthritis"]),
    ("Methods. We enrolled 40 patients with long-standing ankylosing spondylitis.", ["ankylosing spondylitis"]),
])
def test_convention_3_severity_and_stage_qualifiers_are_dropped(text: str, want: list[str]) -> None:
    assert _conditions(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with juvenile idiopathic arthritis.", ["juvenile idiopathic arthritis"]),
    ("Methods. We enrolled 40 patients with primary Sjögren syndrome.", ["primary sjögren's syndrome"]),
    ("Methods. We enrolled 40 patients with knee osteoarthritis.", ["knee osteoarthritis"]),
])
def test_convention_3_a_subtype_stays_with_the_disease(text: str, want: list[str]) -> None:
    assert _conditions(text) == want


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 40 patients with SLE; patients with lupus nephritis were excluded.",
    "Methods. We enrolled 40 patients with SLE. Inclusion criteria were age over 18 and a SLEDAI above 4.",
    "Background. Gout and RA are common. Methods. We enrolled 40 patients with SLE.",
])
def test_convention_3_eligibility_features_and_background_diseases_are_no_conditions(text: str) -> None:
    assert _conditions(text) == ["systemic lupus erythematosus"]


def test_convention_3_an_instrument_named_for_the_disease_does_not_rename_it() -> None:
    r = rec("Methods. We followed 30 patients with early PsA. Disease Activity Index for PsA (DAPSA) and PASI were "
            "recorded every 24 weeks.")
    assert [(c.name, c.abbreviation) for c in r.population.conditions] == [("psoriatic arthritis", "PsA")]


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. In this post hoc analysis of two randomised trials, 300 patients with PsA were studied.",
     "randomized controlled trial"),
    ("Methods. Patients with RA were randomly allocated to drug A or placebo.", "randomized controlled trial"),
    ("Methods. We performed a systematic review and meta-analysis of 12 studies.", "meta-analysis"),
    ("Methods. We performed a systematic review of the literature.", "systematic review"),
    ("Methods. Data were drawn from the national biologics registry; 500 patients with RA were included.", "registry"),
    ("Methods. We describe a series of 12 patients with IgG4-related disease.", "case series"),
    ("Methods. We report on our experience with rituximab in 7 patients with IgG4-related disease.", "case series"),
    ("Methods. We present the case of a 32-year-old man with reactive arthritis.", "case report"),
    ("Methods. This cross-sectional study included 150 patients with gout.", "cross-sectional"),
    ("Methods. In this case-control study, 60 patients with SSc and 60 controls were compared.", "case-control"),
    ("Methods. This is a non-randomized open-label study of 40 patients with SSc.", "non-randomized trial"),
    ("Methods. Patients were not randomized; 40 patients with gout received drug X in an open-label trial.",
     "non-randomized trial"),
    ("Methods. In this phase II single-arm trial, 40 patients with SSc received drug X.", "non-randomized trial"),
    ("Methods. Data were collected prospectively from 80 patients with gout treated with colchicine.",
     "prospective cohort"),
    ("Methods. We retrospectively reviewed the charts of 150 patients with PMR.", "retrospective cohort"),
    ("Methods. We retrospectively reviewed the charts of 8 patients with PMR treated with tocilizumab.", "case series"),
    ("Methods. In this real-life study 150 patients with PsA starting a biologic were enrolled.", "cohort"),
    ("Background. A recent meta-analysis showed benefit of colchicine. Methods. We retrospectively enrolled 40 "
     "patients with gout.", "retrospective cohort"),
    ("Objectives. To describe the outcome of SLE in a large inception cohort. Methods. Patients were enrolled within "
     "a year of diagnosis.", "cohort"),
])
def test_rule_6_design_first_match(text: str, want: str) -> None:
    assert rec(text).study.design == want


@pytest.mark.parametrize("text", [
    "Methods. 150 patients with PsA were enrolled and followed up.",
    "Methods. A questionnaire was sent to 300 patients with fibromyalgia.",
    "Background. Several cohort studies reported an association. Methods. We enrolled 40 patients with gout.",
    "Background. Randomized trials have shown efficacy of drug X. Methods. We enrolled 40 patients with gout.",
])
def test_rule_6_no_design_word_gives_no_design(text: str) -> None:
    assert rec(text).study.design is None


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. This single-centre study enrolled 150 patients with RA.", "single-center"),
    ("Methods. This monocentric study enrolled 150 patients with RA.", "single-center"),
    ("Methods. 150 patients with RA followed at our centre were enrolled.", "single-center"),
    ("Methods. This multicentre study enrolled 150 patients with RA.", "multicenter"),
    ("Methods. 150 patients with RA from 12 centres were enrolled.", "multicenter"),
    ("Methods. 150 patients with RA were enrolled in three Italian centres.", "multicenter"),
    ("Methods. 150 patients with RA were enrolled.", None),
    ("Background. Multicentre trials showed efficacy. Methods. 150 patients with RA were enrolled.", None),
])
def test_rule_6_setting(text: str, want: str | None) -> None:
    assert rec(text).study.setting == want


def _labels(text: str) -> list[str]:
    return [s.label for s in rec(text).sections]


@pytest.mark.parametrize(("text", "want"), [
    ("Objective: To test X.\nMethods: We enrolled 40 patients.\nResults: All improved.\nConclusion: X works.",
     ["background", "methods", "results", "conclusions"]),
    ("AIM: To test X. MATERIALS AND METHODS: We enrolled 40 patients. RESULTS: All improved. CONCLUSIONS: X works.",
     ["background", "methods", "results", "conclusions"]),
    ("Purpose\nTo test X.\nSubjects and methods\nWe enrolled 40 patients.\nResults\nAll improved.\nDiscussion\nX works.",
     ["background", "methods", "results", "conclusions"]),
    ("Introduction: SLE is common.\nMethod: We enrolled 40 patients.\nResults: All improved.\nKeywords: SLE, X",
     ["background", "methods", "results", "other"]),
    ("Abstract\nBackground: SLE is common.\nMethods: We enrolled 40 patients.\nResults: All improved.",
     ["background", "methods", "results"]),
    ("Background and aims: SLE is common.\nMaterial and methods: We enrolled 40.\nTrial registration: NCT01234567",
     ["background", "methods", "other"]),
    ("Introduction. SLE is common. Study design and methods. We enrolled 40 patients. Results. All improved.",
     ["background", "methods", "results"]),
    ("SLE is common. Methods: We enrolled 40 patients. Results: All improved.", ["methods", "results"]),
    ("We enrolled 40 patients with SLE. All improved.", []),
])
def test_rule_13_headings_give_section_labels(text: str, want: list[str]) -> None:
    assert _labels(text) == want


def test_rule_13_leading_abstract_and_text_before_the_first_heading_are_no_section() -> None:
    text = "Abstract\nSLE is common. Methods: We enrolled 40 patients."
    secs = rec(text).sections
    assert [s.heading for s in secs] == ["Methods"] and secs[0].start == text.index("Methods")


def _n(text: str) -> int | None:
    n = rec(text).population.n
    return None if n is None else n.value


@pytest.mark.parametrize("text", [
    "Methods. We enrolled 40 patients with RA; 30 received methotrexate and 25 received glucocorticoids.",
    "Methods. Forty patients with RA were enrolled. Thirty received methotrexate and 25 received glucocorticoids.",
])
def test_rule_4_treatment_counts_within_a_counted_cohort_add_nothing(text: str) -> None:
    assert _n(text) == 40


def _sex(text: str) -> tuple:
    p = rec(text).population
    return (p.female.value if p.female else None, p.male.value if p.male else None)


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with SLE; 36 were women.", (36, 4)),
    ("Methods. We enrolled 40 patients with SLE (90% female).", (36, 4)),
    ("Methods. Forty patients with SLE were enrolled, all women.", (40, 0)),
    ("Methods. We enrolled 40 patients with SLE (F/M 35/5).", (35, 5)),
    ("Methods. We enrolled 40 patients with SLE, 8 males.", (32, 8)),
    ("Methods. We enrolled 60 patients with gout; 55 (91.7%) were men.", (5, 55)),
    ("Methods. We enrolled 60 patients with gout (male 55, female 5).", (5, 55)),
    ("Methods. We enrolled 60 patients with gout, of whom 5 were female.", (5, 55)),
    ("Methods. We enrolled 60 patients with gout (women, 25%).", (15, 45)),
    ("Methods. We enrolled 40 female patients with SLE.", (40, 0)),
    ("Methods. The cohort comprised 210 women with SLE.", (210, 0)),
    ("Methods. We enrolled 25 patients with AS, 20 men and 5 women.", (5, 20)),
])
def test_rule_5_sex_counts_and_percentages_of_a_known_n(text: str, want: tuple) -> None:
    assert _sex(text) == want


@pytest.mark.parametrize("text", [
    "Methods. We enrolled patients with SLE; 80% were female.",
    "Methods. We enrolled 40 patients with SLE. Male sex was associated with nephritis.",
    "Methods. We enrolled 60 patients with gout. Results. Women had higher pain scores.",
    "Methods. We enrolled 60 patients with gout. Results. Female sex predicted response (OR 2.1).",
    "Methods. We enrolled 60 patients with gout; 10 women had tophi.",
    "Methods. We enrolled 60 patients with gout. Results. Four men developed renal stones.",
    "Methods. We enrolled 25 patients with AS (male:female ratio 4:1).",
])
def test_rule_5_no_count_of_the_cohorts_sex_gives_nothing(text: str) -> None:
    assert _sex(text) == (None, None)


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. 40 patients with SLE were enrolled (age range 20–60 years).", {"min": 20, "max": 60, "mean": None}),
    ("Methods. 40 patients with SLE, aged between 20 and 60 years, were enrolled.", {"min": 20, "max": 60}),
    ("Methods. 40 patients with SLE (median [IQR] age 41 [33–50] years) were enrolled.", {"median": 41, "iqr": [33, 50]}),
    ("Methods. 40 patients with RA, median (IQR) age 62 (54-70) years.", {"median": 62, "iqr": [54, 70], "min": None}),
    ("Methods. 40 patients with RA, mean (range) age 62 (54-70) years.", {"mean": 62, "min": 54, "max": 70}),
    ("Methods. 40 patients with SLE (mean age ± SD 41.2 ± 9.8 years) were enrolled.", {"mean": 41.2, "sd": 9.8}),
    ("Methods. 40 patients with SLE were enrolled (mean age 41.2 (SD 9.8) years).", {"mean": 41.2, "sd": 9.8}),
    ("Methods. 40 patients with SLE (mean age 41.2 years, range 22-63) were enrolled.",
     {"mean": 41.2, "min": 22, "max": 63}),
])
def test_rule_19_labelled_and_unlabelled_age_forms(text: str, want: dict) -> None:
    got = _age(text)
    assert got is not None and {k: got[k] for k in want} == want, got


@pytest.mark.parametrize("text", [
    "Methods. 40 patients with SLE diagnosed at a mean age of 25 years were enrolled.",
    "Methods. 40 patients with SLE were enrolled; the mean age at symptom onset was 25 years.",
    "Methods. 40 patients with SLE were enrolled; mean disease duration was 8 years.",
    "Methods. 40 patients with SLE were enrolled. Patients over 65 years had more infections.",
])
def test_rule_5_age_at_diagnosis_or_a_duration_is_no_age(text: str) -> None:
    assert _age(text) is None


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with RA-associated interstitial lung disease.",
     ["rheumatoid arthritis-associated interstitial lung disease"]),
    ("Methods. We enrolled 40 patients with interstitial lung disease associated with RA.",
     ["rheumatoid arthritis-associated interstitial lung disease"]),
    ("Methods. We enrolled 40 patients with SSc-associated interstitial lung disease (SSc-ILD).",
     ["systemic sclerosis-associated interstitial lung disease"]),
    ("Methods. We enrolled 40 patients with SSc; 12 had interstitial lung disease.", ["systemic sclerosis"]),
])
def test_convention_3_one_condition_for_a_disease_named_with_its_organ_involvement(text: str, want: list[str]) -> None:
    assert _conditions(text) == want


def test_rule_4_the_aims_count_is_the_cohort_when_nothing_else_counts_it() -> None:
    assert _n("Objective. To assess drug X in 40 patients with gout. Methods. Patients were followed for 12 "
              "months.") == 40


@pytest.mark.parametrize("text", [
    "Background. In Italy, 300 patients per year develop gout. Methods. Patients were followed for 12 months.",
    "Objective. To assess drug X in patients with gout. Methods. Patients were followed for 12 months.",
])
def test_rule_4_a_background_count_is_no_cohort(text: str) -> None:
    assert _n(text) is None


def test_rule_4_the_methods_count_wins_over_the_aims() -> None:
    assert _n("Objective. To assess drug X in 40 patients with gout. Methods. We enrolled 38 patients.") == 38


@pytest.mark.parametrize("text", [
    "Methods. This is a two-centre study of 40 patients with gout.",
    "Methods. In this bicentric study 40 patients with gout were enrolled.",
])
def test_rule_6_n_centre_study_is_multicenter(text: str) -> None:
    assert rec(text).study.setting == "multicenter"


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. 40 patients were enrolled between 01/2015 and 06/2020.", ("2015-01", "2020-06", False)),
    ("Methods. 40 patients were enrolled from 3/2016 to 12/2019.", ("2016-03", "2019-12", False)),
    ("Methods. Patients seen 01/2015-06/2020 were included.", ("2015-01", "2020-06", False)),
])
def test_record_period_with_numeric_months(text: str, want: tuple) -> None:
    assert _period(text) == want


def test_record_period_a_dose_written_with_a_slash_is_no_date() -> None:
    assert _period("Methods. 40 patients received 2/2015 mg of drug X.") is None


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients whose ages ranged from 20 to 60 years.", {"min": 20, "max": 60, "mean": None}),
    ("Methods. We enrolled 40 patients (23 women; mean age 52.4, SD 8.2).", {"mean": 52.4, "sd": 8.2}),
    ("Methods. We enrolled 40 children with JIA aged 7–15 years.", {"min": 7, "max": 15}),
])
def test_rule_19_age_ranges_and_sd_in_words(text: str, want: dict) -> None:
    got = _age(text)
    assert got is not None and {k: got[k] for k in want} == want, got


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. We enrolled 40 patients with SLE who were positive for anti-dsDNA antibodies.",
     ["systemic lupus erythematosus"]),
    ("Methods. We enrolled 40 patients with gout. Patients with chronic kidney disease were excluded.", ["gout"]),
    ("Methods. We enrolled 40 patients with gout. Results. Diabetes was associated with flares.", ["gout"]),
    ("Methods. We enrolled 40 patients with SSc; 12 had digital ulcers and 8 had pulmonary arterial hypertension.",
     ["systemic sclerosis"]),
    ("Methods. We enrolled 40 SLE patients. Results. Six developed antiphospholipid syndrome.",
     ["systemic lupus erythematosus"]),
    ("Methods. We enrolled 40 patients with psoriatic arthritis (PsA) or axial spondyloarthritis (axSpA).",
     ["psoriatic arthritis", "axial spondyloarthritis"]),
])
def test_convention_3_exclusions_predictors_and_counted_subsets_are_no_conditions(text: str, want: list[str]) -> None:
    assert _conditions(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Objective(s): To test X. Method(s): We enrolled 40. Result(s): All improved. Conclusion(s): yes.",
     ["background", "methods", "results", "conclusions"]),
    ("Aim of the study: To test X. Patients & Methods: We enrolled 40. Results: All improved.",
     ["background", "methods", "results"]),
    ("Introduction and objectives. To test X. Materials & methods. We enrolled 40. Results. All improved.",
     ["background", "methods", "results"]),
    ("OBJECTIVE\nTo test X.\nMETHODS\nWe enrolled 40.\nRESULTS\nAll improved.\nCONCLUSION\nYes.",
     ["background", "methods", "results", "conclusions"]),
    ("Methods: We enrolled 40 patients. Results were analysed with SPSS. Results: All improved.", ["methods", "results"]),
    ("Background: Conclusions from prior work are mixed. Methods: We enrolled 40.", ["background", "methods"]),
    ("We studied the methods. Results of the analysis were good.", []),
])
def test_rule_13_heading_variants_and_words_that_are_no_headings(text: str, want: list[str]) -> None:
    assert _labels(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. Patients were recruited from the rheumatology clinics of Pisa and Florence.", "multicenter"),
    ("Methods. Patients were recruited from the clinics of Pisa, Siena and Florence.", "multicenter"),
    ("Methods. Patients attending the clinic of Pisa were enrolled.", "single-center"),
    ("Methods. Patients were recruited in hospitals and clinics.", None),
])
def test_rule_6_several_named_sites_are_multicenter(text: str, want: str | None) -> None:
    assert rec(text).study.setting == want


@pytest.mark.parametrize(("text", "want"), [
    ("Methods. 40 patients (36F/4M) were enrolled.", (36, 4)),
    ("Methods. 40 patients (4F/36M) were enrolled.", (4, 36)),
    ("Methods. 40 patients (36 F, 4 M) were enrolled.", (36, 4)),
    ("Methods. Forty patients, thirty-six of them women, were enrolled.", (36, 4)),
    ("Methods. Of the 40 patients enrolled, 36 were female.", (36, 4)),
    ("Methods. 40 patients were enrolled, of whom 90.0% were women.", (36, 4)),
])
def test_rule_5_sex_counts_in_letters_and_words(text: str, want: tuple) -> None:
    assert _sex(text) == want


def test_rule_5_a_molarity_is_no_sex_letter() -> None:
    assert _sex("Methods. 40 patients were enrolled; a 4 M solution was used, 2 F.") == (None, None)


def test_rule_5_a_table_style_sex_count() -> None:
    assert _sex("Methods. 40 patients were enrolled; female sex, n (%): 36 (90).") == (36, 4)
