"""Zones of a report that are not the report: reader comments, page furniture, bylines.

Scraped news pages carry more than the report: a byline and update tags before it ("By the CNN
Wire Staff", "NEW :"), photo credits glued to captions ("Photograph : Miguel Tovar\\/AP"), share
and sign-up widgets, copyright lines, and, at the end, reader comments with their moderation
boilerplate. ``find_zones`` marks those spans so the finders' items inside them can be dropped and
the summary can skip them.

The cues were read off the research corpus (CNN, Reuters, BBC, Guardian, Washington Post, Fox News
pages as scraped), but every rule is about how news pages are built, never about one outlet's
name. They work on the reading text: any casing (a lowercased report may be restored only in
part), PTB tokens ("-LRB-", "\\/", " , ", "`` ''") or plain prose. Precision comes first: a rule
fires on a whole line or sentence whose shape is furniture, or on a span whose words can only be
furniture; a sentence that merely mentions comments, a quote that says "reply", a dateline is report
text. Pure: a function of the text (and its sentence spans) only.

Kinds:
- ``comments``: from the first line that opens or belongs to a reader-comment section (a comment
  header "Posted by : name | date | Report abuse", "At 16:12 29th Apr 2009 , name wrote :",
  a blog comment's "January 28 , 2011 at 12:44 pm | Reply" (or two such date lines without the link),
  a "N comments" heading, comment-policy boilerplate) to the end of the text.
- ``furniture``: share/print/e-mail widgets, "Click here ...", "Related :", "Sign up ...",
  "Follow us on Twitter", copyright lines, "A version appeared on p6 ...", calls for readers'
  photos, lists of linked headlines ("... - 4 hrs ago") and of other stories' teasers cut short
  ("... under ... SENDAI , Japan -- A strong aftershock ... region b. . ."), photo credits and the captions they
  sign, a page's first line that dates its picture ("July 31 : Oiled marsh grass is seen in ...").
- ``byline``: "By NAME(S)" with its outlet, role or date at the head of a report or a post,
  "NEW :" update tags, "(Updated at 11:20 a.m. ET)", "(Reporting by X ; Editing by Y)",
  "X contributed to this report".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from crosswire.model import Zone, trimmed_span
from crosswire.restore.detect import CLOSING_BRACKET, OPENING_BRACKET
from crosswire.restore.truecase import WEEKDAYS

COMMENTS, FURNITURE, BYLINE = "comments", "furniture", "byline"
KINDS = (COMMENTS, FURNITURE, BYLINE)

# Where a sentence may end, read without a parse: end punctuation and any closing marks, then space.
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
# A furniture line is short: a widget, a heading, a credit. Longer lines are prose and are only
# marked by the span rules (credits, tags), never whole.
FURNITURE_MAX_WORDS = 25
# A byline without a strong end (outlet, role, date) is only taken among the first lines.
HEAD_UNITS = 3

_F = re.IGNORECASE
_SLASH = r"\s*\\?/\s*"  # "/" or the corpus's escaped "\/", maybe spaced
_LB, _RB = OPENING_BRACKET, CLOSING_BRACKET
_WORD = r"[^\W\d_][\w'’.-]*"

# Photo agencies and pools that sign pictures on news pages.
_AGENCY = (r"(?i:AP(?:\s+Photo)?|AFP|EPA|Reuters|Getty(?:\s+Images)?|Bloomberg(?:\s+News)?|PA(?:\s+Wire)?|"
           r"Rex(?:\s+Features)?|Corbis|Zuma(?:\s+Press)?|Xinhua|Sipa(?:\s+Press)?|Polaris|Landov|"
           r"Associated\s+Press|KPA|Reuters\s+TV|Press\s+Association)\b")

# --------------------------------------------------------------------------- comments

# A line holding one of these belongs to a reader-comment section.
_COMMENT_LINE = [re.compile(p, _F) for p in (
    # a comment's header or footer: "... | Report abuse", "Posted by : name | June 16 , 2010"
    r"\|\s*report\s+abuse\b",
    r"\breport\s+abuse\s*\|",
    r"\bposted\s+by\s*:\s*\S+(?:\s+\S+){0,3}\s*\|\s*\w",
    # a blog comment's date line and its reply link: "January 28 , 2011 at 12:44 pm | Reply"
    r"\b\d{4}\s+at\s+\d{1,2}\s*:\s*\d{2}\s*(?:[ap]\.?m\.?\s*)?\|\s*reply\b",
    # "At 16:12 29th Apr 2009 , name wrote :", "At 4:15 pm on 11 Jun 2009 , name wrote :"
    r"\bat\s+\d{1,2}\s*[:.]\s*\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?\s+"
    r"\d{4}\s*,\s*\S+\s+wrote\s*:",
    # comment-policy boilerplate
    r"\bviews\s+expressed\s+in\s+(?:the\s+)?comments\b",
    r"\bwe\s+welcome\s+comments\s+(?:that|on\s+our)\b",
    r"\bcomments\s+are\s+not\s+pre-?\s*screened\b",
    r"\bthis\s+discussion\s+is\s+(?:now\s+)?closed\b",
    r"\bcomments\s+(?:to|on|for)\s+this\s+(?:entry|post|article|story)\s+(?:are|is)\s+(?:now\s+)?closed\b",
    r"\bwelcomes\s+a\s+lively\s+and\s+courteous\s+discussion\b",
    r"\byou\s+must\s+be\s+logged\s+in\s+to\s+(?:post|leave|report|comment)\b",
    r"\bnotify\s+me\s+of\s+(?:follow-?\s*up|new)\s+comments\b",
    r"(?:-LRB-|\()\s*required\s*,\s*but\s+will\s+not\s+be\s+displayed\s*(?:-RRB-|\))",
    r"\bthis\s+comment\s+(?:was|has\s+been)\s+removed\s+because\b",
    r"\breaders?\s+comments?\s+are\s+(?:the\s+)?(?:sole\s+)?(?:views|responsibility)\b",
)]
# A line that is only a comment-section heading: "Comments", "12 comments", "Comments (12)",
# "Reader comments", "Post a comment", "Add your comment", "Leave a reply", "Show all comments".
_COMMENT_HEADING = re.compile(
    r"(?:\d+\s+)?(?:reader(?:s\s*'|'s|s)?\s+|user\s+|all\s+|latest\s+|recent\s+|show\s+(?:all\s+)?|"
    r"view\s+(?:all\s+)?|read\s+(?:all\s+)?|hide\s+)?comments?\s*(?:" + _LB + r"?\s*\d+\s*" + _RB + r"?)?"
    r"|(?:post|add|leave|write|submit|make)\s+(?:a|your|new)\s+(?:comment|reply)s?"
    r"|(?:sort|order)\s+comments\s+by\b.*"
    r"|(?:reply|recommend|report\s+abuse)(?:\s*\|\s*(?:reply|recommend|report\s+abuse))+", _F)

# --------------------------------------------------------------------------- furniture lines

# Words a share/follow widget line is made of; a line of these words only is a widget.
_WIDGET_WORDS = frozenset("""share shares this tweet retweet email e-mail mail print facebook twitter
linkedin google+ google reddit digg stumbleupon pinterest whatsapp delicious like recommend save
comment comments article story page link permalink to a friend font size text resize bookmark
buzz up + - | : . · • * , & and on""".split())
# Whole lines (sentences) that are furniture: they open with one of these and stay short.
_FURNITURE_LINE = [re.compile(p, _F) for p in (
    r".{0,120}\bclick\s+here\b.*",
    r"(?:related|related\s+(?:articles?|stories|links|content|topics)|read\s+more|see\s+also|also\s+read|"
    r"more\s+on\s+this\s+story|most\s+(?:popular|read|viewed|shared|emailed)|top\s+stories|"
    r"advertisement|sponsored(?:\s+links?)?|watch\s+(?:the\s+)?video|full\s+coverage|"
    r"latest\s+news|more\s+from\s+\w+)\s*(?:[:|»>-].*)?",
    r"sign\s+up\s+(?:for|to|now|here|today)\b.*",
    r"(?:subscribe|register)\s+(?:to|for|now|here|today)\b.*",
    r"follow\s+(?:us|him|her|them|\w+(?:\s+\w+)?)\s+on\s+(?:twitter|facebook)\b.*",
    r"[\w'’ .-]{1,40}\s+is\s+on\s+(?:twitter|facebook)\s*[.!]?",
    r"(?:a\s+version\s+of\s+this\s+(?:article|story)|this\s+(?:article|story))\s+(?:appeared|was\s+published)"
    r"\s+(?:on|in)\b.*",
    r"a\s+version\s+appeared\s+on\s+p\s*\d+\b.*",
    r"this\s+content\s+has\s+been\s+removed\b.*",
    r"(?:share|send|show|upload|submit|tell)\s+(?:us|\w+)?\s*(?:your|what\s*'?\s*s\s+happening|what\s+is\s+happening)"
    r"\b.{0,120}",
    r"please\s+do\s+not\s+put\s+yourself\s+in\s+(?:a\s+)?(?:dangerous|danger)\b.*",
    r"(?:send|email|e-mail)\s+us\s+your\b.*",
    r"(?:you\s+can\s+)?(?:also\s+)?(?:do|take)\s+this\s+quiz\b.*",
)]
# Copyright: "Copyright 2009 Reuters", "© 2013 Guardian News and Media Limited", "All rights
# reserved", "2013 X Limited or its affiliated companies": from the notice to the line's end.
_COPYRIGHT = re.compile(
    r"(?:\bcopyright\s*(?:©|\(c\)|-LRB-\s*c\s*-RRB-)?\s*\d{4}|©\s*\d{4}|(?:\(c\)|-LRB-\s*c\s*-RRB-)\s*\d{4}|"
    r"\ball\s+rights\s+reserved\b|\b\d{4}\s+[\w&.' ]{2,60}\b(?:limited|ltd|inc|llc|plc)\.?\s+or\s+its\s+"
    r"affiliated\s+companies\b)[^\n]*", _F)
# A linked headline from another site: "Headline - 4 hrs ago Source".
_LINK_AGE = re.compile(r"(?:^|\s)-\s+\d{1,3}\s+(?:hrs?|hours?|mins?|minutes?|days?)\s+ago\b", _F)

# --------------------------------------------------------------------------- spans (any case)

# "Photograph : Miguel Tovar\/AP", "Photo credit : AP Photo\/X", "Photograph : AP"
_PHOTO_LABEL = (r"\b(?:photo(?:graph)?s?|pictures?|images?|picture\s+credit|photo\s+credit|image\s+credit|"
                r"credit)\s*:\s*")
_CREDIT_CHAIN = _AGENCY + r"(?:" + _SLASH + r"(?:" + _AGENCY + r"|" + _WORD + r"))*(?:\s+images\b)?"
_NAMED_CREDIT = r"(?:" + _WORD + r"\s+){0,3}" + _WORD + _SLASH + _CREDIT_CHAIN
_CAP_CS = r"(?-i:[A-Z][\w'’.-]*)"
_PHOTO_CREDIT = re.compile(_PHOTO_LABEL + r"(?:" + _NAMED_CREDIT + r"|" + _AGENCY + _SLASH + r"(?!" + _AGENCY
                           + r")(?:" + _CAP_CS + r"\s+)?" + _CAP_CS + r"|" + _CREDIT_CHAIN + r")", _F)
# The same without a label, which names must carry: capitalised words (or, in a text written all
# in lower case, inside brackets or at a line's head) then "/AGENCY": "John Edwards/EPA",
# "-LRB- Brian Snyder\/Reuters -RRB-", "Kim Badawi\/Getty Images for CNN".
_CAP = r"[A-Z][\w'’.-]*"
# ... but not a joint name: "an Ipsos/Reuters poll", "Lisa Jackson/EPA administrator".
_NOT_CREDIT = (r"(?!\s*(?i:poll|polls|survey|surveys|index|data|report|reports|reporting|figures|estimates?|"
               r"calculations?|tally|count|analysis|rankings?|study|news|chief|administrator|officials?|"
               r"spokes(?:man|woman|person)|headquarters|staff)\b)")
_BARE_CREDIT = re.compile(r"(?:" + _LB + r"\s*)?(?:" + _CAP + r"\s+){0,3}" + _CAP + _SLASH + _CREDIT_CHAIN
                          + r"(?:\s+for\s+[A-Z][\w.]*)?" + _NOT_CREDIT + r"(?:\s*" + _RB + r")?")
_BARE_CREDIT_LOWER = re.compile(r"(?:^|(?<=\n)|" + _LB + r")\s*(?:" + _WORD + r"\s+){0,3}" + _WORD + _SLASH
                                + _CREDIT_CHAIN + _NOT_CREDIT + r"(?:\s*" + _RB + r")?", _F | re.M)
# "REUTERS\/Carlos Barria", "AP Photo\/Hasan Jamali": an agency in capitals, then the photographer.
_AGENCY_FIRST = re.compile(r"\b(?:REUTERS|AFP(?:\s+PHOTO)?|EPA|AP\s+Photo|AP\s+PHOTO)" + _SLASH
                           + r"(?!" + _AGENCY + r")(?:" + _CAP + r"\s+)?" + _CAP)

# "NEW :" update tags of a report's highlights, and bracketed update stamps.
_NEW_TAG = re.compile(r"(?:^|(?<=\s))NEW\s*:", re.M)
_NEW_TAG_LOWER = re.compile(r"(?:^|(?<=\s))new\s*:(?=\s)", _F | re.M)
_UPDATE_STAMP = re.compile(_LB + r"\s*(?:updated?|posted|last\s+updated|first\s+posted)\s*(?:at|on|:)?\s*"
                           r"\d[^()\n]{0,80}?" + _RB, _F)
_REPORTING = re.compile(_LB + r"\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|"
                        r"written|edited)\s+by\b[^()\n]{1,300}?" + _RB, _F)
_CONTRIBUTED = re.compile(r".{0,300}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\b.*",
                          _F)

# Bylines: "By the CNN Wire Staff", "By Nic Robertson , CNN senior international correspondent",
# "By Lisa Rein and Ed O'Keefe | November 15 , 2010 ; 6:00 AM ET", "From X and Y , CNN".
_ROLE = (r"(?:(?:senior|chief|deputy|international|foreign|political|staff|special|national|diplomatic|"
         r"economics|business|health|medical|science|security|defen[cs]e|legal|white\s+house|pentagon|"
         r"state\s+department|congressional|middle\s+east|africa|europe|asia|washington|global|"
         r"associate|contributing|news|investigative|environment|energy)\s+)*"
         r"(?:correspondent|reporter|writer|editor|producer|contributor|columnist|analyst|staff)s?")
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# A line that is nothing but a photo's credit ("-LRB- AP Photo -RRB-", "Photograph : Gerald Herbert\/AP", "AFP\/Getty
# Images"): it signs the caption on the line before it. A bare agency ("Reuters", "(AP)") may sign a report instead.
_CREDIT_LINE = re.compile(r"\s*(?:" + _LB + r"\s*)?(?:" + _PHOTO_LABEL + r"[^\n]{0,60}"
                          r"|(?:" + _WORD + r"\s+){0,3}" + _WORD + _SLASH + _CREDIT_CHAIN
                          + r"|" + _AGENCY + r"(?<=photo)"
                          r"|(?:" + _WORD + r"\s+){0,2}(?:getty\s+)?images)\s*(?:" + _RB + r")?\s*", _F)
# A page's first line that opens with the day its photo was taken: "July 31 : Oiled marsh grass is seen in ...",
# "Wednesday : President Obama and Vice President Biden meet with BP executives ...",
# "June 15 , 2010 : President Obama speaks from the Oval Office ..."; not a time stamp ("February 7 , 2011 : 8:43 AM").
_WEEKDAY = "(?:" + "|".join(sorted(WEEKDAYS)) + ")"
_DATED_CAPTION = re.compile(r"\s*(?:(?:" + _MONTHS + r")\.?\s+\d{1,2}\s*(?:,\s*\d{4}\s*)?|" + _WEEKDAY
                            + r"\s*):\s+(?!\d)\S", _F)
# ... or that dates its picture in AP's way, the whole date set off by commas: "Rep. Joe Barton listens to opening
# statements on Capitol Hill , Thursday , June 17 , 2010 , prior to ..." (a page stamp, "Thursday , May 6 , 2010 ;
# 11:30 AM", is followed by its time).
_AP_DATED = re.compile(r",\s*" + _WEEKDAY + r"\s*,\s*(?:" + _MONTHS + r")\.?\s+\d{1,2}\s*,\s*\d{4}\b(?!\s*;)", _F)
# A caption is one short line: a sentence or two describing the picture (words of letters: corpus form spaces out
# its commas).
CAPTION_MAX_WORDS = 60
_LETTERS = re.compile(r"[^\W\d_]+")
# A line that also holds a report's dateline ("PORT FOURCHON , La. -- As ...") or a page's time stamp ("Sunday 30 May
# 2010 22.52 BST") with its standfirst is more than a caption: left as it is.
_NOT_ONLY_CAPTION = re.compile(r"\s--\s|\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?\s*)?"
                               r"(?:bst|gmt|edt|est|cdt|cst|pdt|pst|utc|cet)\b", _F)
_STAFF = re.compile(r"by\s+the\s+(?:[\w.]+\s+){0,2}(?:wire|news|web|online|editorial|foreign)\s+staff\b|"
                    r"by\s+(?:the\s+)?(?:associated\s+press|reuters|afp|agence\s+france[- ]presse)"
                    r"(?:\s+(?:staff|writers?|reporters?))?(?=\s*(?:$|\||--?\s))", _F)
_BY_DATE = (r"(?i:\s*\|\s*(?:" + _MONTHS + r"\s+\d{1,2}\s*,\s*\d{4}|\d{1,2}\s+" + _MONTHS + r"\s+\d{4})"
            r"(?:\s*[;,]\s*\d{1,2}\s*:\s*\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:ET|EST|EDT|GMT|BST|UTC))?)?)")


def _names(word: str) -> str:
    name = rf"{word}(?:\s+{word}){{1,3}}"
    return rf"{name}(?:\s*,\s*{name})*(?:\s*,?\s+and\s+{name})?"


_NAME_CASED = r"(?:[A-Z][a-z]*['’][A-Z][a-z]+|[A-Z][a-z'’-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z'’-]+)"
# Lowercased text: any word but those that open an adverbial "by ..." ("by the time", "by then").
_NAME_ANY = (r"(?!(?:the|a|an|this|that|these|those|then|now|time|end|late|early|mid|next|last|far|all|its|"
             r"his|her|their|our|my|law|contrast|comparison|noon|midday|night|dawn|evening|morning|"
             r"afternoon|some|many|most|one|two|three|car|air|road|sea|land|phone|email|hand)\b)"
             r"[^\W\d_][\w'’-]*\.?")
_ROLE_I = r"(?i:" + _ROLE + r")"
_BY_END = (r"(?:" + _BY_DATE + r"|\s*,\s*[A-Z]{2,6}\b(?:\s+" + _ROLE_I + r")?|\s*,\s*" + _ROLE_I + r"\b|\s*,\s*(?i:special)\s+to\s+[A-Z][\w.]*)")
# Cased text: names must be capitalised, so the patterns are case-sensitive but for the cue words.
_BY_CASED = re.compile(r"(?i:by)\s+" + _names(_NAME_CASED) + r"(?:" + _BY_END + r")?(?=\s*(?:$|[A-Z]))")
_BY_CASED_STRONG = re.compile(r"(?i:by|from)\s+" + _names(_NAME_CASED) + _BY_END)
_BY_ANY_STRONG = re.compile(r"(?:by|from)\s+" + _names(_NAME_ANY) + r"(?:" + _BY_DATE
                            + r"|\s*,\s*[a-z]{2,6}(?:\s+" + _ROLE + r")?\s*$)", _F)


def _units(text: str, sentences: Iterable[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Lines, cut further at sentence ends: the pieces a line rule judges whole (whitespace trimmed)."""
    cuts = {0, len(text)}
    for m in re.finditer(r"\n", text):
        cuts.add(m.end())
    for start, _ in sentences or ():
        if 0 < start < len(text):
            cuts.add(start)
    edges = sorted(cuts)
    return [span for a, b in zip(edges, edges[1:]) if (span := trimmed_span(text, a, b))]


def _is_lowercase_text(text: str) -> bool:
    letters = sum(c.isalpha() for c in text[:20_000])
    return letters > 0 and sum(c.isupper() for c in text[:20_000]) < 0.01 * letters


def _widget(line: str) -> bool:
    words = re.findall(r"[^\s]+", line.casefold())
    return bool(words) and len(words) <= 12 and all(w in _WIDGET_WORDS or w.isdigit() for w in words) \
        and any(w in {"share", "tweet", "retweet", "email", "e-mail", "print", "facebook", "twitter",
                      "linkedin", "reddit", "digg", "pinterest", "permalink", "bookmark"} for w in words)


# A teaser cut short where a page lists other stories: a word, an ellipsis, then the next teaser's capital
# or the line's end ("... the company acknowledged under ... SENDAI, Japan -- A strong aftershock ... region
# b. . ."). A line with TEASER_BREAKS of them is such a list; an ellipsis in a quote goes on in lower case.
_TEASER_BREAK = re.compile(r"(?<=[^\W\d_])\s?(?:\.\.\.|\u2026|\.\s\.\s\.)(?=\s+[A-Z]|\s*$)")
TEASER_BREAKS = 2

# A blog comment's date line whose reply link the crawl dropped: "March 1 , 2011 at 6:22 pm | Protect ...",
# "January 28 , 2011 10:43 am at 10:43 am | ...". A report's own stamp can read so once; comments come in
# a run, so it takes COMMENT_STAMPS of them to open the comments.
_COMMENT_STAMP = re.compile(r"\b\d{4}\s+(?:\d{1,2}\s*:\s*\d{2}\s*[ap]\.?m\.?\s+)?at\s+\d{1,2}\s*:\s*\d{2}\s*"
                            r"(?:[ap]\.?m\.?\s*)?\|", _F)
COMMENT_STAMPS = 2


def _comments_start(text: str, units: Sequence[tuple[int, int]]) -> int | None:
    stamps: list[int] = []
    for a, b in units:
        line = text[a:b]
        if any(p.search(line) for p in _COMMENT_LINE) or _COMMENT_HEADING.fullmatch(line.rstrip(" .:!")):
            return a
        if _COMMENT_STAMP.search(line):
            stamps.append(a)
            if len(stamps) >= COMMENT_STAMPS:
                return stamps[0]
    return None


def comments_start(text: str) -> int | None:
    """Where ``text``'s reader-comment section opens, read before any parse (its lines cut at end
    punctuation, ``SENTENCE_END``, for the sentences a parse would give), so that what follows need not
    be parsed: nothing found there is what the report says. None when it has none."""
    units = _units(text, ((m.end(), m.end()) for m in SENTENCE_END.finditer(text)))
    cut = _comments_start(text, units)
    return cut if cut is not None and cut < len(text.rstrip()) else None


def find_zones(text: str, sentences: Iterable[tuple[int, int]] | None = None,
               comments_from: int | None = None) -> list[Zone]:
    """Spans of ``text`` that are not the report, each with its kind, sorted and not overlapping
    (where two rules overlap, ``comments`` wins, then ``byline``, then ``furniture``). ``comments_from``:
    where ``comments_start`` found the comment section before the parse (its text was not parsed, so
    ``sentences`` end there); the section opens there or at an earlier sentence that opens one."""
    if comments_from is not None:  # the unparsed section is a unit of its own
        sentences = [*(sentences or ()), (comments_from, len(text))]
    units = _units(text, sentences)
    lower = _is_lowercase_text(text)
    raw: list[tuple[int, int, str]] = []
    end = len(text.rstrip())

    cut = _comments_start(text, units)
    if comments_from is not None:
        cut = comments_from if cut is None else min(cut, comments_from)
    if cut is not None and cut < end:
        raw.append((cut, end, COMMENTS))

    for i, (a, b) in enumerate(units):
        line = text[a:b]
        words = len(line.split())
        if words <= FURNITURE_MAX_WORDS and (
                _widget(line) or any(p.fullmatch(line) for p in _FURNITURE_LINE) or _LINK_AGE.search(line)):
            raw.append((a, b, FURNITURE))
            # "Are you in Libya ?" before a call for readers' photos
            if i and (q := re.search(r"\bare\s+you\s+in\s+[^?\n]{1,40}\?\s*$", text[units[i - 1][0]:units[i - 1][1]],
                                     _F)) and re.match(r"(?:share|send|show|upload)\b", line, _F):
                raw.append((units[i - 1][0] + q.start(), units[i - 1][1], FURNITURE))
        elif _LINK_AGE.search(line) and len(_LINK_AGE.findall(line)) >= 2:
            raw.append((a, b, FURNITURE))
        if _CONTRIBUTED.fullmatch(line.rstrip(" .")) and words <= 60:
            raw.append((a, b, BYLINE))
        # bylines at a line's head
        m = _STAFF.match(line) or (_BY_ANY_STRONG.match(line) if lower else
                                   _BY_CASED_STRONG.match(line) or (_BY_CASED.match(line) if i < HEAD_UNITS else None))
        if m is None and i < HEAD_UNITS and not lower:
            # after a photo credit: "-LRB- Brian Snyder\/Reuters -RRB- By Michael D. Shear and ..."
            if (c := _BARE_CREDIT.match(line)) and (m2 := _BY_CASED.match(line, len(c.group(0).rstrip()) + 1)):
                raw.append((a + m2.start(), a + m2.end(), BYLINE))
        if m is not None and m.end() > m.start():
            raw.append((a + m.start(), a + m.end(), BYLINE))

    lines = list(re.finditer(r"[^\n]*\S[^\n]*", text))
    for k, line in enumerate(lines):
        if len(_TEASER_BREAK.findall(line.group())) >= TEASER_BREAKS:  # a line of cut-short teasers of other stories
            raw.append((*trimmed_span(text, line.start(), line.end()), FURNITURE))
        if _caption(lines, k):
            raw.append((*trimmed_span(text, line.start(), line.end()), FURNITURE))

    for pattern, kind in ((_PHOTO_CREDIT, FURNITURE), (_AGENCY_FIRST, FURNITURE),
                          (_BARE_CREDIT_LOWER if lower else _BARE_CREDIT, FURNITURE),
                          (_COPYRIGHT, FURNITURE), (_UPDATE_STAMP, BYLINE), (_REPORTING, BYLINE),
                          (_NEW_TAG_LOWER if lower else _NEW_TAG, BYLINE)):
        # update tags mark a report's highlights, at its head
        stop = units[min(HEAD_UNITS, len(units)) - 1][1] if pattern in (_NEW_TAG, _NEW_TAG_LOWER) and units \
            else len(text)
        for m in pattern.finditer(text, 0, stop):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                raw.append((s, e, kind))
    return _merge(raw)


def _caption(lines: Sequence[re.Match[str]], k: int) -> bool:
    """Whether line ``k`` is a photo's caption: a short line that a line of nothing but a photo credit signs, or a
    page's first line that dates its picture, the day and a colon before it (not the first of a chronology's lines,
    which are dated alike) or the AP's weekday and date set off by commas inside it. A line that also holds a
    dateline or a time stamp is more than a caption (``_NOT_ONLY_CAPTION``)."""
    line = lines[k].group()
    if (len(_LETTERS.findall(line)) > CAPTION_MAX_WORDS or _CREDIT_LINE.fullmatch(line)
            or _NOT_ONLY_CAPTION.search(line)):
        return False
    after = lines[k + 1].group() if k + 1 < len(lines) else ""
    if _CREDIT_LINE.fullmatch(after):
        return True
    # the first of a chronology's lines ("Sept. 7 : U.S. government seizes Fannie Mae", "Sept. 11 : ...") is none
    return k == 0 and (_DATED_CAPTION.match(line) is not None and _DATED_CAPTION.match(after) is None
                       or _AP_DATED.search(line) is not None)


_RANK = {COMMENTS: 0, BYLINE: 1, FURNITURE: 2}


def _merge(raw: list[tuple[int, int, str]]) -> list[Zone]:
    """Non-overlapping zones: a stronger kind keeps its span, a weaker one keeps what is left of it;
    touching or overlapping spans of one kind become one."""
    owner: list[tuple[int, int, str]] = []
    for s, e, kind in sorted(raw, key=lambda z: (_RANK[z[2]], z[0], -z[1])):
        pieces = [(s, e)]
        for os_, oe, _ in owner:
            pieces = [p for a, b in pieces for p in ((a, min(b, os_)), (max(a, oe), b)) if p[1] > p[0]]
        owner.extend((a, b, kind) for a, b in pieces)
    owner.sort()
    zones: list[Zone] = []
    for s, e, kind in owner:
        if zones and zones[-1].kind == kind and zones[-1].end >= s:
            zones[-1] = Zone(zones[-1].start, max(zones[-1].end, e), kind)
        else:
            zones.append(Zone(s, e, kind))
    return zones


def overlaps(zones: Sequence[Zone], start: int, end: int) -> bool:
    """Whether ``[start, end)`` shares a character with any zone (``zones`` sorted by start)."""
    return any(z.start < end and start < z.end for z in zones)
