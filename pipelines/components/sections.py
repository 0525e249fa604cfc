"""``reuma_sections``: where each section of the abstract starts and ends.

Background sentences describe the disease, not the patients (annotation rule 1),
so later components need to know which section an offset lies in. Detection
itself is the pure function ``pipelines.sections.detect_sections`` the readers use too;
when a reader has found them already (``extractor.extract`` puts them in
``doc.user_data["reuma_reader_sections"]``) they are taken as given, so only plain
``nlp(text)`` use detects them here.
"""



from spacy.language import Language
from spacy.tokens import Doc

from . import base
from .base import READER_SECTIONS, guarded, register_extensions, text_of


@Language.factory(
    "reuma_sections",
    requires=[],
    assigns=["doc._.reuma_sections"],
)
def make_sections(nlp: Language, name: str) -> "SectionsComponent":
    base.check_requires(nlp, "reuma_sections", name)
    return SectionsComponent()


class SectionsComponent:
    def __init__(self) -> None:
        register_extensions()

    @guarded
    def __call__(self, doc: Doc) -> Doc:
        given = doc.user_data.get(READER_SECTIONS)
        if given is not None:  # the reader found them already (extractor.extract passes them on)
            base.write_group(doc, "reuma_sections", [
                {"label": label, "heading": heading, "start": start, "end": end}
                for label, heading, start, end in given
            ])
            return doc
        from pipelines.sections import detect_sections

        base.write_group(doc, "reuma_sections", [
            {"label": s.label, "heading": s.heading, "start": s.start, "end": s.end}
            for s in detect_sections(text_of(doc))
        ])
        return doc
