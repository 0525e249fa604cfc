"""Our spaCy components; importing this module registers their factories.

Each component reads what earlier ones wrote to the Doc (``doc._.reuma_*``)
and writes its own results there as plain dicts with character offsets.
"""

from . import (  # noqa: F401
    abbreviations,
    adverse_events,
    assertion,
    entities,
    labs,
    manifestations,
    outcomes,
    population,
    scores,
    sections,
    study,
    treatments,
)
