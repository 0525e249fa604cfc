"""``reuma_assertion``: negated, historical and hypothetical mentions, by medspaCy's ConText.

ConText (Harkema et al. 2009) with medspaCy's maintained default cue rules
("no", "denies", "history of", "previous", "if", ...) decides each entity's
assertion within its sentence; we copy the verdict onto the entity dicts as
``negated``, ``historical`` and ``hypothetical``. Extra cues specific to
rheumatology abstracts ("in remission", "had failed", "prior") live in
``lexicons/context_rules.json``, in medspaCy's own rule format.

ConText's scope is the sentence (``max_scope=None``), so a cue can only modify a target
in its own sentence: the cue matcher runs on the sentences that hold a target and nowhere
else (:class:`_SentencesMatcher`), and not at all on a doc without targets. The cue
matcher was most of ConText's cost, and most sentences hold no drug, manifestation, lab
or adverse-event mention.
"""



import bisect

import numpy
from medspacy.common.util import prune_overlapping_matches
from medspacy.context import ConText, ConTextRule
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .. import lexicons
from . import base
from .base import guarded, register_extensions

GROUP = "reuma_targets"


#: the entity labels whose assertion later components read (drugs: previous use; manifestations and
#: adverse events: negated or historical); instruments and diseases need none, and ConText's cost
#: grows with the number of targets
TARGET_LABELS = ["drug", "manifestation", "lab", "ae"]


@Language.factory(
    "reuma_assertion", default_config={"labels": TARGET_LABELS},
    requires=["token.is_sent_start", "doc._.reuma_entities"],
    assigns=["span._.reuma"],
)
def make_assertion(nlp: Language, name: str, labels: list[str]) -> "AssertionComponent":
    base.check_requires(nlp, "reuma_assertion", name)
    return AssertionComponent(nlp, labels)


class AssertionComponent:
    def __init__(self, nlp: Language, labels: list[str]) -> None:
        register_extensions()
        self.labels = set(labels)
        self.context = ConText(nlp, name="reuma_context", rules="default", input_span_type="group",
                               span_group_name=GROUP, max_scope=None)
        extra = lexicons.load("context_rules")
        self.context.add([ConTextRule(literal=r["literal"], category=r["category"], direction=r["direction"],
                                      pattern=r.get("pattern")) for r in extra])
        # medspaCy keeps its cue matcher in a private attribute; wrap it so it sees only target sentences
        self.matcher = _SentencesMatcher(self.context._ConText__matcher)
        self.context._ConText__matcher = self.matcher

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        spans, owners = [], []
        group = doc._.reuma_entities
        # an entity span's label is its item's "label" (``base.write_group``): only targets' spans are built
        for i, ent in enumerate(base.items(doc, base.ENTITIES) if group is not None else []):
            ent["negated"] = ent["historical"] = ent["hypothetical"] = False
            if ent["label"] in self.labels:
                span = group[i]
                if len(span):
                    spans.append(span)
                    owners.append(ent)
        if not spans:
            return doc  # no target, no verdict to read
        # ConText reads a span group: the target labels' spans of the entity group itself
        doc.spans[GROUP] = spans
        self.matcher.sentences = _target_sentences(doc, spans)
        self.context(doc)
        for span, ent in zip(doc.spans[GROUP], owners, strict=True):
            verdict = span._  # each ``span._`` builds an Underscore object: one per span, read thrice
            ent["negated"] = bool(verdict.is_negated)
            ent["historical"] = bool(verdict.is_historical)
            ent["hypothetical"] = bool(verdict.is_hypothetical)
        del doc.spans[GROUP]
        if Doc.has_extension("context_graph"):
            doc._.context_graph = None  # medspaCy's graph holds Span objects: docs must pickle for n_process > 1
        return doc


def _target_sentences(doc: Doc, spans: list) -> list:
    """The sentences (as ConText sees them: ``doc[i].sent``) that hold a target, in order, once each."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        sents = list(doc.sents)  # once, instead of walking to each target's sentence boundaries
        firsts = [sent.start for sent in sents]
        held = {bisect.bisect_right(firsts, span.start) - 1 for span in spans}
        return [sents[k] for k in sorted(held)]
    # the boundaries ``doc.sents`` reads (a sentence starts at token 0 and at each token whose
    # sent_start is 1, and runs to the next start), from the token array: a Span only for the held ones
    firsts = [0] + (numpy.flatnonzero(doc.to_array(SENT_START)[1:] == 1) + 1).tolist()
    ends = firsts[1:] + [len(doc)]
    held = {bisect.bisect_right(firsts, span.start) - 1 for span in spans}
    return [Span(doc, firsts[k], ends[k]) for k in sorted(held)]


class _SentencesMatcher:
    """medspaCy's cue matcher (a token ``Matcher``, a ``PhraseMatcher`` and a regex matcher, pruned
    to the longest of overlapping cues) run on the given sentences only, with doc token offsets.

    A cue's scope never leaves its sentence, so cues in sentences without a target change
    no verdict; matching a sentence alone finds what matching the whole doc finds in it.

    The token patterns are all ``LOWER`` tests with sets of words (``{"IN": [...]}``), each a Python
    call per token and pattern in spaCy's ``Matcher``: a sentence is matched only with the patterns
    whose required words it holds (``_required_words``), added in the original order under their
    original keys. A pattern lacking a required word cannot match, and a ``Matcher``'s states evolve
    independently and are kept in order, so the subset's matches are the full matcher's, in the same
    order.
    """

    def __init__(self, inner) -> None:
        self.inner = inner
        # medspaCy's own parts (private names): see medspacy.common.medspacy_matcher.MedspacyMatcher
        self.token_matcher = inner._MedspacyMatcher__matcher
        self.phrase_matcher = inner._MedspacyMatcher__phrase_matcher
        self.regex_matcher = inner._MedspacyMatcher__regex_matcher
        self.sentences: list = []
        self.token_rules = [rule for rule in inner.rules if isinstance(rule.pattern, list)]  # the Matcher's order
        self.needs = _required_words([rule.pattern for rule in self.token_rules])
        #: the needs as hashes of the lower-cased words (what ``doc.to_array(LOWER)`` holds)
        self.need_ids = None if self.needs is None else [
            [frozenset(get_string_id(w) for w in need) for need in needs] for needs in self.needs]
        #: every word some pattern requires (a need is met by the sentence iff by its words among these)
        self.need_words = frozenset().union(*(need for needs in self.need_ids or [] for need in needs))
        self._chosen: dict[frozenset[int], tuple[int, ...]] = {}
        #: word id → the patterns whose first required token it is a word of
        self.first_need_of: dict[int, list[int]] = {}
        for i, needs in enumerate(self.need_ids or []):
            for w in needs[0]:
                self.first_need_of.setdefault(w, []).append(i)
        self._subsets: dict[tuple[int, ...], Matcher] = {}

    def _eligible(self, lowers: set[int]) -> tuple[int, ...]:
        """The indices of the token patterns whose every required token has a word among ``lowers``
        (the sentence's lower-cased word ids): the only patterns that can match there. It depends only
        on which of the patterns' words the sentence holds, so it is worked out once per such word set."""
        present = frozenset(lowers & self.need_words)
        chosen = self._chosen.get(present)
        if chosen is None:
            # only a pattern whose first required token has a word here can qualify
            firsts = {i for w in present for i in self.first_need_of.get(w, ())}
            chosen = tuple(i for i in sorted(firsts)
                           if all(not present.isdisjoint(need) for need in self.need_ids[i]))
            if len(self._chosen) < 4096:
                self._chosen[present] = chosen
        return chosen

    def _subset_matcher(self, chosen: tuple[int, ...]) -> Matcher:
        """A ``Matcher`` with the chosen token patterns only, in their order, under their rule ids (built
        once per combination: the cue patterns are fixed, only the combinations vary)."""
        matcher = self._subsets.get(chosen)
        if matcher is None:
            matcher = Matcher(self.token_matcher.vocab)
            for i in chosen:
                rule = self.token_rules[i]
                matcher.add(rule._rule_id, [rule.pattern], on_match=rule.on_match)
            if len(self._subsets) < 4096:
                self._subsets[chosen] = matcher
        return matcher

    @property
    def rule_map(self):
        return self.inner.rule_map

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # the same order as MedspacyMatcher.__call__: token patterns, phrases, regexes, then pruning
        matches: list[tuple[int, int, int]] = []
        lowers = doc.to_array(LOWER).tolist() if self.need_ids is not None and self.sentences else []
        for sent in self.sentences:  # a Matcher on a Span gives offsets within the span
            if self.need_ids is None:
                found = self.token_matcher(sent)
            else:
                chosen = self._eligible(set(lowers[sent.start : sent.end]))
                found = self._subset_matcher(chosen)(sent) if chosen else []
            matches += [(key, start + sent.start, end + sent.start) for key, start, end in found]
        for sent in self.sentences:  # a PhraseMatcher on a Span gives doc offsets
            matches += self.phrase_matcher(sent)
        if len(self.regex_matcher._patterns):
            bounds = [(sent.start, sent.end) for sent in self.sentences]
            matches += [m for m in self.regex_matcher(doc) if any(a <= m[1] < b for a, b in bounds)]
        if self.inner._prune:
            matches = prune_overlapping_matches(matches)
        return matches


def _required_words(patterns: list[list[dict]]) -> list[list[frozenset[str]]] | None:
    """For each token pattern, the word sets of its required tokens (``{"LOWER": w}`` or
    ``{"LOWER": {"IN": [...]}}`` without an optional ``OP``): a sentence with no word of one of
    them cannot match the pattern. ``None`` when some pattern has no such token (no shortcut)."""
    out: list[list[frozenset[str]]] = []
    for pattern in patterns:
        needs: list[frozenset[str]] = []
        for spec in pattern:
            if spec.get("OP", "1") not in ("1", "+") or set(spec) - {"LOWER", "OP"}:
                continue
            lower = spec.get("LOWER")
            if isinstance(lower, str):
                needs.append(frozenset([lower]))
            elif isinstance(lower, dict) and set(lower) == {"IN"}:
                needs.append(frozenset(lower["IN"]))
        if not needs:
            return None
        out.append(needs)
    return out
