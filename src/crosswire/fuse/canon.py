"""Canonical entities of one story: every mention of one real-world thing, under all its spellings.

Evidence comes only from the story's own texts, never from a list of names:

1. equal name keys (case, dots, possessives, "the", tokenization folded: ``similarity.name_key``);
2. alias evidence the analyzer found ("Syrian Democratic Forces (SDF)", "X, the acronym for Y");
3. spelling variants (edit ratio + phonetic key) between names of compatible types, and one name
   written as one word or several ("ExxonMobil", "Exxon Mobil");
4. acronyms equal to the initials of exactly one multi-word name, when the acronym is written in
   capitals in a cased report or defined somewhere (so lowercased common words never match), and
   names holding such an acronym joining the name that spells it out ("UN Security Council"); a
   name qualified by a place the story names joining the name unqualified ("US Centers for ...");
5. person name parts ("Ahmed", "Mr Ahmed", a cut-short "Jihan Sheikh") joining the one longer
   person name they end (or, two words or more, begin).

Rules 4 and 5 refuse to merge when more than one cluster fits: a wrong merge hides a person,
a missed one only repeats them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from crosswire.fuse.groups import UnionFind
from crosswire.fuse.reading import readable
from crosswire.fuse.similarity import (FIRST_NAME_FORMS, has_legal_form, initials, name_core, name_key, names_alike,
                                       phonetic_key, transliteration_key)
from crosswire.model import Article, ArticleAnalysis, Entity, SpanRef

# Entity types that may name one thing under different NER labels.
_TYPE_GROUPS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place",
                "ORG": "group", "NORP": "group"}
# NER on lowercased text labels badly, so its vote counts half when choosing an entity's type.
LOWERCASED_LABEL_WEIGHT = 0.5
# A lone word's label is a weaker guess than a full name's: NER tags a surname used alone
# ("Albrekt said") as ORG or GPE as often as PERSON.
# A full name's label outweighs ten of them: "Gadhafi" tagged ORG 77 times is still the person
# "Moammar Gadhafi" tagged PERSON 15 times; a lone word's votes decide only among themselves.
LONE_WORD_LABEL_WEIGHT = 0.1
# A name in the dateline is the place the report was filed from, whatever NER says.
DATELINE_LABEL, DATELINE_WEIGHT = "GPE", 2.0
# Labels of a word that qualifies a name by where it is from ("US", "Egyptian" Health Ministry).
PLACE_QUALIFIER_LABELS = frozenset({"GPE", "NORP"})
# Type of a cluster one of whose names ends in a company's legal form ("Transocean Ltd").
ORG_TYPE = "ORG"
# Type of a cluster seen only as a quote speaker: people, unless the name reads like an
# organisation's ("Physicians for Human Rights": person names do not contain these words).
SPEAKER_TYPE, SPEAKER_ORG_TYPE = "PERSON", ORG_TYPE
_ORG_NAME_WORDS = frozenset({"of", "for", "and"})
# Type of a cluster seen only in alias evidence.
UNKNOWN_TYPE = "UNKNOWN"
# Spelling variants share at least this many letter pairs; a cheap test before the edit ratio.
MIN_SHARED_BIGRAMS = 2
# A spelling of a name's sounds used this many times less than another joins it whatever the types NER gave
# them (judgment, not fitted: a few mentions against a story's main name).
RARE_SPELLING_RATIO = 10
# An acronym has this many letters (shorter is a letter, longer is a word in capitals).
ACRONYM_LENGTHS = range(2, 7)
# A surname fitting several full names joins the one the story names this many times more often
# than all the others together ("Gadhafi" -> "Moammar Gadhafi", not his son "Saif al-Islam Gadhafi").
DOMINANT_NAME_RATIO = 3
# Reports that must introduce a full name first for its surname to mean it where counts alone do not say
# (``_introduced``): one report naming "Ana Brook" before "Lev Brook" says nothing of whom "Brook" means.
MIN_INTRODUCING = 3
# A display name is chosen among the forms used at least this share of the most used form's count
# (the fullest such form: "Tony Hayward" over "Hayward"), never a one-off among many.
DISPLAY_MIN_SHARE = 0.1
# Pronouns and determiners: a speaker span starting with one is not a name.
_NOT_NAMES = frozenset(
    "i me my you your he him his she her hers it its we us our they them their who whom this that "
    "these those one someone a an the another other some each both all any no".split())


def is_lowercased(article: Article, analysis: ArticleAnalysis) -> bool:
    """The article's casing carries no information (a lowercased research-corpus form)."""
    return bool(analysis.form.get("lowercased")) or article.text == article.text.lower()


@dataclass(frozen=True)
class _Occurrence:
    """One span naming something: an NER mention, an alias-evidence name or a quote speaker."""

    article: str
    start: int
    end: int
    text: str
    label: str | None
    cased: bool  # from an article in its original casing
    speaker: bool
    in_dateline: bool  # the dateline's place: where the report was filed from
    display: str  # as the reader sees it (from the restored reading text of a corpus-form report)

    @property
    def key(self) -> str:
        return name_key(self.text)


@dataclass(frozen=True)
class _Index:
    by_span: dict[tuple[str, int, int], str]
    by_article: dict[str, list[tuple[int, int, str]]]
    by_key: dict[str, str]


@dataclass(frozen=True)
class Canon:
    """The story's canonical entities, with lookups from a mention span or a name."""

    entities: tuple[Entity, ...]

    @cached_property
    def _index(self) -> _Index:
        by_span: dict[tuple[str, int, int], str] = {}
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        by_key: dict[str, str] = {}
        for entity in self.entities:
            for ref in entity.mentions:
                by_span.setdefault((ref.article, ref.start, ref.end), entity.id)
                by_article[ref.article].append((ref.start, ref.end, entity.id))
            for name in (entity.name, *entity.aliases):
                by_key.setdefault(name_key(name), entity.id)
        return _Index(by_span, dict(by_article), by_key)

    def entity_for(self, article: str, start: int, end: int, *, overlap: bool = True) -> str | None:
        """Entity id of the mention at this span, or (``overlap``) of the mention overlapping it most."""
        exact = self._index.by_span.get((article, start, end))
        if exact is not None or not overlap:
            return exact
        best: tuple[int, str] | None = None
        for s, e, entity_id in self._index.by_article.get(article, ()):
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity_id)
        return best[1] if best else None

    def entity_named(self, name: str) -> str | None:
        """Entity id known under this name (any spelling the story used, case-insensitive)."""
        key = name_key(name)
        return self._index.by_key.get(key) if key else None


def _is_name(display: str) -> bool:
    """A speaker span names someone: capitalised (in its reading form), not a pronoun or "the official"."""
    words = display.split()
    return bool(words) and words[0].casefold() not in _NOT_NAMES and display != display.lower()


def _occurrences(article: Article, analysis: ArticleAnalysis) -> list[_Occurrence]:
    """Mentions first, then alias-evidence names and speaker names not already covered by one."""
    cased = not is_lowercased(article, analysis)
    taken: list[tuple[int, int]] = []
    found: list[_Occurrence] = []

    def add(start: int, end: int, label: str | None, speaker: bool = False) -> None:
        text = article.text[start:end]
        if not name_key(text) or any(s < end and start < e for s, e in taken):
            return
        display = readable(article, analysis, start, end)
        if speaker and not _is_name(display):
            return
        dateline = analysis.dateline
        in_dateline = (dateline is not None and dateline.place is not None
                       and dateline.start <= start and end <= dateline.start + len(dateline.place))
        if dateline is not None and not in_dateline and dateline.start <= start and end <= dateline.end:
            return  # the agency a dateline credits ("(Reuters) -") is the report's source, not its subject
        taken.append((start, end))
        found.append(_Occurrence(article.id, start, end, text, label, cased, speaker, in_dateline, display))

    for m in analysis.mentions:
        add(m.start, m.end, m.label)
    for a in analysis.aliases:
        add(a.short_start, a.short_end, None)
        add(a.long_start, a.long_end, None)
    for q in analysis.quotes:
        if q.speaker_start is not None and q.speaker_end is not None:
            add(q.speaker_start, q.speaker_end, None, speaker=True)
    return found


def _named_speakers_only(occs: list[_Occurrence]) -> list[_Occurrence]:
    """Speaker spans name an entity only when the story names it elsewhere too: a capitalised
    speaker at a sentence start ("Engineers said", "Residents said") is no name."""
    named = {o.key for o in occs if not o.speaker}
    return [o for o in occs if not o.speaker or o.key in named or len(o.key.split()) > 1]


def _label_votes(occs: Iterable[_Occurrence]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for o in occs:
        if o.in_dateline and not o.speaker:
            votes[DATELINE_LABEL] += DATELINE_WEIGHT
        elif o.label:
            weight = 1.0 if o.cased else LOWERCASED_LABEL_WEIGHT
            votes[o.label] += weight * (LONE_WORD_LABEL_WEIGHT if len(o.key.split()) == 1 else 1.0)
    return votes


def _majority(votes: Counter[str]) -> str | None:
    return min(votes, key=lambda label: (-votes[label], label)) if votes else None


def _type_group(label: str | None) -> str | None:
    return _TYPE_GROUPS.get(label, label) if label else None


def _title(key: str) -> tuple[str, ...]:
    words = key.replace("-", " ").split()
    return tuple(words[: len(words) - len(name_core(key))])


def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 2] for i in range(len(key) - 1))


def _merge_spellings(uf: UnionFind, keys: list[str], group: dict[str, str | None], counts: Counter[str]) -> None:
    """Rule 3: spelling variants of compatible types (an unlabelled name fits any type; a rare variant that
    writes a far commoner one's sounds fits it whatever their types: ``_rare_romanisation``), and one name
    written in one word or several ("ExxonMobil", "Exxon Mobil").

    Only names with as many words (``names_alike`` demands it), the same first sound and
    ``MIN_SHARED_BIGRAMS`` letter pairs in common are compared: that keeps a large story's pairs
    few, and transliterations rarely differ there (Kadhafi/Qaddafi share "ad", "af", "fi").
    """
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for k in keys:
        words = k.replace("-", " ").split()
        blocks[(len(words), phonetic_key(words[0])[:1])].append(k)
    bigrams = {k: _bigrams(k) for k in keys}
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if ((_compatible(group[a], group[b]) or _rare_romanisation(a, b, counts))
                        and len(bigrams[a] & bigrams[b]) >= MIN_SHARED_BIGRAMS and names_alike(a, b)):
                    uf.union(a, b)
    written_together: dict[str, list[str]] = defaultdict(list)  # "exxon mobil" and "exxonmobil"
    for k in keys:
        written_together[re.sub(r"[\s-]", "", k)].append(k)
    for same in written_together.values():
        for k in same[1:]:
            if _compatible(group[same[0]], group[k]):
                uf.union(same[0], k)


def _rare_romanisation(a: str, b: str, counts: Counter[str]) -> bool:
    """Whether one key writes the other's sounds, vowel for vowel, word by word ("qadhafi", "gadhafi"), and is
    used ``RARE_SPELLING_RATIO`` times less: a rare romanisation of one name, whatever NER labelled it (it
    often reads one as a place: "Qadhafi forces"); names seen as often as each other under different types
    ("Dorset" Holdings, "Dorsett" the town) stay apart."""
    wa, wb = a.replace("-", " ").split(), b.replace("-", " ").split()
    rare, common = sorted((counts[a], counts[b]))
    return (len(wa) == len(wb) and common >= RARE_SPELLING_RATIO * rare
            and all(transliteration_key(x) == transliteration_key(y) for x, y in zip(wa, wb)))


def _compatible(a: str | None, b: str | None) -> bool:
    """Two type groups that may name one thing (an unlabelled name fits any)."""
    return a is None or b is None or a == b


def _merge_acronyms(uf: UnionFind, keys: list[str], acronyms: set[str], people: set[str]) -> None:
    """Rule 4: an acronym joins the one cluster whose multi-word names it abbreviates, and a name
    holding it joins that name with the acronym spelled out. A name holding an acronym ("US Navy",
    "UN Security") spells no other acronym ("UN", "US"), and a person's name ("Ulla Schmidt", in
    ``people``) spells none: both only hid the one expansion ("United States") that fits."""
    spelled: dict[str, set[str]] = defaultdict(set)  # initials -> multi-word keys
    for k in keys:
        words = k.replace("-", " ").split()
        if len(words) > 1 and k not in people and acronyms.isdisjoint(words):
            for skip in (True, False):
                spelled[initials(k, skip_function_words=skip)].add(k)
    for acronym in sorted(acronyms):
        roots = {uf.find(k) for k in spelled.get(acronym, ())} - {uf.find(acronym)}
        if len(roots) == 1:
            uf.union(acronym, roots.pop())
    # names holding an acronym join the names spelling it out ("UN Security Council" = "United
    # Nations Security Council"), by the expansions the acronym has joined
    known = set(keys)
    for k in keys:
        words = k.split()
        for i, word in enumerate(words):
            for long in spelled.get(word, ()) if word in acronyms else ():
                if uf.find(long) == uf.find(word) and (out := " ".join([*words[:i], long, *words[i + 1:]])) in known:
                    uf.union(k, out)


def _merge_place_qualified(uf: UnionFind, keys: list[str], places: set[str]) -> None:
    """Rule 4, continued: a name qualified by a place or people the story names ("US Centers for Disease
    Control and Prevention", "Egyptian Health Ministry") is the name unqualified where the story uses it
    too, as a name of two words or more; not where two qualified names share it ("Chinese Communist
    Party", "Vietnamese Communist Party": "Communist Party" may be either)."""
    known = set(keys)
    qualified: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        first, _, rest = k.partition(" ")
        if first in places and len(rest.split()) >= 2 and rest in known:
            qualified[rest].append(k)
    for rest, names in qualified.items():
        if len(names) == 1:
            uf.union(names[0], rest)


def _introduced(occs: Iterable[_Occurrence], people: set[str]) -> Counter[str]:
    """For each full person name (two words or more), the reports that name it first among the full names
    sharing its last word: news names a person in full on first reference and by surname after, so the
    full name a report introduces is whom its later "Assad" means ("Bashar al-Assad", not his father
    Hafez, named further on)."""
    first: dict[tuple[str, str], tuple[int, str]] = {}
    for o in occs:
        k = o.key
        if k in people and len(k.split()) >= 2:
            at = (o.article, name_core(k)[-1])
            first[at] = min(first.get(at, (o.start, k)), (o.start, k))
    return Counter(k for _, k in first.values())


def _merge_person_parts(uf: UnionFind, person_keys: list[str], long_person_keys: set[str],
                        counts: Counter[str], introduced: Counter[str]) -> None:
    """Rule 5: titled and partial person names join the one full name they belong to, or the one
    the story names far more often than the others it fits (``counts``: occurrences per key) or that
    its reports introduce far more often (``introduced``, ``_introduced``); a name with a familiar
    first name joins the one formal name it may shorten (``FIRST_NAME_FORMS``) first."""
    by_core: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k in person_keys:
        by_core[name_core(k)].append(k)
    for variants in by_core.values():  # "Col. Ryan Dillon" = "Ryan Dillon", unless titles disagree
        if len({_title(k) for k in variants} - {()}) <= 1:
            for k in variants[1:]:
                uf.union(variants[0], k)
    for core, variants in sorted(by_core.items()):  # "Ed Markey" = "Edward Markey", where one name fits
        if len(core) >= 2 and core[0] in FIRST_NAME_FORMS:
            formal = [c for c in by_core if c[1:] == core[1:] and c[0] in FIRST_NAME_FORMS[core[0]]]
            if len(formal) == 1:
                uf.union(variants[0], by_core[formal[0]][0])
    # proper parts -> full names: word-suffixes ("Ahmed"), and word-prefixes of two or more words
    # ("Jihan Sheikh", a name NER cut short; one first name alone is too weak)
    parts: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for k in long_person_keys:
        if len(k.split()) < 2:  # one hyphenated word ("pro-Gadhafi") is no full name
            continue
        core = name_core(k)
        for i in range(1, len(core)):
            parts[core[i:]].add(k)
            if i >= 2:
                parts[core[:i]].add(k)
    # A part that fits several full names, none dominant yet, is tried again once the others have
    # joined, so the order of the parts does not matter: "Gaddafi" fits Moammar and two sons until
    # "Gadhafi" (75 mentions) has joined Moammar, and then fits him far more than them.
    pending = sorted(person_keys, key=lambda k: (-len(name_core(k)), k))
    joined = True
    while pending and joined:
        joined, refused = False, []
        for short in pending:
            roots = {uf.find(k) for k in parts.get(name_core(short), ())} - {uf.find(short)}
            if len(roots) > 1:
                roots = _dominant(uf, roots, counts) or _dominant(uf, roots, introduced, MIN_INTRODUCING) or roots
            if len(roots) == 1:
                uf.union(short, roots.pop())
                joined = True
            elif roots:
                refused.append(short)
        pending = refused


def _dominant(uf: UnionFind, roots: set[str], counts: Counter[str], least: int = 1) -> set[str]:
    """{the root} whose keys' ``counts`` are ``DOMINANT_NAME_RATIO`` times the other roots' together, and at
    least ``least``, else {}."""
    size = Counter({root: 0 for root in roots})
    for k, n in counts.items():
        if (root := uf.find(k)) in size:
            size[root] += n
    top = min(size, key=lambda root: (-size[root], root))
    return {top} if size[top] >= max(least, DOMINANT_NAME_RATIO * (sum(size.values()) - size[top])) else set()


def _glued(form: str, own_names: set[str], other_names: set[str]) -> bool:
    """Whether ``form`` is another entity's name run into one of this entity's own ("Fitch BP":
    a headline run into the lede, a photo credit into a caption), not a fuller name ("Moammar
    Gadhafi" stays a name even where "Gadhafi" alone was clustered apart)."""
    words = name_key(form).split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if (head in other_names and tail in own_names) or (head in own_names and tail in other_names):
            return True
    return False


def _doubled(form: str, key_counts: Counter[str]) -> bool:
    """Whether ``form`` is one of the entity's full names with another of its names run after it, and
    rarer than that full name ("Chris Huhne Energy": "End Quote Chris Huhne Energy and Climate Change
    Secretary", the title's first word taken for a name), however often: no fuller name. A full name
    NER also cut short is the more common ("Mustafa Abdel Jalil", "Mustafa Abdel")."""
    key = name_key(form)
    words = key.split()
    return any(key_counts[" ".join(words[:cut])] > key_counts[key] and " ".join(words[cut:]) in key_counts
               for cut in range(2, len(words)))


def _entity(occs: list[_Occurrence], other_names: set[str]) -> tuple[str, str, tuple[str, ...], tuple[SpanRef, ...]]:
    """Name, type, aliases and mentions of one cluster; ``other_names``: the keys of the story's
    other clusters."""
    key_counts = Counter(o.key for o in occs)
    own_names = set(key_counts)
    labelled = ORG_TYPE if any(has_legal_form(o.text) for o in occs) else _majority(_label_votes(occs))
    etype = labelled or UNKNOWN_TYPE
    if not labelled and any(o.speaker for o in occs):
        org_like = any(_ORG_NAME_WORDS & set(o.key.split()) for o in occs)
        etype = SPEAKER_ORG_TYPE if org_like else SPEAKER_TYPE
    display_counts = Counter(_display_name(o.display) for o in occs)
    cased_forms = {_display_name(o.display) for o in occs if o.cased}

    top = max(display_counts.values())

    def rank(form: str) -> tuple:
        letters = re.sub(r"[^A-Za-z]", "", form)
        # a form the reports use often is a name they agree on; a rare one may be an accident of
        # extraction ("Tousle-haired Hayward", "Jones Act" merged into "US"), and one glued to a
        # neighbour's word ("Fitch BP") is one unless repeated: a fuller form wins only among these
        common = display_counts[form] >= DISPLAY_MIN_SHARE * top
        repeated = common and display_counts[form] > 1  # glued twice over is a name ("Tony Hayward")
        glued = _doubled(form, key_counts) or not repeated and _glued(form, own_names, other_names)
        return (form in cased_forms, not glued, common,
                letters != letters.lower(), not (len(letters) > 1 and letters.isupper()), len(form.split()),
                display_counts[form], len(form))

    name = min(display_counts, key=lambda f: (tuple(-x for x in rank(f)), f))
    surface_counts = Counter(o.text for o in occs)
    aliases = tuple(sorted(surface_counts, key=lambda t: (-surface_counts[t], t)))
    mentions = tuple(sorted({SpanRef(o.article, o.start, o.end) for o in occs},
                            key=lambda r: (r.article, r.start, r.end)))
    return name, etype, aliases, mentions


def _display_name(form: str) -> str:
    """A surface form as an entity name: no possessive, no leading article, single spaces."""
    form = re.sub(r"\s*['\u2019]s$|(?<=s)['\u2019]$", "", " ".join(form.split()))
    return re.sub(r"^(?i:the)\s+", "", form) or form


def canonical_entities(items: Sequence[tuple[Article, ArticleAnalysis]]) -> Canon:
    """Cluster every name in the story's articles into canonical entities (ids "e1", "e2", ...)."""
    occs = _named_speakers_only([o for article, analysis in items for o in _occurrences(article, analysis)])
    by_key: dict[str, list[_Occurrence]] = defaultdict(list)
    for o in occs:
        by_key[o.key].append(o)
    keys = sorted(by_key)
    uf = UnionFind()
    for k in keys:
        uf.find(k)

    defined: set[str] = set()
    for _, analysis in items:  # rule 2
        for a in analysis.aliases:
            short, long = name_key(a.short), name_key(a.long)
            if short and long:
                uf.union(short, long)
                defined.add(short)

    votes = {k: _label_votes(by_key[k]) for k in keys}
    # NER labels in lowercased text are guesses: a name seen only there fits any type
    _merge_spellings(uf, keys, {k: _type_group(_majority(votes[k])) if any(o.cased for o in by_key[k]) else None
                                for k in keys}, Counter({k: len(by_key[k]) for k in keys}))

    capitals = {k for k in keys for o in by_key[k]
                if o.cased and re.sub(r"[.\s]", "", o.text).isupper()}
    acronyms = {k for k in capitals | defined if k.isalpha() and len(k) in ACRONYM_LENGTHS}
    _merge_acronyms(uf, keys, acronyms, {k for k in keys if _majority(votes[k]) == "PERSON"})
    _merge_place_qualified(uf, keys, {k for k in keys if _majority(votes[k]) in PLACE_QUALIFIER_LABELS})

    # a name seen only in lowercased text, or a single word (NER often labels a lone surname
    # ORG or GPE), may be a part of a person's name whatever NER labelled it
    person_keys = [k for k in keys if votes[k]["PERSON"] > 0 or any(o.speaker for o in by_key[k])
                   or not any(o.cased for o in by_key[k]) or len(k.split()) == 1]  # "KI-MOON" is one word
    long_people = {k for k in keys if votes[k]["PERSON"] > 0}
    _merge_person_parts(uf, person_keys, long_people, Counter({k: len(by_key[k]) for k in keys}),
                        _introduced(occs, long_people))

    clusters: dict[str, list[_Occurrence]] = defaultdict(list)
    cluster_keys: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        clusters[uf.find(k)].extend(by_key[k])
        cluster_keys[uf.find(k)].add(k)
    built = [_entity(c, set(keys) - cluster_keys[root]) for root, c in clusters.items()]
    built.sort(key=lambda e: (-len(e[3]), e[0], e[3][0].article, e[3][0].start))
    return Canon(tuple(Entity(f"e{i}", name, etype, aliases, mentions, name_key(name))
                       for i, (name, etype, aliases, mentions) in enumerate(built, 1)))
