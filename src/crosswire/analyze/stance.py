"""Stated positions: verbs other than those of speech that attribute a view, a wish or a stance.

News attributes far more than speech: "Clinton *refused* to speculate on ...", "the group *backed*
Sanders", "he *wants* the bill passed". Whether a verb does depends on its context (the same "see" is
a view in "he sees a plot", not in "he saw the fire"), so a logistic model learned from PolNeAR's
train split (``python -m eval.stance_cues``) scores each verb from its lemma, its arguments, its subject
and where it hangs in the parse; what ships is that model's weights (``stance_cues.json`` beside this
module, a few hundred kB), read here in plain Python. ``quotes`` asks it about the verbs that are not
verbs of speech and takes the verb's arguments as what was attributed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from crosswire.analyze.nlp import lemma_of
from crosswire.analyze.speech import FIRST_PERSON, SPEECH_VERBS

MODEL_FILE = "stance_cues.json"
LEMMA = "l="  # the feature naming the verb's lemma
# Dependents of a verb that carry what is attributed ("backed *Sanders*", "refused *to speculate*",
# "complained *of the imbalance*"), as spaCy's English parser labels them.
ARGUMENT_DEPS: frozenset[str] = frozenset({
    "ccomp", "xcomp", "dobj", "prep", "dative", "attr", "acomp", "oprd", "advcl", "npadvmod", "pcomp"})
# Clauses whose verb may take its meaning from the verb it hangs from ("wants to *support*").
GOVERNED_DEPS: frozenset[str] = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl"})


def is_candidate(verb: Token) -> bool:
    """A verb the model is asked about: any verb but those of speech, which always attribute."""
    return verb.pos_ == "VERB" and lemma_of(verb).lower() not in SPEECH_VERBS


def _subject_kind(subject: Token | None) -> str:
    if subject is None:
        return "none"
    if subject.pos_ == "PRON":
        return "pron1" if subject.lower_ in FIRST_PERSON else "pron"
    return "ent:" + subject.ent_type_ if subject.ent_type_ else subject.pos_


def features(verb: Token, subject: Token | None) -> Iterator[str]:
    """The verb's features, as names (each present once, weight 1): the model's whole input. Training
    (``eval.stance_cues``) and scoring both read them from here."""
    lemma = lemma_of(verb).lower()
    subject_kind = _subject_kind(subject)
    yield "bias"
    yield LEMMA + lemma
    yield f"d={verb.dep_}"
    yield f"t={verb.tag_}"
    yield f"s={subject_kind}"
    yield f"l|s={lemma}|{subject_kind}"
    seen: set[str] = set()
    for child in verb.children:
        names: list[str] = []
        if child.i > verb.i and child.dep_ in ARGUMENT_DEPS:
            argument = child.dep_ + (":" + child.lower_ if child.dep_ == "prep" else "")
            names += [f"a={argument}", f"l|a={lemma}|{argument}"]
        if child.dep_ == "neg":
            names.append("neg")
        elif child.dep_ == "aux" and child.tag_ == "MD":
            names.append("modal")
        elif child.dep_ == "auxpass":
            names.append("passive")
        for name in names:
            if name not in seen:
                seen.add(name)
                yield name
    if verb.dep_ in GOVERNED_DEPS:
        yield f"h={verb.dep_}|{lemma_of(verb.head).lower()}"


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    raw = json.loads(resources.files("crosswire.analyze").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return raw["weights"], raw["threshold"]


def probability(weights: Mapping[str, float], names: Sequence[str]) -> float:
    """How likely a verb with feature ``names`` attributes a position (0-1): the logistic model's
    probability, or 0 for a verb whose lemma the model does not weigh in favour of a cue ("searched the
    valley", "suspended flights"). On PolNeAR's political news most verbs with a subject and an object
    come out near the threshold from their construction alone; in general news most of those are
    actions, so a verb needs evidence of its own."""
    if weights.get(next(n for n in names if n.startswith(LEMMA)), 0.0) <= 0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-sum(weights.get(name, 0.0) for name in names)))


def stance_probability(verb: Token, subject: Token | None) -> float:
    """How likely the verb attributes a position to its subject (0-1)."""
    return probability(_model()[0], list(features(verb, subject)))


def is_stance(verb: Token, subject: Token | None) -> bool:
    """Whether the model takes the verb as a cue, at the threshold chosen on train (see the training script)."""
    return stance_probability(verb, subject) >= _model()[1]
