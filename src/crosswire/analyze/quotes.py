"""Who said what: direct quotes (in quote marks) and reported speech, with resolved speakers.

Direct quotes are found from the marks and attributed to the nearest speech verb outside any quote
in the same sentence; an unattributed quote right after another continues its speaker. Reported
speech comes from the dependency parse ("X said <clause>", "<clause>, X said"), so it also works
on reading texts restored from corpus form, which have no quote marks at all. Positions ("the union
backed the bill") are found alike from verbs that ``stance`` scores as attributing one, with the verb's
arguments as what is attributed (``Quote.kind``). Pronoun speakers
resolve to the nearest fitting named person, with gender learnt from cues next to the name.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from spacy.tokens import Doc, Span, Token

from crosswire.analyze import stance
from crosswire.analyze.entities import token_span
from crosswire.analyze.nlp import doc_text, lemma_of
from crosswire.analyze.speech import (
    ADDRESSEE_VERBS, CLAUSE_ONLY_VERBS, COMPLEMENTIZERS, DOUBLE_QUOTES, FIRST_PERSON, MANNER_VERBS, OBJECT_CLAIM_PREPS,
    OBJECT_CLAIM_VERBS, RELATIVE_PRONOUNS, SINGLE_QUOTES, SPEECH_VERBS, Speaker, SpeakerResolver, name_key, speaker_of,
)
from crosswire.model import POSITION, SPEECH, Mention, Quote
from crosswire.restore.detect import ASCII_QUOTE_MARKS

# A quoted span of at most this many words that is not an utterance by itself ("the so-called
# “caliphate”", "announced the “final phase”") is a scare quote, not speech.
SCARE_MAX_WORDS = 3
# Reported content shorter than this many words is an object, not a statement ("he said so").
MIN_CONTENT_WORDS = 2
# How many earlier sentences a trailing attribution may reach across an ellipsis or colon
# ("The breach is clear... They are hiding, he said.").
MAX_CONTINUED_SENTENCES = 3
# Words of a name and its colon that label a quote ("Dr. Ben Carson:"), and of a sentence that is nothing
# but an attribution ("Mr. Trump asked on Tuesday.").
MAX_LABEL_WORDS = 6
# How many tokens may stand between a quote and a verb of the manner of saying that attributes it (the
# subject and a comma: "“Out!” Mr. Trump yelled", "yelled, “Out!”").
MANNER_REACH = 3
TERMINAL = set(".!?…")
QUOTE_MARKS = set(DOUBLE_QUOTES) | set(DOUBLE_QUOTES.values()) | {"‘"}
OPENERS = set(DOUBLE_QUOTES) | set(SINGLE_QUOTES)
_CLOSERS = set(DOUBLE_QUOTES.values()) | set(SINGLE_QUOTES.values())
_ANY_MARK = frozenset(_CLOSERS | QUOTE_MARKS)
CONTINUING_ENDS = {"...", "…", ":", ";"}
_BRACKETS = {")": "(", "]": "["}
_SPACES = re.compile(r"\s*")
_WORD = re.compile(r"\w")
# A dateline opening a report ("PARIS -", "Lyon, France (Agency) -") is not part of a statement.
DATELINE = re.compile(r"\A\s*[^\n]{1,80}?\s[-–—]{1,2}\s+")
SUBJECT_DEPS = ("nsubj",)
# Words before an attribution that interrupts a clause are a piece of the statement when they are
# what it is about (its subject, or a noun phrase the parser attached otherwise: "New Orleans, he
# said, is ..."), not an opener ("But", "On Syria").
_CLAUSE_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_NOMINALS = ("NOUN", "PROPN", "PRON")
# Prepositions that say where, when or how something was said, never what ("said in a statement").
# ("pointed to", "called for", "sided with", "described as" take what was said after theirs.)
_CIRCUMSTANCE_PREPS = frozenset({"in", "at", "during", "after", "before", "since", "until", "through", "via",
                                 "outside", "inside", "near", "while"})
# Conjunctions that open a clause saying when something was said ("announced the agreement *after* officials
# held four hours of talks"), never what.
_CIRCUMSTANCE_MARKS = frozenset({"after", "before", "when", "while", "until", "once"})
# What a verb of saying may have besides where and when and still attribute nothing of its own ("he asked
# again", "Mr. Trump shouted back").
_BARE_ATTRIBUTION_DEPS = frozenset({"nsubj", "punct", "advmod", "prt", "aux", "neg"})
# Subjects of the one speaking and the one spoken to: in text whose quote marks were stripped, what they say or
# hold ("i hope ...", "you asked ...") is inside someone's statement, where marks would have kept it out.
_SPEAKING_PERSONS = FIRST_PERSON | {"you"}
# Clauses whose subject is the subject of the verb they hang from ("..., adding that ...").
INHERITING_DEPS = ("advcl", "conj", "xcomp")


@dataclass
class _Draft:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    direct: bool
    cue: Token | None = None
    speaker: Speaker | None = None
    extent_end: int = 0  # where the quote and its attribution end (for continuations)
    kind: str = SPEECH


# --------------------------------------------------------------------------- direct quotes


_MARKED_KEY = "crosswire.marked"


# Quote marks written with ASCII pairs (``restore.detect.ASCII_QUOTE_MARKS``) read, for finding quotes, as curly
# marks against their word, in a text of the same length, so every offset stays that of the text: "``We" -> " “We",
# "`` We" -> "  “We", " ''a" -> "  “a", "not''" -> "not” ", "not ''" -> "not”  ".


def _curly(match: re.Match[str]) -> str:
    pad = " " * (len(match[0]) - 1)
    return pad + "\u201c" if match["open"] else "\u201d" + pad


def _marked(doc: Doc) -> str:
    """``doc.text`` with ASCII-pair quote marks shown as curly ones (same length), read once per doc."""
    text = doc.user_data.get(_MARKED_KEY)
    if text is None:
        text = doc.user_data[_MARKED_KEY] = ASCII_QUOTE_MARKS.sub(_curly, doc_text(doc))
    return text


def _opens(text: str, i: int) -> bool:
    """A mark opens a quote at a word start, not inside a word ("Syria’s", "don't")."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[i] in "“«‘":
        return not before.isalnum()
    return before.isspace() or before in "([{—–-“"


def _closes(text: str, i: int) -> bool:
    """A mark closes a quote unless it is an apostrophe inside a word ("IS’s")."""
    after = text[i + 1] if i + 1 < len(text) else " "
    before = text[i - 1] if i else " "
    if text[i] in "”»":
        return True
    return not before.isspace() and not after.isalnum()


# Marks that close a quote another kind of mark opened, as pages that curl only some of their marks have it
# ("\"But Pete Wilson won,” Axelrod said"): a straight mark opens, a curly one closes.
_ALSO_CLOSING = {'"': "\u201d"}


def _mark_pairs(text: str) -> list[tuple[int, int]]:
    """``(open_mark, close_mark)`` positions of quotes.

    A quote left open at a line end is kept only when the next line opens a quote again (the
    convention for a quote running over paragraphs); then it ends at the line end. Otherwise
    the opening mark was no quote ("the '90s") and scanning resumes right after it.
    """
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    opener = closers = ""
    depth = 0  # quotes nested in a quote with the same distinct marks (“a “b” c”)
    i = 0
    while i < len(text):
        ch = text[i]
        if opened is None:
            marks = DOUBLE_QUOTES if ch in DOUBLE_QUOTES else SINGLE_QUOTES
            if ch in marks and _opens(text, i):
                opened, opener, closers, depth = i, ch, marks[ch] + _ALSO_CLOSING.get(ch, ""), 0
        elif ch == "\n" or i == len(text) - 1 and ch not in closers:
            if text[i:].lstrip()[:1] in OPENERS:
                pairs.append((opened, i))
            else:
                i = opened
            opened = None
        elif ch == opener and opener not in closers and _opens(text, i):
            depth += 1
        elif ch in closers and _closes(text, i):
            if depth:
                depth -= 1
            else:
                pairs.append((opened, i))
                opened = None
        i += 1
    return pairs


def _is_utterance(text: str, open_at: int, lo: int, hi: int) -> bool:
    """Long quotes are speech; short ones only when they stand as an utterance of their own."""
    content = text[lo:hi]
    if len(re.findall(r"\w+", content)) > SCARE_MAX_WORDS:
        return True
    before = text[:open_at].rstrip()
    return content.rstrip()[-1:] in TERMINAL | {","} or before[-1:] in (":", ",")


def _direct_spans(text: str) -> list[tuple[int, int, int, int]]:
    """``(open_mark, content_start, content_end, close_end)`` of each quote that is speech."""
    spans = []
    for open_at, close_at in _mark_pairs(text):
        lo, hi = open_at + 1, close_at
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ","):
            hi -= 1
        if any(ch.isalnum() for ch in text[lo:hi]) and _is_utterance(text, open_at, lo, close_at):
            spans.append((open_at, lo, hi, min(close_at + 1, len(text))))
    return spans


def _is_boundary(tok: Token) -> bool:
    """A sentence end: a standalone terminal mark followed by space, or a line break."""
    if tok.is_space:
        return "\n" in tok.text
    ends_sentence = tok.text and set(tok.text) <= TERMINAL
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return bool(ends_sentence and (tok.whitespace_ or nxt is None or nxt.is_space))


def _regions(doc: Doc, spans: list[tuple[int, int, int, int]], k: int
             ) -> tuple[list[Token], list[Token]]:
    """Tokens before and after quote ``k`` up to the sentence edge or a neighbouring quote."""
    open_at, _, hi, close_end = spans[k]
    prev_end = spans[k - 1][3] if k else 0
    next_open = spans[k + 1][0] if k + 1 < len(spans) else len(doc_text(doc))
    before: list[Token] = []
    for tok in reversed(doc[:_token_at(doc, open_at)]):
        if tok.idx < prev_end or (_is_boundary(tok) and not _after_colon(tok)):
            break
        before.append(tok)
    after: list[Token] = []
    text = doc_text(doc)
    after_space = _SPACES.match(text, close_end).end()  # no copy of the rest: texts can be long
    ended = text[hi - 1:hi] in TERMINAL and not text[after_space:after_space + 1].islower()
    for tok in doc[_token_at(doc, close_end):] if not ended else ():
        if tok.idx >= next_open or _is_boundary(tok):
            break
        after.append(tok)
    return before, after


def _after_colon(tok: Token) -> bool:
    """A line break right after "said:" does not end the attribution of the next line's quote."""
    return tok.is_space and tok.i > 0 and tok.nbor(-1).text == ":"


def _token_at(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char`` (a binary search: called per quote)."""
    return bisect_left(doc, char, key=lambda tok: tok.idx)


def _attribution(before: list[Token], after: list[Token], mentions: "_Mentions"
                 ) -> tuple[Token, Speaker] | None:
    """The nearest speech verb around a quote that has a subject, and that subject; a verb of the manner
    of saying only right beside the quote ("“Out!” he yelled", "yelled: “Out!”"), as further off it is
    the narration's ("Jindal said the coast was in a “war to stop this oil” but asked ...")."""
    # interleave after/before by distance; after first on ties ("...,” he said")
    ordered = [t for pair in zip_longest(after, before) for t in pair if t is not None]
    for verb in ordered:
        if verb in after and _says_its_own(verb):
            continue
        if _is_speech_verb(verb) or _is_quote_verb(verb) and _beside(verb, after, before):
            speaker = _verb_speaker(verb, mentions)
            if speaker is not None:
                return verb, speaker
    return None


def _says_its_own(verb: Token) -> bool:
    """A verb joined to the narration after a quote that says a clause of its own ("proposed we “wake up and
    smell the falafel” and said Ryan should resign"): it attributes that clause, not the quote before it."""
    return verb.dep_ == "conj" and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)


def _beside(verb: Token, after: list[Token], before: list[Token]) -> bool:
    """Whether nothing but punctuation and the verb's subject stands between the quote and ``verb``."""
    side = after if verb in after else before
    between = side[:side.index(verb)]
    subject = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    return len(between) <= MANNER_REACH and all(not _WORD.search(t.text) or t.i in subject for t in between)


def _labelled(before: list[Token], mentions: "_Mentions") -> tuple[None, Speaker] | None:
    """"Reid: “Never underestimate Trump.”": a line that is a person's name and a colon before the
    quote, as headlines and transcripts attribute one (the name's words are its source)."""
    words = [t for t in reversed(before) if not t.is_space]
    if not 2 <= len(words) <= MAX_LABEL_WORDS or words[-1].text != ":" or not _line_start(words[0]):
        return None
    name = mentions.at(words[-2])
    person = name[1].label == "PERSON" if name is not None else words[-2].lower_ in mentions.surnames
    if not person or any(t.pos_ != "PROPN" and not t.is_title and not t.is_punct for t in words[:-1]):
        return None  # "Syria: ...", "UPDATE: ..."
    speaker = speaker_of(words[-2], mentions.at)
    if speaker is None:
        return None
    return None, dataclasses.replace(speaker, source=(words[0].idx, words[-2].idx + len(words[-2])))


def _labelled_lines(doc: Doc, mentions: "_Mentions") -> Iterator[_Draft]:
    """"reid : never , ever , ever underestimate trump .": in text whose quote marks were stripped, the
    rest of a line that opens with a person's name and a colon (``_labelled``) is what they said."""
    for tok in doc:
        if not _line_start(tok) or tok.is_space:
            continue
        colon = next((t for t in doc[tok.i:tok.i + MAX_LABEL_WORDS] if t.text == ":"), None)
        found = _labelled(list(reversed(doc[tok.i:colon.i + 1])), mentions) if colon is not None else None
        if found is None:
            continue
        end = colon.i + 1
        while end < len(doc) and "\n" not in doc[end].text:
            end += 1
        content = _strip(doc, colon.i + 1, end)
        if content is not None:
            yield _Draft(content.start_char, content.end_char, False, None, found[1], content.end_char)


def _third_person(lemma: str) -> str:
    """A verb's present third person singular ("say" -> "says", "reply" -> "replies", "stress" -> "stresses")."""
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return lemma[:-1] + "ies"
    return lemma + "s"


# "says", "adds", "notes": where a lowercased text lost the capital that marks the name before it, the tagger
# often reads these as plural nouns ("viguerie notes")
_SAYS = frozenset(_third_person(verb) for verb in SPEECH_VERBS if verb.isalpha())


def _trailing_unmarked(doc: Doc, mentions: "_Mentions") -> Iterator[_Draft]:
    """"cultural conservatives have issues with trump , viguerie notes .": in lowercased text whose quote marks
    were stripped, a sentence ending in a comma, a short phrase and a verb of speech is what that phrase says,
    though the tagger read a present-tense verb as a plural noun, or the parser hung the verb elsewhere ("..., no
    other candidate can , viguerie adds .": a relative clause of "way" with two subjects)."""
    for verb in doc:
        if not (_is_speech_verb(verb) or verb.lower_ in _SAYS) or verb.i + 1 >= len(doc):
            continue
        end = doc[verb.i + 1]
        if end.text not in TERMINAL or verb.sent.end > end.i + 1 and not _is_boundary(end):
            continue
        comma = next((t for t in reversed(doc[max(verb.sent.start, verb.i - MAX_LABEL_WORDS):verb.i])
                      if t.text == ","), None)
        who = doc[comma.i + 1:verb.i] if comma is not None else None
        if who is None or not who or not all(t.is_alpha or t.text in (".", "-") for t in who):
            continue
        content = _strip(doc, _skip_dateline(doc, _continued_start(verb.sent)), comma.i)
        if content is None or not _has_clause(content):
            continue
        named = mentions.at(who[-1])
        phrase, label = named if named is not None else (who, None)
        kind = "pronoun" if len(who) == 1 and who[0].pos_ == "PRON" else "name"
        speaker = Speaker(phrase.start_char, phrase.end_char, phrase.text, kind, label.label if label else None,
                          source=(who.start_char, who.end_char))
        yield _Draft(content.start_char, content.end_char, False, verb, speaker, end.idx + 1)


def _line_start(tok: Token) -> bool:
    return tok.i == 0 or "\n" in tok.doc[tok.i - 1].text


def _attributed_after(doc: Doc, close_end: int, mentions: "_Mentions") -> tuple[Token, Speaker] | None:
    """"“Or do we make promises we can't keep?” Clinton asked.": the sentence after a quote that ended
    with its own full stop, question or exclamation mark attributes it when it is nothing but a subject
    and a verb of saying (and where or how it was said)."""
    k = _token_at(doc, close_end)
    sentence: list[Token] = []
    for tok in doc[k:k + MAX_LABEL_WORDS + 1]:
        if _is_boundary(tok):
            break
        sentence.append(tok)
    else:
        return None  # no end within reach, or the text's end
    verbs = [t for t in sentence if _is_quote_verb(t)]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    if any(c.dep_ not in _BARE_ATTRIBUTION_DEPS and not _circumstance(c) for c in verb.children):
        return None  # "“…?” He asked for a recount.": a statement of its own
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    speaker = _verb_speaker(verb, mentions) if subj is not None and subj.i >= k else None
    return (verb, speaker) if speaker is not None else None


def _direct_drafts(doc: Doc, spans: list[tuple[int, int, int, int]], mentions: "_Mentions"
                   ) -> list[_Draft]:
    drafts = []
    for k, (_, lo, hi, close_end) in enumerate(spans):
        before, after = _regions(doc, spans, k)
        found = _attribution(before, after, mentions) or _labelled(before, mentions)
        if found is None and not after and doc_text(doc)[hi - 1:hi] in TERMINAL:
            found = _attributed_after(doc, close_end, mentions)
        draft = _Draft(lo, hi, True, extent_end=close_end)
        if found is not None:
            draft.cue, draft.speaker = found
            draft.extent_end = max(close_end, _clause_end(found[0])) if found[0] is not None else close_end
        drafts.append(draft)
    # A quote running over paragraphs leaves each but the last one open ("“Part one.\n\n“Part
    # two,” she said."): an open paragraph takes the speaker of the quote that goes on from it.
    for k in range(len(drafts) - 2, -1, -1):
        here, nxt = drafts[k], drafts[k + 1]
        if here.speaker is None and doc_text(doc)[spans[k][3] - 1:spans[k][3]] not in _CLOSERS \
                and not re.search(r"\w", doc_text(doc)[here.extent_end:nxt.start]):
            here.cue, here.speaker = nxt.cue, nxt.speaker
    return drafts


def _clause_end(verb: Token) -> int:
    """End of the verb's clause within its sentence (the attribution's reach)."""
    sent = verb.sent
    return min(verb.right_edge.idx + len(verb.right_edge), sent.end_char)


# --------------------------------------------------------------------------- reported speech


class _Mentions:
    """Token -> mention lookup for one doc."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.by_token: dict[int, tuple[Span, Mention]] = {}
        # the last words of the people named, for a name the tagger missed where it stands alone
        self.surnames = {name_key(m.text) for m in mentions if m.label == "PERSON"}
        for m in mentions:
            span = token_span(doc, m.start, m.end)
            if span is not None:
                for i in range(span.start, span.end):
                    self.by_token[i] = (span, m)

    def at(self, tok: Token) -> tuple[Span, Mention] | None:
        return self.by_token.get(tok.i)


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and lemma_of(tok).lower() in SPEECH_VERBS


def _is_quote_verb(tok: Token) -> bool:
    """A verb that attributes a quote marked beside it: one of speech or of the manner of saying."""
    return tok.pos_ == "VERB" and lemma_of(tok).lower() in SPEECH_VERBS | MANNER_VERBS


def _subject(verb: Token, depth: int = 3) -> Token | None:
    """The verb's subject, inherited from the governing verb for "..., adding that ..." clauses
    and taken from the head noun for "a statement that said ..." and "a statement saying ..."."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    if (named := _apposed_subject(verb)) is not None:
        return named  # "... shift against her , seth mckee , a political scientist , told the hill ."
    if depth and verb.dep_ in INHERITING_DEPS and verb.head.pos_ in ("VERB", "AUX"):
        if verb.head.dep_ == "ccomp" and _is_speech_verb(verb.head.head) and verb == _said_next(verb.head):
            return _subject(verb.head.head, depth - 1)  # "X said it was early but added, ...": X added
        return _subject(verb.head, depth - 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement saying ...", "the group seeking a breakout"
    return None


def _apposed_subject(verb: Token) -> Token | None:
    """The subject of a verb the parser joined, without a conjunction, to the clause before it, reading the
    subject as an apposition there: "<statement> , Seth McKee , a political scientist , told The Hill" (where
    quote marks were stripped, a statement and its attribution after it read as one sentence). The apposition
    set off by commas right before the verb is its subject, or the name set off before it that it describes."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.i < 2 or doc[verb.i - 1].text != "," \
            or any(t.dep_ == "cc" for t in doc[verb.head.i + 1:verb.i]):
        return None
    last = verb.i - 2
    apposed = [t for t in doc[verb.head.i + 1:last + 1] if t.dep_ == "appos" and t.head.i < t.i
               and t.pos_ in _NOMINALS and not any(u.pos_ in ("VERB", "AUX") for u in t.subtree)
               and max(u.i for u in t.subtree if not u.is_punct) == last and doc[t.left_edge.i - 1].text == ","]
    if not apposed:
        return None
    named = apposed[0].head  # ", seth velder , a political scientist ,": the name the description is apposed to
    return named if named.pos_ in _NOMINALS and doc[named.left_edge.i - 1].text == "," else apposed[0]


def _verb_speaker(verb: Token, mentions: _Mentions) -> Speaker | None:
    subj = _subject(verb)
    return _sourced(speaker_of(subj, mentions.at), verb, subj) if subj is not None else None


def _phrase_offsets(doc: Doc, head: Token, verb: Token | None = None) -> tuple[int, int]:
    """Character offsets of ``head``'s whole phrase within its line (the parser may hang a heading
    such as "7:30 p.m." on the name below it), without edge punctuation, and on its side of
    ``verb`` (the parser may hang a phrase after the verb on the subject before it: "Twelve
    countries have confirmed cases of the strain, a new infection that ...")."""
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    if verb is not None and lo <= verb.i < hi and not head.is_ancestor(verb):
        inside = {t.i for t in head.subtree}  # the unbroken run of the phrase around its head
        lo, hi = head.i, head.i + 1
        while lo - 1 in inside:
            lo -= 1
        while hi in inside:
            hi += 1
    lo = max([lo] + [t.i + 1 for t in doc[lo:head.i] if "\n" in t.text])
    hi = min([hi] + [t.i for t in doc[head.i + 1:hi] if "\n" in t.text])
    while hi > lo + 1 and (doc[hi - 1].is_space or doc[hi - 1].is_punct and not _closes_bracket(doc[lo:hi])):
        hi -= 1
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _closes_bracket(span: Span) -> bool:
    """Whether the span's last token closes a bracket the span opened ("Authority (TVA)")."""
    last = span[-1].text
    return last in _BRACKETS and _BRACKETS[last] in span[:-1].text


def _sourced(speaker: Speaker | None, verb: Token, subj: Token) -> Speaker | None:
    """``speaker`` with its source phrase: the subject's whole phrase, or the relative pronoun itself
    when that phrase holds the verb ("a trader who said": "who", as PolNeAR marks it)."""
    if speaker is None:
        return None
    head = subj
    if subj.left_edge.i <= verb.i <= subj.right_edge.i:
        head = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if head is None:
            return speaker
    return dataclasses.replace(speaker, source=_phrase_offsets(verb.doc, head, verb))


def _strip(doc: Doc, lo: int, hi: int, min_words: int = MIN_CONTENT_WORDS) -> Span | None:
    """Tokens ``[lo, hi)`` without leading complementizers and edge punctuation or space."""
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space
                       or doc[lo].lower_ in COMPLEMENTIZERS and doc[lo].dep_ == "mark"):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct and doc[hi - 1].text not in ("...", "…")
                       or doc[hi - 1].is_space):
        hi -= 1
    span = doc[lo:hi]
    words = [t for t in span if t.is_alpha or t.like_num]
    return span if len(words) >= min_words else None


def _continued_start(sent: Span) -> int:
    """Start of a statement that began in earlier sentences ending in "..." or ":" on one line."""
    doc, start = sent.doc, sent.start
    for _ in range(MAX_CONTINUED_SENTENCES):
        if start == 0:
            break
        last = doc[start - 1]
        if last.is_space or last.text not in CONTINUING_ENDS:
            break
        start = last.sent.start
    return start


def _skip_dateline(doc: Doc, lo: int) -> int:
    """Move a statement's start past the report's dateline when it opens the report."""
    if lo != 0:
        return lo
    match = DATELINE.match(doc_text(doc))
    if match is None:
        return lo
    return _token_at(doc, match.end())


def _has_clause(span: Span) -> bool:
    """A verb, or a clause's subject where the tagger missed the verb ("That’s Clinton": "’s" read as
    punctuation)."""
    return any(t.pos_ in ("VERB", "AUX") or t.dep_ in _CLAUSE_SUBJECTS for t in span)


def _trailing_content(verb: Token, subj: Token, unmarked: bool = False) -> Span | None:
    """"<statement>, X said." / "<statement>, said X, ...": everything before the attribution; where quote
    marks were stripped, a phrase too when the attribution ends the sentence ("no thanks to nathan deal , he
    added .")."""
    doc, sent = verb.doc, verb.sent
    attr_start = min(verb.i, subj.left_edge.i)
    if attr_start <= sent.start or doc[attr_start - 1].text != ",":
        return None
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "ccomp", "xcomp")]
    if objects and not (lemma_of(verb) == "tell" and all(c.dep_ == "dobj" for c in objects)):
        return None
    lo = _skip_dateline(doc, _continued_start(sent))
    content = _strip(doc, lo, attr_start - 1)
    if content is None:
        return None
    return content if _has_clause(content) or unmarked and _ends_bare(verb) and _said_phrase(content) else None


def _said_phrase(span: Span) -> bool:
    """A phrase that may be what was said: not where or when ("in 2012 , he said .", "last month , she said .")."""
    return span[0].pos_ != "ADP" and not any(t.ent_type_ in ("DATE", "TIME") for t in span)


def _ends_bare(verb: Token) -> bool:
    """Whether the verb's attribution ends its sentence and says nothing but who said it, where or when."""
    words = [t for t in verb.doc[verb.i + 1:verb.sent.end] if not (t.is_punct or t.is_space)]
    return all(verb.is_ancestor(t) for t in words) and all(
        c.dep_ in _BARE_ATTRIBUTION_DEPS or _circumstance(c) for c in verb.children if c.i > verb.i)


def _attribution_end(verb: Token, subj: Token, mark: str = ",") -> int | None:
    """Where an attribution set between commas ends: the comma (or other ``mark``) after the verb and its
    own words ("she said in a statement ,"); None when the sentence ends first or the verb's words run on."""
    sent = verb.sent
    inside = {t.i for t in subj.subtree} | {verb.i} | {
        t.i for c in verb.children if c.dep_ not in ("conj", "cc", "punct", "ccomp") for t in c.subtree}
    j = verb.i + 1
    while j < sent.end and j in inside and verb.doc[j].text != mark:
        j += 1
    return j if j < sent.end - 1 and verb.doc[j].text == mark else None


def _colon_statement(verb: Token, subj: Token) -> Span | None:
    """"X responded in a text message : <statement>": what follows a colon that closes the attribution and
    where or how it was made (a colon right after the verb: ``_forward_content``)."""
    end = _attribution_end(verb, subj, ":")
    return _strip(verb.doc, end + 1, verb.sent.end) if end is not None and subj.i < verb.i else None


def _speech_content(verb: Token, subj: Token, unmarked: bool) -> tuple[Span | None, Span | None]:
    """What a speech verb attributes, and a second piece of it after the attribution when one
    interrupts the statement (``_interrupted_content``)."""
    content = _forward_content(verb) or _colon_statement(verb, subj)
    if content is not None:
        return content, None
    first, rest = _interrupted_content(verb, subj, unmarked)
    content = _trailing_content(verb, subj, unmarked) or first
    if content is None:
        content, rest = rest, None
    if content is None and unmarked:
        content = _statement_after(verb, subj) or _statement_before(verb, subj)
    if content is None and lemma_of(verb).lower() not in ADDRESSEE_VERBS | CLAUSE_ONLY_VERBS:
        content = _argument_content(verb, speech=True)  # "reported no arrests"
    return content, rest


def _interrupted_content(verb: Token, subj: Token, unmarked: bool) -> tuple[Span | None, Span | None]:
    """"<A>, X said, <B>.": the statement an attribution interrupts, in two pieces. The verb hangs on
    the clause it interrupts ("The plan, he said, will fail"); in text whose quote marks were
    stripped ("the plan is dead , she said , and nobody will revive it .") the parser often joins
    the second piece to the verb instead, as a clause of its own subject after "and" or "but".
    With quote marks such a clause is narration ("…,” she said, and her aides agreed")."""
    doc, sent = verb.doc, verb.sent
    attr_start = min(verb.i, subj.left_edge.i)
    if attr_start <= sent.start or doc[attr_start - 1].text != ",":
        return None, None
    end = _attribution_end(verb, subj)
    if end is None:
        return None, None
    if verb.dep_ == "parataxis" and verb.head.left_edge.i < attr_start and verb.head.right_edge.i > end:
        first = _strip(doc, _skip_dateline(doc, sent.start), attr_start - 1, 1)
        if first is not None and first.root.pos_ not in _NOMINALS and first.root.dep_ not in _CLAUSE_SUBJECTS:
            first = None  # "But, officials say, ...", "On Syria, they say, ...": an opener, not what was said
    elif unmarked and doc[end + 1].lower_ in ("and", "but") and any(
            c.dep_ == "conj" and c.i > end and any(g.dep_ in SUBJECT_DEPS for g in c.children)
            for c in verb.children):
        first = None  # the part before is the verb's trailing content
    else:
        return None, None
    rest = _strip(doc, end + 1, sent.end)
    if rest is not None and (not (_has_clause(rest) or rest.root.head == verb.head)  # "It was, she said, one of ..."
                             or doc[end + 1].lower_ in ("and", "but") and not unmarked):
        rest = None
    return first, rest


def _statement_after(verb: Token, subj: Token) -> Span | None:
    """"X said on Tuesday , we will not leave .": in text whose quote marks were stripped, the
    statement a direct quote held after the attribution and its circumstances, up to the sentence end.
    With the marks it is a direct quote; without them the parser seldom hangs it on the verb."""
    doc, sent = verb.doc, verb.sent
    end = _attribution_end(verb, subj)
    if end is None or subj.i > verb.i or subj.lower_ in FIRST_PERSON:
        return None  # a first-person verb is inside a statement whose marks were stripped
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
    # the parser may hang the attribution on the statement after it ("he vowed , we are going to ...": ccomp)
    hung = verb.dep_ in ("ccomp", "parataxis") and verb.head.i > end
    if marks != ["as"] and (marks or verb.dep_ not in ("ROOT", "conj") and not hung):
        return None  # "If X continues to ..., <clause>": a condition, not an attribution ("As X reported, ..." is)
    if doc[end + 1].tag_ in ("CC", "IN", "TO", "VBG", "WDT", "WP", "WRB"):
        return None  # "..., and ...", "..., adding ...", "..., who ...": narration goes on
    rest = _strip(doc, end + 1, sent.end)
    if rest is None or any(_is_speech_verb(t) for t in rest):
        return None  # no statement, or one with an attribution of its own
    # a clause, or an utterance that a "!" or "?" ends ("mr . trump yelled , out , out , out !")
    return rest if any(t.dep_ in _CLAUSE_SUBJECTS for t in rest) or doc[sent.end - 1].text in ("!", "?") else None


def _statement_before(verb: Token, subj: Token) -> Span | None:
    """"... that was the founding of isis , ok ? trump said .": in text whose quote marks were stripped, a
    sentence that is nothing but an attribution attributes the sentence before it (with its marks, the
    quote ended in "?" or "!" and the attribution went on after it)."""
    doc, sent = verb.doc, verb.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    addressee = lemma_of(verb).lower() in ADDRESSEE_VERBS  # "he told me .": whom, not what
    attribution = {t.i for t in subj.subtree} | {verb.i} | {
        t.i for c in verb.children if c.dep_ not in ("ccomp", "xcomp", "dobj") or c.dep_ == "dobj" and addressee
        for t in c.subtree}
    if sent.start == 0 or not words or any(t.i not in attribution for t in words) or subj.lower_ in FIRST_PERSON:
        return None
    if any(t.is_space and "\n" in t.text for t in doc[sent.start - 1:sent.start]):
        return None  # a new paragraph opens with the attribution: no statement of the last one
    before = doc[sent.start - 1].sent
    content = _strip(doc, before.start, before.end)
    return content if content is not None and _has_clause(content) else None


def _forward_content(verb: Token) -> Span | None:
    """"X said <clause>", "X said: <statement>", "X accused Y of doing Z"."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return _strip(doc, child.left_edge.i, _said_next_start(child) or child.right_edge.i + 1)
    for tok in doc[verb.i + 1:verb.right_edge.i + 1]:
        # "said in a report that ...": the parser often hangs the clause from the noun
        if tok.dep_ in ("acl", "advcl") and any(
                c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS for c in tok.children):
            return _strip(doc, tok.left_edge.i, tok.right_edge.i + 1)
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == ":":
        return _strip(doc, nxt.i + 1, verb.sent.end)
    if lemma_of(verb).lower() in OBJECT_CLAIM_VERBS and any(
            t.lower_ in OBJECT_CLAIM_PREPS for t in doc[verb.i + 1:verb.right_edge.i + 1]):
        return _strip(doc, verb.i + 1, verb.right_edge.i + 1)
    return None


def _said_next(clause: Token) -> Token | None:
    """The verb of what a complement's speaker said next, where the parser ran the complement on into it
    ("said it was too early but *added*, ...", "said that the candidate was not ..., *noting* that ..."): a verb
    of speech without a subject of its own joined to the complement (``_subject`` gives it the speaker)."""
    return next((c for c in clause.children if c.i > clause.i and _is_speech_verb(c)
                 and (c.dep_ == "conj" or c.dep_ == "advcl" and c.tag_ == "VBG")
                 and not any(g.dep_ in _CLAUSE_SUBJECTS for g in c.children)), None)


def _said_next_start(clause: Token) -> int | None:
    """Where a complement ends before what its speaker said next (``_said_next``): at the conjunction or the
    participle's phrase; None when it runs on into nothing said."""
    said = _said_next(clause)
    if said is None:
        return None
    cc = [c for c in clause.children if c.dep_ == "cc" and c.i < said.i]
    return cc[-1].i if cc and said.dep_ == "conj" else said.left_edge.i


def _circumstance(argument: Token) -> bool:
    """Where, when or how something was said ("in a tweet", "on Tuesday", "at one point"), not what."""
    if argument.dep_ == "npadvmod":  # "said Tuesday"
        return True
    if argument.dep_ == "advcl":  # "announced the agreement after officials held talks"
        return any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_MARKS for c in argument.children)
    if argument.dep_ != "prep":
        return False
    return argument.lower_ in _CIRCUMSTANCE_PREPS or argument.lower_ == "on" and any(
        o.ent_type_ in ("DATE", "TIME") for o in argument.children if o.dep_ == "pobj")


def _own_arguments(arguments: list[Token]) -> list[Token]:
    """A verb's arguments up to a clause set off by a comma, which says something of its own ("endorsed
    Cruz last week, *saying* he ...": "saying" attributes the rest), without the circumstances that then
    close them ("endorsed Trump *in early June*")."""
    kept: list[Token] = []
    for argument in arguments:
        if argument.dep_ in ("advcl", "conj") and argument.doc[argument.left_edge.i - 1].text == ",":
            break
        kept.append(argument)
    while len(kept) > 1 and _circumstance(kept[-1]) and not _valued(kept[-1]):
        kept.pop()
    return kept


def _valued(argument: Token) -> bool:
    """An argument that gives a value ("put the toll *at more than 150*"), not a date."""
    return any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in argument.subtree)


def _argument_content(verb: Token, speech: bool = False) -> Span | None:
    """"backed the bill", "refused to speculate on ...": a position's arguments after its verb; of a verb
    of speech, from the first that is not where, when or how it was said ("said in a tweet": what, the
    parse did not find; "vowed in a speech to fight until ...": "to fight until ...")."""
    arguments = [c for c in verb.children if c.i > verb.i and c.dep_ in stance.ARGUMENT_DEPS]
    while speech and arguments and _circumstance(arguments[0]):
        arguments.pop(0)
    arguments = _own_arguments(arguments)
    if not arguments:
        return None
    # one name is a position's whole content ("endorsed Trump"), where "he said so" says nothing
    named = len(arguments) == 1 and arguments[0].pos_ == "PROPN"
    end = arguments[-1].right_edge.i + 1
    if speech and arguments[-1].dep_ == "dobj":
        end = _bare_complement_end(arguments[-1]) or end
    return _strip(verb.doc, arguments[0].left_edge.i, end, 1 if named else MIN_CONTENT_WORDS)


def _bare_complement_end(obj: Token) -> int | None:
    """"boasted his country was immune to the unrest": a complement clause without "that" that the parser
    split into the verb's object ("his country") and a finite verb of its own right after it; where that
    clause ends (before a coordinated verb or a comma), or None."""
    doc = obj.doc
    after = obj.right_edge.i + 1
    if after >= len(doc) or doc[after].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    predicate = doc[after].head if doc[after].dep_ in ("aux", "auxpass", "neg") else doc[after]
    if predicate.i < after:
        return None
    end = predicate.i
    for child in predicate.children:
        if child.i > predicate.i:
            if child.dep_ in ("conj", "cc", "punct"):
                break
            end = child.right_edge.i
    return end + 1


def _according_to(tok: Token, mentions: _Mentions) -> _Draft | None:
    """"According to X, <statement>." and "<statement>, according to X."."""
    doc, sent = tok.doc, tok.sent
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    phrase_end = max(tok.right_edge.i, to.right_edge.i) + 1
    if tok.i == sent.start or (tok.i == sent.start + 1 and doc[sent.start].is_punct):
        content = _strip(doc, phrase_end, sent.end)
    elif doc[tok.i - 1].text == ",":
        content = _strip(doc, _skip_dateline(doc, sent.start), tok.i - 1)
    else:
        return None
    speaker = speaker_of(pobj, mentions.at)
    if speaker is not None:
        speaker = dataclasses.replace(speaker, source=_phrase_offsets(doc, pobj))
    if content is None or speaker is None:
        return None
    return _Draft(content.start_char, content.end_char, False, tok, speaker,
                  max(content.end_char, doc[tok.i:phrase_end].end_char))


def _covered(drafts: Sequence[_Draft]) -> list[tuple[int, int]]:
    """The character runs the drafts cover, merged and sorted."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted((d.start, d.end) for d in drafts):
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def _verb_draft(verb: Token, subj: Token, content: Span | None, kind: str, mentions: _Mentions) -> _Draft | None:
    speaker = _sourced(speaker_of(subj, mentions.at), verb, subj)
    if content is None or speaker is None:
        return None
    return _Draft(content.start_char, content.end_char, False, verb, speaker,
                  max(content.end_char, _clause_end(verb)), kind)


def position_candidates(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """The verbs ``find_quotes`` asks ``stance`` about, with their subjects: verbs other than those of
    speech, outside direct quotes, with a subject. ``eval.stance_cues`` learns from these."""
    quoted = [(lo, hi) for _, lo, hi, _ in _direct_spans(_marked(doc))]
    for tok in doc:
        if stance.is_candidate(tok) and not any(lo <= tok.idx < hi for lo, hi in quoted) \
                and (subj := _subject(tok)) is not None:
            yield tok, subj


def _mixed(doc: Doc, draft: _Draft, inner: Sequence[_Draft]) -> bool:
    """Whether a reported statement holds the direct quotes it overlaps whole, each attributed to the
    statement's own verb or to none, and has words of its own besides ("X said the marchers were
    “peaceful”"): one mixed quote, as PolNeAR marks it, not a one-word direct quote."""
    text = doc_text(doc)
    if any(d.cue not in (None, draft.cue) or re.search(r"\w", text[d.start:draft.start] + text[draft.end:d.end])
           for d in inner):  # a quote reaching past the statement by its closing punctuation is inside
        return False
    outside, last = [], draft.start
    for d in sorted(inner, key=lambda d: d.start):
        outside.append(text[last:d.start])
        last = d.end
    outside.append(text[last:draft.end])
    return len(re.findall(r"\w+", " ".join(outside))) >= MIN_CONTENT_WORDS


def _reported_drafts(doc: Doc, direct: list[_Draft], mentions: _Mentions, *, unmarked: bool, stripped: bool
                     ) -> tuple[list[_Draft], list[_Draft]]:
    """Reported speech outside direct quotes and their attributions, and the direct quotes that mixed
    statements took in (``_mixed``). ``unmarked``: the text has no quote marks; ``stripped``: nor did it come
    cased, a corpus form that stripped them."""
    used = {d.cue.i for d in direct if d.cue is not None}
    quoted = _covered(direct)

    def clashes(lo: int, hi: int) -> bool:
        """Whether [lo, hi) overlaps a direct quote (asked per token, so a binary search)."""
        k = bisect_left(quoted, (hi,)) - 1  # the last covered run starting before hi
        return k >= 0 and quoted[k][1] > lo

    drafts: list[_Draft] = []
    absorbed: list[_Draft] = []
    # speech first, then positions around it: "issued a statement saying ..." is the statement's
    for tok in [t for t in doc if _is_speech_verb(t) or t.lower_ == "according"] + [
            t for t in doc if stance.is_candidate(t)]:  # (verbs of the manner of saying are among these)
        if clashes(tok.idx, tok.idx + len(tok)):
            continue
        if stripped and (subj := _subject(tok)) is not None and subj.lower_ in _SPEAKING_PERSONS:
            continue  # "i hope ...", "i told him ...": inside a statement whose quote marks were stripped
        second = None
        if tok.lower_ == "according":
            draft = _according_to(tok, mentions)
        elif _is_speech_verb(tok) and (subj := _subject(tok)) is not None:
            content, second = _speech_content(tok, subj, unmarked)
            draft = _verb_draft(tok, subj, content, SPEECH, mentions)
        elif unmarked and _is_quote_verb(tok) and (subj := _subject(tok)) is not None \
                and (said := _statement_after(tok, subj) or _statement_before(tok, subj)) is not None:
            draft = _verb_draft(tok, subj, said, SPEECH, mentions)  # "he yelled , out , out !", "... ? she asked ."
        elif stance.is_candidate(tok) and (subj := _subject(tok)) is not None and stance.is_stance(tok, subj):
            draft = _verb_draft(tok, subj, _forward_content(tok) or _argument_content(tok), POSITION, mentions)
        else:
            continue
        if draft is None or any(d.start <= tok.idx < d.end or draft.kind == POSITION and d.start < draft.end
                                and draft.start < d.end for d in drafts):
            continue
        inner = [d for d in direct if d.start < draft.end and draft.start < d.end] \
            if clashes(draft.start, draft.end) else []
        if inner and _mixed(doc, draft, inner):
            absorbed += inner
            draft.start = min(draft.start, *(d.start for d in inner))
            draft.end = max(draft.end, *(d.end for d in inner))
            while doc_text(doc)[draft.end:draft.end + 1] in _ANY_MARK:  # "" past the end is none
                draft.end += 1  # the closing mark of a quote it took in
        elif tok.i in used or inner:
            continue
        drafts.append(draft)
        if second is not None and not clashes(second.start_char, second.end_char) \
                and not any(d.start < second.end_char and second.start_char < d.end for d in drafts):
            drafts.append(_verb_draft(tok, subj, second, SPEECH, mentions))  # the statement's piece after it
    return drafts, absorbed


# --------------------------------------------------------------------------- assembly


def _continues(doc: Doc, prev: _Draft, draft: _Draft) -> bool:
    """An unattributed quote continues the previous speaker when nothing but punctuation and
    line breaks lies between the previous quote's attribution and this quote."""
    gap = doc_text(doc)[prev.extent_end:draft.start]
    return not re.search(r"\w", gap)


def _unmarked_continuations(doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
    """In text whose quote marks were stripped, a first-person sentence right after a statement
    and without an attribution of its own goes on with that statement ("..., she said. We
    expect to ...")."""
    found: list[_Draft] = []
    ordered = sorted(drafts, key=lambda d: d.start)
    last: _Draft | None = None
    k = 0
    for sent in doc.sents:
        while k < len(ordered) and ordered[k].start < sent.end_char:
            if not _first_person(ordered[k]):  # "I think ..." goes on with the statement it is part of
                last = ordered[k]
            k += 1
        if last is None or last.kind != SPEECH or last.extent_end > sent.start_char \
                or re.search(r"\w", doc_text(doc)[last.extent_end:sent.start_char]) \
                or not any(t.lower_ in FIRST_PERSON for t in sent):
            continue
        content = _strip(doc, sent.start, sent.end)
        if content is not None:
            last = _Draft(content.start_char, content.end_char, False, last.cue, last.speaker,
                          content.end_char)
            found.append(last)
    return found


def _first_person(draft: _Draft) -> bool:
    """A draft whose speaker is "I" or "we": in text without quote marks, words inside someone's statement."""
    return draft.speaker is not None and draft.speaker.kind == "pronoun" and draft.speaker.text.lower() in FIRST_PERSON


def _without_overlaps(quotes: list[Quote]) -> list[Quote]:
    """Direct quotes win over reported ones on the same text; earlier wins among equals."""
    kept: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (not q.direct, q.start, -q.end)):
        if not any(k.start < q.end and q.start < k.end for k in kept):
            kept.append(q)
    return sorted(kept, key=lambda q: (q.start, q.end))


def find_quotes(doc: Doc, mentions: Sequence[Mention], *, lowercased: bool = False) -> list[Quote]:
    """Direct and reported quotes in ``doc`` with their resolved speakers, sorted by start (``lowercased``: the
    text came lowercased, ``restore.detect``)."""
    index = _Mentions(doc, mentions)
    spans = _direct_spans(_marked(doc))
    direct = _direct_drafts(doc, spans, index)
    unmarked = not any(ch in _marked(doc) for ch in QUOTE_MARKS)
    reported, absorbed = _reported_drafts(doc, direct, index, unmarked=unmarked, stripped=lowercased and unmarked)
    drafts = [d for d in direct if not any(d is a for a in absorbed)] + reported
    if unmarked:
        for found in (_labelled_lines(doc, index), _trailing_unmarked(doc, index) if lowercased else ()):
            drafts += [d for d in found if not any(o.start < d.end and d.start < o.end for o in drafts)]
        drafts += _unmarked_continuations(doc, drafts)
    drafts.sort(key=lambda d: d.start)
    resolver = SpeakerResolver(doc, mentions, [(d.start, d.end) for d in direct])
    quotes: list[Quote] = []
    prev: _Draft | None = None
    for draft in drafts:
        if draft.speaker is None and draft.direct and prev is not None \
                and _continues(doc, prev, draft):
            draft.speaker, draft.cue = prev.speaker, prev.cue
            draft.extent_end = max(draft.extent_end, draft.end)
        speaker = draft.speaker
        name = resolver.resolve(speaker, draft.start, draft.end, draft.direct) if speaker else None
        quotes.append(Quote(
            draft.start, draft.end, doc_text(doc)[draft.start:draft.end], draft.direct, name,
            speaker.start if speaker else None, speaker.end if speaker else None,
            _cue(draft.cue), draft.kind, *(speaker.source if speaker and speaker.source else (None, None))))
        prev = draft
    return _without_overlaps(quotes)


def _cue(tok: Token | None) -> str | None:
    if tok is None:
        return None
    return "according to" if tok.lower_ == "according" else lemma_of(tok).lower()
