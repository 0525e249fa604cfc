"""``reuma_sections``: where each section of the abstract starts and ends.

Background sentences describe the disease, not the patients (annotation rule 1),
so later components need to know which section an offset lies in. Detection
itself is the readers' pure function ``extractor.sections.detect_sections``.
"""



from spacy.language import Language
from spacy.tokens import Doc

from .base import guarded, register_extensions, text_of


@Language.factory("reuma_sections")
def make_sections(nlp: Language, name: str) -> "SectionsComponent":
    return SectionsComponent()


class SectionsComponent:
    def __init__(self) -> None:
        register_extensions()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        from extractor.sections import detect_sections

        doc._.reuma_sections = [
            {"label": s.label, "heading": s.heading, "start": s.start, "end": s.end}
            for s in detect_sections(text_of(doc))
        ]
        return doc
