"""Named-entity mentions and what a text itself says about two names denoting one thing.

Mentions come from spaCy's NER plus case-insensitive matches of names learnt from the collection's
cased reports: in lowercased (corpus-form) text the NER finds little, but the same names spelt the
same way are still there. Alias evidence comes from general definition patterns ("Northern Rescue
Alliance (NRA)", "X, the acronym for Y", "X, also known as Y"), never from lists of names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from crosswire.model import AliasEvidence, Mention
from crosswire.restore.detect import PTB_BRACKET

USEFUL_LABELS: frozenset[str] = frozenset({
    "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
})
POSSESSIVES: frozenset[str] = frozenset({"'s", "’s", "'", "’"})
# Parts of speech a lowercase single word has when it is used as a common word, not as the name
# it happens to spell ("is" vs "IS", "us" vs "US").
FUNCTION_POS: frozenset[str] = frozenset({
    "AUX", "VERB", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV",
})
# Words an acronym may skip or use ("Ministry of Water and Power (MWP)", "DoD").
FUNCTION_WORDS: frozenset[str] = frozenset({
    "of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "du", "des", "la", "le", "el",
    "al", "&",
})
# A long form longer than this many tokens is not one name; it bounds the backward search.
MAX_LONG_FORM_TOKENS = 10
# Acronyms are 2 to 10 letters: one letter is too ambiguous, longer ones are words.
MIN_ACRONYM_LETTERS = 2
MAX_ACRONYM_LETTERS = 10
# "X, the (Arabic) acronym for Y", "X, an abbreviation of Y".
ACRONYM_NOUNS: frozenset[str] = frozenset({"acronym", "abbreviation", "initialism", "initials"})
ACRONYM_PREPS: frozenset[str] = frozenset({"for", "of"})
# "X, also/better/formerly known (locally) as Y".
KNOWN = "known"


# --------------------------------------------------------------------------- spans


def token_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens covering characters ``[start, end)`` of ``doc.text``."""
    return doc.char_span(start, end, alignment_mode="expand")


def trim_name(span: Span) -> Span:
    """``span`` without a leading "the", leading/trailing punctuation or quote marks, a trailing possessive,
    an unclosed bracket ("Ministry of Power (MoP" -> "Ministry of Power") or the part after a
    bracket token of tokenized corpus text ("-LRB- Gadhafi -RRB-" -> "Gadhafi")."""
    lo, hi = span.start, span.end
    doc = span.doc
    opened = [t.i for t in span if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:hi]):
        hi = opened[-1]
    while lo < hi and (doc[lo].lower_ == "the" or _is_mark(doc[lo]) or PTB_BRACKET.fullmatch(doc[lo].text)):
        lo += 1
    hi = next((t.i for t in doc[lo:hi] if PTB_BRACKET.fullmatch(t.text)), hi)
    for t in doc[lo:hi]:  # "KORVASHIN, Veldra - Floodwater": a spaced dash ends a dateline, not a name
        if t.text in DASHES and t.whitespace_ and t.i > lo and doc[t.i - 1].whitespace_:
            hi = t.i
            break
    while hi > lo and (doc[hi - 1].text in POSSESSIVES or _is_mark(doc[hi - 1])):
        hi -= 1
    return Span(doc, lo, hi, label=span.label)


# Quote marks, as typeset and as corpus text writes them; spaCy does not call a lone "`" punctuation.
_QUOTE_CHARS = frozenset("`'\"“”‘’«»„")


def _is_mark(token: Token) -> bool:
    """Punctuation, space or quote marks: never the first or last word of a name ("`` Mr Hayward")."""
    return token.is_punct or token.is_space or set(token.text) <= _QUOTE_CHARS


DASHES = frozenset({"-", "–", "—", "--"})
# People, places and peoples are not named with digits: such a span is a page's time stamp NER misread
# ("Thu Mar 3 , 2011 8:55 am EST" as a person); organisations and products may be ("G20", "Boeing 747").
_NAMES_WITHOUT_DIGITS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
# "pro-Gaddafi", "anti-American": a side taken towards a name, an adjective; not "Anti-Slavery International".
_STANCE_ADJECTIVE = re.compile(r"(?i)(?:pro|anti)\s*-\s*[^\s-]+")
# Part-of-speech tags of words that can make a span a name: proper nouns, and adjectives of
# nationality or creed ("Kurdish", "Syrian") that NER labels NORP.
_NAME_TAGS = frozenset({"NNP", "NNPS"})

def _has_proper_word(span: Span) -> bool:
    """In cased text a name has a proper noun, a word in capitals ("RAQA", which the tagger may
    call an adjective), or a capitalised word that no sentence start explains; NER spans of only
    common words ("fed" in "fed by rain", a sentence-initial "Farmers") are not names."""
    return any(t.tag_ in _NAME_TAGS or (len(t.text) > 1 and t.text.isupper())
               or (t.text[:1].isupper() and (not t.is_sent_start or span.label_ == "NORP")) for t in span)


def _slashed(span: Span) -> list[Span]:
    """The names a slash joins in one NER span ("ABIDJAN/DAKAR", "Reuters/IISS Military Balance",
    "John Edwards/EPA"): each its own."""
    parts, lo = [], span.start
    for t in span:
        if t.text == "/":
            parts.append((lo, t.i))
            lo = t.i + 1
    parts.append((lo, span.end))
    return [Span(span.doc, a, b, label=span.label) for a, b in parts if b > a]


def _mention(span: Span) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, span.label_)


# --------------------------------------------------------------------------- mentions


@lru_cache(maxsize=1)
def _pattern_tokenizer() -> Language:
    """English tokenization for name patterns (the same rules as every English pipeline)."""
    return spacy.blank("en")


class _KnownNameMatchers:
    """Matchers of every name this process has been given, keyed by the name itself, grown as the
    collection's lexicon grows. An ingest hands each chunk of reports the lexicon as it then stands
    (tens of thousands of names, a few more each chunk); matchers rebuilt for each new list cost a
    second a chunk and, kept, memory that grew by a matcher per chunk. A name no longer in the list
    given (another store's lexicon) matches nothing, through ``labels``."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.lower = PhraseMatcher(vocab, attr="LOWER")  # case-insensitive
        self.exact = PhraseMatcher(vocab, attr="ORTH")  # names that spell a stop word ("US")
        self.added: set[str] = set()
        self.names: tuple[tuple[str, str], ...] | None = None  # the list ``labels`` was made from
        self.labels: dict[str, str] = {}

    def use(self, names: tuple[tuple[str, str], ...]) -> None:
        """Match ``names`` from now on: patterns for the names not seen before, labels from this list."""
        if names is self.names:
            return
        tokenizer = _pattern_tokenizer()
        for surface, _ in names:
            if surface in self.added:
                continue
            self.added.add(surface)
            pattern = tokenizer.make_doc(surface.strip())
            if not len(pattern):
                continue
            spells_stop_word = len(pattern) == 1 and self.vocab[surface.lower()].is_stop
            (self.exact if spells_stop_word else self.lower).add(surface, [pattern])
        self.names, self.labels = names, dict(names)


_matchers: dict[int, _KnownNameMatchers] = {}  # id(vocab) -> its matchers; one vocab per pipeline
_MATCHER_VOCABS = 4


def _known_name_matchers(vocab: Vocab, names: tuple[tuple[str, str], ...]) -> _KnownNameMatchers:
    matchers = _matchers.get(id(vocab))
    if matchers is None or matchers.vocab is not vocab:
        if len(_matchers) >= _MATCHER_VOCABS:  # tests and tools may load several pipelines
            _matchers.clear()
        matchers = _matchers[id(vocab)] = _KnownNameMatchers(vocab)
    matchers.use(names)
    return matchers


def _known_name_spans(doc: Doc, names: tuple[tuple[str, str], ...]) -> list[Span]:
    """Longest non-overlapping matches of ``names``, skipping words used as common words."""
    known = _known_name_matchers(doc.vocab, names)
    spans: list[Span] = []
    for matcher in (known.lower, known.exact):
        for match_id, lo, hi in matcher(doc):
            label = known.labels.get(doc.vocab.strings[match_id])
            if label is None:
                continue
            span = Span(doc, lo, hi, label=label)
            if len(span) == 1 and span[0].is_lower and span[0].pos_ in FUNCTION_POS:
                continue
            spans.append(span)
    spans.sort(key=lambda s: (s.start, -len(s), s.label_))
    return filter_spans(spans)


def _merge(ents: list[Span], known: list[Span]) -> list[Span]:
    """NER spans plus known-name spans that are new or strictly extend the NER spans they touch."""
    kept = list(ents)
    for span in known:
        touching = [e for e in kept if e.start < span.end and span.start < e.end]
        if not touching:
            kept.append(span)
        elif all(span.start <= e.start and e.end <= span.end for e in touching) and any(
                (e.start, e.end) != (span.start, span.end) for e in touching):
            kept = [e for e in kept if e not in touching] + [span]
    return kept


def find_mentions(doc: Doc, known_names: Sequence[tuple[str, str]] = (), *, cased: bool = True) -> list[Mention]:
    """Named-entity mentions of useful labels, sorted by start.

    ``known_names`` are ``(surface, label)`` pairs learnt from the collection's cased reports;
    they are matched case-insensitively where the NER missed them. ``cased``: the text kept its
    original casing, so a span of common words only is a tagging error, not a name, whether NER
    or a known name found it ("energy" in cased text is not the "Energy" of a department).
    """
    def named(span: Span) -> bool:
        return (len(span) > 0 and (not cased or _has_proper_word(span)) and not _STANCE_ADJECTIVE.fullmatch(span.text)
                and not (span.label_ in _NAMES_WITHOUT_DIGITS and any(ch.isdigit() for ch in span.text)))

    ents = [e for e in (trim_name(part) for e in doc.ents if e.label_ in USEFUL_LABELS for part in _slashed(e))
            if named(e)]
    if known_names:
        known = [trim_name(s) for s in _known_name_spans(doc, tuple(known_names))]
        ents = _merge(ents, [s for s in known if named(s)])
    return [_mention(s) for s in sorted(ents, key=lambda s: (s.start, s.end))]


# --------------------------------------------------------------------------- aliases


def _letters(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is the initials of ``words``: every content word gives its first
    letter (or a few leading letters), function words may give theirs or be skipped."""
    letters = _letters(acronym)
    parts = [_letters(w) for w in words]
    parts = [p for p in parts if p]
    if not (MIN_ACRONYM_LETTERS <= len(letters) <= MAX_ACRONYM_LETTERS) or not parts:
        return False

    @lru_cache(maxsize=None)
    def match(a: int, w: int) -> bool:
        if w == len(parts):
            return a == len(letters)
        word = parts[w]
        if word in FUNCTION_WORDS and match(a, w + 1):
            return True
        n = 1
        while n <= len(word) and a + n <= len(letters) and letters[a:a + n] == word[:n]:
            if match(a + n, w + 1):
                return True
            n += 1
        return False

    return match(0, 0)


def _looks_like_acronym(token: Token) -> bool:
    """One word of 2-10 letters, either with two capitals ("NRA", "DoD") or all lowercase
    (a leftover of lowercased text that truecasing did not know)."""
    letters = _letters(token.text)
    if not token.is_alpha and not token.text.replace(".", "").isalpha():
        return False
    if not (MIN_ACRONYM_LETTERS <= len(letters) <= MAX_ACRONYM_LETTERS):
        return False
    return sum(ch.isupper() for ch in token.text) >= 2 or token.text.islower()


def _content_words(span: Span) -> list[Token]:
    return [t for t in span if t.is_alpha and t.lower_ not in FUNCTION_WORDS]


def _name_like(span: Span, mentions: Sequence[Mention], lowercased: bool) -> bool:
    """Capitalised content words, or a mention, or (in lowercased text) anything."""
    if any(m.start < span.end_char and span.start_char < m.end for m in mentions):
        return True
    words = _content_words(span)
    if lowercased:
        return all(t.is_lower for t in words)
    return bool(words) and all(t.text[0].isupper() for t in words)


def _evidence(short: Span, long: Span, kind: str) -> AliasEvidence:
    return AliasEvidence(short.text, long.text, short.start_char, short.end_char,
                         long.start_char, long.end_char, kind)


def _long_before(doc: Doc, open_i: int, acronym: Token,
                 mentions: Sequence[Mention]) -> Span | None:
    """The shortest name-like run of tokens ending before ``(`` that ``acronym`` abbreviates."""
    sent_start = doc[open_i].sent.start
    for lo in range(open_i - 1, max(sent_start, open_i - MAX_LONG_FORM_TOKENS) - 1, -1):
        if doc[lo].is_punct or doc[lo].lower_ in FUNCTION_WORDS:
            continue
        span = doc[lo:open_i]
        if abbreviates(acronym.text, [t.text for t in span if not t.is_punct]):
            return span if _name_like(span, mentions, acronym.text.islower()) else None
    return None


def _parentheticals(doc: Doc, mentions: Sequence[Mention]) -> Iterable[AliasEvidence]:
    """"Long Form (LF)" and "LF (Long Form)"."""
    for tok in doc:
        if tok.text != "(":
            continue
        close = next((t for t in doc[tok.i + 1:tok.i + MAX_LONG_FORM_TOKENS + 2] if t.text == ")"),
                     None)
        if close is None or close.i == tok.i + 1:
            continue
        inside = trim_name(doc[tok.i + 1:close.i])
        if len(inside) == 1 and _looks_like_acronym(inside[0]):
            long = _long_before(doc, tok.i, inside[0], mentions)
            if long is not None:
                yield _evidence(inside, long, "parenthetical")
        elif len(inside) > 1 and tok.i > 0 and _looks_like_acronym(doc[tok.i - 1]):
            short = doc[tok.i - 1:tok.i]
            if abbreviates(short.text, [t.text for t in inside if not t.is_punct]) and _name_like(
                    inside, mentions, short.text.islower()):
                yield _evidence(short, inside, "parenthetical")


def _mention_spans(doc: Doc, mentions: Sequence[Mention]) -> list[Span]:
    spans = (token_span(doc, m.start, m.end) for m in mentions)
    return [s for s in spans if s is not None]


def _name_after(doc: Doc, i: int, names: list[Span]) -> Span | None:
    """The name starting at token ``i`` (after an optional "the"): a mention, else the proper noun
    phrase headed there."""
    if doc[i].lower_ == "the" and i + 1 < len(doc):
        i += 1
    for span in names:
        if span.start == i:
            return span
    head = doc[i]
    while head.dep_ in ("compound", "amod") and head.head.i > head.i:
        head = head.head
    phrase = doc[i:head.i + 1]
    # a name, not a common noun or a possessor ("better known as the family's soccer player")
    if head.pos_ not in ("PROPN", "NOUN") or head.dep_ == "poss" or not any(t.pos_ == "PROPN" for t in phrase):
        return None
    return trim_name(phrase) or None


def _name_before(doc: Doc, limit: int, anchor: Token, names: list[Span]) -> Span | None:
    """The nearest name before token ``limit`` in its sentence, outside the subject of the
    clause ``anchor`` hangs from: in "X gets fiercer, said Jane Roe, spokeswoman for Z, using
    the acronym for Y" the name is X, not Z (nor Jane Roe: acronyms do not name people)."""
    sent = doc[limit].sent
    excluded: set[int] = set()
    for child in anchor.head.children if anchor.dep_ in ("advcl", "acl") else ():
        if child.dep_ in ("nsubj", "nsubjpass"):
            excluded.update(t.i for t in child.subtree)
    candidates = [s for s in names if sent.start <= s.start and s.end <= limit
                  and s.label_ != "PERSON"
                  and not excluded.intersection(range(s.start, s.end))]
    if candidates:
        return candidates[-1]
    propn = [t for t in doc[sent.start:limit] if t.pos_ == "PROPN" and t.i not in excluded]
    return doc[propn[-1].i:propn[-1].i + 1] if propn else None


def _renamed(known: Token, names: list[Span]) -> Span | None:
    """The name a "known as" renames: the one it hangs from ("Tomas Hale, also known as ...", "the
    Islamic State group, known as ..."), never a common noun's ("a 1920s law known as the Jones Act")
    nor a clause's ("what was by then known as ..."), whatever name stands before them."""
    if known.dep_ != "acl":
        return None
    head = known.head
    held = [t for t in head.subtree if t.i == head.i or (t.i < head.i and t.dep_ == "compound")]
    edges = [(s.start, s.end) for s in names if any(s.start <= t.i < s.end for t in held)]
    edges += [(t.i, t.i + 1) for t in held if t.pos_ == "PROPN"]
    if not edges:
        return None
    return known.doc[min(s for s, _ in edges):max(e for _, e in edges)]


def _as_after(known: Token) -> Token | None:
    """The "as" of "known as" / "known locally as"."""
    for tok in known.doc[known.i + 1:known.i + 3]:
        if tok.lower_ == "as":
            return tok
        if tok.pos_ != "ADV":
            return None
    return None


def _stated_aliases(doc: Doc, mentions: Sequence[Mention]) -> Iterable[AliasEvidence]:
    """"X, the acronym for Y" (acronym_for) and "X, also known as Y" (aka)."""
    names = [Span(doc, s.start, s.end, label=m.label)
             for s, m in zip(_mention_spans(doc, mentions), mentions)]
    for tok in doc[:-2]:
        nxt = doc[tok.i + 1]
        if tok.lower_ in ACRONYM_NOUNS and nxt.lower_ in ACRONYM_PREPS:
            kind, limit, anchor = "acronym_for", tok.left_edge.i, tok
            # "using the acronym for Y": the phrase starts at the verb that takes it as object
            if tok.dep_ in ("dobj", "attr") and tok.head.i < tok.i:
                anchor = tok.head
                limit = min(limit, anchor.i)
        elif tok.lower_ == KNOWN and (as_ := _as_after(tok)) is not None:
            kind, limit, anchor, nxt = "aka", tok.i, tok, as_
        else:
            continue
        other = _name_after(doc, nxt.i + 1, names)
        named = _renamed(tok, names) if kind == "aka" else _name_before(doc, limit, anchor, names)
        if other is None or named is None:
            continue
        yield _evidence(named, other, kind) if kind == "acronym_for" else \
            _evidence(other, named, kind)


def find_aliases(doc: Doc, mentions: Sequence[Mention]) -> list[AliasEvidence]:
    """What the text itself says about two names denoting one thing, sorted by position.

    ``short`` is the acronym / alternative name, ``long`` its expansion / the name first used.
    """
    found = {(a.short_start, a.long_start, a.kind): a
             for a in [*_parentheticals(doc, mentions), *_stated_aliases(doc, mentions)]}
    return sorted(found.values(), key=lambda a: (min(a.short_start, a.long_start), a.kind))
