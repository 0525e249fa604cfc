"""Named cue patterns: the one home of the history, negation and absence cues the components read as text.

The cue lists live in ``lexicons/cues.json`` (data, not code); each entry is compiled once, case-insensitive,
as ``before + "|".join(cues) + after``, so a reader sees the words apart from the grammar around them.
Components whose cues really differ (a drug's history is not a manifestation's) keep a named list each,
and the entry's ``why`` says what it is for; none is merged silently into another.

These are windows of raw text read by one component (the 60 characters before a drug, a ;-clause), not
ConText cues: medspaCy's ConText verdicts (``negated``/``historical`` on entities) come from its default
rules plus ``lexicons/context_rules.json``, in medspaCy's own rule format, and the components consult both.
"""

from __future__ import annotations

import functools
import re

from . import lexicons

LEXICON = "cues"


@functools.lru_cache(maxsize=1)
def _compiled() -> dict[str, re.Pattern]:
    """Every named pattern of ``cues.json``, compiled once; a broken entry is an error naming it."""
    out: dict[str, re.Pattern] = {}
    for name, spec in lexicons.load(LEXICON).items():
        if name.startswith("_"):
            continue  # "_comment"
        try:
            out[name] = re.compile(spec["before"] + "|".join(spec["cues"]) + spec["after"], re.I)
        except (KeyError, TypeError, re.error) as exc:
            raise ValueError(f"lexicons/{LEXICON}.json: {name}: {exc!r}") from exc
    return out


def names() -> list[str]:
    """The names of the cue patterns shipped."""
    return sorted(_compiled())


def pattern(name: str) -> re.Pattern:
    """The compiled cue pattern ``name`` (a KeyError names the unknown entry)."""
    try:
        return _compiled()[name]
    except KeyError:
        raise KeyError(f"lexicons/{LEXICON}.json has no cue pattern {name!r}") from None
