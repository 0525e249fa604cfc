"""The extraction pipeline: ``build_pipeline()`` returns a spaCy ``Language``.

Importing this package registers our factories (``@Language.factory``), so each
component can also be added to any spaCy pipeline with ``nlp.add_pipe(name)``.
Components write plain JSON-like values (dicts with character offsets) to
``Doc`` extensions, so docs survive ``nlp.pipe(n_process=N)``; ``to_record``
turns a processed doc into the pydantic :class:`schemas.Record`.
"""

from __future__ import annotations

import warnings

import spacy
from spacy.language import Language

# scispaCy's tokenizer compiles a regex that trips a FutureWarning in Python's re module.
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)
# scispaCy's detector runs an empty matcher on texts that define no abbreviation; that is fine.
warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)

from . import components  # noqa: E402,F401  (registers the factories)

#: our components, in the order they run (each reads what the previous ones wrote)
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
    """``spacy.blank("en")`` + scispaCy tokenizer, sentencizer, abbreviation detector and our components.

    ``model`` names an installed spaCy model to load instead of the blank one (its
    own components run first); nothing is ever downloaded.
    """
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank("en")
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    if "abbreviation_detector" not in nlp.pipe_names:
        import scispacy.abbreviation  # noqa: F401  (registers "abbreviation_detector")

        nlp.add_pipe("abbreviation_detector", config={"make_serializable": True})
    for name in names:
        nlp.add_pipe(name)
    return nlp


__all__ = ["COMPONENTS", "build_pipeline"]
