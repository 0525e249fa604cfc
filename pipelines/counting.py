"""How many patients a mention is about: "(n=2)", "in 3 pts", "Four pts presented with",
"2 of the 3 patients", "in 12/13", "in 85.9% of patients", "all pts", "the pt with".

``count_near`` looks right of a mention first (parenthesised or "in N" counts
belong to what they follow), then left within the clause. Percentages give a
count only against a known base (record.md's percentage rule).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from . import lexicons
from .numbers import count_from_percent, count_pattern, decimals, parse_int, parse_number

PATIENT = r"(?:patients?|pts?\.?|cases?|subjects?|participants?|individuals?|children|women|men|users|(?:non-?)?responders)"
VERB = r"(?:presented|developed|experienced|had|reported|showed|exhibited|displayed|suffered|received|achieved|reached|(?:were|was)\s+diagnosed)"
#: the verbs of having a finding: "78.3% had X", "12% presented with X", "5% were affected by X"
HAVE = r"(?:had|have|has|presented|developed|experienced|showed|exhibited|displayed|suffered|(?:were|was)\s+affected)"
NOT_PATIENTS = r"(?:%|percent\b|per\s+cent\b|(?:mg|g|kg|ml|mcg|µg|μg|weeks?|wks?|months?|mos?|years?|yrs?|days?|hours?|h|times|infusions?|doses?|cycles?|points?|mm|cm|°C|x)\b)"


#: a list member: a few words, no number, no bracket
_MEMBER = r"[A-Za-z][\w'\-]*(?:\s+[A-Za-z][\w'\-]*){0,5}?"
#: words that make a "member" a clause of its own ("X improved and Y resolved in 3")
NOT_A_MEMBER = re.compile(r"\b(?:was|were|is|are|had|has|have|been|did|does|not|no|none|than|vs|versus|respectively|"
                          r"patients?|pts?|cases?|subjects?|[a-z]+ed|whereas|while|but)\b", re.I)


#: a noun naming how often something occurs in the cohort
FREQ = r"(?:(?:occurrence|incidence|prevalence|frequency)(?:\s+rates?)?)"


@functools.lru_cache(maxsize=1)
def _compounds() -> str:
    words = lexicons.load("domain_terms").get("patient_compounds", [])
    return "|".join(sorted((re.escape(w) for w in words if not w.startswith("_")), key=len, reverse=True)) or "(?!)"


@functools.lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern]:
    c = count_pattern()
    return {
        # right of the mention
        "paren": re.compile(rf"^\s*(?:\([^()]{{0,12}}\)\s*)?\(\s*(?:n\s*=\s*)?(?P<n>{c})(?:\s*/\s*(?P<of>\d+))?(?:\s*{PATIENT})?\s*(?:\[[^\]]{{0,12}}\]\s*)?(?:(?:[,;]|\bvs\.?|\bversus\b)\s*[^()]*)?\)", re.I),
        # "hypertension (22.9%)", "dyspnea (40.2%)": a share of the cohort, printed right after the mention
        # "genital ulcers 71.5%, uveitis 30%": a bare share right after a list member, closed by the list
        "bare_pc": re.compile(r"^\s*:?\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%(?=\s*(?:[,;)]|\.(?!\d)|and\b|$))", re.I),
        "paren_pc": re.compile(r"^\s*\(\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%\s*(?:\)|[,;]|vs\b)", re.I),
        "comma_in_paren": re.compile(rf"^\s*,\s*(?:n\s*=\s*)?(?P<n>{c})\s*{PATIENT}?\s*\)", re.I),
        "ratio": re.compile(r"^\s*(?P<n>\d+)\s*/\s*(?P<of>\d+)\b(?!\s*(?:mg|g|ml|kg|mmHg))", re.I),
        # "lupus nephritis:46", "MCR: 18" — not "uveitis: 12.5%" (a share), not "received X: 29/46 had stopped it" (a new clause)
        "colon": re.compile(rf"^\s*[:=]\s*(?:n\s*=\s*)?(?P<n>\d+)\b(?![.,]\d)(?!\s*%)(?!\s*/)(?!\s*{NOT_PATIENTS})(?!\s*(?:\(\S*\)\s*)?(?:had|were|was|of)\b)", re.I),
        "n_eq": re.compile(r"^\s*[,(]\s*n\s*=\s*(?P<n>\d+)", re.I),
        # "CKD (stage ≥3) in 19": a bracket right after the mention qualifies it; its digits are no count
        "in_n": re.compile(rf"^(?:\s*\([^()]{{0,30}}\))?(?:(?!\band\b)[^.;\d]){{0,40}}?\bin\s+(?:the\s+|all\s+(?:the\s+)?|a\s+total\s+of\s+)?(?P<n>{c})(?:\s*/\s*(?P<of>\d+))?(?:\s*\((?P<pc>\d+(?:[.,]\d+)?)\s*%\))?(?:\s+(?:\w+\s+){{0,2}}?{PATIENT})?(?!\s*{NOT_PATIENTS})", re.I),
        "in_pc": re.compile(rf"^(?:\s*\([^()]{{0,30}}\))?(?:(?!\band\b)[^.;\d]){{0,40}}?\bin\s+(?P<pc>\d+(?:[.,]\d+)?)\s*%(?:\s+(?:of\s+)?(?:the\s+)?{PATIENT})?", re.I),
        # "arthritis, 12 patients; serositis, 5 patients": a count set off by a comma, ending the list item
        # "X (30% [12/40])", "X occurred in 30% (12/40) of patients", "X [12 (30%)]": the count beside its share
        # "X (DLBCL) (9.0%, 11/121)": the share first, the ratio after a comma in the same bracket
        "pc_then_n": re.compile(r"^(?:\s*\([^()]{0,12}\))?(?:\s*\(|(?:(?!\band\b)[^.;\d]){0,40}?\bin\s+)\s*\d+(?:[.,]\d+)?\s*%\s*"
                               r"(?:[(\[]\s*(?P<n>\d+)\s*/\s*\d+\s*[)\]]|[,;]\s*(?P<n2>\d+)\s*/\s*\d+(?=\s*\)))"
                               r"(?:\s*\)|(?:\s+(?:of\s+(?:the\s+)?)?" + PATIENT + r")?)", re.I),
        "sq_n": re.compile(rf"^\s*\[\s*(?P<n>{c})\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\)\s*\]", re.I),
        # "arthritis 12 (30%), serositis 5 (12.5%)": a count and its share right after the mention
        "bare_n_pc": re.compile(rf"^\s*:?\s*(?P<n>{c})\s*[(\[]\s*\d+(?:[.,]\d+)?\s*%\s*[)\]]", re.I),
        "comma_n": re.compile(rf"^\s*,\s*(?P<n>{c})\s+{PATIENT}(?=\s*(?:[;,)]|\.(?!\d)|$))", re.I),
        # "arthritis affected 12 patients": the active form of "in 12 patients"
        "affected_n": re.compile(rf"^\s*(?:\([^()]{{0,30}}\)\s*)?(?:affected|involved)\s+(?P<n>{c})(?:\s*/\s*(?P<of>\d+))?(?:\s*\([^()]{{0,12}}\))?\s+(?:(?:of\s+)?(?:the\s+|all\s+)?)?{PATIENT}", re.I),
        # "uveitis, pericarditis and erosions in one of them": a count after a list is every member's
        "list_in_n": re.compile(rf"^(?P<members>(?:\s*,\s*{_MEMBER})*\s*,?\s+and\s+{_MEMBER})(?:\s+(?:was|were)\s+(?:present|found|seen|observed|noted|detected|reported|documented|diagnosed|identified))?\s+in\s+(?:the\s+|all\s+(?:the\s+)?)?(?P<n>{c})"
                                rf"(?:\s*/\s*(?P<of>\d+))?(?:\s*\(\d+(?:[.,]\d+)?\s*%\))?(?:\s+(?:of\s+(?:them|these|those)|(?:\w+\s+){{0,2}}?{PATIENT}))?(?:\s+each)?(?=\s*(?:[,;.)]|$))", re.I),
        "by_n": re.compile(rf"^[^.;]{{0,40}}?\bby\s+(?P<n>{c})\s+{PATIENT}", re.I),
        # left of the mention, within the clause
        "left": re.compile(rf"(?P<n>{c})(?:\s*/\s*\d+)?(?!\s*(?:%|percent|per\s+cent))(?:\s*\((?P<pc>\d+(?:[.,]\d+)?)\s*%\))?(?:\s+(?:out\s+)?of\s+(?:the\s+)?(?P<of>{c}))?\s+(?:[\w\-]+\s+){{0,3}}?{PATIENT}\b", re.I),
        "left_pc": re.compile(rf"(?P<pc>\d+(?:[.,]\d+)?|{c})\s*(?:%|percent|per\s+cent)\s+(?:(?:of\s+(?:the\s+)?)?{PATIENT}\b|(?={VERB}\b))", re.I),
        # "30% (12/40) of patients had": the count in brackets after the share
        "pc_ratio": re.compile(rf"(?:\d+(?:[.,]\d+)?|{c})\s*(?:%|percent|per\s+cent)\s*(?:\(\s*(?P<n>\d+)\s*/\s*\d+\s*\)\s+(?:(?:of\s+(?:the\s+)?)?{PATIENT}\b|(?={VERB}\b))"
                               rf"|of\s+(?:the\s+)?{PATIENT}\s*\(\s*(?P<n2>\d+)\s*/\s*\d+\s*\))", re.I),
        # "78.3% had X", "in 96.1% there was X", "..., 60.9% X and 56.5% Y": a share of the cohort that is the
        # subject of X (or, in a list, whose verb is gapped) right before it
        "pc_subject": re.compile(rf"(?<![\w.,])(?P<pc>\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per\s+cent\b)\s*(?:of\s+(?:the\s+)?(?:\w+\s+)?{PATIENT}\s+)?"
                                 rf"(?:,?\s*there\s+(?:was|were)\s+|(?:{HAVE})\s+(?:(?:with|by)\s+)?)?(?:(?:an?|the)\s+)?$", re.I),
        "elliptic": re.compile(rf"(?P<n>{c})\s+(?:each\s+)?(?:to|with|on)\s+(?:[\w\-]+\s+){{0,2}}$", re.I),
        # "and 2 (6.06%) diabetes": a count with its share in brackets right before the mention (gapped verb)
        "adjacent": re.compile(rf"(?<![\w.,])(?<!at least )(?<!at most )(?<!more than )(?<!less than )(?<!up to )(?P<n>{c})\s+(?:[(\[]\s*\d+(?:[.,]\d+)?\s*%\s*[)\]]\s+|(?:[a-z][\w\-]*\s+){{0,2}})$", re.I),
        "subject_verb": re.compile(rf"(?<!every )(?<!each )(?P<n>{c})\s+(?:{PATIENT}\s+|of\s+(?:them|these|those)\s+(?:{PATIENT}\s+)?)?(?:\([^()]*\)\s+)?(?:(?:also|still|already|additionally|further|only)\s+)?{VERB}\b", re.I),
        "all": re.compile(rf"\b(?:all|every|each)\s+(?:(?:the\s+|of\s+the\s+)?(?:\w+\s+){{0,2}}?{PATIENT}\b|(?:one\s+)?of\s+(?:them|these|those)\b)", re.I),
        # "the pt with ...", "the DLE case" — not "the patient forms", "the patient-reported ...": a noun that
        # modifies another names no patient (compound heads in domain_terms.json "patient_compounds")
        "one": re.compile(rf"\bthe\s+(?:only\s+)?(?:pt|patient|case)\b(?!-)(?!\s+(?:{_compounds()})\b)"
                          r"|\bthe\s+[A-Za-z\-]{2,12}\s+case\b", re.I),
        # "the occurrence rate (4.1%) of X", "the prevalence of X was 12%", "X incidence of 37.6%": a share
        # of the cohort named by a frequency noun
        "freq_left": re.compile(rf"\b{FREQ}\s*(?:\(\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%\s*\)\s*)?(?:of|for)\s+(?:the\s+)?$", re.I),
        "freq_right": re.compile(rf"^\s*(?:\([^()]{{0,12}}\)\s*)?(?:\s*{FREQ})\s*(?:of|was|were|:|=|reached|amounted\s+to)?\s*(?P<pc>\d+(?:[.,]\d+)?)\s*%", re.I),
        "freq_was": re.compile(r"^[^.;%]{0,40}?\b(?:was|were|of)\s+(?P<pc>\d+(?:[.,]\d+)?)\s*%", re.I),
        "none": re.compile(rf"\b(?:no|none\s+of\s+the)\s+(?:\w+\s+)?{PATIENT}\b", re.I),
    }


#: a share of the cohort that has what precedes it: "bronchiectasis in 56.5%", "X was present in 96%"
PRESENT_IN = re.compile(r"\s*,?\s*(?:(?:was|were)\s+(?:present|found|observed|seen|noted|reported|detected|documented)\s+)?"
                        r"in\s+\d+(?:[.,]\d+)?\s*%", re.I)


#: "X was present/seen in 12/40": the numerator has X (not "X improved in 12/13", where the 13 had it)
PRESENT_BEFORE_IN = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:(?:was|were)\s+(?:(?:also|each)\s+)?(?:present|found|observed|seen|noted|reported|"
                               r"detected|documented|recorded|diagnosed|identified)|occurred|affected|involved)\b", re.I)


#: the punctuation that ends a clause for the outcome cues (a cue and its target share a comma-clause)
CLAUSE_PUNCT = re.compile(r"[,;:]")
#: what ends the clause left of a mention (``clause_bounds``): ";", ":" or a contrast word
CLAUSE_BREAK_LEFT = re.compile(r";|:|\b(?:while|whereas|but)\b")
#: what ends it right of a mention: as on the left but not ":" ("X: 12 patients" gives X's count)
CLAUSE_BREAK_RIGHT = re.compile(r";|\b(?:while|whereas|but)\b")


@functools.lru_cache(maxsize=16)
def _with_brackets(cut: re.Pattern) -> re.Pattern:
    return re.compile(rf"[(\[]|[)\]]|{cut.pattern}", cut.flags)


def clause_cuts(text: str, lo: int, hi: int, cut: re.Pattern, brackets: bool = True,
                clamp: bool = True) -> Iterator[tuple[int, int]]:
    """(start, end) of each token of ``cut`` in ``text[lo:hi]`` that ends a clause, left to right.

    ``brackets``: a cut inside "( ... )" or "[ ... ]" ends no clause ("(59 [33.9%] vs 42; P<.001)").
    ``clamp``: a closing bracket with no opening one is ignored; without it the depth goes below zero and
    cuts there still count (``clause_bounds`` reads right of a mention that may sit inside a bracket).
    The text is sliced, not searched with pos/endpos, so ``\b`` at ``lo`` sees the start of a string.
    """
    if not brackets:
        for m in cut.finditer(text[lo:hi]):
            yield lo + m.start(), lo + m.end()
        return
    depth = 0
    for m in _with_brackets(cut).finditer(text[lo:hi]):
        tok = m.group(0)
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1) if clamp else depth - 1
        elif depth <= 0:
            yield lo + m.start(), lo + m.end()


def split_clauses(text: str, lo: int, hi: int, cut: re.Pattern = CLAUSE_PUNCT, brackets: bool = True,
                  keep_empty: bool = False, strip: bool = True) -> list[tuple[int, int]]:
    """The clauses of ``text[lo:hi]`` as (start, end), split at ``cut`` (see ``clause_cuts``).

    The one clause splitter: the outcome cues split a sentence at top-level ",;:" (the defaults: empty
    clauses dropped, leading blanks stripped); the manifestations' inclusion test splits at every ";"
    (``brackets=False, keep_empty=True, strip=False``: each piece counts, even an empty one).
    """
    out, start = [], lo
    for a, b in clause_cuts(text, lo, hi, cut, brackets):
        if keep_empty or text[start:a].strip():
            out.append((start, a))
        start = b
    if keep_empty or text[start:hi].strip():
        out.append((start, hi))
    if strip:
        out = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out]
    return out


#: a share written out: every percentage pattern holds one
PERCENT = re.compile(r"%|percent|per\s+cent", re.I)
#: a round bracket (``clause_bounds`` reads them right to left without visiting every character)
BRACKET = re.compile(r"[()]")


def clause_bounds(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around [start, end) within a sentence [lo, hi): cut at ; and at ', and' / 'while' / 'whereas'."""
    left = lo
    for _, b in clause_cuts(text, lo, start, CLAUSE_BREAK_LEFT, brackets=False):
        left = b
    depth = 0
    for m in reversed(list(BRACKET.finditer(text, left, start))):  # inside "( ... )": the bracket is the clause
        if m.group() == ")":
            depth += 1
        elif depth == 0:
            left = m.start() + 1
            break
        else:
            depth -= 1
    # a ";" inside "(59 [33.9%] vs 42 [60.9%]; P<.001)" ends no clause
    right = next((a for a, _ in clause_cuts(text, end, hi, CLAUSE_BREAK_RIGHT, clamp=False)), hi)
    return left, right


#: the right-hand patterns of ``count_near`` whose every match holds a literal "%" (a share): not tried on
#: a clause without one
PERCENT_RIGHT = frozenset({"pc_then_n", "sq_n", "bare_n_pc", "paren_pc", "bare_pc", "in_pc"})


def count_near(text: str, start: int, end: int, sent_lo: int, sent_hi: int, pop_n: int | None,
               denominator: bool = False, percent: bool = True, share_subject: bool = False) -> tuple[int, int, int] | None:
    """(n, evidence start, evidence end) for the mention at [start, end), or None.

    ``denominator``: in "improved in 12/13" the 13 had the manifestation, the 12 improved.
    ``percent``: whether a percentage of the cohort may give the count (not for a manifestation named
    in a results sentence, where "60% of patients with ILD recovered" counts those who recovered).
    ``share_subject``: a share right before the mention counts it even so, as the subject of a having verb
    or in a list whose verb is gapped ("78.3% had X, 60.9% Y", "in 96.1% there was X").
    """
    rx = _rx()
    lo, hi = clause_bounds(text, start, end, sent_lo, sent_hi)
    right = text[end:hi]
    for name in ("paren", "comma_in_paren", "n_eq", "ratio", "colon"):
        m = rx[name].match(right)
        if m:
            n = parse_int(m.group("n"))
            if n is not None and not _unit_after(right, m.end("n")):
                return n, start, end + m.end()
    pc_right = "%" in right  # what the patterns in PERCENT_RIGHT each need (a literal "%")
    for name in ("pc_then_n", "sq_n", "in_n", "by_n", "affected_n", "comma_n", "bare_n_pc", "list_in_n"):
        m = rx[name].match(right) if pc_right or name not in PERCENT_RIGHT else None
        if m and name == "list_in_n" and NOT_A_MEMBER.search(m.group("members")):
            m = None
        g = "n2" if m and m.groupdict().get("n2") is not None else "n"
        if m and not _unit_after(right, m.end(g)):
            n = parse_int(m.group(g))
            if denominator and "of" in m.groupdict() and m.group("of") and not PRESENT_BEFORE_IN.match(right):
                n = parse_int(m.group("of"))
            if n is not None:
                return n, start, end + m.end()
    hit = _frequency(text, start, end, lo, hi, pop_n)
    if hit:
        return hit
    m = rx["paren_pc"].match(right) if pc_right else None
    if m and pop_n:
        n = count_from_percent(float(m.group("pc").replace(",", ".")), pop_n, decimals(m.group("pc")))
        if n is not None:
            return n, start, end + m.end() - (0 if m.group(0).endswith(")") else 1)
    m = rx["bare_pc"].match(right) if pc_right else None
    if m and pop_n:
        n = count_from_percent(float(m.group("pc").replace(",", ".")), pop_n, decimals(m.group("pc")))
        if n is not None:
            return n, start, end + m.end()
    m = rx["in_pc"].match(right) if pc_right else None
    if m and pop_n and not percent and not PRESENT_IN.match(right):
        m = None  # in results only "X in 56%" / "X was present in 56%" count those with X, not "X improved in 56%"
    if m and pop_n:
        n = count_from_percent(float(m.group("pc").replace(",", ".")), pop_n, decimals(m.group("pc")))
        if n is not None:
            return n, start, end + m.end()
    left = text[lo:start]
    m = rx["pc_subject"].search(left[-60:]) if pop_n and share_subject else None
    if m:
        pc = parse_number(m.group("pc"))
        n = count_from_percent(pc, pop_n, decimals(m.group("pc"))) if pc is not None else None
        if n is not None:
            return n, start - len(left[-60:]) + m.start(), end
    starts = count_starts(left)
    cands = []
    for name in ("left", "subject_verb"):
        cands += matches_at(rx[name], left, starts)
    has_percent = bool(PERCENT.search(left))  # what "pc_ratio" and "left_pc" need: most clauses have none
    if has_percent:
        cands += rx["pc_ratio"].finditer(left)
    for name in ("elliptic", "adjacent"):
        m = next(iter(matches_at(rx[name], left, starts)), None)
        if m and not _unit_after(left, m.end("n")):
            cands.append(m)
    # "Three of the five pts had": the outer count, not the "five pts had" inside it
    cands = [m for m in cands if not any(o is not m and o.start() < m.start() < o.end() for o in cands)]
    if cands:
        best = max(cands, key=lambda m: m.start())
        n = parse_int(best.group("n") or best.groupdict().get("n2") or "")
        if n is not None:
            return n, lo + best.start(), end
    for m in rx["left_pc"].finditer(left) if has_percent else ():
        if pop_n and percent:
            pc = parse_number(m.group("pc"))
            n = count_from_percent(pc, pop_n, decimals(m.group("pc"))) if pc is not None else None
            if n is not None:
                return n, lo + m.start(), end
    if pop_n is not None:
        m = rx["all"].search(text[lo:hi]) or re.search(r"\b(?:all|every\s+patient)\s+(?:had|have|were|received)\b", text[lo:start], re.I)
        if m:
            return pop_n, min(start, lo + m.start()), max(end, lo + m.end())
    m = rx["one"].search(text[lo:hi])
    if m:
        return 1, min(start, lo + m.start()), max(end, lo + m.end())
    return None


@functools.lru_cache(maxsize=1)
def _count_rx() -> re.Pattern:
    return re.compile(count_pattern(), re.I)


#: where a count may begin: a digit after no digit, "." or ",", or the first letter of a word (number words are
#: whole words); a cheap scan, each place then tried with the count pattern itself
COUNT_CANDIDATE = re.compile(r"(?<![\d.,])\d|(?<![^\W\d_])[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _count_candidate() -> re.Pattern:
    """``COUNT_CANDIDATE`` narrowed to the words a number word can begin with: every number word of
    ``count_pattern`` starts with a unit or a tens word of the lexicon (``numbers.word_number_pattern``),
    so a word not starting like one of them (its first three letters) is never a count. Same flag as the
    count pattern (``re.I``), so the letters match in any case exactly as the number words do."""
    w = lexicons.number_words()
    heads = sorted({word[:3] for word in (*w["units"], *w["tens"]) if word})  # a word's first 3 letters (or all)
    return re.compile(rf"(?<![\d.,])\d|(?<![^\W\d_])(?:{'|'.join(re.escape(h) for h in heads)})", re.I)


def count_starts(s: str) -> list[int]:
    """Every position of ``s`` where a count (``count_pattern``) can start, overlapping ones included."""
    count = _count_rx()
    return [m.start() for m in _count_candidate().finditer(s) if count.match(s, m.start())]


def matches_at(rx: re.Pattern, s: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``rx.finditer(s)`` for a pattern whose matches begin with a count: tried only where a count can start.

    The "left" patterns each begin with a count; scanning every position of the clause with each of them
    tried the number-word alternation everywhere four times over. A match can only begin where a count can,
    so matching at those positions (lookbehinds still see the text before them), left to right and never
    inside the previous match, gives the same matches. Their first is what ``rx.search(s)`` gives.
    """
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = rx.match(s, p)
        if m:
            yield m
            pos = m.end()


def search_from_counts(rx: re.Pattern, s: str) -> re.Match | None:
    """``rx.search(s)`` for a pattern whose every match begins with a count (``count_pattern``), tried
    only where a count can start (see ``_matches_from``)."""
    return next(iter(matches_at(rx, s, count_starts(s))), None)


def _frequency(text: str, start: int, end: int, lo: int, hi: int, pop_n: int | None) -> tuple[int, int, int] | None:
    """"The occurrence rate (4.1%) of X", "the prevalence of X was 12%", "X (XX) incidence of 37.6%": the
    share a frequency noun gives, against the cohort's n."""
    if not pop_n:
        return None
    rx = _rx()
    right = text[end:hi]
    m = rx["freq_right"].match(right)
    if m:
        a, b, pc = start, end + m.end(), m.group("pc")
    else:
        m = rx["freq_left"].search(text[lo:start])
        if not m:
            return None
        a, b, pc = lo + m.start(), end, m.group("pc")
        if pc is None:
            w = rx["freq_was"].match(right)
            if not w:
                return None
            b, pc = end + w.end(), w.group("pc")
    n = count_from_percent(float(pc.replace(",", ".")), pop_n, decimals(pc))
    return (n, a, b) if n is not None else None


#: a unit right after a number: the number counts no patients
UNIT_AFTER = re.compile(rf"\s*{NOT_PATIENTS}", re.I)


def _unit_after(s: str, i: int) -> bool:
    return bool(UNIT_AFTER.match(s[i:]))


def except_one(text: str, end: int, hi: int) -> bool:
    """"X (except the pt with ...)": everyone but one patient."""
    return bool(re.match(r"\s*\(\s*except\s+(?:for\s+)?(?:the|one)\s+(?:pt|patient|case)\b", text[end:hi], re.I))


_RNUM = r"\d+(?:[.,]\d+)?\s*%?(?:\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?"
RESPECTIVELY_LIST = re.compile(
    rf"(?P<nums>(?:{_RNUM}\s*,\s*)*{_RNUM}\s*,?\s*and\s+{_RNUM})"
    r"\s+(?:(?:of\s+(?:the\s+)?)?(?:patients|pts)\s+)?(?:had|have|presented(?:\s+with)?|showed|developed|were)\s+"
    r"(?P<items>[^;.]{3,200}?),?\s+respectively\b", re.I)


#: the same with the items first: "Articular, gastrointestinal and renal involvement were present (at baseline)
#: in 38.9, 29.8 and 44.5%, respectively", "X and Y were seen in 12 and 7 patients, respectively"
RESPECTIVELY_ITEMS_FIRST = re.compile(
    r"(?P<items>[^;.:]{3,200}?)\s+(?:(?:were|was)\s+(?:(?:also|each)\s+)?(?:present|found|seen|observed|noted|reported|detected|"
    r"documented|recorded|diagnosed|identified)|occurred)(?:\s+(?:at|on|during)\s+(?:the\s+)?[\w-]+)?\s+in\s+"
    rf"(?P<nums>(?:{_RNUM}\s*,\s*)*{_RNUM}\s*,?\s*and\s+{_RNUM})"
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?:patients|pts|cases|subjects))?(?:\s*,?\s+respectively\b|(?=\s*[.;]))", re.I)


#: the "12 and 7" / "38.9, 29.8 and 44.5%" run both patterns above contain: a sentence without one has no match
#: of either, so one cheap search spares the two costly ones (RESPECTIVELY_ITEMS_FIRST tries up to 200
#: characters of items at every position)
NUMBER_PAIR = re.compile(rf"{_RNUM}\s*,?\s*and\s+{_RNUM}", re.I)


def respectively_counts(text: str, lo: int, hi: int, pop_n: int | None) -> list[tuple[int, int, int, str]]:
    """"38.9, 29.8, and 44.5% had articular, gastrointestinal, and renal involvement, respectively":
    (item start, item end, n, shared head) for each listed item, percentages against the cohort's n.
    A head shared by the last item ("renal involvement") is returned for the others to borrow."""
    out: list[tuple[int, int, int, str]] = []
    if not NUMBER_PAIR.search(text, lo, hi):
        return out
    matches = list(RESPECTIVELY_LIST.finditer(text, lo, hi))
    if not matches:
        matches = list(RESPECTIVELY_ITEMS_FIRST.finditer(text, lo, hi))
    for m in matches:
        raw = re.findall(r"\d+(?:[.,]\d+)?\s*%?(?:\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\))?", m.group("nums"))
        percent = "%" in m.group("nums") and not re.search(r"\(", m.group("nums"))
        values = []
        for r in raw:
            num = re.match(r"\d+(?:[.,]\d+)?", r).group(0)
            if percent:
                values.append(count_from_percent(float(num.replace(",", ".")), pop_n, decimals(num)) if pop_n else None)
            else:
                values.append(parse_int(num))
        items = [(x.start() + m.start("items"), x.end() + m.start("items"))
                 for x in re.finditer(r"[^,]+?(?=\s*(?:,\s*and\s+|,\s*|\s+and\s+|$))", m.group("items"))]
        items = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in items if text[a:b].strip()]
        items = [(a + (4 if text[a:a + 4].lower() == "and " else 0), b) for a, b in items]
        if m.re is RESPECTIVELY_ITEMS_FIRST and len(items) > len(values):
            items = items[-len(values) :]  # "At baseline, a, b and c were ...": the last members are the items
        if len(items) != len(values):
            continue
        last = text[items[-1][0] : items[-1][1]].split()
        head = last[-1] if len(last) > 1 else ""
        out += [(a, b, v, head) for (a, b), v in zip(items, values, strict=True) if v is not None]
    return out
