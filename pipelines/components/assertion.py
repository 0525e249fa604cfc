"""``reuma_assertion``: negated, historical and hypothetical mentions, by medspaCy's ConText.

ConText (Harkema et al. 2009) with medspaCy's maintained default cue rules
("no", "denies", "history of", "previous", "if", ...) decides each entity's
assertion within its sentence; we copy the verdict onto the entity dicts as
``negated``, ``historical`` and ``hypothetical``. Extra cues specific to
rheumatology abstracts ("in remission", "had failed", "prior") live in
``lexicons/context_rules.json``, in medspaCy's own rule format.
"""



from medspacy.context import ConText, ConTextRule
from spacy.language import Language
from spacy.tokens import Doc

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

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        spans, owners = [], []
        group = doc._.reuma_entities
        for span in group if group is not None else []:
            ent = span._.reuma
            ent["negated"] = ent["historical"] = ent["hypothetical"] = False
            if span.label_ in self.labels and len(span):
                spans.append(span)
                owners.append(ent)
        # ConText reads a span group: the target labels' spans of the entity group itself
        doc.spans[GROUP] = spans
        self.context(doc)
        for span, ent in zip(doc.spans[GROUP], owners, strict=True):
            ent["negated"] = bool(span._.is_negated)
            ent["historical"] = bool(span._.is_historical)
            ent["hypothetical"] = bool(span._.is_hypothetical)
        del doc.spans[GROUP]
        if Doc.has_extension("context_graph"):
            doc._.context_graph = None  # medspaCy's graph holds Span objects: docs must pickle for n_process > 1
        return doc
