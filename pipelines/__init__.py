"""The extraction pipeline: ``build_pipeline()`` returns a spaCy ``Language``.

Importing this package is cheap and loads no spaCy: the readers use its
spaCy-free :mod:`pipelines.sections` (section splitting, one home for reader and
pipeline), and ``extractor`` must be able to read without loading a pipeline.
Our factories (``@Language.factory``) are registered when
:mod:`pipelines.components` is imported — ``build_pipeline`` does it, and spaCy
does it on its own for ``nlp.add_pipe("reuma_…")`` through the ``spacy_factories``
entry points declared in ``pyproject.toml`` — so each component can be added to
any spaCy pipeline by name. Components write labelled span groups (``doc.spans``) whose
attributes are plain JSON-like dicts (``span._.reuma``), so docs survive ``nlp.pipe(n_process=N)``
and ``DocBin``;
``to_record`` turns a processed doc into the pydantic :class:`schemas.Record`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: our components, in the order they run (each reads what the previous ones wrote; each factory
#: declares what it requires and assigns, which ``nlp.analyze_pipes()`` checks)
COMPONENTS: tuple[str, ...] = (
    "reuma_sections",
    "reuma_abbreviations",
    "reuma_entities",
    "reuma_assertion",
    "reuma_population",
    "reuma_study",
    "reuma_treatments",
    "reuma_manifestations",
    "reuma_labs",
    "reuma_scores",
    "reuma_outcomes",
    "reuma_adverse_events",
)


def build_pipeline(model: str | None = None, *, names: tuple[str, ...] = COMPONENTS) -> Language:
    """``spacy.blank("en")`` + scispaCy tokenizer, sentencizer and our components.

    scispaCy's abbreviation detector is not added: ``reuma_abbreviations`` finds the definitions
    with scispaCy's functions itself, without the detector's pass over every later use.

    ``model`` names an installed spaCy model to load instead of the blank one (its
    own components run first); nothing is ever downloaded.
    """
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    import pipelines.components  # noqa: F401  (registers the factories and the warning filters)

    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank("en")
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    for name in names:
        nlp.add_pipe(name)
    return nlp


__all__ = ["COMPONENTS", "build_pipeline"]
