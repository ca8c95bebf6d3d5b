"""A story's headline: the most representative title (or lead line) of its reports.

A story, and a storyline, is headed by the heading of one of its reports (``model.Heading``: its title,
else the first line of its own words). The latest report's title may be a site's sidebar or a report
that strayed in; the words most of a story's headings share are what it is about. So among the
headings that are not page furniture (a dateline, a byline, a stamp, a site's name), the one whose
content words are most shared with the others heads it: the highest mean cosine similarity of word
sets, a title before a lead line, one sharing no word with the others last.

The choice is a function of the set of reports, not of their order: it reads the latest
``HEADLINE_REPORTS`` (by publication date, then id) and breaks ties the same way, so the story list,
a briefing, another ingest order or a storyline fused in date order all head a story alike.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crosswire.analyze.zones import find_zones
from crosswire.fuse.stories import MIN_TERM_LENGTH, STOP_WORDS
from crosswire.ingest.dateline import AGENCIES, MONTH, agency_name, parse_dateline
from crosswire.model import LISTED_HEADLINE_WIDTH, Article, ArticleAnalysis, Heading, listed_headline

# Reports a headline is chosen among: a story's latest this many, so a 2,000-report story is headed as
# cheaply as a 50-report one (the store reads no more of each story for a listing).
HEADLINE_REPORTS = 50
# Content words a heading needs besides its outlet's name and section words: "Home", "Sport", "BBC News -
# Video" or "Reuters" name a page; "Levee breaks" says what happened.
MIN_HEADLINE_WORDS = 2
# Words of site sections and page furniture, never what a report is about.
SECTION_WORDS = frozenset(
    "home news video videos photo photos pictures gallery live breaking latest update updates watch page "
    "transcript interactive graphic graphics audio podcast blog blogs section edition online com www http https".split())
# Lead characters (spaces collapsed) compared to tell a site's line atop many pages from a report's own:
# the first line as listed and about as much again.
TEMPLATE_PROBE_CHARS = 2 * LISTED_HEADLINE_WIDTH
# Decimals a score is compared at: equal scores reached by other sums are a tie, broken by recency.
SCORE_DECIMALS = 9

_WORD = re.compile(rf"[^\W\d_]{{{MIN_TERM_LENGTH},}}")
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
# What a page prints around a report, never its own words: a clock time ("22:54", "3:52 am", "10.27
# BST"), a date with its year ("Sept 30 , 2010", "8 November 2011", "2009 06 19"), a date opening a
# label ("July 15 :", "Saturday :", "February 13 , 2011 |").
_STAMP = re.compile(
    rf"\b\d{{1,2}}\s?:\s?\d{{2}}\b|\b\d{{1,2}}\.\d{{2}}\s?(?:(?i:[ap]\.?m)\b|[A-Z]{{2,4}}\b)"
    rf"|(?i:\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*(?:19|20)\d\d\b|\b\d{{1,2}}\s+{MONTH}\s*,?\s*(?:19|20)\d\d\b)"
    r"|\b(?:19|20)\d\d[ /-][01]\d[ /-][0-3]\d\b")
_DATED_LABEL = re.compile(rf"(?:(?:{_WEEKDAY}|{MONTH}|\d{{1,4}})\b[\s,.]*)*?(?:{_WEEKDAY}|{MONTH})\b[\s,.\d]*[:|;–—-]",
                          re.I)
# Lead characters a dateline's source and the dash after it may end within ("(Reuters) -", "-LRB- CNN
# -RRB- --"): after a stamp and the place again, as news pages print them.
DATELINE_CHARS = 2 * LISTED_HEADLINE_WIDTH
# Words in brackets, as given or in corpus tokens ("(Reuters)", "-LRB- AP -RRB-"), and a dash after them,
# which makes them a dateline's source ("New York (CNN) --").
_BRACKETED = re.compile(r"(?:\(|-LRB-)\s*([^()]{1,40}?)\s*(?:\)|-RRB-)(\s*(?:--?|–|—)(?=\s))?")
# A photo caption's mark of where someone stands: "(R)", "(2nd L)", "-LRB- C -RRB-".
_CAPTION_MARK = re.compile(r"(?:[1-9](?:st|nd|rd|th)\s+)?[LRC]")


def content_words(text: str) -> frozenset[str]:
    """The content words of a heading: case-folded, stop words out, as ``fuse.stories.terms_of`` keeps
    them but for its spelling folds and name keys, which a heading does without (and which cost a
    story list five times as much: it reads every report's heading)."""
    return frozenset(_WORD.findall(text.casefold())) - STOP_WORDS


_AGENCY_WORDS = frozenset(w for spellings in AGENCIES.values() for s in spellings for w in content_words(s))


@dataclass(frozen=True)
class _Candidate:
    """One distinct heading of a story, with every report headed by it (the latest first)."""

    text: str
    words: frozenset[str]  # its content words but for section words and an outlet's or an agency's name
    headings: list[Heading]


def heading_of(article: Article, analysis: ArticleAnalysis) -> Heading:
    """A report's heading, as the store keeps it for a listing."""
    return Heading(article.id, article.published.isoformat() if article.published else None, article.outlet,
                   article.title, analysis.lead(article.text))


def latest_first(headings: Iterable[Heading]) -> list[Heading]:
    """The latest ``HEADLINE_REPORTS`` headings, latest first (the undated as the oldest; then by id)."""
    return sorted(headings, key=_recency, reverse=True)[:HEADLINE_REPORTS]


def headline(headings: Iterable[Heading]) -> str:
    """The most representative heading of a story's reports (see the module docstring); the latest
    report's heading when every one is furniture; "" for no report."""
    latest = latest_first(headings)
    if not latest:
        return ""
    candidates = _candidates(latest)
    ranked = sorted(candidates, key=_rank(candidates), reverse=True) if len(candidates) > 1 else candidates
    return next((c.text for c in ranked if not _junk(c)), candidates[0].text)


def _recency(heading: Heading) -> tuple[str, str]:
    return heading.published or "", heading.article


def _shown(heading: Heading) -> str:
    """What a heading shows: its title, else the first line of its lead, after a dateline the analysis
    did not see (a stamp before it, corpus tokens: "TRIPOLI | Mon Feb 21 , 2011 11:52 pm GMT TRIPOLI
    -LRB- Reuters -RRB- - ")."""
    if heading.title:
        return heading.title
    lead = heading.lead
    line_end = lead.find("\n")
    end = min(DATELINE_CHARS, len(lead) if line_end < 0 else line_end)
    credit = next((m for m in _BRACKETED.finditer(lead, 0, end) if m.group(2)), None)
    return listed_headline(None, lead[credit.end():] if credit else lead)


def _candidates(latest: list[Heading]) -> list[_Candidate]:
    """One candidate per distinct heading (case and spacing aside), in ``latest``'s order: a line a site
    prints atop many pages counts once, so it cannot outvote the story's own headings."""
    found: dict[str, _Candidate] = {}
    for heading in latest:
        text = _shown(heading)
        key = " ".join(text.casefold().split())
        if key in found:
            found[key].headings.append(heading)
        else:
            words = content_words(text) - SECTION_WORDS - _AGENCY_WORDS
            if heading.outlet:
                words -= content_words(heading.outlet)
            found[key] = _Candidate(text, words, [heading])
    return list(found.values())


def _rank(candidates: list[_Candidate]) -> Callable[[_Candidate], tuple]:
    """The sort key of a candidate, best last: sharing a word with the others, a title, the mean cosine
    similarity of its word set to the others', recency. Sums run in a fixed order and scores are
    rounded, so the same reports rank alike in any process."""
    worded = [c for c in candidates if c.words]
    weights: dict[str, float] = {}
    for c in worded:
        for word in sorted(c.words):
            weights[word] = weights.get(word, 0.0) + 1 / math.sqrt(len(c.words))

    def key(c: _Candidate) -> tuple:
        score = 0.0
        if c.words and len(worded) > 1:
            shared = sum(weights[w] for w in sorted(c.words)) / math.sqrt(len(c.words))
            score = round((shared - 1) / (len(worded) - 1), SCORE_DECIMALS)
        latest = c.headings[0]
        return score > 0 or len(worded) == 1, bool(latest.title), score, _recency(latest)
    return key


def _credit(bracketed: str, dash: str) -> bool:
    """Whether words in brackets are a dateline's source (before a dash, or an agency: "Reuters",
    "Reuters Health") or place someone in a photo ("R", "2nd L")."""
    first = bracketed.split()[:1]
    return bool(dash or agency_name(bracketed) or (first and agency_name(first[0]))
                or _CAPTION_MARK.fullmatch(bracketed))


def _junk(candidate: _Candidate) -> bool:
    """Whether a heading is no headline: too few words of its own (a site or section name), a site's
    line atop pages whose reports go on differently, a date or time stamp, an agency's credit or a
    caption's mark, or, for a title, a dateline, a byline or page furniture (``analyze.zones``; a lead
    is cut before the first, ``ArticleAnalysis.lead``)."""
    text, latest = candidate.text, candidate.headings[0]
    if len(candidate.words) < MIN_HEADLINE_WORDS:
        return True
    if not latest.title and len({" ".join(h.lead.split())[:TEMPLATE_PROBE_CHARS] for h in candidate.headings}) > 1:
        return True
    if _STAMP.search(text) or _DATED_LABEL.match(text) or any(_credit(*found) for found in _BRACKETED.findall(text)):
        return True
    if not latest.title:
        return False
    dateline = parse_dateline(text)
    return bool(dateline and (dateline.agency or (dateline.place or "").isupper())) or bool(find_zones(text))
