"""``reuma_abbreviations``: abbreviations as the text defines them, corrected by the lexicons.

scispaCy's Schwartz & Hearst (2003) functions find the definitions (:func:`definitions`; its
pipeline detector is not needed). They miss short forms its tokenizer
glues to neighbours ("(SCLE)(n=1)") and long forms whose letters don't line up
("Type I interferons (IFN-I)"); it also trusts the nearest words too much
("discoid lupus with scarring alopecia (DLE)"). So: every "long (SHORT)" in the
text is re-tried with scispaCy's own ``find_abbreviation``; where the short form
is known to a lexicon, the lexicon settles truncated or wrong long forms.
"""



import difflib
import re

import numpy
from scispacy.abbreviation import filter_matches, find_abbreviation
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .. import vocab
from . import base
from .base import guarded, register_extensions, sentence_at, text_of

#: "(SHORT)" or "[SHORT]" (brackets inside parentheses: "95% confidence interval [CI]"): 1–12 characters
#: with a capital letter, no spaces
#: with a word that announces it ("(hereafter DAS)", "[henceforth ILD]", "(abbreviated as LVV)")
PAREN_SHORT = re.compile(
    r"[(\[]\s*(?:(?:hereafter|henceforth|hereinafter|abbreviated(?:\s+as)?|referred\s+to\s+as|termed)\s+)?"
    r"([A-Za-z][A-Za-z0-9\-/&.+]{0,11}?)\s*(?:[)\],;]|[≥≤<>=]\s*\d)"
)
#: "SHORT (long form)": an acronym followed by the words it stands for
PAREN_LONG = re.compile(r"(?<![\w-])(?P<short>[A-Z][A-Za-z0-9]{1,9})\s*\((?P<long>[A-Za-z][A-Za-z\-']*(?:\s+[A-Za-z][A-Za-z\-']*){1,6})\)")
#: a short form inside a long form ("ANCA-associated", "for PsA")
INNER_SHORT = re.compile(r"(?<![\w])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?![\w])")
#: time points ("T48", "M6", "W24") look like short forms but abbreviate nothing
TIMEPOINT = re.compile(r"^[TMW]\d+$")
#: a long form holds no comparison or stray bracket, and does not run over a sentence end
NOT_A_LONG_FORM = re.compile(r"[()\[\]<>=≤≥]|\.\s+[A-Z]")
#: "(long form, SHORT)": both inside one bracket, the short form last
LONG_COMMA_SHORT = re.compile(
    r"\((?P<long>[A-Za-z][A-Za-z\-' ]{3,80}?),\s*(?P<short>[A-Za-z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*)\)"
)
#: "Tuberculin Skin Test-TST": a capitalised long form, a dash, its capitals
DASHED = re.compile(r"(?<![\w-])(?P<long>[A-Z][a-z]+(?: [A-Z][a-z]+){1,7})[-\u2010\u2013](?P<short>[A-Z]{3,8})(?![\w-])")
#: "A and B head (X and Y)": two long forms sharing their head words, two short forms
PAIRED = re.compile(
    r"(?<![\w-])(?P<a>[A-Za-z][\w\-]*) (?:and|or|&) (?P<b>[A-Za-z][\w\-]*) "
    r"(?P<head>[A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){0,4}) \((?P<x>[A-Za-z][A-Za-z0-9\-]{1,9}) (?:and|or|&) "
    r"(?P<y>[A-Za-z][A-Za-z0-9\-]{1,9})\)"
)
WORD = re.compile(r"[A-Za-z0-9][\w'’\-\u2010-\u2015]*")

#: what every match of a costly pattern holds (a part of the pattern itself, so a text without it has
#: no match): one quick search spares the full scan, which tries the pattern at every capital letter
#: PAIRED ends in "(X and Y)"; DASHED has a dash and then its (3+) capitals; PAREN_LONG has "(" and its
#: long form's first word and a blank and a letter
PAIRED_NEEDS = re.compile(r"\([A-Za-z][A-Za-z0-9\-]{1,9} (?:and|or|&) [A-Za-z][A-Za-z0-9\-]{1,9}\)")
DASHED_NEEDS = re.compile(r"[-\u2010\u2013][A-Z]{3}")
PAREN_LONG_NEEDS = re.compile(r"\([A-Za-z][A-Za-z\-']*\s+[A-Za-z]")


def _finditer_if(needs: re.Pattern, pattern: re.Pattern, text: str):
    """``pattern.finditer(text)``, or nothing at once when ``text`` lacks what every match holds."""
    return pattern.finditer(text) if needs.search(text) else iter(())


@Language.factory(
    "reuma_abbreviations",
    requires=["token.is_sent_start", "doc._.reuma_sections"],
    assigns=["doc._.reuma_abbreviations"],
)
def make_abbreviations(nlp: Language, name: str) -> "AbbreviationsComponent":
    base.check_requires(nlp, "reuma_abbreviations", name)
    return AbbreviationsComponent()


def definitions(doc: Doc) -> list[tuple[Span, Span]]:
    """(long form, short form) of each "long (SHORT)" or "SHORT (long)" definition, in the order
    scispaCy's ``abbreviation_detector`` finds them, by its own functions (``filter_matches``,
    ``find_abbreviation``: Schwartz & Hearst 2003).

    The detector itself is not run: after finding the definitions it matches every later use of
    each short form (a ``Matcher`` pattern added and validated per short form per doc) and builds
    span objects for them, which cost more than the rest of this component, and only the
    definitions are read here. Its bracket ``Matcher`` (``( … )``, every pair) is a token scan,
    in the same order: by closing bracket, then the nearest opening one first.
    """
    opens: list[int] = []
    matches: list[tuple[int, int, int]] = []
    for k, is_open in _brackets(doc):
        if is_open:
            opens.append(k)
        else:
            # between the brackets at most 8 tokens: scispaCy's filter drops longer ones
            matches += [(0, i + 1, k) for i in reversed(opens) if i + 2 <= k <= i + 9]
    seen_long: set[str] = set()
    seen_short: set[str] = set()
    out: list[tuple[Span, Span]] = []
    for long_candidate, short_candidate in filter_matches(matches, doc):
        short, long = find_abbreviation(long_candidate, short_candidate)
        if long is None or long.text in seen_long or short.text in seen_short:
            continue  # the detector keeps the first definition of each long and each short form
        seen_long.add(long.text)
        seen_short.add(short.text)
        # the defining occurrence: "long (SHORT)" or "SHORT (long)", not later uses
        if 0 <= short.start_char - long.end_char <= 3 or 0 <= long.start_char - short.end_char <= 3:
            out.append((long, short))
    return out


_OPEN, _CLOSE = get_string_id("("), get_string_id(")")


def _brackets(doc: Doc) -> list[tuple[int, bool]]:
    """(token index, is "(") of each token that is "(" or ")", in order: read from the token array
    (``ORTH`` is the id of the token's text) instead of a ``Token`` object per token."""
    if not len(doc):
        return []
    orths = doc.to_array(ORTH)
    where = numpy.flatnonzero((orths == _OPEN) | (orths == _CLOSE)).tolist()
    return [(k, int(orths[k]) == _OPEN) for k in where]


class AbbreviationsComponent:
    def __init__(self) -> None:
        register_extensions()
        self.known = vocab.abbreviation_long_forms()
        self.disease_names = set(vocab.entries("diseases"))
        self.ignore = {s.lower() for s in vocab.abbreviation_policy().get("ignore", [])}
        self.synonym_lexicons = [vocab.matcher(name) for name in ("diseases", "drugs")]

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, dict] = {}
        for long, short in definitions(doc):  # Schwartz & Hearst over the doc's brackets (scispaCy's functions)
            self._add(found, doc, short.start_char, short.end_char, long.start_char, long.end_char)
        for m in PAREN_SHORT.finditer(text_of(doc)):
            short = m.group(1).rstrip(".")
            if short in found or not any(c.isupper() for c in short):
                continue
            threshold = not m.group(0).rstrip().endswith((")", "]", ",", ";"))
            self._from_parenthesis(found, doc, m.start(1), m.start(1) + len(short))
            if threshold and short in found and not self._known_long(short, found[short]["long"]) and re.search(
                r"\b(?:and|with|in|or|of\s+the)\b", found[short]["long"]
            ):
                del found[short]  # "(DAS28-ESR<2.6) and with LDA": a threshold, not a definition
        for m in LONG_COMMA_SHORT.finditer(text_of(doc)):  # "(SLE disease activity index, SLEDAI-2K)"
            short = m.group("short")
            if short not in found and (schwartz_hearst(m.group("long"), short) == 0 or any(
                    content_words(m.group("long")) & content_words(k) for k in self.known.get(short, []))):
                self._add(found, doc, m.start("short"), m.end("short"), m.start("long"), m.end("long"))
        for m in _finditer_if(DASHED_NEEDS, DASHED, text_of(doc)):  # "Tuberculin Skin Test-TST"
            self._dashed(found, m)
        for m in _finditer_if(PAIRED_NEEDS, PAIRED, text_of(doc)):  # "Simplified and Clinical Disease Activity Index (SDAI and CDAI)"
            self._paired(found, m)
        for m in _finditer_if(PAREN_LONG_NEEDS, PAREN_LONG, text_of(doc)):  # "high-resolution CT (computerized tomography)"
            short = m.group("short")
            if short not in found:
                start = schwartz_hearst(m.group("long"), short)
                if start == 0:
                    self._add(found, doc, m.start("short"), m.end("short"), m.start("long"), m.end("long"))
        defs = sorted(found.values(), key=lambda d: d["long_start"])
        self._expand_inner(defs)
        base.write_group(doc, "reuma_abbreviations", defs)
        return doc

    # -- candidates -------------------------------------------------------------------------------

    def _from_parenthesis(self, found: dict, doc: Doc, s: int, e: int) -> None:
        short = text_of(doc)[s:e]
        open_paren = max(text_of(doc).rfind("(", 0, s), text_of(doc).rfind("[", 0, s))
        sent = sentence_at(doc, open_paren)
        left = sent.start if sent else 0
        window = text_of(doc)[left:open_paren]
        words = list(WORD.finditer(window))
        if not words:
            return
        max_words = min(len(short) + 5, 2 * len(short))
        cand = words[-max_words:]
        a, b = left + cand[0].start(), left + cand[-1].end()
        long_span = doc.char_span(a, b, alignment_mode="expand")
        short_span = doc.char_span(s, e, alignment_mode="expand")
        if long_span is not None and short_span is not None and short_span.text != short:
            # the tokenizer glued the short form to its neighbours ("(ANCA)-associated"): same algorithm on strings
            start = schwartz_hearst(text_of(doc)[a:b], short)
            if start is not None:
                self._add(found, doc, s, e, a + start, b)
                return
        if long_span is not None and short_span is not None and len(short_span) == 1:
            try:
                _, hit = find_abbreviation(long_span, short_span)
            except (IndexError, ValueError):
                hit = None
            if hit is not None:
                self._add(found, doc, s, e, hit.start_char, hit.end_char)
                if short in found:  # else the hit was no long form: the rules below may still find one
                    return
        if short not in self.known and self._extended(found, doc, s, e, left, words):
            return
        if short not in self.known and self._numbered(found, doc, s, e, left, window):
            return
        # letters don't line up, but a lexicon knows the long form: are its words right there
        # (within the clause: after the last comma, semicolon, colon or closing bracket)?
        clause = max(window.rfind(c) for c in ",;:)=") + 1
        words = [w for w in words if w.start() >= clause]
        for known in self.known.get(short, []):
            n = len(WORD.findall(known))
            tail = words[-n:]
            if not tail:
                continue
            a, b = left + tail[0].start(), left + tail[-1].end()
            if content_words(text_of(doc)[a:b]) & content_words(known):
                self._add(found, doc, s, e, a, b)
                return
        # or a lexicon synonym of that long form stands there: "scleroderma (SSc)", "systemic sclerosis (SSc)"
        for n in range(min(4, len(words)), 0, -1):
            a, b = left + words[-n].start(), left + words[-1].end()
            if self._synonym_of_known(short, text_of(doc)[a:b]):
                self._add(found, doc, s, e, a, b)
                return

    def _synonym_of_known(self, short: str, surface: str) -> bool:
        for lex in self.synonym_lexicons:
            key = lex.lookup(surface)
            if key is not None and any(lex.lookup(k) == key for k in self.known.get(short, [])):
                return True
        return False

    def _extended(self, found: dict, doc: Doc, s: int, e: int, left: int, words: list) -> bool:
        """A defined short form plus the initials of the words just before the bracket: "IgA vasculitis
        (IgAV) ... complicated by nephritis (IgAVN)" defines IgAVN as "IgA vasculitis nephritis"."""
        short = text_of(doc)[s:e]
        before = text_of(doc)[:s].lower()
        for cut in range(len(short) - 1, 1, -1):
            head, rest = short[:cut], short[cut:].lstrip("-")
            # the head defined earlier, or a lexicon's long form of it named earlier ("IgA vasculitis ...")
            head_long = found[head]["long"] if head in found else next(
                (k for k in self.known.get(head, []) if k.lower() in before), None
            )
            if head_long is None or not rest.isalpha() or len(rest) > 3:
                continue
            tail = words[-len(rest):]
            added = " ".join(w.group(0) for w in tail)
            if content_words(added) & content_words(head_long):
                continue  # "Type I interferons (IFN-I)": the words before are the head's own, not an addition
            if len(tail) == len(rest) and all(w.group(0)[0].lower() == c.lower() for w, c in zip(tail, rest, strict=False)):
                long = f"{head_long} {added}"
                a, b = left + tail[0].start(), left + tail[-1].end()
                found[short] = {"short": short, "long": long, "start": s, "end": e, "long_start": a, "long_end": b}
                return True
        return False

    def _dashed(self, found: dict, m: re.Match) -> None:
        """"Tuberculin Skin Test-TST": capitalised words and, joined by a dash, the capitals of each one."""
        short = m.group("short")
        words = list(re.finditer(r"[A-Z][a-z]+", m.group("long")))[-len(short):]
        if short in found or short.lower() in self.ignore or len(words) != len(short):
            return
        if "".join(w.group(0)[0] for w in words) != short:
            return
        a = m.start("long") + words[0].start()
        found[short] = {"short": short, "long": m.group(0)[words[0].start() : m.end("long") - m.start()],
                        "start": m.start("short"), "end": m.end("short"), "long_start": a, "long_end": m.end("long")}

    def _paired(self, found: dict, m: re.Match) -> None:
        """Two short forms for two long forms that share their head: "Simplified and Clinical Disease
        Activity Index (SDAI and CDAI)" defines SDAI and CDAI, each when its letters line up."""
        head = m.group("head")
        for word, key in (("a", "x"), ("b", "y")):
            short, long = m.group(key), f"{m.group(word)} {head}"
            if short in found or short.lower() in self.ignore or not any(c.isupper() for c in short):
                continue
            if schwartz_hearst(long, short) != 0:
                continue
            if not _initials_match(long, short):
                continue
            found[short] = {"short": short, "long": long, "start": m.start(key), "end": m.end(key),
                            "long_start": m.start(word), "long_end": m.end("head")}

    def _numbered(self, found: dict, doc: Doc, s: int, e: int, left: int, window: str) -> bool:
        """A short form with a number the long form does not spell ("Sino-Nasal Outcome Test (SNOT-22)",
        "Forced Expiratory Volume in one second (FEV1)"): the letters alone line up with the words."""
        short = text_of(doc)[s:e]
        stem = re.sub(r"-?\d+$", "", short)
        if stem == short or len(stem) < 2 or not stem.isalpha() or not stem.isupper():
            return False
        clause = max(window.rfind(c) for c in ",;:)=") + 1
        start = schwartz_hearst(window[clause:], stem)
        if start is None:
            return False
        a, b = left + clause + start, left + len(window.rstrip())
        if len(WORD.findall(text_of(doc)[a:b])) > min(len(stem) + 5, 2 * len(stem)):
            return False
        self._add(found, doc, s, e, a, b)
        return short in found

    def _known_long(self, short: str, long: str) -> bool:
        """The long form is one a lexicon gives for this short form ("score in 28 joints (DAS28 <2.6)"):
        a definition even where a threshold follows the short form."""
        return any(content_words(long) == content_words(k) for k in self.known.get(short, []))

    def _add(self, found: dict, doc: Doc, s: int, e: int, ls: int, le: int) -> None:
        short = text_of(doc)[s:e]
        if short in found or ls >= le or not any(c.isupper() for c in short) or TIMEPOINT.match(short):
            return
        ls = _initials_start(text_of(doc), short, ls, le)
        ls = _after_alternative(text_of(doc), short, ls, le)
        text_long = clean_long_form(text_of(doc)[ls:le], at_sentence_start=_sentence_initial(doc, ls))
        if NOT_A_LONG_FORM.search(text_long):
            return  # "mg/d(P<0.05": a value and a test; "... 2019. A BD diagnosis": runs over a sentence
        if short.lower() in self.ignore and not (len(WORD.findall(text_long)) >= 2 and schwartz_hearst(text_long, short) == 0):
            return  # shorthand ("Mean (SD)") unless the text spells it out ("interquartile range (IQR)")
        long = self._corrected(short, text_long)
        if long is None:
            return
        found[short] = {"short": short, "long": long, "start": s, "end": e, "long_start": ls, "long_end": le}

    def _expand_inner(self, defs: list[dict]) -> None:
        """"ANCA-associated vasculitis" → "antineutrophil cytoplasmic antibody-associated vasculitis":
        a short form inside a long form is written out (from the text's definitions, or a disease name)."""
        known = {d["short"]: d["long"] for d in defs}

        def expand(m: re.Match, own: str) -> str:
            w = m.group(0)
            if w == own:
                return w
            if w in known:
                return known[w]
            if w + "s" in known and known[w + "s"].endswith("s"):  # "IR ratios" where "IRs" was defined
                return known[w + "s"][:-1]
            diseases = [x for x in self.known.get(w, []) if x in self.disease_names]
            return diseases[0] if diseases else w

        for d in defs:
            expanded = INNER_SHORT.sub(lambda m, own=d["short"]: expand(m, own), d["long"])
            if expanded != d["long"]:  # written out, a truncated long form shows: "sclerosis-associated ILD"
                expanded = self._corrected(d["short"], expanded) or expanded
            d["long"] = expanded

    def _corrected(self, short: str, text_long: str) -> str | None:
        """The lexicon's long form where the text's is truncated or wrong, else the text's."""
        t = content_words(text_long)
        best, best_overlap = None, 0.0
        for known in self.known.get(short, []):
            k = content_words(known)
            if t == k:
                return text_long
            overlap = len(t & k) / len(t | k) if t | k else 0.0
            if _is_prefix(t, k):
                overlap = max(overlap, 0.99)
            if overlap > best_overlap:
                best, best_overlap = known, overlap
        if best is None:  # unknown here, or a meaning the lexicons don't have
            return self._respelled(short, text_long)
        if best_overlap == 0.99:  # truncated: "subacute cutaneous lupus (SCLE)"
            return best
        joined = re.search(r"\b(?:with|and|or|in|on|to)\b", text_long) and not re.search(r"\b(?:with|and|or|in|on|to)\b", best)
        # a long form that runs on past the name ("discoid lupus with scarring alopecia (DLE)")
        if joined and best_overlap < 0.5:
            return best
        return text_long if best_overlap > 0 else self._respelled(short, text_long)

    def _respelled(self, short: str, text_long: str) -> str:
        """A misspelt long form ("upadactinib (UPA)") takes the lexicon's spelling when it is that word
        with a letter or two out of place; anything further apart is another meaning, kept as written."""
        if len(text_long) < 8:
            return text_long
        for known in self.known.get(short, []):
            if difflib.SequenceMatcher(None, text_long.lower(), known.lower()).ratio() >= 0.9:
                return known
        return text_long


def _initials_start(text: str, short: str, ls: int, le: int) -> int:
    """Where the long form starts when the words just before the short form spell its letters one
    word each ("tuberculin skin test [TST]", not "test"; "Clinical Disease Activity Index"): the
    letter-by-letter match settles for fewer words when a later word holds the short form's letters."""
    letters = [c.lower() for c in short if c.isalpha()]
    if len(letters) < 2 or not short[0].isalpha():
        return ls
    words = list(re.finditer(r"[A-Za-z][\w'’\-]*", text[max(0, ls - 200):le]))
    base = max(0, ls - 200)
    if len(words) < len(letters):
        return ls
    tail = words[-len(letters):]
    start = base + tail[0].start()
    if start >= ls or re.search(r"[,;:()\[\]]|\.\s", text[start:le]):
        return ls
    if all(w.group(0)[0].lower() == c for w, c in zip(tail, letters, strict=True)):
        return start
    return ls


def _initials_match(long: str, short: str) -> bool:
    """Every word of the long form (but "of", "and", "the", "in", "for") gives the short form a letter in order."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", long) if w.lower() not in {"of", "and", "the", "in", "for"}]
    letters = [c.lower() for c in short if c.isalnum()]
    return [w[0].lower() for w in words] == letters[: len(words)] and len(words) >= len(letters) - 1


def _after_alternative(text: str, short: str, ls: int, le: int) -> int:
    """"anti-PR3/myeloperoxidase (MPO)": the long form is the alternative after the slash."""
    k = text.rfind("/", ls, le)
    if k < 0 or k + 1 >= le or text[k + 1].lower() != short[0].lower():
        return ls
    return k + 1 if schwartz_hearst(text[k + 1 : le], short) == 0 else ls


def schwartz_hearst(long: str, short: str) -> int | None:
    """Where the long form of ``short`` starts in ``long`` (Schwartz & Hearst 2003), on plain strings.

    The same algorithm as scispaCy's ``find_abbreviation``, for candidates its
    tokenizer cannot give as spans: match the short form's letters right to left,
    the first one at the start of a word.
    """
    li, si = len(long) - 1, len(short) - 1
    while si >= 0:
        c = short[si].lower()
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (long[li].lower() != c or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        si -= 1
    start = long.rfind(" ", 0, li + 1) + 1
    return start


def clean_long_form(text: str, at_sentence_start: bool) -> str:
    """Drop inner parentheticals ("antibody (ANCA)-associated"), lower a sentence-initial capital."""
    text = re.sub(r"\s*\([^()]*\)", "", text).strip(" ,;:")
    text = re.sub(r"\s+", " ", text)
    if at_sentence_start and len(text) > 1 and text[0].isupper() and (len(text) < 2 or not text[1].isupper()):
        first = text.split(" ", 1)[0]
        if first[1:] == first[1:].lower():
            text = text[0].lower() + text[1:]
    return text


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in {"of", "the", "and", "a", "with", "for", "in"}}


def _is_prefix(t: set[str], k: set[str]) -> bool:
    return t < k


def _sentence_initial(doc: Doc, offset: int) -> bool:
    sent = sentence_at(doc, offset)
    if sent is None:
        return offset == 0
    head = text_of(doc)[sent.start : offset]
    # a heading ("Background.", "Methods:") before the long form still counts as sentence start
    return not head.strip() or bool(re.fullmatch(r"\s*[A-Z][A-Za-z ]{0,40}[.:]\s*", head))
