"""``reuma_scores``: instrument values with time points ("SLEDAI decreased from 6 [T0] to 2 [T2]").

After each instrument mention the values that follow are read left to right:
a value, its spread (± SD, "(SD)", "(IQR a–b)", "(range a–b)", or an unlabelled
"(a–b)", which makes it a median: annotation rule 19), and its time point
("[T0]", "(1 year)", "at 6 months", "at baseline", "6, 12 and 24 months,
respectively"). Thresholds ("DAS28 < 2.6") are definitions, not values; p-values
are ignored; response criteria (ACR20, SRI-4) are outcomes, not scores.
"""



import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..numbers import DECIMAL
from . import base
from .base import entities, ev, guarded, register_extensions, sentence_at, text_of

NUM = DECIMAL  # "5.1" or a decimal comma "5,1"
UNIT_AFTER = re.compile(r"^[\s?]*-?\s*(?:%|h\b|hours?|mg|g\b|kg|ml|years?|yrs?|months?|weeks?|wks?|days?|points?\s+(?:or|of|lower|higher|greater|less|more)|(?:points?\s+)?in\s+\d+\s*(?:\([^()]*\)\s*)?(?:patients|pts|subjects|cases)|patients|pts|groups?|arms?|cohorts?|centers?|centres?|fingers?|cm|mm)", re.I)
TP_WORD = r"(?:T\d+|M\d+|W\d+|wk\s*\d+|week\s*\d+|month\s*\d+|\d+\s*(?:months?|weeks?|years?|mo|wks?|yrs?|m|w)\b|baseline|last\s+(?:visit|follow-?up|observation)|end\s+of\s+(?:follow-?up|treatment|study)|before|after|pre-?treatment|post-?treatment)"
VALUE = re.compile(
    rf"(?<![\w.<>≤≥=/\-−–—])(?P<v>(?:(?<=[\s(])[−-])?{NUM})(?!\d)(?![.,]\d)(?![A-Za-z]\b)(?!\s*[/\-–—]\s*\d)(?!\s+(?:of|out\s+of)\s+\d)(?!\s*(?:points?\s+)?or\s+(?:more|higher|greater|above|less|lower|below|over|under)\b)(?:\s*(?:±|\+/-)\s*(?P<sd>{NUM}))?(?:\s*(?:mm|cm)\b(?=\s+(?:at|after)\b))?"
    rf"(?:\s*\((?P<par>[^()]{{1,40}})\))?(?:\s*\[(?P<br>[^\]]{{1,20}})\])?"
    rf"(?:\s+(?:at|after)\s+(?:the\s+)?(?P<at>{TP_WORD})|\s+(?P<pre>before\s+(?:treatment|therapy)))?",
    re.I,
)
ARROW = re.compile(rf"(?P<v>{NUM})\s*(?:\((?P<par>[^()]{{1,20}})\)\s*)?(?=→|->)|(?:→|->)\s*(?P<v2>{NUM})\s*(?:\((?P<par2>[^()]{{1,20}})\))?")
RESPECTIVELY = re.compile(r"\bat\s+(?P<list>(?:\d+\s*,\s*)*\d+\s*(?:,\s*)?and\s+\d+)\s+(?P<unit>months?|weeks?|years?)\b[^.;]*\brespectively\b", re.I)
#: an effect size or correlation written before a number: "OR 1.08", "HR: 2.1", "r = 0.4"
STATISTIC_BEFORE = re.compile(r"\b(?:a?OR|a?HR|RR|IRR|SMR|β|beta|r|rho|CI|coefficient)\s*[:=]?\s*$")
#: "3, 6, and 12 months": a list of time points before the values it orders
TP_LIST = re.compile(r"\s*(?P<list>(?:\d+\s*,\s*)*\d+\s*,?\s*(?:and|or)\s+\d+)\s+(?P<unit>months?|weeks?|years?)\b", re.I)
#: the numbers of a list of time points after its unit: "weeks 0, 16 and 52"
TP_LIST_AFTER = re.compile(r"\d+(?:\s*,\s*\d+)*(?:\s*,?\s*(?:and|or|to)\s+\d+)?(?!\d)(?![.,]\d)")
#: the joint between two values that a change verb or a leading time point fills: "(11.2 ± 3.5) decreased to",
#: "was 4.1 and at 12 months", "and after 24 weeks,"
GAPPED_JOINT = re.compile(
    rf"\)?\s*(?:(?:,\s*)?(?:and\s+)?(?:then\s+)?(?:significantly\s+)?(?:decreased|fell|dropped|declined|improved|increased|rose|"
    rf"(?:was|were)\s+(?:significantly\s+)?reduced|changed|went\s+(?:down|up))\s+(?:significantly\s+)?to"
    rf"|,?\s*and\s+(?:at|after|by)\s+(?:the\s+)?(?P<tp>{TP_WORD})\s*,?)\s*(?:a\s+(?:mean|median)\s+of\s+)?\(?", re.I)
#: a change verb between the instrument and a bracketed "a vs b": the pair is before vs after ("improved significantly (")
CHANGED_VS_HEAD = re.compile(r"\s*(?:scores?\s+)?(?:(?:was|were)\s+)?(?:significantly\s+)?(?:improved|decreased|declined|fell|dropped|"
                             r"reduced|increased|rose|worsened)\s+(?:significantly\s+)?\(\s*(?:(?:mean|median)\s*[:,]?\s*)?$", re.I)
_TPW = r"(?:baseline|\d+\s*(?:months?|weeks?|years?)|(?:week|month|year)\s*\d+|[TMW]\d+)"
#: the time points a "respectively" hands out after the last value: "[3.2] at baseline and 6 months, respectively"
RESPECTIVE_TPS_AFTER = re.compile(
    rf"[−-]?\d+(?:[.,]\d+)?(?:\s*(?:±|\+/-)\s*\d+(?:[.,]\d+)?)?(?:\s*\([^()]*\))?\s*,?\s*(?:at|after)\s+(?:the\s+)?"
    rf"(?P<list>{_TPW}(?:\s*,\s*(?:at\s+)?{_TPW})*\s*,?\s*and\s+(?:at\s+)?{_TPW})\s*,?\s*respectively\b", re.I)
#: "[5.6, 4.1 and 3.2] at baseline, 3 and 6 months, respectively": time points sharing one unit after the values they
#: order, the first possibly baseline; their numbers are no values (annotation rule 17)
RESPECTIVE_UNIT_LIST = re.compile(r"\b(?:at|after)\s+(?:the\s+)?(?P<base>baseline\s*,?\s*(?:and\s+)?(?:at\s+)?)?"
                                  r"(?:(?P<list>(?:\d+\s*,\s*)*\d+\s*,?\s*and\s+\d+)\s+(?P<unit>months?|weeks?|years?)\s*,?\s*respectively\b"
                                  r"|(?P<unit2>months|weeks|years)\s+(?P<list2>(?:\d+\s*,\s*)*\d+\s*,?\s*and\s+\d+)(?!\s*(?:months?|weeks?|years?)))", re.I)
#: a list of glued time points before the values it orders: "at T0, T1 and T2", "M0, M3 and M6"
GLUED_TP_LIST = re.compile(r"(?<![A-Za-z])[TMW]\d+(?:\s*,\s*[TMW]\d+)*\s*,?\s*and\s+[TMW]\d+\b")
P_VALUE = re.compile(r"\(\s*p\s*[<=>≤≥][^()]*\)|;?\s*\bp\s*[<=>≤≥]\s*0?\.\d+", re.I)
#: "(MMT-8, 0–150)", "PGA (0–10)": the scale's range, not a value
SCALE_RANGE = re.compile(r"^\s*(?:,\s*|\(\s*)?(?:[A-Za-z][\w\-]*\s*,\s*)?(?:(?:range|scale|scored?|from)\s*:?\s*)?\d+(?:\.\d+)?\s*[–\-−]\s*\d+(?:\.\d+)?\s*(?:points?|mm|cm)?\s*\)")
SCALE_UNIT = re.compile(r"^\s*(?:mm|cm)\b")
#: the instrument names a state or a definition, not a value: "DAS-remission", "DAS28 remission rates",
#: "ASDAS-defined inactive disease", "BASDAI-based response" (the numbers that follow belong to other phrases)
STATE_AFTER = re.compile(
    r"^\s*(?:\([^()]{1,12}\)\s*)?(?:score\s+)?[-‐–]?\s*(?:remission|response|responders?|non-?responders?|LDA|low\s+disease\s+activity|"
    r"inactive\s+disease|flares?|criteria|cut-?offs?|thresholds?|(?:defined|based|steered|driven|guided|targeted)\b)", re.I)
#: a property of the instrument, not its value: "Cronbach's alpha of the RAID", "the ICC for the BASDAI"
PROPERTY_OF = re.compile(r"\b(?:alpha|kappa|ICC|intraclass|correlation|coefficient|AUC|area\s+under|reliability|validity|sensitivity|"
                         r"specificity|cut-?off|threshold)\b[^.;]{0,25}?\b(?:of|for|between)\s+(?:the\s+)?$", re.I)
#: "DAS28 fell by 1.8", "the HAQ improved by 0.3": a change
CHANGED_BY = re.compile(r"^\s*(?:score\s+)?(?:fell|decreased|dropped|declined|improved|increased|rose|changed|worsened|was\s+reduced)\s+"
                        r"(?:significantly\s+|on\s+average\s+)?by\s+(?:a\s+mean\s+(?:of\s+)?)?[−-]?\d", re.I)
#: "(SLEDAI-2K = 8)", "SLEDAI-2K = 12 and PGA = 2.1": an equals sign printing the value, not a cut-off (a number
#: closed by a bracket, a list joint or the sentence's end; "= 2.6 or less" is a threshold)
EQUALS_VALUE = re.compile(rf"^\s*(?:score\s+)?=\s*[−-]?{NUM}(?:\s*(?:±|\+/-)\s*{NUM})?(?:\s*\([^()]{{1,30}}\))?(?=\s*(?:[),;]|and\b|\.(?!\d)|$))", re.I)
#: a sentence that defines a state or a cut-off: its "X = v" is a definition
DEFINING = re.compile(r"\b(?:defin\w*|criteri\w*|remission|response|cut-?offs?|thresholds?|target|LDA|low\s+disease\s+activity|"
                      r"inactive|responders?|achiev\w*|attain\w*|reach\w*)\b", re.I)
COMPARATOR_AFTER = re.compile(r"^\s*(?:score\s+)?(?:[<>≤≥=]|<\s*or\s*=|of\s*[<>≤≥])", re.I)
#: "an ASDAS above 2.1", "BASDAI of at least 4", "DAS28 greater than 5.1": a threshold, no patient's score (rule 10)
THRESHOLD_AFTER = re.compile(r"^\s*(?:score\s+)?(?:(?:was|were|of)\s+)?(?:above|below|over|under|exceeding|(?:greater|higher|lower|less|more)\s+than|"
                             r"(?:of\s+)?at\s+(?:least|most))\s*(?:or\s+equal\s+to\s+)?[−-]?\d", re.I)
#: ", IQR 6–12", "; range: 2-20": a labelled spread printed after the value's comma (annotation rule 19)
LABELLED_SPREAD_AFTER = re.compile(rf"\s*[,;]\s*(?P<lab>IQR|interquartile\s+range|range)\s*[:=]?\s*(?P<a>{NUM})\s*(?:[-\u2010-\u2015]|to)\s*(?P<b>{NUM})(?!\d)(?![.,]\d)", re.I)
#: "a BVAS of 0 was reached by 14", "patients achieving a DAS28 < 2.6": a target reached, an outcome (rule 11), no score
REACHED_AFTER = re.compile(rf"^\s*(?:score\s+)?(?:of|=)\s*{NUM}\s+(?:was|were)\s+(?:reached|achieved|attained|obtained)\b", re.I)
REACHED_BEFORE = re.compile(r"\b(?:reached|achieved|attained|obtained|reaching|achieving|attaining)\s+(?:an?\s+|the\s+)?$", re.I)
ONE_PATIENT = re.compile(r"\bthe\s+(?:pt|patient|case)\b|\bthe\s+[A-Za-z\-]{2,12}\s+case\b|\bin\s+(?:this|one|a\s+single)\s+(?:pt|patient|case)\b", re.I)


@Language.factory(
    "reuma_scores",
    requires=["token.is_sent_start", "doc._.reuma_sections", "doc._.reuma_entities"],
    assigns=["doc._.reuma_scores"],
)
def make_scores(nlp: Language, name: str) -> "ScoresComponent":
    base.check_requires(nlp, "reuma_scores", name)
    return ScoresComponent()


class ScoresComponent:
    def __init__(self) -> None:
        register_extensions()
        self.instruments = vocab.entries("instruments")
        self.diseases = vocab.entries("diseases")

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        named: list[set[str]] = []  # the diseases named, read only once an ambiguous instrument asks (see _fits)

        def diseases_named() -> set[str]:
            if not named:
                named.append(self._diseases_named(doc))
            return named[0]

        mentions = [m for m in (self._glued(text, e) for e in entities(doc, "instrument"))
                    if self.instruments.get(m["key"], {}).get("kind") != "response" and self._fits(m, diseases_named)]
        mentions = sorted(mentions + _named_instruments(text, list(entities(doc, "instrument"))), key=lambda m: m["start"])
        mentions = _combined(text, mentions)
        canonical = self._canonical({e["key"] for e in mentions})
        out: list[dict] = []
        seen: set[tuple] = set()
        grouped: set[int] = set()
        for i, e in enumerate(mentions):
            sent = sentence_at(doc, e["start"])
            if sent is None or sent.section == "background" or i in grouped:
                continue
            group = coordinated(text, mentions, i, sent.end)
            if len(group) > 1 and not any(g[1] for g in group) and len({canonical.get(g[0]["key"], g[0]["key"]) for g in group}) == 1:
                continue  # "SLEDAI-2K (SLE disease activity index, SLEDAI-2K) score 3.9": one instrument named twice
            if len(group) > 1 or group[0][1]:
                grouped.update(range(i, i + len(group)))
                for item in group_values(text, group, sent.start, sent.end, canonical):
                    key = (item["instrument"], item["value"], item["timepoint"])
                    if key not in seen:
                        seen.add(key)
                        out.append(item)
                continue
            nxt = next((m["start"] for m in mentions[i + 1 :] if m["start"] > e["end"]), sent.end)
            stop = min(sent.end, nxt)
            tail = text[e["end"] : stop]
            if THRESHOLD_AFTER.match(tail) or REACHED_AFTER.match(tail) or REACHED_BEFORE.search(text, max(sent.start, e["start"] - 30), e["start"]):
                continue
            if (COMPARATOR_AFTER.match(tail) and not (EQUALS_VALUE.match(tail) and not DEFINING.search(sent.text))) or SCALE_RANGE.match(tail) or STATE_AFTER.match(tail) \
                    or PROPERTY_OF.search(text[max(sent.start, e["start"] - 60) : e["start"]]):
                continue
            instrument = canonical.get(e["key"], e["key"])
            if self._written_out(text, e):
                instrument = re.sub(r"\s+", " ", text[e["start"] : e["end"]]).lower()
            head = text[max(sent.start, e["start"] - 25) : e["start"]]
            stat = "mean" if re.search(r"\bmean\b", head, re.I) else "median" if re.search(r"\bmedian\b", head, re.I) else None
            if re.search(r"\b(?:change|reduction|decrease|increase|difference|improvement)s?\s+(?:in|of)\s+$", head, re.I):
                stat = "change"  # "the mean change in DAS28-CRP from baseline to week 12 was −2.49"
            lead_baseline = bool(re.search(r"\bbaseline\s+$", head, re.I))
            one = bool(ONE_PATIENT.search(sent.text))
            stat_start = e["start"]
            lead = re.search(r"(?:\b(?:the\s+)?(?:mean|median)(?:\s*\(\s*(?:SD|IQR)\s*\))?\s+|\bbaseline\s+)$", head, re.I)
            if lead:
                stat_start = e["start"] - (len(head) - lead.start())
            sd_label = bool(re.search(r"\(\s*SD\s*\)", head + tail[:30]))
            iqr_label = bool(re.search(r"\(\s*(?:IQR|interquartile\s+range)\s*\)", head + tail[:30], re.I))
            scale = "scale" in self.instruments.get(e["key"], {}).get("name", "")
            values = parse_values(text, e["end"], stop, sd_label=sd_label, scale=scale, iqr_label=iqr_label)
            _group_after_instrument(text, e["end"], values)
            if not values and (before := VALUE_BEFORE.search(text, sent.start, e["start"])):
                values = parse_values(text, before.start("v"), before.end("v"))  # "32.5 (IQR 15-50) on NRS"
                stat = stat or before.group("stat").lower()
                stat_start = before.start()
            if not values and re.match(r"\s*\)", tail) and (br := VALUE_BRACKETED.search(text, sent.start, e["start"])):
                values = parse_values(text, br.start("v"), br.end("v"))  # "disease activity was 3.2 ± 1.1 (DAS28)"
                if br.group("stat"):
                    stat = stat or br.group("stat").lower()
                    stat_start = br.start()
                else:
                    stat_start = br.start("v")
            _respective_groups(text, values, sent.end, wrapped_start(text, sent.start))
            if lead_baseline and len(values) > 1 and all(v["group"] for v in values):
                for v in values:  # "had a baseline DAS28 of 5.8 and 5.6, respectively": each group's baseline
                    v["timepoint"] = v["timepoint"] or "baseline"
            _leading_timepoint_list(text, sent.start, e, sent.end, values)
            if CHANGED_BY.match(tail):
                stat = "change"  # "DAS28 fell by 1.8 at week 24": the value is the change
            if stat == "change":
                to = re.search(rf"\bto\s+(?:the\s+)?({TP_WORD})", tail, re.I)
                for item in values:
                    item["timepoint"] = to.group(1) if to else item["timepoint"]
                    item["statistic"] = "change"
            lo = wrapped_start(text, sent.start)  # a hard-wrapped line is no sentence of its own
            _compared_groups(text, lo, e["start"], values, change=stat == "change")
            lg = LEADING_GROUP.match(text, lo + re.match(r"\s*(?:[A-Z][A-Za-z ]{2,20}:\s*)?", text[lo : e["start"]]).end())
            if lg and lg.end() <= e["start"]:
                for v in values:  # "In responders, mean DAS28 was 2.1 at week 12" (up to a value another group claims)
                    if v["group"]:
                        break
                    v["group"] = re.sub(r"\s+", " ", lg.group("g")).strip()
            if len(values) == 2 and not any(v["group"] for v in values) and not any(v["timepoint"] for v in values) \
                    and CHANGED_VS_HEAD.match(text, e["end"], values[0]["start"]) \
                    and re.fullmatch(r"\s*[,;]?\s*(?:vs\.?|versus)\s*", text[values[0]["end"] : values[1]["start"]], re.I):
                values[0]["timepoint"] = "baseline"  # "ESSDAI improved (8.5 ± 5.2 vs 3.1 ± 2.9) at 12 months": before vs after
            for item in values:
                if item["timepoint"] is None and lead_baseline and item["first"]:
                    item["timepoint"] = "baseline"  # "Mean baseline DAS28-CRP was 5.8 ± 0.9"
                if item["timepoint"] is None:
                    item["timepoint"] = sentence_timepoint(text, lo, sent.end, item["start"])
                if item["timepoint"] is None and not re.search(r"\bover\s+time\b|\bthroughout\b|\bduring\b",
                                                               _clause(text, sent.start, sent.end, item["start"]), re.I):
                    item["timepoint"] = _carried_timepoint(text, lo)
                key = (instrument, item["value"], item["timepoint"], item["group"])  # rule 17: one item per group
                if key in seen:
                    continue
                seen.add(key)
                statistic = item.pop("statistic") or ("value" if one else stat or "mean")
                ev_start = stat_start if item.pop("first") else item.pop("seg_start", item["start"])
                item.pop("seg_start", None)
                out.append({
                    "instrument": instrument,
                    "timepoint": item["timepoint"],
                    "value": item["value"],
                    "statistic": statistic,
                    "sd": item["sd"],
                    "iqr": item["iqr"],
                    "range": item["range"],
                    "n": 1 if one else None,
                    "group": item["group"],
                    "evidence": ev(ev_start, item["end"]),
                })
        base.write_group(doc, "reuma_scores", out)
        return doc

    def _diseases_named(self, doc: Doc) -> set[str]:
        """The diseases a text names, as names and short forms (what disease-specific instruments need)."""
        out: set[str] = set()
        for d in entities(doc, "disease"):
            entry = self.diseases.get(d["key"], {})
            out.update(x.lower() for x in [d["key"], *entry.get("abbreviations", [])])
        return out

    def _fits(self, e: dict, diseases_named: Callable[[], set[str]]) -> bool:
        """An ambiguous instrument written out ("activity index") is the lexicon's only where its disease is named
        (``diseases_named``: the text's diseases, gathered only when asked)."""
        entry = self.instruments.get(e["key"], {})
        if not entry.get("ambiguous") or e.get("abbr") == e["key"] or not entry.get("diseases"):
            return True
        named = diseases_named()
        return any(d.lower() in named for d in entry["diseases"])

    def _written_out(self, text: str, e: dict) -> bool:
        """An ambiguous short form ("CI" is also a confidence interval) is no name the field uses: where the
        text writes the instrument out ("chronicity index") and defines no short form, the written name is it."""
        entry = self.instruments.get(e["key"], {})
        return bool(entry.get("ambiguous")) and not e.get("abbr") and text[e["start"] : e["end"]] != e["key"]

    def _glued(self, text: str, e: dict) -> dict:
        """"DAS 28", "Disease Activity Score (DAS)28-CRP": a number glued to a name is part of the name;
        "... disease activity index (ESSDAI)": the short form the text defines names the instrument."""
        if e.get("abbr") and e["abbr"] != e["key"] and e["abbr"] in self.instruments:
            e = {**e, "key": e["abbr"]}
        elif e.get("abbr") and e["abbr"] in self.instruments.get(e["key"], {}).get("variants", []) \
                and re.fullmatch(r"[A-Z][A-Za-z0-9\-]{1,9}", e["abbr"]) and e["abbr"].isupper():
            e = {**e, "key": e["abbr"]}  # rule 16: the short form the text defines ("... scores (SHS)") is the name it uses
        glued = re.match(r"(?:\s*\([^()]{1,10}\))?\)?\s?(\d+)(?P<suffix>-(?:CRP|ESR))?\b", text[e["end"] : e["end"] + 24])
        if glued and (full := f"{e['key']}{glued.group(1)}{glued.group('suffix') or ''}") in self.instruments:
            return {**e, "key": full, "end": e["end"] + glued.end()}
        return e

    def _canonical(self, keys: set[str]) -> dict[str, str]:
        """Rule 16: "SLEDAI" in a text that defines "SLEDAI-2K" is SLEDAI-2K; "DAS28" in one that names
        "DAS28-CRP" (and no other DAS28 form) is DAS28-CRP: the bare form is the one the study defined."""
        out = {}
        for k in keys:
            fam = self.instruments.get(k, {}).get("family")
            if fam and k == fam:
                more = [o for o in keys if o != k and self.instruments.get(o, {}).get("family") == fam]
            elif fam:
                more = [o for o in keys if o.startswith(k + "-") and self.instruments.get(o, {}).get("family") == fam]
            else:
                more = []
            if len(more) == 1:
                out[k] = more[0]
        return out


#: an instrument the lexicon lacks, named by the text as a score/index/scale/questionnaire with a value right
#: after it ("the Quan-Charlson comorbidity score (0.78 vs. 0.53)", "Smith Fatigue Index of 4.2"): a proper
#: name (capitalised, not a common word) and up to two lower-case words before the head noun
#: (the "not after a word character or hyphen" test sits after the capital, as a two-character lookbehind: the same
#: matches, and the regex engine can then skip ahead to capitals instead of trying the lookbehind everywhere)
NAMED_INSTRUMENT = re.compile(
    r"(?P<name>[A-Z](?<![\w\-][A-Z])[a-z]+(?:[\-/][A-Z][A-Za-z]+)*(?:\s+[a-z][a-z\-]+){0,2}\s+(?:score|index|scale|questionnaire))"
    r"(?=\s*(?:\(\s*|of\s+|was\s+|were\s+|:\s*|=\s*|(?:was|were)\s+(?:(?:significantly|slightly|much)\s+)?(?:higher|lower|greater|smaller|"
    r"worse|better)\s+(?:in|among|for)\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,3}?\s*\(\s*(?:(?:mean|median)\s+)?)[−-]?\d)")
#: capitalised common words that start a phrase, not an instrument's proper name
COMMON_HEAD = {"the", "a", "an", "total", "mean", "median", "baseline", "propensity", "risk", "composite", "global",
               "overall", "average", "summary", "our", "this", "these", "their", "its", "final", "new", "higher", "lower",
               "high", "low", "each", "clinical", "disease", "activity", "pain", "severity", "quality", "health",
               "functional", "damage", "physician", "patient", "patients", "change", "changes", "improvement",
               "both", "all", "visual", "numeric", "numerical", "radiographic", "body", "mass", "skin", "joint", "fatigue",
               # statistics named after people are no clinical instruments
               "youden", "cohen", "kappa", "cronbach", "fleiss", "wald", "harrell", "gini", "shannon", "simpson",
               "jaccard", "kaplan", "cox", "fisher", "pearson", "spearman", "kendall", "student", "mann", "wilcoxon",
               "kruskal", "bland", "brier", "akaike", "bayesian", "glasgow"}


def _named_instruments(text: str, known: list[dict]) -> list[dict]:
    """Instruments the lexicon lacks but the text names with a value (annotation rule 10: a named index,
    scale or questionnaire with a number); the name as written is the instrument."""
    out = []
    for m in NAMED_INSTRUMENT.finditer(text):
        words = m.group("name").split()
        if words[0].lower() in COMMON_HEAD or any(k["start"] < m.end() and m.start() < k["end"] for k in known):
            continue
        out.append({"label": "instrument", "key": re.sub(r"\s+", " ", m.group("name")), "start": m.start(), "end": m.end(),
                    "abbr": None})
    return out


#: two instruments scored as one: "WPI with SS score 11.1", "WPI+SS 14", "PASI plus BSA"
COMBINED_JOIN = re.compile(r"\s*(?:\+|\bwith\b|\bplus\b)\s*$", re.I)
SCORE_HEAD = re.compile(r"\s+(?:score|index|scale)s?$", re.I)
SHORT_NAME = re.compile(r"[A-Z][A-Za-z0-9\-]{0,9}")


def _short(text: str, e: dict) -> str:
    """An instrument as the text writes its short form ("SS score" -> "SS"), else its lexicon name."""
    surface = SCORE_HEAD.sub("", text[e["start"] : e["end"]])
    return surface if SHORT_NAME.fullmatch(surface) and any(c.isupper() for c in surface[1:] or surface) else e["key"]


def _combined(text: str, mentions: list[dict]) -> list[dict]:
    """Two instruments joined by "+", "with" or "plus" and scored together are one instrument "A+B"."""
    out: list[dict] = []
    for e in mentions:
        prev = out[-1] if out else None
        if prev and prev["key"] != e["key"] and prev["end"] <= e["start"] and COMBINED_JOIN.match(text[prev["end"] : e["start"]]) \
                and "\n" not in text[prev["end"] : e["start"]] and not COMBINED_JOIN.match(text[prev["start"] - 6 : prev["start"]]):
            out[-1] = {**prev, "key": f"{_short(text, prev)}+{_short(text, e)}", "end": e["end"], "abbr": None}
            continue
        out.append(e)
    return out


DAMAGE_AFTER_ACTIVITY = re.compile(r"^\s*/\s*dam\w*(?:\s+scores?)?", re.I)
SPLIT = re.compile(r"^\s*(?:\(\s*act\w*\s*/\s*dam\w*\s*\)|act\w*\s*/\s*dam\w*(?:\s+scores?)?)", re.I)
PAIR = re.compile(rf"(?P<a>{NUM})\s*/\s*(?P<b>{NUM})(?:\s*\(\s*(?P<sa>{NUM})\s*/\s*(?P<sb>{NUM})\s*\))?")
SINGLE = re.compile(rf"(?<![\w./])(?P<v>{NUM})(?![\d/])(?:\s*(?:±|\+/-)\s*(?P<sd>{NUM})|\s*\(\s*(?P<sd2>{NUM})\s*\))?")


def coordinated(text: str, mentions: list[dict], i: int, hi: int) -> list[tuple[dict, bool, int]]:
    """Instruments named together ("SLEDAI and CLASI (Activity/Damage) ... were 1.8 (2.4) and 1.6/1.3"),
    each with its split flag (rule 16: CLASI activity/damage are CLASI-A and CLASI-D) and where it ends."""
    group = []
    j = i
    while j < len(mentions):
        e = mentions[j]
        split = SPLIT.match(text[e["end"] : hi])
        if not split and e["key"].endswith("-A") and (dam := DAMAGE_AFTER_ACTIVITY.match(text[e["end"] : hi])):
            e, split = {**e, "key": e["key"][:-2]}, dam  # "CLASI activity/damage 14/3": the split form, CLASI-A and CLASI-D
        end = e["end"] + (split.end() if split else 0)
        group.append((e, bool(split), end))
        nxt = mentions[j + 1] if j + 1 < len(mentions) else None
        if nxt is None or not re.fullmatch(r"\s*(?:and|,)\s*", text[end : nxt["start"]]):
            break
        j += 1
    return group


def group_values(text: str, group: list[tuple[dict, bool, int]], lo: int, hi: int, canonical: dict) -> list[dict]:
    """Values after a group of instruments, in the order the instruments were named."""
    out = []
    pos = group[-1][2]
    seg = P_VALUE.sub(lambda m: " " * len(m.group(0)), text[pos:hi])
    k = 0
    for e, split, _ in group:
        inst = canonical.get(e["key"], e["key"])
        rx = PAIR if split else SINGLE
        m = rx.search(seg, k)
        if not m or re.search(r"[<>≤≥]\s*$", seg[max(0, m.start() - 3) : m.start()]) or UNIT_AFTER.match(seg[m.end() :]):
            break  # a threshold, or a number of something else ("between the 2 groups")
        tp = sentence_timepoint(text, lo, hi, pos + m.start())
        if split:
            values = [(f"{inst}-A", m.group("a"), m.group("sa")), (f"{inst}-D", m.group("b"), m.group("sb"))]
        else:
            values = [(inst, m.group("v"), m.group("sd") or m.group("sd2"))]
        for name, v, sd in values:
            out.append({"instrument": name, "timepoint": tp, "value": _num(v), "statistic": None,
                        "sd": _num(sd) if sd else None, "iqr": None, "range": None, "n": None, "group": None,
                        "evidence": ev(group[0][0]["start"], pos + m.end())})
        k = m.end()
    if len(group) == 1 and group[0][1] and out:  # "14/3 at baseline and 5/3 at 6 months": each pair its own time point
        inst = canonical.get(group[0][0]["key"], group[0][0]["key"])
        while (m := PAIR.search(seg, k)) and re.fullmatch(r"[^0-9;]{0,40}?(?:,|\band\b|\bvs\.?|\bversus\b|\bto\b)[^0-9;]{0,10}", seg[k : m.start()], re.I):
            at = re.match(rf"\s*(?:at|after)\s+(?:the\s+)?(?P<t>{TP_WORD})", seg[m.end() :], re.I)
            tp = at.group("t") if at else sentence_timepoint(text, lo, hi, pos + m.start())
            for name, v, sd in [(f"{inst}-A", m.group("a"), m.group("sa")), (f"{inst}-D", m.group("b"), m.group("sb"))]:
                out.append({"instrument": name, "timepoint": tp, "value": _num(v), "statistic": None,
                            "sd": _num(sd) if sd else None, "iqr": None, "range": None, "n": None, "group": None,
                            "evidence": ev(pos + m.start(), pos + m.end())})
            k = m.end()
    for o in out:
        o["statistic"] = "mean"  # a cohort value, labelled or not, is a mean (annotation rule 19)
    return out


def parse_values(text: str, lo: int, hi: int, *, sd_label: bool = False, scale: bool = False,
                 iqr_label: bool = False) -> list[dict]:
    """Values after an instrument mention, in order, with spread and time point; on a scale ("pain VAS 62 mm")
    millimetres are the scale's own unit, not a sign that the number measures something else."""
    # p-values ("(P < 0.05)", "p=0.04") are blanked, keeping offsets
    seg = P_VALUE.sub(lambda m: " " * len(m.group(0)), text[lo:hi])
    items: list[dict] = []
    arrows = list(ARROW.finditer(seg))
    if arrows:
        for k, m in enumerate(arrows):
            v = m.group("v") or m.group("v2")
            par = m.group("par") or m.group("par2")
            tp = _tp(par) or ("baseline" if k == 0 else None)
            start = lo + m.start()
            items.append(_item(_num(v), tp, None, None, None, start, lo + m.end(), first=k == 0))
        return [i for i in items if i]
    # "the change from baseline to week 12 was −2.49": the time point is not a value
    lead_tp = re.match(r"^[^0-9]{0,60}?\bto\s+(?:the\s+)?(?:week|wk|month|year|day|[TMW])\s*\d+\b", seg, re.I)
    start_at = lead_tp.end() if lead_tp else 0
    m0 = re.match(r"[^0-9]{0,80}", seg[start_at:])
    pos = start_at + (m0.end() if m0 else 0)
    unit_tps: list[str] = []
    if pos > 0 and (gl := GLUED_TP_LIST.match(seg, pos - 1)):
        unit_tps = re.findall(r"[TMW]\d+", gl.group())  # "SLEDAI-2K at T0, T1 and T2 was 10, 6 and 4"
        nxt = re.match(r"[^0-9]{0,80}", seg[gl.end() :])
        pos = gl.end() + (nxt.end() if nxt else 0)
    while (tl := TP_LIST_AFTER.match(seg, pos)) and (tu := re.search(r"\b(weeks?|months?|years?|days?|visits?|wk|T|M|W)\s*$", seg[:pos], re.I)):
        nums = re.findall(r"\d+", tl.group())
        if len(nums) >= 2 and not unit_tps and re.fullmatch(r"\d+(?:\s*,\s*\d+)*\s*,?\s*and\s+\d+", tl.group()):
            u = tu.group(1)  # "at weeks 0, 12 and 24 was 5.8, 4.1 and 3.5": the list orders the values that follow
            unit_tps = [f"{u}{n}" if len(u) == 1 else f"{u.lower().rstrip('s')} {n}" for n in nums]
        nxt = re.match(r"[^0-9]{0,80}", seg[tl.end() :])  # "at weeks 0, 16 and 52": time points, not values
        pos = tl.end() + (nxt.end() if nxt else 0)
    lead_tps: list[str] = []
    while (tm := re.match(r"(\d+)\s*(months?|weeks?|years?|days?|mo|wks?)\b", seg[pos:], re.I)) \
            and re.search(r"\b(?:at|after|by|and|to|of|over)\s*$", seg[:pos], re.I):
        lead_tps.append(f"{tm.group(1)} {tm.group(2)}")  # "DAS28 at baseline and at 12 months were ...": a time, not a value
        nxt = re.match(r"[^0-9]{0,80}", seg[pos + tm.end() :])
        pos = pos + tm.end() + (nxt.end() if nxt else 0)
    if lead_tps and re.search(r"\bbaseline\b", seg[: pos], re.I):
        lead_tps.insert(0, "baseline")
    if re.search(r"[−-]\s*$", seg[:pos]) and re.search(r"[\s(][−-]$", seg[:pos]):
        pos -= 1  # a signed value, "(−0.60": keep its minus
    if re.search(r"[<>≤≥]\s*$|\bbetween\s+$|\b(?:at\s+least|at\s+most|more\s+than|less\s+than|greater\s+than|up\s+to)\s+$", seg[:pos], re.I):
        return []  # a threshold or the bounds of a range ("between -20 and +20 points"), no value
    stat_lead = re.search(r"\b(mean|median)\b", seg[:pos], re.I)
    baseline_lead = bool(re.search(r"\b(?:from\s+(?:a\s+)?baseline(?:\s+(?:value\s+)?of)?|at\s+baseline\s+(?:was|were|of))\s*$", seg[:pos], re.I))
    from_lead = bool(re.search(r"\bfrom\s+(?:an?\s+|the\s+)?(?:(?:mean|median|average)\s+)?(?:(?:value|score)\s+)?(?:of\s+)?$|\bfrom\s*$", seg[:pos], re.I))
    respectively = RESPECTIVELY.search(seg)
    resp_tps = []
    if respectively:
        nums = re.findall(r"\d+", respectively.group("list"))
        resp_tps = [f"{n} {respectively.group('unit')}" for n in nums]
    lead_list = TP_LIST.match(seg, pos)
    lead_at = re.search(r"\b(?:at|after|by|over|within)\s*(?P<base>(?:the\s+)?baseline\s*,?\s*(?:and\s+)?(?:at\s+)?)?$", seg[:pos], re.I) \
        if lead_list else None
    if lead_at:
        nums = re.findall(r"\d+", lead_list.group("list"))
        resp_tps = [f"{n} {lead_list.group('unit')}" for n in nums]  # "at 3, 6, and 12 months (... 0.61, 0.56, and 0.46"
        if lead_at.group("base"):
            resp_tps.insert(0, "baseline")  # "at baseline, 3, 6 and 12 months was 5.8, 4.1, 3.5 and 3.0"
        nxt = re.match(r"[^0-9]{0,80}", seg[lead_list.end() :])
        pos = lead_list.end() + (nxt.end() if nxt else 0)
        listed_tps = True
    else:
        listed_tps = False
    if unit_tps and not listed_tps:
        resp_tps, listed_tps = unit_tps, True
    k = -1
    labels: list[tuple[str, int] | None] = []
    par_labels: list[str | None] = []
    pair_from: int | None = None  # the index of the item that opens the last "from a to b" pair
    unit_list = RESPECTIVE_UNIT_LIST.search(seg, pos)
    list_at = (unit_list.start("list") if unit_list.group("list") else unit_list.start()) if unit_list else None
    for m in VALUE.finditer(seg, pos):
        if unit_list and m.start() >= list_at:
            break  # "..., 3 and 6 months, respectively": the time points the values are handed, no value
        if re.search(r"\b(?:months?|weeks?|wk|years?|days?|visit|T|M|W)\s*$", seg[max(0, m.start() - 8) : m.start()], re.I) \
                and not (items and (gj := GAPPED_JOINT.fullmatch(seg[pos : m.start()])) and gj.group("tp")):
            continue  # "T6 (month 6)": part of a time point, not a value ("and at 12 months 3.2": the value after it)
        if items and re.search(r"\band\s+(?:at|after|by)\s+(?:the\s+)?$", seg[pos : m.start()], re.I) \
                and re.match(r"\s*(?:months?|weeks?|years?|days?|wks?)\b", seg[m.end("v") :], re.I):
            continue  # "was 4.1 and at 12 months 3.2": the time point of the next value, not a value
        k += 1
        # "0.27, P = 0.47; 0.66": a blanked p-value and its semicolon separate two values like a comma
        between = re.sub(r"\s{4,};", " ", seg[pos : m.start()])
        if re.search(r"\bn\s*=\s*$", seg[max(0, m.start() - 6) : m.start()], re.I):
            break  # "(n = 8)" is a count of patients
        label = ARM_LABEL.search(seg, 0 if k == 0 else pos, m.start())
        if k and labels and labels[0] and label:  # "(CYC 3.1 ± 2.4 vs. MMF 2.3 ± 0.8)": each value led by its arm
            between = re.sub(r"\s{4,};", " ", seg[pos : label.start("g")])
        gap_tp = pair_group = next_group = None
        new_pair = False
        if k and (gj := GAPPED_JOINT.fullmatch(between)):
            gap_tp = gj.group("tp")  # "was 4.1 and at 12 months 3.2", "(11.2 ± 3.5) decreased to 6.1 at month 6"
        elif k and (pj := NEXT_PAIR.fullmatch(between)):
            new_pair, pair_group = True, pj.group("g")  # "from 5.6 to 3.2 in the X group and from 5.5 to 4.6 ..."
        elif k and (ng := NEXT_GROUP_VALUE.fullmatch(between)):
            next_group = re.sub(r"\s+", " ", ng.group("g")).strip()  # "2.1 at week 12; in non-responders, 5.4"
        elif k and not re.fullmatch(r"\)?\s*(?:(?:mm|cm)\s+)?(?:,|;|and|to|vs\.?|versus|→|->|then|at\s+baseline\s+to)?\s*(?:,|and|to)?\s*\(?", between, re.I):
            break
        after = seg[m.end("v") if not m.group("sd") else m.end("sd") :]
        if UNIT_AFTER.match(after) and not m.group("par") and not m.group("br") and not (scale and SCALE_UNIT.match(after)):
            if k == 0:
                return []
            break
        if re.search(r"\bp\s*[<=>]\s*$|[<>≤≥]\s*$", seg[max(0, m.start() - 6) : m.start()], re.I):
            break
        if STATISTIC_BEFORE.search(seg[max(0, m.start() - 12) : m.start()]):
            break  # "(OR 1.08, CI 1.01-1.16)": an effect size, not the score's value
        tp = _tp(m.group("br")) or _tp(m.group("par")) or _tp(m.group("at")) or _pre(m.group("pre")) or gap_tp
        sd = _num(m.group("sd")) if m.group("sd") else None
        iqr = rng = None
        statistic = None
        par = m.group("par") or ""
        br = m.group("br") if m.group("br") and not _tp(m.group("br")) else ""  # "5.2 [3.1-7.4]": a bracket like "(...)"
        spread = re.fullmatch(rf"\s*(?P<lab>IQR|range|interquartile\s+range)?[:,]?\s*(?P<a>{NUM})\s*(?:[-\u2010-\u2015¬;]|to)\s*(?P<b>{NUM})\s*", par or br, re.I)
        labelled = LABELLED_SPREAD_AFTER.match(seg, m.end()) if not spread and sd is None else None
        if labelled:  # "median 8, IQR 6–12"
            spread = labelled
        if spread:
            lab = (spread.group("lab") or "").lower()
            pair = [_num(spread.group("a")), _num(spread.group("b"))]
            if lab.startswith("range"):
                rng = pair
            elif lab or iqr_label:  # "median (IQR) SHS was 0 (0–1)": the label printed before names the bracket
                iqr, statistic = pair, "median"
            else:
                statistic = "median"
        elif sd is None and re.fullmatch(rf"\s*SD\s*[:,=]?\s*{NUM}\s*", par, re.I):
            sd = _num(re.search(NUM, par).group())  # "6.1 (SD 1.7)"
        elif sd is None and sd_label and re.fullmatch(rf"\s*(?:±\s*)?{NUM}\s*", par):
            sd = _num(par.strip().lstrip("±").strip())
        elif sd is None and re.fullmatch(rf"\s*±\s*{NUM}\s*", par):
            sd = _num(par.strip().lstrip("±").strip())
        if tp is None and k == 0 and (baseline_lead or from_lead):
            tp = "baseline"
        if tp is None and new_pair:  # a new group's pair starts at baseline; the same cohort's, where the last ended
            tp = "baseline" if pair_group or not items else items[-1]["timepoint"]
        if tp is None and k >= 1 and resp_tps and k - 1 < len(resp_tps) and not listed_tps:
            tp = resp_tps[k - 1]
        elif tp is None and listed_tps and k < len(resp_tps):
            tp = resp_tps[k]
        seg_start = lo + m.start()
        conn = re.search(r"(?:\bto|→|->)\s*$", between)
        if conn:
            seg_start = lo + pos + conn.start()
        end = lo + m.end()
        if m.group("par") and re.match(r"\s*p\s*[<=>]", par, re.I):
            end = lo + len(seg[: m.start("par") - 1].rstrip())
        if statistic is None and stat_lead:
            statistic = stat_lead.group(1).lower()  # "decreased from a median of 6 at T0 to 1 at T6"
        if labelled:
            end = lo + labelled.end()
        item = _item(_num(m.group("v")), tp, sd, iqr, rng, seg_start, end, first=k == 0, statistic=statistic)
        pos = labelled.end() if labelled else m.end()
        if next_group:
            item["group"] = next_group
            item["timepoint"] = item["timepoint"] or items[-1]["timepoint"]  # the elided time point is the last one's
        if new_pair:
            pair_from = len(items)
            item["group"] = re.sub(r"\s+", " ", pair_group).strip() if pair_group else None
        elif pair_from is not None and len(items) == pair_from + 1 and re.search(r"\bto\s*\(?$", between):
            item["group"] = items[pair_from]["group"]  # the pair's end belongs to the group that leads the pair
        elif k == 0 and from_lead:
            pair_from = 0
        grp = GROUP_AFTER.match(seg, pos) or ARM_AFTER.match(seg, pos)
        if grp:  # "4 (IQR 2–6) in patients with low levels and 2 (IQR 0–4) in the others"
            item["group"] = re.sub(r"\s+", " ", grp.group("g")).strip()
            pos = grp.end()
            if pair_from is not None and len(items) == pair_from + 1 and items[pair_from]["group"] is None:
                items[pair_from]["group"] = item["group"]  # "from 5.6 to 3.2 in the X group": the pair's start is X's too
                if pair_from and items[pair_from - 1]["group"] != item["group"]:
                    items[pair_from]["timepoint"] = "baseline"  # "... and from 5.5 to 4.6 in the placebo group": its own start
        items.append(item)
        labels.append((label.group("g"), lo + label.start("g")) if label else None)
        par_labels.append(par.strip() if ARM_IN_BRACKET.fullmatch(par) and not tp else None)
        if len(items) >= 8:
            break
    if len(items) >= 2 and all(labels) and len({g[0].lower() for g in labels}) == len(labels) \
            and not any(it["group"] for it in items):
        for it, (g, at) in zip(items, labels, strict=True):
            it["group"] = re.sub(r"\s+", " ", g)
            if not it["first"]:
                it["seg_start"] = at  # each later value's evidence starts at its own arm
    if len(items) >= 2 and all(par_labels) and len({g.lower() for g in par_labels}) == len(items) \
            and not any(it["group"] for it in items):
        for it, g in zip(items, par_labels, strict=True):
            it["group"] = re.sub(r"\s+", " ", g)  # "3.1 (rituximab) vs 4.5 (placebo)": each value's arm in its bracket
    if len(items) >= 2 and (rt := RESPECTIVE_TPS_AFTER.match(text, items[-1]["start"], hi)):
        tps = [t.strip() for t in re.split(r"\s*,\s*(?:and\s+)?(?:at\s+)?|\s+and\s+(?:at\s+)?", rt.group("list")) if t.strip()]
        if len(tps) == len(items):  # "5.8 and 3.2 at baseline and 6 months, respectively": each value's time point
            for it, tp in zip(items, tps, strict=True):
                it["timepoint"] = tp
    if unit_list and len(items) >= 2:
        tps = ["baseline"] * bool(unit_list.group("base")) + (
            [f"{n} {unit_list.group('unit')}" for n in re.findall(r"\d+", unit_list.group("list"))] if unit_list.group("list") else
            [f"{unit_list.group('unit2').rstrip('sS')} {n}" for n in re.findall(r"\d+", unit_list.group("list2"))])
        if len(tps) == len(items):
            cut = lo + len(seg[: unit_list.start()].rstrip(" ,"))
            for it, tp in zip(items, tps, strict=True):
                it["timepoint"] = tp
                it["end"] = min(it["end"], cut)  # "3.2 at baseline, 3 and 6 months": the list is not the value's
    if len(lead_tps) >= 2 and len(items) == len(lead_tps) and re.search(r"\brespectively\b", seg, re.I):
        for it, tp in zip(items, lead_tps, strict=True):
            it["timepoint"] = it["timepoint"] or tp
    elif len(lead_tps) == 1 and len(items) == 1 and items[0]["timepoint"] is None:
        items[0]["timepoint"] = lead_tps[0]  # "DAPSA at 6 months was 7.5"
    return [i for i in items if i]


SENT_TP = re.compile(
    rf"(?:\b(?:at|after|by|during|over|within)\s+(?:the\s+)?(?:[A-Za-z]{{2,12}}\s+)?(?P<tp>{TP_WORD}|(?:one|two|three|four|five|six|nine|twelve|eighteen|twenty-four)\s+(?:months?|weeks?|years?))\b)"
    rf"|\bat\s+(?:the\s+(?:moment|time)\s+of\s+(?P<dx>(?:[\w\-]+\s+)?diagnosis)|(?P<dx2>diagnosis))\b"
    rf"|(?:^|[.;]\s+)(?P<base>Baseline)\b|\b(?P<base2>baseline)\s+(?:characteristics|values?|data|features)\b",
    re.I,
)


def sentence_timepoint(text: str, lo: int, hi: int, at: int) -> str | None:
    """The time phrase of the sentence a value sits in: the nearest one before it, else after it."""
    hits = [(lo + m.start(), m.group("tp") or m.group("dx") or m.group("dx2") or m.group("base") or m.group("base2")) for m in SENT_TP.finditer(text[lo:hi])]
    hits = [(pos, tp) for pos, tp in hits if tp and not re.fullmatch(r"(?:before|after)", tp, re.I)]
    before = [h for h in hits if h[0] <= at]
    chosen = before[-1] if before else (hits[0] if hits else None)
    if chosen is None:
        return None
    tp = re.sub(r"\s+", " ", chosen[1])
    return "baseline" if tp.lower() == "baseline" else tp


def _clause(text: str, lo: int, hi: int, at: int) -> str:
    """The clause of a sentence a value sits in: "mean DAS over time was 1.7; median SHS was 0" is two clauses
    (split at a semicolon or at ", and"/", while"/", whereas"), so "over time" stays with the DAS value."""
    cuts = [lo] + [lo + m.end() for m in re.finditer(r";|,\s*(?:and|while|whereas|but)\s", text[lo:hi], re.I)] + [hi]
    start = max(c for c in cuts if c <= at)
    end = min(c for c in cuts if c > at) if any(c > at for c in cuts) else hi
    return text[start:end]


def wrapped_start(text: str, start: int) -> int:
    """Where the sentence really starts when ``start`` only begins a new line of a hard-wrapped text: back over
    single line breaks that end no sentence ("At baseline,\\nfebuxostat users had ...")."""
    lo = start
    for _ in range(3):
        gap = text[:lo]
        body = gap.rstrip()
        between = gap[len(body) :]
        if not body or between.count("\n") != 1 or body[-1] in ".!?:;":
            break
        cut = max(body.rfind(". "), body.rfind(".\n"), body.rfind("\n\n"), body.rfind("? "), body.rfind(": "), body.rfind(":\n"))
        if cut < 0 or len(body) - cut > 400:
            break
        lo = cut + 2
    return lo


#: a sentence that opens with its time point: "At week 24, ...", "After 2 years, ..."
LEADING_TP = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?:])\s+)(?:At|After|By)\s+(?:the\s+)?(?P<tp>{TP_WORD})\s*(?:of\s+[\w\-]+\s*)?,", re.I)


def _carried_timepoint(text: str, lo: int) -> str | None:
    """A results sentence with no time phrase of its own reports at the time point the paragraph opened with
    ("At Week 24, 21/30 achieved CR. ... belimumab group had lower SLEDAI-2K (3.9 ± 2.8)"); a line break ends
    the paragraph."""
    para = text.rfind("\n", 0, lo) + 1
    hits = list(LEADING_TP.finditer(text, para, lo))
    return re.sub(r"\s+", " ", hits[-1].group("tp")) if hits else None


#: groups that open their sentence as its subject, their values handed out by a later "respectively"
SUBJECT_GROUPS = re.compile(r"\s*(?:[A-Z][A-Za-z ]{2,20}:\s*)?(?:the\s+)?(?P<g>[\w\-]+(?:\s+[\w\-]+){0,3}?(?:\s*,\s*[\w\-]+(?:\s+[\w\-]+){0,3}?)*"
                            r"\s+and\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,3}?)\s+(?:had|showed|presented|reached|achieved|displayed|reported)\b", re.I)
RESPECTIVE_GROUPS = re.compile(r"\s*,?\s*(?:in|for)\s+(?:the\s+)?(?P<g>[^;.()]{2,80}?),?\s+respectively\b", re.I)


def _respective_groups(text: str, values: list[dict], hi: int, lo: int | None = None) -> None:
    """"3.1 ± 2.4 and 2.3 ± 0.8 for CYC and MMF, respectively": each value's group, in order (rule 17); the groups
    may open the sentence as its subject ("Responders and non-responders had ... 5.8 and 5.6, respectively")."""
    if len(values) < 2:
        return
    m = RESPECTIVE_GROUPS.match(text, values[-1]["end"], hi)
    if not m and lo is not None and re.match(r"\s*,?\s*respectively\b", text[values[-1]["end"] : hi]):
        m = SUBJECT_GROUPS.match(text, lo)  # "Responders and non-responders had a DAS28 of 5.8 and 5.6, respectively"
    if not m:
        return
    groups = [g.strip() for g in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+", m.group("g")) if g.strip()]
    if len(groups) == len(values):
        for v, g in zip(values, groups, strict=True):
            v["group"] = g


def _num(s: str) -> float:
    return float(s.replace("−", "-").replace(",", "."))


def _item(value: float, tp: str | None, sd, iqr, rng, start: int, end: int, first: bool, statistic: str | None = None) -> dict:
    return {"value": value, "timepoint": tp, "sd": sd, "iqr": iqr, "range": rng, "start": start,
            "seg_start": start, "end": end, "first": first, "statistic": statistic, "group": None}


#: the arm or subgroup named right before its value: "(CYC 3.1 ± 2.4 vs. MMF 2.3 ± 0.8)", "placebo: 1.2; tofacitinib: 0.8"
ARM_LABEL = re.compile(
    r"(?:^|[\s(\[;,])(?P<g>(?!(?:mean|median|average|sd|iqr|range|p|n|vs|versus|and|or|to|from|of|was|were|is|are|at|by|in|"
    r"with|for|on|after|before|baseline|weeks?|months?|years?|days?|score|scores|index|scale|total|the|a|an|then|respectively|"
    r"values?|levels?|change|reduction|decrease|increase|fell|rose|decreased|increased|improved|declined|dropped)\b)"
    r"[A-Za-z][A-Za-z0-9\-]{1,20}(?:\s+(?:arm|group|users))?)\s*:?\s*$", re.I)
#: an arm named in the bracket after its value: "3.1 (rituximab) vs 4.5 (placebo)", "(group A)", "(TCZ arm)"
ARM_IN_BRACKET = re.compile(
    r"\s*(?!(?:mean|median|average|sd|iqr|range|p|n|ns|se|sem|ci|baseline|total|all|overall|points?|pts|patients)\b)"
    r"[A-Za-z][A-Za-z0-9\-]{1,20}(?:\s+(?:arm|group|users|[A-Z0-9]{1,2}))?\s*", re.I)
#: "−2.49 with UPA, −1.04 with PBO": the arm, named by its (short) drug name
ARM_AFTER = re.compile(r"\s*(?:with|on|in|for)\s+(?:the\s+)?(?P<g>[A-Z][A-Za-z0-9\-]{1,12}(?:\s+(?:arm|group))?)(?=\s*(?:and\b|vs\.?|versus|,|;|\(|\.|$))")
#: the arm or subgroup a value belongs to, written right after it (annotation rule 17)
_GROUP = (r"(?:patients|pts|those|subjects|responders|non-?responders)\s+(?:with|without|on|receiving|treated\s+with)"
          r"\s+[^,;()]{2,50}?|others?|controls?|cases|(?:non-?)?responders|(?:non-?)?users|(?:wo)?men|(?:fe)?males|boys|girls|children|adults|[\w\-]+(?:\s+[\w\-]+)?\s+(?:group|arm)"
          r"|(?:group|arm|cohort)\s+(?:[A-D]|[1-4]|I{1,3}|IV)\b"
          r"|(?!(?:all|these|those|our|both|most|many|some|several|other|the|each|whom|which)\b)[A-Za-z][\w\-]*\s+(?:patients|pts|subjects|subgroups?)"
          r"|[A-Za-z][\w\-]*(?:positive|negative)\b")
GROUP_AFTER = re.compile(
    r"\s*in\s+(?:the\s+)?(?P<g>" + _GROUP + r")(?=\s*(?:and\b|vs\.?|versus|,|;|\(|\.|$)|\s+(?:at|after|by|during|over|within)\s)", re.I)
#: a sentence that opens with its subgroup: "In responders, mean DAS28 was 2.1", "Among patients with ILD, ..."
LEADING_GROUP = re.compile(r"(?:In|Among|For)\s+(?:the\s+)?(?P<g>" + _GROUP + r")\s*,", re.I)
#: the joint that opens a second "from a to b" pair, its group led or not: "and from", ", and in the placebo group from"
NEXT_PAIR = re.compile(r"\)?\s*[,;]?\s*(?:and\s+|while\s+|whereas\s+)?(?:(?:in|among|for)\s+(?:the\s+)?(?P<g>" + _GROUP
                       + r")\s*,?\s*)?(?:it\s+)?(?:(?:decreased|fell|dropped|declined|improved|increased|rose|changed)\s+)?from\s+"
                       r"(?:a\s+(?:mean|median)\s+of\s+)?\(?", re.I)


#: "...; in non-responders, 5.4": another group's value after its group, the rest elided (annotation rule 17)
NEXT_GROUP_VALUE = re.compile(r"\)?\s*[,;]\s*(?:and\s+|while\s+|whereas\s+|but\s+)?(?:in|among|for)\s+(?:the\s+)?(?P<g>" + _GROUP
                              + r")\s*,?\s*(?:(?:it\s+)?(?:was|were)\s+)?", re.I)


def _pre(s: str | None) -> str | None:
    """"24 (IQR 16–35) before treatment": the value before treatment is the baseline."""
    return "baseline" if s else None


def _tp(s: str | None) -> str | None:
    if not s:
        return None
    s = s.strip()
    if re.fullmatch(TP_WORD, s, re.I):
        return re.sub(r"\s+", " ", s)
    m = re.fullmatch(rf"(?:at\s+)?(?P<t>{TP_WORD})", s, re.I)
    return m.group("t") if m else None


#: "at 3, 6, and 12 months (differences in ASDAS reduction were 0.61, 0.56, and 0.46, respectively)"
LEAD_TP_LIST = re.compile(r"\b(?:at|after|by|over|within)\s+" + TP_LIST.pattern.removeprefix(r"\s*"), re.I)


def _leading_timepoint_list(text: str, lo: int, e: dict, hi: int, values: list[dict]) -> None:
    """Time points listed before the instrument and ordered by a later "respectively" give each value its time."""
    if len(values) < 2 or any(v["timepoint"] for v in values):
        return
    lists = list(LEAD_TP_LIST.finditer(text, lo, e["start"]))
    if not lists or not re.search(r"\brespectively\b", text[e["end"] : hi], re.I):
        return
    m = lists[-1]
    nums = re.findall(r"\d+", m.group("list"))
    if len(nums) == len(values):
        for v, n in zip(values, nums, strict=True):
            v["timepoint"] = f"{n} {m.group('unit')}"


#: a group's words: never a verb or preposition that would run the label into the clause before it
_WORD = r"(?!(?:in|was|were|is|are|than|had|has|have|and|or|but)\b)[\w\-]+"
_SIDE = r"(?:the\s+)?(?P<{0}>" + _WORD + r"(?:\s+" + _WORD + r"){{0,5}}?)"
#: "greater in TNFi users than in nonusers", "in patients with X in contrast to Y", "in the A arm than in the B arm"
COMPARED = re.compile(
    r"\b(?:in|among|for)\s+" + _SIDE.format("a")
    + r"\s+(?:than|in\s+contrast\s+to|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:in|among|for|with)\s+)?"
    + _SIDE.format("b") + r"(?=\s+(?:at|after|during|over|within|by)\b|\s*[(,;.:]|\s*$)",
    re.I,
)
#: "As compared with the placebo group, the study group had lower ...": B is named first, A is the subject
COMPARED_AS = re.compile(
    r"\b(?:as\s+)?compared\s+(?:with|to)\s+" + _SIDE.format("b") + r"\s*,\s*" + _SIDE.format("a")
    + r"\s+(?:had|showed|presented|displayed|achieved|reached|maintained)\b", re.I)
#: "naive patients maintained lower activity vs. switchers [DAPSA 4 vs. 6]": subject A, then "vs." B
SUBJECT_VS = re.compile(
    r"(?:^|[:;,]\s*)" + _SIDE.format("a") + r"\s+(?:had|showed|presented|displayed|achieved|reached|maintained)"
    r"\s+(?:[\w\-]+\s+){0,5}?(?:vs\.?|versus|than|compared\s+(?:with|to))\s+(?:(?:in|with)\s+)?"
    + _SIDE.format("b") + r"(?=\s*[\[(,;.:]|\s*$)", re.I)
#: "higher in males (median BVAS3 13 vs. 9)": one side named right before the bracket
ONE_SIDE = re.compile(r"\b(?:in|among)\s+(?:the\s+)?(?P<a>[\w\-]+(?:\s+[\w\-]+){0,3}?)\s*\(\s*(?:(?:mean|median)\s+)?$", re.I)


#: "febuxostat users had a higher X (0.78 vs. 0.53)": the subject owns the first of the two values
SUBJECT_MORE = re.compile(
    r"(?:^|[:;,]\s*)" + _SIDE.format("a") + r"\s+(?:had|showed|presented|displayed|reported)\s+(?:an?\s+)?"
    r"(?:(?:significantly|slightly|much|markedly)\s+)?(?:higher|lower|greater|smaller|better|worse|more\s+severe)\s+(?:mean\s+|median\s+)?$", re.I)


#: the other half of a two-way split named by one side
_HALVES = [("males", "females"), ("men", "women"), ("boys", "girls"), ("users", "nonusers"), ("responders", "non-responders"),
           ("smokers", "non-smokers"), ("cases", "controls")]
OTHER_HALF = {a: b for pair in _HALVES for a, b in (pair, pair[::-1])}


def _compared_groups(text: str, lo: int, at: int, values: list[dict], *, change: bool) -> None:
    """Rule 17 for comparisons: two values "a vs. b" after "in A than/in contrast to B" are A's and B's;
    a difference between the groups (a change value) belongs to the comparison "A vs B"."""
    if not values or any(v["group"] for v in values):
        return
    before = text[lo : values[0]["start"]]
    sides = [m for rx in (COMPARED, COMPARED_AS, SUBJECT_VS) for m in rx.finditer(before)]
    if sides:
        last = max(sides, key=lambda m: m.end())
        a, b = (re.sub(r"\s+", " ", last.group(k)).strip() for k in ("a", "b"))
        if change or all(v.get("statistic") == "change" for v in values):
            for v in values:
                v["group"] = f"{a} vs {b}"
        elif len(values) == 2 and _versus(text, values):
            values[0]["group"], values[1]["group"] = a, b
        return
    one = ONE_SIDE.search(text[lo:at]) or SUBJECT_MORE.search(text[lo:at]) \
        or ONE_SIDE.search(text[lo : values[0]["start"]])  # "the X score was higher among A users (0.78 vs. 0.53)"
    if one and len(values) == 2 and _versus(text, values):
        values[0]["group"] = re.sub(r"\s+", " ", one.group("a")).strip()
        other = OTHER_HALF.get(values[0]["group"].lower()) or _other_arm(text, values[0]["group"])
        if other:
            values[1]["group"] = other  # "higher in males (13 vs. 9)": a two-way split, the second value is the other half


def _other_arm(text: str, group: str) -> str | None:
    """"febuxostat users" in a text that compares "febuxostat versus allopurinol": the other arm is "allopurinol
    users" (the two sides of the study's comparison, the group noun shared)."""
    m = re.fullmatch(r"(?P<w>[A-Za-z][\w\-]{2,30})\s+(?P<noun>users|group|arm|patients)", group, re.I)
    if not m:
        return None
    pair = re.search(rf"\b{re.escape(m.group('w'))}\s+(?:versus|vs\.?|or|and|compared\s+(?:with|to))\s+(?P<o>[A-Za-z][\w\-]{{2,30}})\b",
                     text, re.I)
    if not pair or pair.group("o").lower() in ("the", "a", "an", "other", "others", "those", "patients", "users", "controls"):
        return None
    return f"{pair.group('o').lower() if pair.group('o')[1:].islower() else pair.group('o')} {m.group('noun')}"


def _versus(text: str, values: list[dict]) -> bool:
    """Two values joined by "vs." ("13 vs. 9", "(3.9±2.8) vs (5.7±3.1)")."""
    return bool(re.fullmatch(r"[\s,)\]]*(?:vs\.?|versus)[\s(\[]*", text[values[0]["end"] : values[1]["start"]], re.I))


#: "the median pain at baseline was 32.5 (IQR 15-50) on NRS": a value printed before the instrument it was read on
VALUE_BEFORE = re.compile(
    rf"\b(?P<stat>mean|median)\s+(?:[\w\-]+(?:\s+[\w\-]+){{0,5}}?\s+)?(?:was|were|of)\s+"
    rf"(?P<v>-?{NUM}(?:\s*(?:±|\+/-)\s*{NUM})?(?:\s*\([^()]{{1,60}}\))?)\s+(?:on|by|using|with)\s+(?:the\s+)?$",
    re.I,
)


#: "mean disease activity was 3.2 ± 1.1 (DAS28)": a value with the instrument that measured it in the bracket after it
VALUE_BRACKETED = re.compile(
    rf"(?:\b(?P<stat>mean|median)\s+(?:[\w\-]+\s+){{0,4}}?)?(?:was|were|of)\s+"
    rf"(?P<v>[−-]?{NUM}(?:\s*(?:±|\+/-)\s*{NUM})?)\s*\(\s*$", re.I)


#: "Median LDI in patients with dactylitis fell from 48 ...", "BASMI increased in nonusers at 6 months (0.27)"
GROUP_AROUND_VERB = re.compile(
    r"\s*(?:in\s+(?:the\s+)?(?P<g1>(?:patients|pts|those|subjects)\s+(?:with|without|on|receiving)\s+[^,;()]{2,40}?"
    r"|[\w\-]+(?:\s+[\w\-]+)?\s+(?:group|arm)|(?:non-?)?users|(?:non-?)?responders)\s+)?"
    r"(?P<verb>fell|decreased|increased|improved|declined|dropped|rose|worsened|changed)\b"
    r"(?:\s+(?:significantly\s+)?in\s+(?:the\s+)?(?P<g2>(?:non-?)?users|(?:non-?)?responders|[\w\-]+(?:\s+[\w\-]+)?\s+(?:group|arm)))?",
    re.I,
)


def _group_after_instrument(text: str, at: int, values: list[dict]) -> None:
    """Rule 17: a subgroup named between the instrument and its verb belongs to every value that follows;
    a verb of change followed by a bracketed value ("increased in nonusers (0.27)") makes that value a change."""
    m = GROUP_AROUND_VERB.match(text, at)
    if not m or not values:
        return
    group = m.group("g1") or m.group("g2")
    first = values[0]["start"]
    bare = not re.search(r"\b(?:from|to)\b", text[m.end() : first], re.I)
    bracketed = bare and re.search(r"\(\s*[−-]?$", text[max(at, first - 3) : first])
    if bracketed and len(values) == 2 and _versus(text, values):
        bracketed = None  # "decreased (3.6 ± 0.9 vs 2.1 ± 0.8)": the values before and after, not changes
        values[0]["timepoint"] = values[0]["timepoint"] or "baseline"
    for v in values:
        if group and not v["group"]:
            v["group"] = re.sub(r"\s+", " ", group).strip()
        if bracketed and not v["statistic"] and ")" not in text[first : v["start"]]:
            v["statistic"] = "change"  # every value inside the bracket that follows the verb
