"""Numeric figures: what a report counts, how precisely, and on whose word.

Number expressions are found with patterns over the text (digits, words, ranges, qualifiers,
units) because the parser's number tags are unreliable on lowercased text and split ranges
oddly; the parse is then used for what the patterns cannot see: the noun being counted, the
clause's speaker, and whether a number is a count at all (a year, an age, "a seven-story
building", part of a date). Only ``kind == "quantity"`` figures are compared across outlets
later, so anything that is not plainly a count is given another kind or dropped.

Qualifier convention (``_QUALIFIERS``): every qualifier sets ``approx``; one-sided ones also widen
the range on their open side so that "more than 300" and "350" can be compared as overlapping:
lower bounds ("more than", "at least", "over") stretch ``high`` by half, upper bounds ("up to",
"fewer than") lower ``low`` to half, near-misses ("nearly", "almost") lower ``low`` by a tenth.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from crosswire.analyze.nlp import doc_text, lemma_of
from crosswire.analyze.numbers import (
    FEW_WORDS,
    FRACTIONS,
    NUMBER_PATTERN,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SCALES,
    SMALL_NUMBERS,
    VAGUE_PATTERN,
    parse_number,
    parse_vague,
    stated_order,
)
from crosswire.model import SPEECH, Figure, Quote
from crosswire.restore.detect import CLOSING_BRACKET, OPENING_BRACKET, PTB_BRACKETS

# Qualifier -> (factor for low, factor for high); see the module docstring.
_LOWER_BOUND = (1.0, 1.5)  # "more than N" is rarely used for values beyond 1.5 N
_UPPER_BOUND = (0.5, 1.0)  # "up to N" is rarely used for values below N / 2
_NEAR_MISS = (0.9, 1.0)  # "nearly N" is within a tenth of N
_AROUND = (1.0, 1.0)  # "about N": approximate, centred on N
_QUALIFIERS: dict[str, tuple[float, float]] = {
    "around": _AROUND,
    "about": _AROUND,
    "some": _AROUND,
    "roughly": _AROUND,
    "approximately": _AROUND,
    "an estimated": _AROUND,
    "estimated": _AROUND,
    "close to": _NEAR_MISS,
    "nearly": _NEAR_MISS,
    "almost": _NEAR_MISS,
    "just under": _NEAR_MISS,
    "more than": _LOWER_BOUND,
    "over": _LOWER_BOUND,
    "at least": _LOWER_BOUND,
    "just over": _LOWER_BOUND,
    "upwards of": _LOWER_BOUND,
    "up to": _UPPER_BOUND,
    "as many as": _UPPER_BOUND,
    "fewer than": _UPPER_BOUND,
    "less than": _UPPER_BOUND,
    "under": _UPPER_BOUND,
    "~": _AROUND,  # "~25 min", as technical copy writes "about"
}
_TRAILING_QUALIFIERS: dict[str, tuple[float, float]] = {"or so": _AROUND, "or more": _LOWER_BOUND}

# Currency marks before an amount, as wires write them ("HK$3.7 billion", "$A82,615", "Y=28,030": Reuters' yen).
_CURRENCY_SYMBOLS = {"us$": "USD", "$us": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "y=": "JPY",
                     "hk$": "HKD", "hk $": "HKD", "a$": "AUD", "$a": "AUD", "au$": "AUD", "c$": "CAD", "nz$": "NZD",
                     "s$": "SGD", "us $": "USD", "c $": "CAD", "nz $": "NZD", "au $": "AUD",
                     # ISO codes and local marks written before an amount ("USD10m", "EUR50m", "RM23.50", "Rs 500")
                     "usd": "USD", "eur": "EUR", "gbp": "GBP", "chf": "CHF", "rm": "MYR", "rs": "INR",
                     # "£" as ASCII transliteration writes it ("PS2.7m", "PS21,700"): ``_PLAIN_DIGITS``
                     "ps": "GBP"}
# "PS" is a pound sign only written onto an amount with a scale, a thousands comma or decimals: "PS4" is a
# games console, "PS 118" a school.
_PLAIN_DIGITS = re.compile(r"\d+")
_UNITS = {
    "percent": "percent",
    "per cent": "percent",
    "%": "percent",
    "pct": "percent",
    "percentage points": "percentage point",
    "percentage point": "percentage point",
    "basis points": "basis point",
    "basis point": "basis point",
    "bps": "basis point",
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "inches": "inch", "inch": "inch",
    "km/h": "km/h", "kph": "km/h", "p": "pence",  # "164p": a share price in pence (``_WRITTEN_ONTO``)
    "w": "w", "g": "g", "l": "l",  # "5-10W", "45g", "1.0l": only written onto the number (``_WRITTEN_ONTO``)
    "mg": "mg", "ml": "ml", "lb": "lb", "lbs": "lb", "min": "minute", "mins": "minute",
    "watts": "w", "kilowatts": "kw", "megawatts": "mw", "megawatt": "mw", "gigawatts": "gw",
    # ISO codes written after an amount ("1,000 USD"), also as Reuters' quote codes ("108.79 JPY=")
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "cny": "CNY", "jpy=": "JPY",
    "dollars": "USD",
    "times": "times",  # a multiple ("6.5 times earnings", "four times the number"), never a count of what follows
    "euros": "EUR",
    "yen": "JPY",
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "miles": "mile",
    "metres": "m",
    "meters": "m",
    "kg": "kg",
    "kilograms": "kg",
    "tonnes": "tonne",
    "tons": "tonne",
    "hectares": "hectare",
    # written after the number, often without a space ("1.38pc", "50mph", "1.5mm", "54GB", "2.4GHz")
    "pc": "percent",
    "mph": "mph",
    "mpg": "mpg",
    "mm": "mm",
    "cm": "cm",
    "gb": "gb",
    "ghz": "ghz",
    "kw": "kw",
    "mw": "mw",
    "gw": "gw",
    # temperatures, areas and volumes; "m.p.h." as older copy writes it
    "degrees celsius": "celsius", "degrees centigrade": "celsius", "degrees c": "celsius", "°c": "celsius",
    "deg c": "celsius", "degc": "celsius",
    "degrees fahrenheit": "fahrenheit", "degrees f": "fahrenheit", "°f": "fahrenheit", "deg f": "fahrenheit",
    "degf": "fahrenheit",
    "square feet": "square foot", "sq ft": "square foot", "square foot": "square foot",
    "square metres": "square metre", "square meters": "square metre", "sq m": "square metre", "m2": "square metre",
    "square miles": "square mile", "square kilometres": "square km", "square kilometers": "square km",
    "sq km": "square km", "km2": "square km", "cubic feet": "cubic foot", "cubic metres": "cubic metre",
    "cubic meters": "cubic metre", "m.p.h.": "mph", "gwh": "gwh", "mwh": "mwh", "kwh": "kwh",
    "pound-feet": "pound-foot", "lb-ft": "pound-foot", "\u2033": "inch", "\u03bcm": "micrometre",
    "\u00b5m": "micrometre",
}
# Units that count only written onto the number ("164p"), never after a space or as a clock's "p.m.".
_WRITTEN_ONTO = frozenset({"p", "w", "g", "l"})
# Written onto a number in capitals these name something else: "5G" is a mobile network, not grams.
_OTHER_IN_CAPITALS = frozenset({"G"})
_CLOCK_LETTERS = re.compile(r"\.?m\b", re.IGNORECASE)
# Currencies named after an amount ("10.5 million Australian dollars", "7.5 million Danish crowns"):
# units too, but no measure words of a frame (a country's name says where, not what is measured).
_CURRENCY_NAMES = {
    "australian dollars": "AUD", "new zealand dollars": "NZD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "us dollars": "USD", "u.s. dollars": "USD",
    "danish crowns": "DKK", "danish kroner": "DKK", "swedish crowns": "SEK", "swedish kronor": "SEK",
    "norwegian crowns": "NOK", "norwegian kroner": "NOK", "swiss francs": "CHF",
}
# The units that are money: every currency a figure's amount can be read in.
CURRENCIES = frozenset(_CURRENCY_SYMBOLS.values()) | frozenset(_CURRENCY_NAMES.values()) | frozenset(
    unit for unit in _UNITS.values() if unit.isupper())
# Words that name a measure, as units or as counted nouns ("5,000 feet"): the units of a sentence's other
# figures say nothing of what this one measures.
MEASURE_WORDS = frozenset(w for unit in _UNITS for w in re.findall(r"[a-z]+", unit)) | frozenset(
    "foot feet inch inches yard yards nautical kilometre kilometer metre meter mile gallon gallons liter liters litre "
    "litres barrel barrels".split())
# After a currency's amount, an abbreviated scale ("$13.6M", "£2.7m", "$4.2b", "€3bn"); alone, "100m" is
# as often metres, so a bare number so written is no figure ...
_AMOUNT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}
# ... or before a noun only millions of could be counted ("530m litres", "2bn people"): not metres.
_SCALED_COUNT = re.compile(r"\s+(?:lit(?:re|er)s|gallons|barrels|tonnes|tons|people)\b", re.IGNORECASE)
_PERCENT_WORDS = frozenset({"percent", "cent", "%", "pct"})
# Units only written hyphenated onto a number ("a 6-fold rise": a multiple; "5 fold chairs" none).
_HYPHENATED_UNITS = {"fold": "times"}
# Hyphenated words after a number that still make it a count of the modified noun ("300-strong force").
_COUNT_SUFFIXES = {"strong": False, "odd": True, "plus": True}  # value: makes it approximate
_AGE_AFTER = re.compile(r"(?:-|\s)(?:years?|months?)(?:-|\s)old\b", re.IGNORECASE)
# Characters either side of a number that can hold its age/measure words: bounds the look-around
# so that long articles are not rescanned for every number.
_CONTEXT_WINDOW = 40
_AGE_BEFORE = re.compile(r"\b(?:aged|age|age\s+of)\s+$", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-([a-z]+)\b", re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"19\d\d|20\d\d|2100")
# "three out of four", "one in five", "eight in 10": the two numbers of a share (the second not a year).
_RATIO_NUMBER = rf"(?:\d{{1,3}}|{'|'.join(sorted(SMALL_NUMBERS, key=len, reverse=True))})"
_BY_BEFORE = re.compile(r"\bby\s*$", re.IGNORECASE)
_IN_YEAR_BEFORE = re.compile(r"\b(?:in|since|during)\s*$", re.IGNORECASE)
_ENDING_SCALE = re.compile(rf"\s*({'|'.join(SCALES)})$", re.IGNORECASE)
# Bounds of a plausible human age given as a bare appositive number ("Jane Doe, 22, said").
_MAX_AGE = 120

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A number counting these is a duration or a date part, not a figure ("three years ago").
_TIME_UNITS = frozenset(
    "second minute hour day night week weekend month year decade century".split()
)
# A time unit after a number ("in two years"): "5 in two years" is no share.
_TIME_WORD_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(_TIME_UNITS))})s?\b", re.IGNORECASE)
# After a number, a clock time's: "3:52 am", "00.50 BST" (a page's time stamp), "1400 hours".
# After a duration's unit, words that make it say when ("three years ago"), not how long.
_AGO_WORDS = frozenset({"ago", "earlier", "later", "before", "after"})
_CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "hours", "hrs", "bst", "cet", "cest", "eet",
                          "et", "est", "edt", "ct", "cst", "cdt", "mst", "mdt", "pt", "pst", "pdt", "ist", "jst"})
# A number inside a phrase this short in quote marks names something ("a `` million man march ''").
_SHORT_QUOTE_WORDS = 5
_SHORT_QUOTE_OPEN = re.compile(r"(?:``|\u201c|\")\s*(?P<words>(?:[\w'-]+\s+){0,4})$")
_SHORT_QUOTE_CLOSE = re.compile(r"(?P<words>(?:\s+[\w'-]+){0,4})\s*(?:''|\u201d|\")")
# Before a number, a label's: "number one album", "question number 97", "No. 10".
# Also nouns that name numbered things, whatever their case: "resolution 678", "article 5", "page 12".
_LABEL_WORDS = frozenset("number numbers no op ops resolution resolutions article articles chapter chapters section "
                         "sections clause clauses paragraph paragraphs page pages flight flights room rooms route "
                         "routes highway phase category channel platform gate exit row seat".split())
# Parts of speech of words that never start or continue a name a number belongs to.
_FUNCTION_POS = frozenset({"ADP", "AUX", "CCONJ", "DET", "PART", "PRON", "SCONJ", "VERB", "PUNCT", "NUM"})
# A house number: the number, up to three words of a name, a street word, then a comma or the end
# ("9 E 71st St, Manhattan"; not "5,000 Wall Street bankers").
_STREET = re.compile(r"(?:\s+[A-Z0-9][\w.]*){1,3}?\s+(?:St|Street|Rd|Road|Ave|Avenue|Way|Blvd|Boulevard|Lane|Ln|"
                     r"Drive|Terrace)\b\.?(?=\s*(?:[,;)]|$))")
# A range's dashes ("20-30", "20 \u2013 30"); the same numbers falling across one are a score ("3-2") or a total
# and a part of it ("3,838 - 2,493 civilians").
_DASHES = frozenset({"-", "\u2013", "\u2014"})
# Entity labels whose numbers are part of a name ("Boeing 737", "Resolution 2254").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LOC", "NORP"}
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Brackets as tokens, in print and in corpus form.
_OPENING_BRACKETS = frozenset({"(", "["} | {token for token, mark in PTB_BRACKETS.items() if mark in "(["})
_CLOSING_BRACKETS = frozenset({")", "]"} | {token for token, mark in PTB_BRACKETS.items() if mark in ")]"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod"})
# Words between a number and its noun that narrow what is counted, by dependency and part of speech:
# adjectives, participles and nouns ("other employees", "confirmed cases", "lightning strikes").
_COUNTED_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_COUNTED_MODIFIER_POS = frozenset({"ADJ", "NOUN", "VERB"})
# "8 more picks", "two fewer seats": a comparative says how the count relates, not which are counted.
_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
# Lemmas that name one predicate of a count, as news reports vary them: "11 killed" and "11 died"
# count the same dead; "80 percent seized" and "90 percent captured" the same share taken. General
# English, not any story's words; a lemma not listed is its own predicate.
_PREDICATE_GROUPS = {
    "die": "kill dead death perish",
    "injure": "wound hurt injured wounded",
    "infect": "infected",  # "become infected", its adjective as the tagger may read it
    "capture": "seize control retake recapture",
    "remain": "stay hole trap trapped",
    "spill": "leak flow gush spew dump release unleash pour",
    "rescue": "save alive pull",  # "pulled alive", "found alive": the state a verb leaves survivors in
    "gather": "line throng crowd flock assemble rally converge",  # a crowd present: "hundreds lined the street"
    "arrest": "detain",
    "missing": "miss unaccounted",  # "missing", "unaccounted for"
    "flee": "escape",
}
PREDICATE_KIN = {word: group for group, words in _PREDICATE_GROUPS.items() for word in words.split()}
# What happens to what a count counts, as news tells it of counts (killed, spilled, rescued): two counts of
# one thing under two of these are two quantities.
EVENT_PREDICATES = frozenset(_PREDICATE_GROUPS)
# "a day", "per week", "each year", "daily" within a few words after the figure: a rate, never a total
# ("a month ago" says when).
_PER_ADVERBS = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
                "hourly": "hour"}
# Words are whole (a word never splits into several), so a failed match costs linear time: split words
# made it cubic in a long word's length (800 letters: 1.7 s).
_RATE_ADVERB = r"(?P<adverb>" + "|".join(_PER_ADVERBS) + r")\b"
_PER = re.compile(r"(?:[^\S\n]*[\w'’-]+(?![\w'’-])(?:[^\S\n]+[\w'’-]+(?![\w'’-])){0,2}?)??[^\S\n]+"
                  r"(?:(?:a|an|per|each|every)[^\S\n]+"
                  r"(?P<period>day|week|month|year|decade|century|hour|minute)\b(?![^\S\n]+(?:ago|earlier|later)\b)"
                  r"|" + _RATE_ADVERB + ")", re.IGNORECASE)
# Further on in the figure's clause, before any other number, punctuation or word opening another clause,
# an unambiguous rate: "up to 40,000 barrels of oil could be spewing out into the Gulf each day". Not "a
# day" that far ("raised $5 million in less than a year" says how long it took), nor past "and" ("20 per
# cent for performance fees and have monthly liquidity").
# Each word is whole and spaced from the next, so a failed match backtracks over at most 12 words.
_PER_FAR = re.compile(r"(?:[^\S\n]+(?!(?:and|but|or|nor|while|whereas|with|which|who|whom|whose|that|than)\b)"
                      r"[^\W\d][\w'’-]*(?![\w'’-])){0,12}?[^\S\n]+(?:(?:per|each|every)[^\S\n]+"
                      r"(?P<period>day|week|month|year|hour)\b|" + _RATE_ADVERB + ")", re.IGNORECASE)
# Right after an amount or a measure, what one of it is for: "$52 a barrel", "$2.11 per gallon",
# "£24 a-year", "11 feet per century", "400 metres per second": a price or a speed, never a total.
_PER_UNIT = re.compile(r"[^\S\n]*(?:(?:a|an)[^\S\n]*-[^\S\n]*|(?:a|an|per|each)[^\S\n]+)"
                       r"(?P<unit>[a-z]+)\b(?![^\S\n]+(?:ago|earlier|later)\b)", re.IGNORECASE)
# A conversion in brackets right after an amount or a measure ("C$6 (US$4.46)", "40 miles (64 km)").
# "(64 km)", corpus form "-LRB- 64 km -RRB-", "-LRB- 2.5 million gallons\/9 .5 million liters -RRB-"
_BRACKET = rf"{OPENING_BRACKET}[^()\n]{{1,60}}?{CLOSING_BRACKET}"
_BRACKETED = re.compile(rf"[^\S\n]*{_BRACKET}")
# A conversion in brackets after the counted word, before a rate: "40,000 barrels (1.7 million gallons) of oil
# a day"; the rate patterns read on past it.
_WORD_THEN_BRACKETED = re.compile(rf"([^\S\n]+[^\W\d][\w'’-]*)[^\S\n]*{_BRACKET}")
# The rate in brackets after the counted word: "1,000 barrels (a day)", "1,000 barrels -LRB- a day -RRB-".
_WORD_THEN_BRACKETED_RATE = re.compile(rf"[^\S\n]+[^\W\d][\w'’-]*[^\S\n]*{OPENING_BRACKET}[^\S\n]*"
                                       r"(?:a|an|per|each|every)[^\S\n]+(?P<period>day|week|month|year|hour)[^\S\n]*"
                                       + CLOSING_BRACKET, re.IGNORECASE)
# How far after a figure its rate is looked for: the farthest pattern reads 12 words.
PER_WINDOW_CHARS = 240
# Before the figure, the noun it is "of" said to be a rate: "a daily leak of about 35,000 barrels", "an annual
# budget of $5 billion", "daily output was 300 barrels".
_RATE_ADJECTIVES = {**_PER_ADVERBS, "annual": "year"}
_PER_BEFORE = re.compile(r"\b(?P<adjective>" + "|".join(_RATE_ADJECTIVES) + r")[^\S\n]+[^\W\d]+(?:[^\S\n]+[^\W\d]+)?"
                         r"[^\S\n]+(?:of|at|is|was|were|reached|hit)[^\S\n]*$", re.IGNORECASE)
PER_BEFORE_CHARS = 48
# Between a figure and a bare number that leaves out what it counts ("headsets, up from", "homes by open
# sale and"): a few words of one clause, then a word that sets the number beside the figure.
_ELLIPSIS_LINK = re.compile(r"(?:[^\S\n]*[\w'’-]+(?![\w'’-])(?:[^\S\n]+[\w'’-]+(?![\w'’-])){0,3}?)??,?[^\S\n]+"
                            r"(?:(?:up|down|rising|falling)[^\S\n]+from|from|"
                            r"compared[^\S\n]+(?:with|to)|against|versus|vs\.?|and|or)[^\S\n]+", re.IGNORECASE)
# A verb of change and "to" right before a figure, a few words between ("increased last week to"): the figure
# is the new value of what changed.
_CHANGED_TO = re.compile(r"\b(?:increas|ris|rose|grew|grow|climb|jump|fell|fall|drop|revis|rais|lower|doubl|"
                         r"tripl|soar|surg|swell|swoll|decreas|declin|reduc|cut|push|put|upgrad|downgrad)\w*"
                         r"(?:[^\S\n]+[\w'’-]+){0,3}?[^\S\n]+to[^\S\n]+$", re.IGNORECASE)
# No sentence or clause of another thing between the figure that changed and its new value.
_SENTENCE_BREAK = re.compile(r"[.;:!?](?:[^\S\n]|$)|\n")
# A suspended hyphen between numbers that share the measure written onto the last ("7- or 8-inch").
_SUSPENDED_HYPHEN = re.compile(r"-,?[^\S\n]+(?:(?:or|and|to)[^\S\n]+)?")
# What "a" or "per" may name after an amount: units of measure, periods, and what a price is for.
_PER_UNITS = frozenset(
    "second minute hour day week month quarter year decade century gallon litre liter barrel ounce gram kilogram "
    "kg pound ton tonne share head person unit kwh mwh mile kilometre kilometer km "
    "metre meter foot acre hectare night room seat ticket bottle pack carton bushel".split())
_NOMINAL_POS = frozenset({"ADJ", "NOUN", "PROPN"})
# Dependencies by which a figure's clause is the content of a speech verb, not an adjunct of it.
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "attr", "oprd"})
# Verbs whose subject is the source of the figures in their complement.
SOURCE_VERBS = frozenset(
    "say tell estimate report announce claim add state confirm count record note explain insist "
    "warn write believe think expect predict calculate reckon allege show put cite".split()
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PREPOSITION_DEPS = frozenset({"prt", "prep", "dative", "agent"})
_SUBJECT_MODIFIERS = frozenset({"compound", "det", "amod", "poss", "nmod", "case"})


def _alternation(words: Sequence[str]) -> str:
    """Longest first, so "per cent" wins over a shorter prefix."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_VALUE = rf"(?:{VAGUE_PATTERN}|{NUMBER_PATTERN})"
_CURRENCY = _alternation(list(_CURRENCY_SYMBOLS))
_UNIT_CODES = {**_UNITS, **_CURRENCY_NAMES}
_UNIT = _alternation(list(_UNIT_CODES))
# A unit only written onto the number is never taken after a space ("in 2001 W. Bush", "5 g").
_SPACED = rf"(?!\s(?:{_alternation(sorted(_WRITTEN_ONTO - {'p'}))})\b)"
_RANGE_END = rf"(?:\s*(?P<sep>-to-|-|–|—|up\s+to|to|and|or)\s*(?:(?:{_CURRENCY})\s?)?(?P<high>{NUMBER_PATTERN}))"


def _figure_pattern(range_end: str) -> re.Pattern[str]:
    """A figure: qualifier, currency, value, optional ``range_end``, unit, trailing qualifier.

    The lookbehind keeps numbers glued to words or codes out ("covid-19", "F-16", "9/11"); a minus sign
    or "minus" with space before it makes a value negative ("-1.3%", "minus-260 degrees").
    """
    return re.compile(
        rf"""(?<![\w$€£.,:/-])
        (?:(?P<qual>{_alternation(list(_QUALIFIERS))})(?:\s+|(?<=~)\s*))?
        (?:(?P<lead>between|from)\s+)?
        (?P<core>
          (?P<neg>minus[\s-]|-(?=\d))?
          (?:(?P<cur>{_CURRENCY})\s?)?(?P<low>{_VALUE})(?:(?<=\d)(?P<abbr>{_alternation(list(_AMOUNT_SCALES))})(?!\w))?
          (?:{_SPACED}\s?(?P<unit1>{_UNIT}))?
          {range_end}
        )
        (?:{_SPACED}\s?(?P<unit>{_UNIT})(?![\w]))?
        (?:\s+(?P<trail>{_alternation(list(_TRAILING_QUALIFIERS))}))?
        (?![\w:/]|[.,]\d)""",
        re.IGNORECASE | re.VERBOSE,
    )


_FIGURE_RE = _figure_pattern(rf"{_RANGE_END}?")
# The same without a range (its groups never match, so the names stay), for "2.5 km and 5 miles":
# two figures, since "and" makes a range only after "between".
_SINGLE_FIGURE_RE = _figure_pattern(r"(?P<sep>(?!))?(?P<high>(?!))?")
_ORDINAL_RE = re.compile(
    rf"(?<![\w.,])(?:\d+(?:st|nd|rd|th)|{_alternation(list(ORDINAL_WORDS))})(?!\w)", re.IGNORECASE
)
_ORDINAL_DIGITS = re.compile(r"(\d+)")


def _share_pattern(followed: bool) -> re.Pattern[str]:
    """The share pattern; ``followed``: with what must follow a share in a text ("of the ..."), which a
    figure's own text (``is_share_in_words``, ``stated_value``) does not hold."""
    of_what = r"(?=\s+of\s+(?!(?:an?|one)\b))" if followed else ""
    the_what = r"(?=\s+(?:of\s+)?(?:the|its|their|his|her|our|all|those|these)\b)" if followed else ""
    return re.compile(
        rf"""(?<![\w$€£.,:/-])
        (?:(?P<qual>{_alternation(list(_QUALIFIERS))})(?:\s+|(?<=~)\s*))?
        (?P<core>
          (?P<num>an?|{_RATIO_NUMBER})[\s-]+(?P<fraction>{_alternation(list(FRACTIONS))}){of_what}
          |(?P<half>half){the_what}
          |(?P<part>{_RATIO_NUMBER})\s+(?:out\s+of|in)\s+(?P<whole>{_RATIO_NUMBER})\b(?![,.]?\d)
        )(?!\w)""",
        re.IGNORECASE | re.VERBOSE,
    )


# A share, a figure in percent: a fraction of something ("a third of the city", "two-thirds of its oil",
# not "a quarter of a million"), "half" of something ("half the condos", "half of its fighters"), or one
# number out of another ("three out of four Americans", "eight in 10 people"; not "11 in 2010"; not "one-tenth of
# one per cent").
_SHARE_RE = _share_pattern(followed=True)
_SHARE_TEXT_RE = _share_pattern(followed=False)
# "several hundred", "a few thousand": a scale word alone after a word of an unsaid count.
_BARE_SCALE = re.compile(rf"(?:{'|'.join(SCALES)})", re.IGNORECASE)
_FEW_BEFORE = re.compile(rf"(?<![\w-])(?P<few>{_alternation(list(FEW_WORDS))})\s+$", re.IGNORECASE)
# "half a million", "a quarter of a million", "more than three quarters of a billion": a fraction of a scale.
_A_SCALE = re.compile(rf"an?\s+(?:{'|'.join(SCALES)})", re.IGNORECASE)
_FRACTION_OF_A_SCALE = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_alternation(list(_QUALIFIERS))})\s+)?(?:(?P<num>an?|{_RATIO_NUMBER})[\s-]+)?"
    rf"(?P<fraction>{_alternation(list(FRACTIONS))})\s+(?:of\s+)?$", re.IGNORECASE)
# Words before "half" that make it a part of a time or place, not a share: "the first half of 2011".
_HALF_OF_WHAT = frozenset({"last", "other", "latter", "front", "back", "top", "bottom", "one", "and", "a", "the",
                           *ORDINAL_WORDS})


@dataclass
class _Draft:
    """A figure under construction: the pattern's reading before the parse has its say."""

    start: int
    end: int
    core_start: int
    core_end: int
    low: float
    high: float
    approx: bool
    unit: str | None
    kind: str = "quantity"


def find_figures(doc: Doc, quotes: Sequence[Quote] = ()) -> list[Figure]:
    """Every numeric figure in ``doc``, offsets into ``doc.text``, in text order.

    ``quotes`` must carry offsets into the same text (``doc.text``); a figure inside one is
    attributed to that quote's speaker.
    """
    text = doc_text(doc)
    shares = [f for m in _SHARE_RE.finditer(text) if (f := _share(doc, m, quotes))]
    figures = [f for m in _figure_matches(text) if (f := _figure(doc, text, m, quotes))]
    figures += [f for m in _ORDINAL_RE.finditer(text) if (f := _ordinal(doc, m))]
    # the numbers and fraction words of a share are no figures of their own
    figures = [f for f in figures if not any(s.start < f.end and f.start < s.end for s in shares)]
    return _changed_to(text, _elided(doc, sorted(_uncovered(figures) + shares, key=lambda f: (f.start, f.end))))


def changes(text: str, figures: Sequence[Figure]) -> list[tuple[int, int]]:
    """(old, new) indices of figures where the text says one changed to the other: "the flow rate of 5,000
    barrels per day ... increased last week to between 12,000 and 19,000 barrels", "rose from 40 to 60
    people". The old value is the nearest figure of the same thing before the new one in its sentence,
    whose change the verb right before the new value tells."""
    out = []
    for n, figure in enumerate(figures):
        verb = _CHANGED_TO.search(text, max(0, figure.start - _CONTEXT_WINDOW), figure.start)
        if verb is None or figure.kind != "quantity" or figure.what is None:
            continue
        old = next((k for k in range(n - 1, -1, -1) if figures[k].kind == "quantity"
                    and figures[k].what == figure.what and figures[k].unit == figure.unit
                    and not _SENTENCE_BREAK.search(text, figures[k].end, verb.start())), None)
        if old is not None:
            out.append((old, n))
    return out


def _changed_to(text: str, figures: list[Figure]) -> list[Figure]:
    """A figure something changed to is a value of that thing (``changes``): it takes the old value's rate
    and what happened to it ("increased to between 12,000 and 19,000 barrels": barrels a day spilled, not
    barrels increased)."""
    out = list(figures)
    for old, new in changes(text, figures):
        if out[new].per is None:
            out[new] = replace(out[new], per=out[old].per, predicate=out[old].predicate)
    return out


def _elided(doc: Doc, figures: list[Figure]) -> list[Figure]:
    """Numbers that leave out what they measure, read with the figure that says it: a suspended hyphen
    ("7- or 8-inch": both inches), and bare numbers after a figure that counts something: "3.9 million
    headsets, up from 2.4 million", "fell to 5.2% from 5.5", "435 homes by open sale and 187 by tender"
    (the 2.4 million are headsets, the 5.5 percent). Only after "from", "compared with", "against" and the
    like or a coordinating "and"/"or", a few words on in the same clause; "rose 0.6% to 27,349" is a level.
    What happened to them is their own where a state follows them ("eight fighters were killed and 36
    wounded": 36 fighters injured, whatever the parse hung the number on)."""
    text = doc_text(doc)
    suspended: list[Figure] = []
    for figure in reversed(figures):  # "four-, five- and six-cylinder": each a six-cylinder's kind of measure
        after = suspended[-1] if suspended else None
        if (after is not None and figure.kind == "quantity" and figure.unit is None and after.kind == "measure"
                and _SUSPENDED_HYPHEN.fullmatch(text, figure.end, after.start)):
            figure = replace(figure, kind=after.kind, unit=after.unit, what=after.what)
        suspended.append(figure)
    out: list[Figure] = []
    for figure in reversed(suspended):
        before = out[-1] if out else None
        if (before is not None and figure.kind == "quantity" and figure.unit is None and figure.what is None
                and before.kind == "quantity" and (before.unit is not None or before.what is not None)
                and _ELLIPSIS_LINK.fullmatch(text, before.end, figure.start)):
            state = _state_after_number(doc, figure)
            predicate = PREDICATE_KIN.get(state, state) if state else figure.predicate or before.predicate
            figure = replace(figure, unit=before.unit, what=before.what, per=figure.per or before.per,
                             predicate=predicate)
        out.append(figure)
    return out


def _state_after_number(doc: Doc, figure: Figure) -> str | None:
    """The lemma of the participle or adjective right after a bare number, past adverbs ("36 wounded",
    "five badly hurt"); None when another word follows ("187 by tender")."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    for token in doc[span.end:span.sent.end] if span is not None else ():
        if token.pos_ == "ADV":
            continue
        return lemma_of(token).lower() if token.pos_ in ("VERB", "ADJ") else None
    return None


def _uncovered(figures: Sequence[Figure]) -> list[Figure]:
    """The figures no longer figure holds: "three" inside "three quarters of a billion" (whose draft reached
    back over it) is no figure of its own. One pass in order of start, longest first."""
    out: list[Figure] = []
    reach = -1
    for figure in sorted(figures, key=lambda f: (f.start, -f.end)):
        if figure.end > reach:
            out.append(figure)
        reach = max(reach, figure.end)
    return out


def _share(doc: Doc, match: re.Match[str], quotes: Sequence[Quote]) -> Figure | None:
    """A share as a figure in percent of what it is a share of ("a third of the city": 33.3, "percent of city")."""
    value = _share_value(match, qualified=True)
    if value is None:
        return None
    low, high, approx = value
    start = match.start("qual") if match["qual"] else match.start("core")
    span = doc.char_span(start, match.end(), alignment_mode="expand")
    if span is None:
        return None
    if match["half"] and span.start > 0 and doc[span.start - 1].lower_ in _HALF_OF_WHAT:
        return None  # "the first half of 2011", "one and a half"
    if match["whole"] and _TIME_WORD_AFTER.match(match.string, match.end()):
        return None  # "fell to 5 in two years"
    name = _share_of(doc, span)
    what = f"percent of {name}" if name else "percent"
    return Figure(start=start, end=match.end(), text=match.string[start : match.end()], low=low, high=high,
                  approx=approx, unit="percent", what=what, source=_source(doc, span, quotes),
                  predicate=_predicate(span, what))


def _share_value(match: re.Match[str], qualified: bool) -> tuple[float, float, bool] | None:
    """(low, high, approx) in percent of a ``_SHARE_RE`` match; None when the part exceeds the whole."""
    if match["half"]:
        part, whole = 1.0, 2.0
    elif match["fraction"]:
        part, whole = parse_number(match["num"]) or 1.0, float(FRACTIONS[match["fraction"].lower()])
    else:
        part, whole = parse_number(match["part"]), parse_number(match["whole"])
    if part is None or not whole or part > whole:
        return None
    value = 100.0 * part / whole
    if match["qual"] and qualified:
        return _qualify(value, value, _QUALIFIERS[_normal(match["qual"])])
    return value, value, False


def _share_of(doc: Doc, span: Span) -> str:
    """What a share is of: the noun phrase after it ("of the city", "half the condos", "four Americans"), its
    words up to the noun they modify ("US waters", not "the sum prosecutors sought"); "it" read as the
    nearest place before it; "" when no noun follows or a pronoun stands for people ("a third of those")."""
    for token in doc[span.end : span.sent.end]:
        if token.lower_ == "of" or token.dep_ in ("det", "poss", "predet", "case", "amod", "nummod") or (
                token.pos_ in ("ADJ", "NUM")):
            continue
        if token.pos_ == "PRON":
            return _object_name(doc, token, span.start_char) if token.lower_ == "it" else ""
        if token.pos_ not in ("NOUN", "PROPN"):
            return ""
        while token.dep_ == "compound" and token.i + 1 < span.sent.end and token.nbor().pos_ in ("NOUN", "PROPN"):
            token = token.nbor()
        return _object_name(doc, token, span.start_char)
    return ""


def _figure_matches(text: str) -> Iterator[re.Match[str]]:
    """Figure matches in order; an "X and Y" not led by "between" is read as two numbers."""
    position = 0
    while match := _FIGURE_RE.search(text, position):
        if match["high"] and _two_numbers(match):
            match = _SINGLE_FIGURE_RE.match(text, match.start()) or match
        yield match
        position = match.end()


def _two_numbers(match: re.Match[str]) -> bool:
    """Whether a matched "X sep Y" is two figures, not a range: "X and Y" not led by "between"; "X -Y";
    "grew by 14 to 20" and "grew 14 percent to 2.3 billion" (a unit on X that Y lacks): a change, then a level;
    "110 JPY to 1 USD" (two units)."""
    if match["sep"].lower() == "and" and (match["lead"] or "").lower() != "between":
        return True
    text, sep_start, sep_end = match.string, match.start("sep"), match.end("sep")
    if match["sep"] == "-" and text[sep_start - 1].isspace() and not text[sep_end].isspace():
        return True  # "Stoxx 50 -1.3%": a minus sign, not a range's dash
    if match["sep"] in _DASHES and text[sep_start - 1].isspace() and text[sep_end].isspace() and (
            (high := parse_number(match["high"])) is not None and (low := parse_number(match["low"])) is not None
            and high < low):
        return True  # "put the toll at 3,838 - 2,493 civilians and 1,345 soldiers": a total, then its parts
    sep = " ".join(match["sep"].lower().split())
    if sep == "up to" and not match["lead"]:
        return True  # "rose 5% up to 7%"; "from 450 sq ft up to 900 sq ft" is a range
    if sep == "to" and _BY_BEFORE.search(match.string, max(0, match.start() - _CONTEXT_WINDOW), match.start()):
        return True  # "increased by $43.6 billion to $419.2 billion": a change, then a level
    if sep == "to" and _YEAR_DIGITS.fullmatch(match["low"]) and not _YEAR_DIGITS.fullmatch(match["high"]) and (
            _IN_YEAR_BEFORE.search(text, max(0, match.start() - _CONTEXT_WINDOW), match.start())):
        return True  # "rose 60% in 2018 to 3.9 million": a year, then a level
    if match["unit1"] and match["unit"] and _UNIT_CODES.get(_normal(match["unit1"])) != _UNIT_CODES.get(
            _normal(match["unit"])):
        return True  # "110 JPY to 1 USD": two amounts of different units, no range
    # "grew 14 percent to 2.3 billion": a change, then a level; "from 208 pounds to 193" is a range
    return bool(match["unit1"]) and not match["unit"] and sep == "to" and not match["lead"]


def _figure(doc: Doc, text: str, match: re.Match[str], quotes: Sequence[Quote]) -> Figure | None:
    draft = _draft(match, qualified=not _qualifier_is_preposition(doc, match))
    if draft is None:
        return None
    _classify(draft, text, match)
    if draft.kind == "quantity" and draft.unit in _TIME_UNITS:
        draft.kind = "duration"  # "3min"
    core = doc.char_span(draft.core_start, draft.core_end, alignment_mode="expand")
    if core is None:
        return None
    if _is_appositive_age(core, draft, match):
        draft.kind, draft.unit = "age", "year"
    elif not match["cur"] and draft.unit is None and draft.kind == "quantity" and _is_duration(core.root):
        if _is_time_ago(core.root):
            return None  # "three years ago" says when, a time reference's business
        draft.kind, draft.unit = "duration", lemma_of(core.root.head).lower()  # a _TIME_UNITS word
    elif _is_not_a_figure(doc, core, draft, match):
        return None
    whole = doc.char_span(draft.start, draft.end, alignment_mode="expand") or core
    what = _counted(doc, core, whole, draft)
    return Figure(
        start=draft.start,
        end=draft.end,
        text=text[draft.start : draft.end],
        low=draft.low,
        high=draft.high,
        approx=draft.approx,
        unit=draft.unit,
        what=what,
        source=_source(doc, whole, quotes),
        kind=draft.kind,
        predicate=_predicate(whole, what),
        per=_per(text, draft.end, draft.unit) or _per_before(text, draft.start),
    )


def _qualifier_is_preposition(doc: Doc, match: re.Match[str]) -> bool:
    """"took over two districts", "under two regimes": the word belongs to the verb or phrase."""
    if not match["qual"]:
        return False
    span = doc.char_span(match.start("qual"), match.end("qual"), alignment_mode="expand")
    return span is not None and any(t.dep_ in _PREPOSITION_DEPS for t in span)


def _draft(match: re.Match[str], qualified: bool = True) -> _Draft | None:
    """Value, range, qualifier and unit as the pattern reads them; None when it is no figure.

    ``qualified=False`` ignores a qualifier the parse shows to be a preposition or particle.
    """
    low_text, high_text = match["low"], match["high"]
    vague = parse_vague(low_text)
    low, high = vague if vague else (parse_number(low_text),) * 2
    if low is None:
        return None
    if (match["cur"] or "").lower() == "ps" and (match.string[match.end("cur")].isspace() or (
            not match["abbr"] and _PLAIN_DIGITS.fullmatch(low_text))):
        return None  # "PS 118", "PS4": no pound sign
    if match["abbr"]:
        if high_text or not (match["cur"] or _SCALED_COUNT.match(match.string, match.end("abbr"))):
            return None
        low = high = low * _AMOUNT_SCALES[match["abbr"].lower()]
    if match["neg"] and not high_text:  # "-1.3%", "minus-5 yards"
        low = high = -low
    if high_text:
        high = parse_number(high_text)
        if high is None or high <= low and match["sep"].lower() in (*_DASHES, "-to-"):
            return None  # "3-2", "89-89" and "won 3-to-1" are scores, not ranges ("0-to-60-mph" is one)
        low = low * _trailing_scale(low_text, high_text, low, high)
        if high < low:  # "slowed from 4.8 to 4.7 percent": the span it moved over, as a rise's is
            low, high = high, low
    approx = vague is not None
    start = match.start("lead") if match["lead"] and high_text else match.start("core")
    fraction = _FRACTION_OF_A_SCALE.search(match.string, max(0, start - _CONTEXT_WINDOW), start) if (
        not match["qual"] and _A_SCALE.fullmatch(low_text)) else None
    if fraction:  # "half a million", "a quarter of a million": a fraction of the scale
        share = (parse_number(fraction["num"] or "one") or 1.0) / FRACTIONS[fraction["fraction"].lower()]
        low, high, start = low * share, high * share, fraction.start()
        if fraction["qual"] and qualified:
            low, high, approx = _qualify(low, high, _QUALIFIERS[_normal(fraction["qual"])])
    few = _FEW_BEFORE.search(match.string, max(0, start - _CONTEXT_WINDOW), start) if (
        not match["qual"] and not high_text and _BARE_SCALE.fullmatch(low_text)) else None
    if few:  # "several hundred": an unsaid number of hundreds
        factors = FEW_WORDS[_normal(few["few"])]
        low, high, approx, start = low * factors[0], high * factors[1], True, few.start()
    if match["qual"] and qualified:
        low, high, approx = _qualify(low, high, _QUALIFIERS[_normal(match["qual"])])
        start = match.start("qual")
    if match["trail"]:
        low, high, approx = _qualify(low, high, _TRAILING_QUALIFIERS[_normal(match["trail"])])
    end = max(match.end("core"), match.end("unit"), match.end("trail"))
    unit_text = match["unit"] or match["unit1"]
    group = "unit" if match["unit"] else "unit1"
    if unit_text in _OTHER_IN_CAPITALS:
        return None  # "5G"
    if unit_text and unit_text.lower() in _WRITTEN_ONTO and (
            match.string[match.start(group) - 1].isspace() or _CLOCK_LETTERS.match(match.string, match.end(group))):
        return None  # "2 p.m." is a time, "5 p" no price
    unit = _UNIT_CODES[_normal(unit_text)] if unit_text else None
    if match["cur"]:
        unit = _CURRENCY_SYMBOLS[match["cur"].lower()]
    return _Draft(start, end, match.start("core"), match.end("core"), low, high, approx, unit)


def is_share_in_words(figure: Figure) -> bool:
    """Whether the figure is a share said in words ("a third", "three out of four"), not in percent."""
    return _SHARE_TEXT_RE.fullmatch(figure.text) is not None


def stated_value(figure: Figure) -> tuple[float, float]:
    """The value a figure's text states, before a qualifier widens it: "more than 60%" states 60 (the
    figure's ``low``/``high``, 60-90, say what it may be, for comparing), "hundreds" the hundreds
    (100-1,000; compared as 200-999); its own value otherwise."""
    if share := _SHARE_TEXT_RE.fullmatch(figure.text):
        value = _share_value(share, qualified=False)
        return (value[0], value[1]) if value else (figure.low, figure.high)
    if order := stated_order(figure.text):
        return order  # "tens of thousands" states an order of magnitude; it is compared as 20,000-99,999
    match = _FIGURE_RE.fullmatch(figure.text)
    if match is None or not (match["qual"] or match["trail"]):
        return figure.low, figure.high
    bare = _draft(match, qualified=False)
    if bare is None or match["trail"]:
        return figure.low, figure.high
    return bare.low, bare.high


def _normal(words: str) -> str:
    """Lowercase with single spaces, the form the word tables use."""
    return " ".join(words.lower().split())


def _qualify(low: float, high: float, factors: tuple[float, float]) -> tuple[float, float, bool]:
    return low * factors[0], high * factors[1], True


def _trailing_scale(low_text: str, high_text: str, low: float, high: float) -> float:
    """"1 to 2 million": a scale word on the high end only applies to the low end too."""
    scale = _ENDING_SCALE.search(high_text)
    if scale is None or _ENDING_SCALE.search(low_text):
        return 1.0
    factor = SCALES[scale[1].lower()]
    return factor if low * factor <= high else 1.0


def _classify(draft: _Draft, text: str, match: re.Match[str]) -> None:
    """Age, measure or year from the characters around the number (extends the span)."""
    after = text[draft.end : draft.end + _CONTEXT_WINDOW]
    unitless = draft.unit is None  # "roughly 300,000 years old", "aged over 65", "aged 25 to 54": ages too
    age = _AGE_AFTER.match(after)
    if age and unitless:
        draft.kind, draft.unit, draft.end = "age", "year", draft.end + age.end()
        return
    window_start = max(0, draft.start - _CONTEXT_WINDOW)
    aged = _AGE_BEFORE.search(text[window_start : draft.start])
    if aged and unitless:
        draft.kind, draft.unit, draft.start = "age", "year", window_start + aged.start()
        return
    hyphen = _HYPHEN_WORD.match(after)
    # "43.4 percent-owned": a unit said already, the hyphen joins it to an adjective
    if hyphen and hyphen[1].lower() not in NUMBER_WORDS and draft.unit is None:
        suffix = hyphen[1].lower()
        draft.end += hyphen.end()
        if suffix in _COUNT_SUFFIXES:
            draft.approx = draft.approx or _COUNT_SUFFIXES[suffix]
        else:
            draft.kind = "measure"
            draft.unit = _UNITS.get(suffix) or _HYPHENATED_UNITS.get(suffix, suffix)
        return
    if draft.unit is None and all(
        _YEAR_DIGITS.fullmatch(part or "") for part in (match["low"], match["high"] or match["low"])
    ):
        draft.kind = "year"


def _is_appositive_age(core: Span, draft: _Draft, match: re.Match[str]) -> bool:
    """"Jane Doe, 22, said": a bare small whole number set off by commas after a name."""
    root = core.root
    doc = core.doc
    return (
        draft.kind == "quantity"
        and draft.unit is None
        and not (match["qual"] or match["high"] or match["lead"])
        and draft.low.is_integer()
        and 0 < draft.low <= _MAX_AGE
        and root.dep_ == "appos"
        and root.head.pos_ == "PROPN"
        and core.start > 0
        and doc[core.start - 1].text == ","
        and (core.end == len(doc) or doc[core.end].is_punct)
    )


def _is_not_a_figure(doc: Doc, core: Span, draft: _Draft, match: re.Match[str]) -> bool:
    """Pronoun "one", date parts, clock times, labels and numbers inside or after names."""
    if draft.kind in ("age", "year", "measure"):
        return False
    root = core.root
    words = [t.lower_ for t in core]
    if words == ["one"] and root.dep_ != "nummod":
        return True  # "one of the positions", "no one": a pronoun, not a count
    before = doc[core.start - 1].lower_.rstrip(".") if core.start > 0 else ""
    after = doc[core.end].lower_.rstrip(".") if core.end < len(doc) else ""
    # "thousands may have died": a modal, no month ("5 may 2010" in lowercased text is one)
    modal_after = (core.end < len(doc) and doc[core.end].tag_ == "MD"
                   and not (core.end + 1 < len(doc) and doc[core.end + 1].like_num))
    if before in _MONTHS or (after in _MONTHS and not modal_after) or after in _CLOCK_WORDS or before in _LABEL_WORDS:
        return True
    if before in ("and", "or", ",") and core.start >= 3 and doc[core.start - 2].like_num and (
            doc[core.start - 3].lower_.rstrip(".") in _LABEL_WORDS):
        return True  # "paragraphs 11 and 12": the second label too
    if root.dep_ == "nummod" and root.head.pos_ == "PROPN" and root.head.i < root.i and not draft.unit:
        return True  # "Ixtoc 1", "Apollo 13", "Flight 370": the number after a name is part of it
    if (not draft.unit and not match["qual"] and match["low"][:1].isdigit() and core.start > 0
            and _names(doc[core.start - 1])):
        return True  # "S&P 500 rose", "Stoxx 50 -1.3%", "iPhone 12 Mini", "Game 7": a name's number, in digits
    if _STREET.match(doc_text(doc), core.end_char):
        return True  # "9 E 71st St", "358 El Brillo Way": a house number
    if _in_short_quote(doc, draft.start, draft.end):
        return True  # a "million man march", the “Big 4”: a name in quote marks, no count
    if (not draft.unit and not match["qual"] and 2 <= core.start and core.end < len(doc)
            and doc[core.start - 1].text in _OPENING_BRACKETS and doc[core.end].text in _CLOSING_BRACKETS
            and doc[core.start - 2].pos_ == "PROPN"):
        return True  # "Dak Prescott (4) celebrates": a player's shirt number, a list's label
    # a number the entity finder put inside a name ("Boeing 737"), unless a unit says it measures ("Pro 16 inch")
    return not draft.unit and any(t.ent_type_ in _NAME_LABELS for t in core if t.like_num)


def _in_short_quote(doc: Doc, start: int, end: int) -> bool:
    """Whether the figure at ``start:end`` lies inside a phrase of at most ``_SHORT_QUOTE_WORDS`` words in
    quote marks that holds other words and no verb: a name ("million man march"), not a statement
    (``"40 people died"``) nor a figure in quote marks (the “2 percent” target)."""
    text = doc_text(doc)
    before = _SHORT_QUOTE_OPEN.search(text, max(0, start - _CONTEXT_WINDOW), start)
    after = _SHORT_QUOTE_CLOSE.match(text, end)
    if not (before and after and len(text[before.start("words"):after.end("words")].split()) <= _SHORT_QUOTE_WORDS):
        return False
    phrase = doc.char_span(before.start("words"), after.end("words"), alignment_mode="expand")
    others = [t for t in phrase or () if t.is_alpha and not (start <= t.idx < end)]
    return phrase is not None and bool(others) and not any(t.pos_ in ("VERB", "AUX") for t in phrase)


def _names(token: Token) -> bool:
    """Whether ``token`` is a word of a name that a number right after it would continue: a proper
    noun, a mixed-case word ("iPhone"), or a capitalised noun inside its sentence ("Game")."""
    if not token.is_alpha:  # "S&P", "AT&T"
        return token.pos_ == "PROPN" and any(c.isalpha() for c in token.text)
    if token.pos_ == "PROPN":
        return True
    if token.text[:1].islower() and any(c.isupper() for c in token.text[1:]):
        return token.pos_ not in _FUNCTION_POS  # "iPhone", "eBay"
    opens = token.i == token.sent.start or not token.nbor(-1).is_alpha
    return token.text[:1].isupper() and token.pos_ in ("NOUN", "X") and not opens  # "Game 7", "Model 3"


def _is_time_ago(token: Token) -> bool:
    """The duration dates something: "three years ago", "two days earlier"."""
    after = token.head.i + 1
    return after < len(token.doc) and token.doc[after].lower_ in _AGO_WORDS


def _is_duration(token: Token) -> bool:
    """The number counts time units ("three years ago", "for 10 days")."""
    return token.dep_ == "nummod" and lemma_of(token.head).lower() in _TIME_UNITS


def _ordinal(doc: Doc, match: re.Match[str]) -> Figure | None:
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    word = match[0].lower()
    if word in ORDINAL_WORDS and token.pos_ not in ("ADJ", "ADV"):
        return None  # "a second" (time), "to second a motion"
    around = (span.start - 1, span.end, span.end + 1)
    neighbours = {doc[i].lower_.rstrip(".") for i in around if 0 <= i < len(doc)}
    if neighbours & _MONTHS:
        return None  # "October 5th", "the 5th of October"
    digits = _ORDINAL_DIGITS.match(word)
    value = float(digits[1]) if digits else float(ORDINAL_WORDS[word])
    head = token.head if token.dep_ in ("amod", "nummod") and token.head.pos_ == "NOUN" else None
    return Figure(
        start=match.start(),
        end=match.end(),
        text=match[0],
        low=value,
        high=value,
        approx=False,
        unit=None,
        what=lemma_of(head).lower() if head is not None else None,
        kind="ordinal",
    )


def _counted(doc: Doc, core: Span, whole: Span, draft: _Draft) -> str | None:
    """What the number counts, as a lowercase lemma ("fighter", "percent of <place>")."""
    percent = next((t for t in whole if t.lower_ in _PERCENT_WORDS), None)
    if draft.unit == "percent":
        target = _of_object(percent if percent is not None else core.root)
        name = _object_name(doc, target, draft.start) if target is not None else ""
        return f"percent of {name}" if name else "percent"
    if core.end < len(doc) and doc[core.end].lower_ == "of":
        target = _of_object(doc[core.end], own=True)
        counted = target is not None and target.pos_ in ("NOUN", "PROPN")
        return lemma_of(target).lower() if counted else None
    root = _number_root(whole)
    head = root.head
    if root.dep_ in _MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.is_alpha and head not in whole:
        return _narrowed(doc, head, whole.end)
    return _following_noun(doc, whole)


def _narrowed(doc: Doc, head: Token, after: int) -> str:
    """The counted noun's lemma after the common words between the number and it that say which of
    them are counted ("800,000 eligible pensioners" -> "eligible pensioner", "9.3 million shipping
    containers" -> "shipping container", "14 first-team players" -> "first-team player"): a different
    quantity from the bare noun's. Only when all the words between are such words: with a name or a
    capitalised word among them the noun alone ("275 Northern ZK rebels", "700 islamic state fighters"
    -> "rebel", "fighter"), as where they are from or with is a place or a side, which fuse reads from
    the text and the entities, and a name in lowercased text is not always known for one."""
    between = doc[after:head.i]
    narrowing = all(token.text == "-" or (
        token.dep_ in _COUNTED_MODIFIER_DEPS and token.pos_ in _COUNTED_MODIFIER_POS
        and token.tag_ not in _COMPARATIVE_TAGS and token.is_alpha and not token.ent_type_
        and not (token.is_title or token.is_upper) and head in token.ancestors) for token in between)
    words = doc.text[between.start_char:head.idx].strip("- ") + " " if narrowing and len(between) else ""
    noun = lemma_of(head)
    if head.tag_ == "NNPS" and noun == head.text and noun.endswith("s") and not noun.endswith("ss"):
        noun = noun[:-1]  # "1,307,000 Americans": the rule lemmatizer leaves a plural name as it is
    return " ".join((words + noun).lower().split())


def _predicate(whole: Span, what: str | None) -> str | None:
    """What happens to what is counted, as a lemma: the nearest verb above the counted noun (or the
    number) that is not a speech or auxiliary verb ("11 people were killed" -> "kill", "officials said
    300 fighters remain" -> "remain"), else an adjective said of it ("two people missing" -> "missing")
    or the state a "be" puts it in ("three million people are in need of aid" -> "need"; not a place:
    "are in the old town"), or what happened in that be's subject ("the amount of oil spilt is ..." -> "spill");
    None when the sentence says nothing of it. Kin lemmas are one predicate (``PREDICATE_KIN``)."""
    root = _number_root(whole)
    noun = what.partition(" of ")[0].split()[-1] if what else None
    start = root.head if noun and lemma_of(root.head).lower() == noun and root.head not in whole else root
    if (valued := _valued_as(start)) is not None:
        return valued
    if start is not root and (said := _said_in_phrase(start)) is not None:
        return PREDICATE_KIN.get(said, said)
    for token in (start, *start.ancestors):
        if token.pos_ == "VERB" and lemma_of(token).lower() in _LEVEL_VERBS and _reached(token, start):
            return _subject_predicate(token)  # "the death toll rose to 300": what the toll counts, not "rise"
        if token.pos_ == "VERB" and lemma_of(token).lower() not in SOURCE_VERBS:
            # "hundreds feared dead", "1.5 million left homeless", "left 10,000 people dead", "missing and
            # presumed dead": the state is said by the adjective
            lemma = lemma_of(_state_after(token) or _state_of(token) or _become(token) or token).lower()
            return PREDICATE_KIN.get(lemma, lemma)
        said = next((c for c in token.children if c.pos_ == "ADJ" and c.i > token.i
                     and c.dep_ in ("amod", "acomp")), None) if token.pos_ in ("NOUN", "AUX") else None
        if said is not None:
            return PREDICATE_KIN.get(lemma_of(said).lower(), lemma_of(said).lower())
        if token.pos_ == "AUX" and lemma_of(token) == "be":  # "are in need of aid", "were in custody"
            state = next((o for c in token.children if c.dep_ == "prep" and c.i > token.i
                          for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"
                          and not any(d.dep_ in ("det", "poss") for d in o.children)), None)
            if state is not None:
                return PREDICATE_KIN.get(lemma_of(state).lower(), lemma_of(state).lower())
            if (told := _subject_participle(token, start)) is not None:
                return PREDICATE_KIN.get(lemma_of(told).lower(), lemma_of(told).lower())
        if token.pos_ == "VERB":  # a speech verb: "believed to remain" says it in its complement, as
            # does a clause that lacks the subject the parser hung from the speech verb ("predicted up to
            # a third of the population could become infected")
            then = next((c for c in token.children if c.pos_ == "VERB" and (c.dep_ == "xcomp" or (
                c.dep_ == "ccomp" and not any(d.dep_ in _SUBJECT_DEPS for d in c.children)))), None)
            if then is None:
                return None
            lemma = lemma_of(_become(then) or then).lower()
            return PREDICATE_KIN.get(lemma, lemma)
    return None


# A verb saying what a count is thought to have become, after "missing and": "missing and presumed dead".
_PRESUMED = frozenset({"presume", "fear", "believe", "think"})
# Kinds of place: a count of them after "in", "to", "across" counts where something is found ("cases in 41
# states", "has spread to 48 states", "people in 24 countries"), whatever the verb says happened there.
_PLACE_NOUNS = frozenset("country nation state province region city town village county territory district "
                         "continent".split())
_WHERE_FOUND = frozenset({"in", "to", "across", "throughout", "from"})  # "1,003 cases from 20 countries"
# The predicate of such a count: the places something is in.
FOUND_IN = "in"


def _said_in_phrase(noun: Token) -> str | None:
    """What happened to a counted noun that hangs from a preposition, as its own phrase says it: a
    participle or a relative clause after it or after its "of" ("two dozen lawsuits *filed*", "led to 206
    million gallons of oil *spewing*", "of the 4 million barrels that *flowed*"), or a noun of a known
    predicate it counts for ("a *flow* rate of 5,000 barrels", "the *deaths* of 300 people"); for a count
    of places where something is found, ``FOUND_IN``; None otherwise. A noun that is the subject or object
    of its verb takes the verb ("300 people living there were killed": "kill")."""
    if noun.dep_ != "pobj":
        return None
    if noun.head.lower_ in _WHERE_FOUND and lemma_of(noun).lower() in _PLACE_NOUNS:
        return FOUND_IN
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owners = [noun, *(o for o in (of.children if of is not None else ()) if o.dep_ == "pobj")]
    participle = next((c for o in owners for c in o.children if c.pos_ == "VERB" and c.i > o.i
                       and lemma_of(c).lower() not in SOURCE_VERBS
                       and (c.dep_ == "acl" or (c.dep_ == "relcl" and _relative_subject(c)))), None)
    if participle is not None:
        return lemma_of(participle).lower()
    head = noun.head.head if noun.head.lower_ == "of" else None
    return _named_predicate(head) if head is not None and head.pos_ == "NOUN" else None


# Verbs that bring a count to a new level ("rose to 300", "reached 5,251"): the level is the count's, and what
# happened to what it counts is said by the subject ("the death toll"), if at all.
_LEVEL_VERBS = frozenset("rise increase climb jump grow soar surge swell reach fall drop decline decrease".split())


def _reached(verb: Token, start: Token) -> bool:
    """Whether the figure is the level a verb brings its subject to: after "to" ("rose to 300") or, for
    "reach", its object ("reached 5,251")."""
    head = start
    while head.dep_ == "conj" and head.head != verb:
        head = head.head
    if head.head == verb:
        return head.dep_ == "dobj" and lemma_of(verb).lower() == "reach"
    return head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head == verb


def _subject_predicate(verb: Token) -> str | None:
    """The known predicate a verb's subject names ("the death toll", "deaths"), else None."""
    return _named_predicate(next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None))


def _named_predicate(noun: Token | None) -> str | None:
    """The known predicate (``PREDICATE_KIN``) a noun or a compound of it names ("death toll", "flow rate"):
    its group, else None."""
    for word in (noun, *(c for c in noun.children if c.dep_ == "compound")) if noun is not None else ():
        lemma = lemma_of(word).lower()
        if lemma in PREDICATE_KIN or lemma in _PREDICATE_GROUPS:
            return PREDICATE_KIN.get(lemma, lemma)
    return None


def _valued_as(token: Token) -> str | None:
    """The predicate a noun names where a verb sets it at the figure, which counts it ("put the death toll at
    9,000", "at 1,297 civilians and 340 security force members"; "deaths were estimated at 300"): "die"; None
    when no such noun names a known predicate ("valued the company at $2bn")."""
    while token.dep_ == "conj":
        token = token.head
    at = token.head
    if token.dep_ != "pobj" or at.lower_ != "at" or at.head.pos_ not in ("VERB", "AUX"):
        return None
    return _named_predicate(next((c for c in at.head.children if c.dep_ in ("dobj", "nsubjpass")), None))


def _relative_subject(verb: Token) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("barrels *that* flowed"): it says what
    happened to the noun, not what the noun did to something ("barrels that BP collected" does too, but
    as an object; only subjects are read)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which", "who") for c in verb.children)


def _state_of(verb: Token) -> Token | None:
    """The state a verb leaves its object in, as the parse attaches it ("left 10,000 people *dead*"), or
    that a "presumed", "feared" joined to it says ("missing and presumed *dead*", "missing and presumed to
    have been *killed*")."""
    state = next((c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "ADJ"), None)
    if state is not None:
        return state
    presumed = next((c for c in verb.children if c.dep_ == "conj" and lemma_of(c).lower() in _PRESUMED), None)
    if presumed is None:
        return None
    return next((c for c in presumed.children if (c.dep_ == "oprd" and c.pos_ == "ADJ")
                 or (c.dep_ == "xcomp" and c.pos_ == "VERB")), None)


def _subject_participle(be: Token, figure: Token) -> Token | None:
    """The verb that says what happened in the subject a "be" gives the figure ("the total amount of oil
    *spilt* into the Gulf is 4.9 million barrels", "the number of people *killed* is 200"), a participle or a
    relative clause; None when the figure is in the subject itself."""
    subject = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.left_edge.i <= figure.i <= subject.right_edge.i:
        return None
    return next((t for t in subject.subtree if t.pos_ == "VERB" and t.dep_ in ("acl", "relcl")
                 and lemma_of(t).lower() not in SOURCE_VERBS), None)


# Verbs that only link their subject to the state after them: "became infected", "got hurt".
_LINKING_VERBS = frozenset({"become", "get"})


def _become(verb: Token) -> Token | None:
    """The participle or adjective a linking verb puts its subject in ("could become *infected*")."""
    if lemma_of(verb).lower() not in _LINKING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in ("acomp", "oprd", "xcomp") and c.pos_ in ("VERB", "ADJ")), None)


def _state_after(verb: Token) -> Token | None:
    """The adjective right after ``verb`` that says the state it leaves its object in ("left homeless",
    "feared dead"), not one opening a noun phrase ("killed innocent civilians"); read from word order,
    which the parser gets right more often than the attachment."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is None or after.pos_ != "ADJ" or after.head.pos_ == "NUM" or after.head.like_num:
        return None  # "killed more than 150": a qualifier of the number, no state
    following = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if following is not None and following.lower_ == "than":
        return None
    return after if following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ") else None


def _per(text: str, end: int, unit: str | None) -> str | None:
    """What one of the figure is per: the period of a rate ("1,000 barrels a day" -> "day", from the
    words after it) or, right after an amount or a measure (``unit``), what a price or speed is for
    ("$52 a barrel" -> "barrel"), past a conversion in brackets ("C$6 (US$4.46) per share", "40,000
    barrels (1.7 million gallons) of oil a day")."""
    if bracketed := _BRACKETED.match(text, end):
        end = bracketed.end()
    if unit is not None and (match := _PER_UNIT.match(text, end)):
        word = match["unit"].lower()
        if word in _PER_UNITS:
            return word
    after = text[end:end + PER_WINDOW_CHARS]
    if rate := _WORD_THEN_BRACKETED_RATE.match(after):
        return rate["period"].lower()
    if conversion := _WORD_THEN_BRACKETED.match(after):
        after = conversion[1] + after[conversion.end():]
    match = _PER.match(after) or _PER_FAR.match(after)
    if match is None:
        return None
    return match["period"].lower() if match["period"] else _PER_ADVERBS[match["adverb"].lower()]


def _per_before(text: str, start: int) -> str | None:
    """The period of a rate said before the figure: "a daily leak of about 35,000 barrels" -> "day"."""
    match = _PER_BEFORE.search(text, max(0, start - PER_BEFORE_CHARS), start)
    return _RATE_ADJECTIVES[match["adjective"].lower()] if match else None


def _number_root(span: Span) -> Token:
    """The token linking the figure to the sentence, preferring one that modifies a noun.

    ``Span.root`` may pick the article of "a dozen tanks", which hangs from the noun as
    ``det`` while the number itself is the modifier.
    """
    outward = [t for t in span if t.head not in span or t.head == t]
    return next((t for t in outward if t.dep_ in _MODIFIER_DEPS), span.root)


def _following_noun(doc: Doc, span: Span) -> str | None:
    """The noun closing the nominal run right after the number, when the parse went astray.

    An all-caps acronym after a number ("300 IS fighters") can derail the parser; the run of
    adjectives and nouns that follows still ends in the counted noun.
    """
    nouns = []
    for token in doc[span.end : span.sent.end]:
        if token.pos_ not in _NOMINAL_POS and not (token.is_upper and len(token) > 1):
            break  # an all-caps word inside the run is an acronym, whatever its tag ("IS")
        nouns.append(token)
    last_noun = next((t for t in reversed(nouns) if t.pos_ == "NOUN" and t.is_alpha), None)
    return lemma_of(last_noun).lower() if last_noun is not None else None


def _of_object(token: Token, own: bool = False) -> Token | None:
    """The object of "of" after ``token`` ("percent of the city"); ``own``: token is the "of"."""
    preps = [token] if own else [c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"]
    objects = [c for p in preps for c in p.children if c.dep_ == "pobj"]
    return objects[0] if objects else None


def _object_name(doc: Doc, token: Token, before: int) -> str:
    """A lowercase name for an of-object; a pronoun becomes the nearest preceding place, if any."""
    if token.pos_ == "PRON":
        places = [e for e in doc.ents if e.label_ in _PLACE_LABELS and e.end_char <= before]
        return places[-1].text.lower() if places else ""
    if token.pos_ == "PROPN":
        parts = [t for t in token.lefts if t.dep_ == "compound"] + [token]
        return " ".join(t.lower_ for t in parts)
    return lemma_of(token).lower()


def _source(doc: Doc, figure: Span, quotes: Sequence[Quote]) -> str | None:
    """Who gives the figure: the enclosing statement's speaker, else a governing speech verb's subject
    (whoever holds a position, "forces pounded the city, killing 30", does not give its figures)."""
    for quote in quotes:
        if quote.kind == SPEECH and quote.start <= figure.start_char and figure.end_char <= quote.end:
            return quote.speaker
    root = _number_root(figure)
    path = [root, *root.ancestors]
    for below, ancestor in zip(path, path[1:]):
        for child in ancestor.children:
            if child.lower_ == "according":
                target = next((o for p in child.children for o in p.children if o.dep_ == "pobj"), None)
                if target is not None:
                    return _subject_phrase(doc, target)
        if lemma_of(ancestor).lower() not in SOURCE_VERBS or below.dep_ not in _CONTENT_DEPS:
            continue
        subject = next((c for c in ancestor.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None:
            continue
        return None if subject.pos_ == "PRON" else _subject_phrase(doc, subject)
    return None


def _subject_phrase(doc: Doc, head: Token) -> str:
    """The subject's name without appositions, clauses or epithets ("the SDF", "SDF officials")."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ not in _SUBJECT_MODIFIERS or child.right_edge.i != start - 1:
            break  # stop at a comma or clause: keep only the contiguous name
        if head.pos_ == "PROPN" and not (child.pos_ == "PROPN" or child.dep_ == "det"):
            break  # a name's titles and epithets ("22-year-old fighter") are not the name
        start = child.left_edge.i
    return doc[start : head.i + 1].text
