"""Our spaCy components; importing this module registers their factories.

Each component reads what earlier ones wrote to the Doc and writes its own results as a
labelled span group (``doc.spans["reuma_entities"]``, ``["reuma_treatments"]``, ...; attributes in
``span._.reuma``, see ``base.write_group``).
Every factory declares what it ``requires`` and ``assigns`` (``nlp.analyze_pipes()``).
"""

import warnings

# scispaCy's tokenizer compiles a regex that trips a FutureWarning in Python's re module.
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)
# scispaCy's detector runs an empty matcher on texts that define no abbreviation; that is fine.
warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)

from . import (  # noqa: E402,F401
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
