"""Speakers: the vocabulary of speech, the speaker phrase of a subject, and pronoun resolution.

``quotes`` finds what was said; this module decides who said it. The word lists are general
English (speech verbs, pronouns, honorifics, gendered role nouns); nothing here names an entity.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from crosswire.analyze.entities import token_span
from crosswire.analyze.nlp import lemma_of
from crosswire.model import Mention

# Lemmas of verbs that report speech or a stated position ("said", "told", "estimated", "warned"),
# written by hand...
HAND_SPEECH_VERBS: frozenset[str] = frozenset({
    "accuse", "acknowledge", "add", "admit", "allege", "announce", "argue", "assert", "believe",
    "blame", "boast", "caution", "claim", "comment", "complain", "concede", "conclude", "confirm",
    "contend", "declare", "deny", "disclose", "emphasise", "emphasize", "estimate", "explain",
    "insist", "maintain", "note", "predict", "promise", "recall", "recount", "reiterate", "remark",
    "reply", "report", "respond", "reveal", "say", "state", "stress", "suggest", "tell", "testify",
    "threaten", "tweet", "urge", "vow", "warn", "write",
})
# Verbs of the manner of saying, which attribute the quote marked beside them as "said" does ("“Out!” he
# yelled") but seldom introduce reported speech ("asked him to leave" is a request, not a statement).
MANNER_VERBS: frozenset[str] = frozenset({
    "answer", "ask", "chant", "cry", "echo", "exclaim", "interject", "joke", "lament", "marvel", "mutter",
    "plead", "quip", "retort", "scream", "shout", "whisper", "wonder", "yell",
})


def _learned_speech_verbs() -> frozenset[str]:
    text = resources.files("crosswire.analyze").joinpath(LEARNED_SPEECH_VERBS).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# ...and those PolNeAR's train split marks as the cue of what their clause says at least as often as the
# median hand-written verb ("indicated that", "questioned whether", "pointed out that"), learned by
# ``python -m eval.speech_verbs`` into this file beside this module: on PolNeAR dev they took content
# recall from 0.487 to 0.492 at the same precision.
LEARNED_SPEECH_VERBS = "speech_verbs.txt"
SPEECH_VERBS: frozenset[str] = HAND_SPEECH_VERBS | _learned_speech_verbs()

# Speech verbs whose object is whom they speak to, not what is said ("told reporters").
ADDRESSEE_VERBS: frozenset[str] = frozenset({"tell", "inform", "brief", "address"})

# Speech verbs that report speech only with a clause: their noun-phrase object is something kept or added, not
# said ("maintaining support for Hezbollah", "added a third shift"). Counted once over PolNeAR train (a session's
# script, not kept): such objects of "maintain" overlap an annotated content 9 times in 28, of "add" 22 in 49,
# against 1,081 in 1,390 for all speech verbs.
CLAUSE_ONLY_VERBS: frozenset[str] = frozenset({"maintain", "add"})

# Speech verbs whose content is an object plus an "of"/"for" clause ("accused X of targeting Y").
OBJECT_CLAIM_VERBS: frozenset[str] = frozenset({"accuse", "blame", "credit"})
OBJECT_CLAIM_PREPS: frozenset[str] = frozenset({"of", "for"})

# Prepositions that name a role ("spokesman for X", "head of Y") and so belong in a speaker phrase;
# other attachments ("a commander in the north") are trimmed away.
ROLE_PREPS: frozenset[str] = frozenset({"of", "for"})

# Markers that open a complement clause and are not part of what was said.
COMPLEMENTIZERS: frozenset[str] = frozenset({"that"})

MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself"})
# Words that make a sentence a speaker's own words even without quote marks.
FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "my", "we", "us", "our"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "it"})
# Pronouns that refer to a relative clause's head noun ("a statement that said ...").
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"that", "which", "who"})
# Subjects that name no one: "None are expecting deliveries", "Nobody said so" (the tagger may call them nouns).
NO_ONE: frozenset[str] = frozenset({"none", "nobody", "nothing", "neither"})
# Verbs whose "it" stands for nothing ("It now appears that ...", "it feels really creepy", "it would
# take months to know ..."): no speaker.
IMPERSONAL_VERBS: frozenset[str] = frozenset({"seem", "appear", "feel", "look", "sound", "take", "remain"})

# Honorifics and role nouns that reveal a named person's gender when next to the name.
FEMALE_CUES: frozenset[str] = frozenset({
    "ms", "mrs", "miss", "madam", "mme", "lady", "dame", "spokeswoman", "chairwoman",
    "congresswoman", "businesswoman", "councilwoman", "policewoman", "stateswoman", "woman",
    "mother", "wife", "daughter", "sister", "girl", "grandmother", "widow", "aunt", "niece",
    "queen", "princess", "duchess", "countess", "baroness", "actress", "sportswoman",
})
MALE_CUES: frozenset[str] = frozenset({
    "mr", "sir", "lord", "spokesman", "chairman", "congressman", "businessman", "councilman",
    "policeman", "statesman", "man", "father", "husband", "son", "brother", "boy", "grandfather",
    "widower", "uncle", "nephew", "king", "prince", "duke", "baron", "actor", "sportsman",
})

# Quote marks: opening -> the closing marks that may end it.
DOUBLE_QUOTES: dict[str, str] = {"“": "”", "«": "»", '"': '"'}
SINGLE_QUOTES: dict[str, str] = {"‘": "’", "'": "'"}

# A pronoun speaker is the previous quote's speaker when that quote is at most this many
# sentences back; further back, other people may have entered the story.
PREV_SPEAKER_MAX_GAP = 1
# A named person who is the subject of a sentence stays the likeliest referent of "he"/"she" for
# this many sentences.
SALIENT_WINDOW = 3
# Tokens before a name searched for an honorific or a role noun ("NRA spokeswoman Jane Roe").
GENDER_CUE_WINDOW = 3
SUBJECT_DEPS = ("nsubj", "nsubjpass")
PERSONAL_LABELS = ("PERSON", None)  # None: a proper noun the NER did not label
# Label of a common-noun speaker ("the militia"): an antecedent for "they"/"it", not "he"/"she".
COMMON_NOUN_LABEL = "NOUN"

MentionAt = Callable[[Token], "tuple[Span, Mention] | None"]


@dataclass(frozen=True)
class Speaker:
    """The phrase that names a speaker: a name, a pronoun or a common noun phrase."""

    start: int
    end: int
    text: str
    kind: str  # name | pronoun | noun
    label: str | None = None  # the mention label of a name
    # Who, as the report writes it (character offsets): the whole phrase, titles, appositions and
    # clauses included ("Defense Secretary Ash Carter", "Sarah Warbelow, legal director for the
    # group"), what PolNeAR annotates as an attribution's source; None where it is the name itself.
    source: tuple[int, int] | None = None


def _phrase(span: Span, kind: str, label: str | None = None) -> Speaker:
    return Speaker(span.start_char, span.end_char, span.text, kind, label)


def _noun_phrase(subj: Token) -> Span:
    """The subject with its modifiers and role attachments ("a spokesman for the coalition"),
    without locatives, clauses or appositions ("a field commander in the north" -> "a field
    commander")."""
    doc = subj.doc
    lo = min([subj.i] + [c.left_edge.i for c in subj.lefts])
    hi = subj.i + 1
    for child in subj.rights:
        if child.dep_ != "prep" or child.lower_ not in ROLE_PREPS or child.i != hi:
            break
        hi = child.right_edge.i + 1
    while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return doc[lo:hi]


def speaker_of(subj: Token, mention_at: MentionAt) -> Speaker | None:
    """The speaker phrase for a speech verb's subject token (none where it names no one: "None are
    expecting ...", "It now appears that ...")."""
    if subj.lower_ in NO_ONE or (subj.lower_ == "it" and lemma_of(subj.head).lower() in IMPERSONAL_VERBS):
        return None
    found = mention_at(subj)
    if found is not None:
        return _phrase(found[0], "name", found[1].label)
    if subj.pos_ == "PRON":
        return _phrase(subj.doc[subj.i:subj.i + 1], "pronoun")
    for child in subj.subtree:  # "a commander, Jane Roe, said"; "A spokesman for the government, Musa Ibrahim,"
        named = mention_at(child) if child.dep_ == "appos" else None
        if named is not None and named[1].label == "PERSON":
            return _phrase(named[0], "name", "PERSON")
    if subj.pos_ == "PROPN" and not any(c.dep_ == "det" for c in subj.children):
        lo = subj.i
        while lo > subj.sent.start and subj.doc[lo - 1].pos_ == "PROPN" \
                and subj.doc[lo - 1].dep_ == "compound":
            lo -= 1
        return _phrase(subj.doc[lo:subj.i + 1], "name")
    if subj.pos_ not in ("NOUN", "PROPN", "NUM", "ADJ"):
        return None
    return _phrase(_noun_phrase(subj), "noun")


def name_key(name: str) -> str:
    """Key under which a person's gender is kept: the last word, so "Jane Roe", "Ms Roe" and
    "Roe" share it."""
    words = [w for w in name.lower().replace("’", "'").split() if any(c.isalpha() for c in w)]
    return words[-1].strip(".,'") if words else name.lower()


def _gender_of_words(words: Sequence[str]) -> str | None:
    cues = {w.lower().rstrip(".") for w in words}
    female, male = bool(cues & FEMALE_CUES), bool(cues & MALE_CUES)
    return "f" if female and not male else "m" if male and not female else None


def _root(span: Span) -> Token:
    return next((t for t in span if not (span.start <= t.head.i < span.end) or t.head == t),
                span[0])


def _cue_words(span: Span) -> list[str]:
    """Words next to a name that may say whether it is a man or a woman."""
    doc, root = span.doc, _root(span)
    lo = max(span.sent.start, span.start - GENDER_CUE_WINDOW)
    words = [t.text for t in doc[lo:span.start]]
    appositions = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        appositions.append(root.head)
    for noun in appositions:
        words.append(noun.text)
        words.extend(c.text for c in noun.children if c.dep_ in ("compound", "amod"))
    return words


@dataclass
class _Candidate:
    """A name a pronoun may stand for."""

    start: int
    name: str
    label: str | None
    salient: bool  # a sentence subject or an earlier speaker


class SpeakerResolver:
    """Resolves speaker phrases in text order, remembering earlier speakers and genders."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]):
        self.doc = doc
        self._sent_starts = [s.start_char for s in doc.sents]
        self._quoted = list(quoted)
        self.gender: dict[str, str] = {}
        self._candidates: list[_Candidate] = []
        self._history: list[tuple[_Candidate, int]] = []  # (speaker, end of that quote)
        for m in mentions:
            span = token_span(doc, m.start, m.end)
            if span is None or self._inside_quote(m.start, m.end):
                continue
            salient = _salient(_root(span))
            self._candidates.append(_Candidate(m.start, m.text, m.label, salient))
            if gender := _gender_of_words(_cue_words(span)):
                self.gender.setdefault(name_key(m.text), gender)

    def _inside_quote(self, start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self._quoted)

    def _sentence(self, char: int) -> int:
        return bisect_right(self._sent_starts, char) - 1

    def _fits(self, cand: _Candidate, want: str) -> bool:
        """Gender cues outrank the NER label, which often mistakes unfamiliar names."""
        gender = self.gender.get(name_key(cand.name))
        if want == "group":
            return gender is None and cand.label not in PERSONAL_LABELS
        return gender == want or gender is None and cand.label in PERSONAL_LABELS

    def resolve(self, speaker: Speaker, start: int, end: int, direct: bool) -> str | None:
        """The name (or noun phrase) of ``speaker`` for the quote ``[start, end)``."""
        if speaker.kind == "pronoun":
            chosen = self._antecedent(speaker, start, end)
            if chosen is None:
                return None
            if speaker.text.lower() in MALE_PRONOUNS | FEMALE_PRONOUNS:
                self.gender.setdefault(name_key(chosen.name), _pronoun_gender(speaker.text))
        else:
            label = speaker.label if speaker.kind == "name" else COMMON_NOUN_LABEL
            chosen = _Candidate(speaker.start, speaker.text, label, True)
            if speaker.kind == "name" and not direct:
                self._learn_from_content(chosen, start, end)
        self._history.append((chosen, end))
        return chosen.name

    def _antecedent(self, speaker: Speaker, start: int, end: int) -> _Candidate | None:
        """Previous quote's speaker if close and fitting, else the nearest salient fitting name, else (a
        person's pronoun) the nearest fitting name."""
        pronoun = speaker.text.lower()
        want = "group" if pronoun in GROUP_PRONOUNS else _pronoun_gender(pronoun)
        if want is None:
            return None
        if self._history:
            prev, prev_end = self._history[-1]
            gap = self._sentence(start) - self._sentence(prev_end)
            if gap <= PREV_SPEAKER_MAX_GAP and self._fits(prev, want):
                return prev
        here = self._sentence(speaker.start)
        # names inside the statement are its speaker's only when the pronoun follows it ("Novartis will
        # use the data, it said"), never when it opens it ("he said the rebels would ...")
        after = speaker.start >= end
        earlier = [c for c in self._candidates + [h for h, _ in self._history]
                   if c.start < speaker.start and (after or not start <= c.start < end)
                   and self._fits(c, want)]
        earlier.sort(key=lambda c: c.start)
        salient = [c for c in earlier if c.salient and here - self._sentence(c.start)
                   <= SALIENT_WINDOW]
        # a subject near; else, for "he" and "she", the nearest person named before, right more often than not
        # (``eval.speakers``); for "it" and "they" any earlier name ("Mexican", "Oaxaca, Mexico") is a guess
        return (salient or (earlier if want != "group" else []) or [None])[-1]

    def _learn_from_content(self, cand: _Candidate, start: int, end: int) -> None:
        """"Jane Roe said she ...", "Roe said his ...": the statement's own subject pronoun."""
        span = token_span(self.doc, start, end)
        if span is None or not len(span) or cand.label not in PERSONAL_LABELS:
            return
        root = _root(span)
        for tok in span:
            if tok.dep_ in SUBJECT_DEPS + ("poss",) and root in (tok.head, tok.head.head):
                gender = _pronoun_gender(tok.lower_)
                if gender is not None:
                    self.gender.setdefault(name_key(cand.name), gender)
                return


def _salient(name: Token) -> bool:
    """A name a later pronoun may stand for: a subject, the name set beside one ("The spokesman, Musa
    Ibrahim, said"), or the agent of a passive ("was confirmed by Dr Richard Besser")."""
    return (name.dep_ in SUBJECT_DEPS or name.dep_ == "appos" and name.head.dep_ in SUBJECT_DEPS
            or name.dep_ == "pobj" and name.head.dep_ == "agent")


def _pronoun_gender(pronoun: str) -> str | None:
    word = pronoun.lower()
    return "m" if word in MALE_PRONOUNS else "f" if word in FEMALE_PRONOUNS else None
