"""Per-article analysis: sentences, mentions, alias evidence, quotes, figures, time references.

Each finder is a pure function over a spaCy ``Doc`` of the *reading* text and returns items whose
offsets index ``doc.text``; ``crosswire.analyze.pipeline`` maps them back to the text as given.
"""

# Stored with every analysis; `crosswire reanalyze` re-runs the articles an older version analysed.
# Raise it whenever a change to restore/ or analyze/ changes what an analysis holds.
# 2: ASCII-pair quote marks, names never span corpus brackets or cased common words
# 3: zones (reader comments, page furniture, bylines) found and their mentions, aliases, quotes,
#    figures and time references dropped (analyze/zones.py)
# 4: figures carry their predicate ("remain", "die") and the period of a rate ("a day")
# 5: clock times with a zone ("00.50 BST") and labels ("number one") are not figures; durations are
#    figures of kind "duration"; units and currency scales written onto a number ("1.38pc", "$13.6M");
#    "by X to Y" is two figures; PTB bracket tokens ("-LRB-") are read by the model as the brackets they
#    stand for (analyze/nlp.py), and a blog comment's "<date> at <time> | Reply" line opens the comments zone
# 6: "pulled alive", "found alive" are the rescue predicate, "are in need of aid" the predicate "need"; the
#    numbers of a share ("three out of four", "eight in 10") are figures of kind "ratio", not counts; a
#    number after a name ("Ixtoc 1") is no figure; "530m litres" is 530 million, "-1.3%" negative, "EUR50m"
#    euros; a dateline after a page's stamp or highlights ("... TRIPOLI -LRB- Reuters -RRB- -") is found
# 7: a price or speed says what one of it is for ("$52 a barrel": per "barrel"; "a month ago" is no rate);
#    currencies named after an amount ("Australian dollars"), heat, area and volume units ("degrees
#    Celsius", "sq m", "cubic feet"); a number in digits after a name ("S&P 500", "iPhone 12") or a house
#    number ("9 E 71st St,") is no figure; "12.3m tonnes" is 12.3 million tonnes
# 8: verbs learned from PolNeAR train as attribution cues ("indicated", "questioned", "pointed out":
#    ``analyze/speech_verbs.txt``) mark reported speech beside the hand-written ones
# 9: positions ("backed the bill", "refused to speculate": ``Quote.kind`` "position") where a model
#    learned from PolNeAR train (``analyze/stance_cues.json``) takes a verb as attributing one
# 10: an attribution set between commas ("The plan, he said, will fail") attributes both pieces of the
#    statement it interrupts; without quote marks also a clause of its own subject after it ("..., she
#    said, and nobody will ...")
# 11: basis points, litres, inches, km/h, pence ("164p") and ISO codes after an amount ("1,000 USD", "108.79 JPY=") are units; a unit
#    joined by a hyphen ("43.4 percent-owned") stays the unit; "110 JPY to 1 USD" is two amounts; a
#    falling "from 4.8 to 4.7 percent" is the range it moved over, as a rising one is; "from 450 sq ft up to
#    900 sq ft" is a range; "5 in two years" is no share
# 12: a run of blog-comment date lines without their reply link ("March 1 , 2011 at 6:22 pm | ...") opens
#    the comments zone
# 13: an opener before an interrupting attribution ("But, officials say, ...") is no piece of the statement
# 14: a share is one figure in percent of what it is a share of ("a third of the city", "half the condos",
#    "three out of four Americans"; its numbers were two "ratio" figures); units only written onto a number
#    ("5-10W", "45g", "1.0l", "3min": a duration) and milligrams, millilitres, pounds (lb), megawatts;
#    "~25" is approximate; ".001" a number; "89-89" a score; "in 2018 to 3.9 million" a year, then a level;
#    "Dak Prescott (4)" no figure; a number with a unit inside a product's name ("Pro 16 inch") is a figure
# 15: "killed more than 150" says its predicate through the verb ("die"); "more" is no state of the dead
# 16: an age may be qualified ("roughly 300,000 years old", "aged over 65") or follow "the age of"
# 17: a number after a noun naming numbered things is a label ("resolution 678", "page 12", "article 5")
# 18: a number in a short quoted name without a verb ("a `` million man march ''", the “Big 4”) is no count
# 19: "half a million" is 500,000 and "a quarter of a million" 250,000 (both read as a million before)
# 20: "several hundred" is 300-900 and "a few thousand" 2,000-5,000 (read as 100 and 1,000 before)
# 21: labels in the plural and listed ("paragraphs 11 and 12") count nothing; an age may be a range ("aged 25
#    to 54": a count of people before)
# 22: what is counted keeps the common words that narrow it ("eligible pensioner", "shipping container");
#    "6.5 times earnings" and "a 6-fold rise" are multiples (unit "times"); a bare number after a figure and
#    "from", "against", "and" ... counts what it counts ("3.9 million headsets, up from 2.4 million"); "7- or
#    8-inch" both inches; "0-to-60-mph" a range; "PS2.7m" (ASCII for "£") pounds; a rate "per century"
# 23: a reader-comment section is found before the parse (``zones.comments_start``) and never parsed: no
#    sentences there; it opens at the earlier of that and the parse's sentence that opens one
# 24: a bare number read with the figure before it keeps what happened to it when a state follows it ("eight
#    fighters were killed and 36 wounded": 36 fighters injured, not killed)
# 25: a rate said further on in the figure's clause, before any other number ("up to 40,000 barrels of oil
#    could be spewing out into the Gulf each day"), with "per", "each", "every" or "daily": never a total
# 26: a rate read past a conversion in brackets after the counted word ("40,000 barrels (1.7 million gallons)
#    of oil a day"), and a conversion right after the figure in corpus form too ("-LRB- 64 km -RRB-")
# 27: where quote marks were stripped, a statement after its attribution and circumstances ("As the
#    council reported on Monday , the road ..."), and a first-person view ("I think ...") after a statement
#    goes on with it instead of standing as a position of its own
# 28: a figure a "be" gives to its subject takes its predicate from what happened in that subject ("the
#    total amount of oil spilt into the Gulf is 4.9 million barrels": spill)
# 29: a verb of speech's circumstances ("said in a statement on Tuesday") are not what it attributes; where
#    quote marks were stripped, a sentence that is only an attribution attributes the sentence before it
# 30: "known as" renames only the name it hangs from ("a law known as the Jones Act" named no country);
#    quote marks are never a name's first or last word ("`` Mr Hayward"); "pro-Gaddafi" is no name; names a
#    slash joins are each their own ("ABIDJAN/DAKAR"); a "person" or place with digits is a page's time stamp
#    ("Thu Mar 3, 2011 1:28 pm EST"), no name; corpus text's treebank escapes read as what they
#    stand for ("John Edwards\/EPA" -> "John Edwards/EPA"); a speaker's phrase stays on its side of the verb;
#    "None", "Nobody" and an impersonal "it" ("It now appears that") name no speaker; "it"/"they" stand for
#    a subject near, or for the statement's subject when they follow it ("Novartis will use the data, it
#    said"), never for any earlier name
# 31: "he" and "she" too stand for a salient name near (a subject, the name set beside one, a passive's
#    agent), never for any earlier name; a speaker phrase holding a name set beside it is that name ("A
#    spokesman for the government, Musa Ibrahim, told CNN")
# 32: what "known as" and "the acronym for" rename a name to is a name (a proper noun), not a common noun or
#    a possessor ("better known as the family's professional soccer player" made "family" a Gaddafi)
# 33: a line of other stories' teasers cut short ("... under ... SENDAI , Japan -- A strong aftershock ... b. . .")
#    is page furniture: its figures, quotes and names are not the report's
# 34: "he" and "she" fall back again to the nearest person named before when no salient name is near: on the
#    new hand gold of pronoun speakers (``eval.speakers``) that gives name accuracy 0.711 against 0.639 without
#    it (resolved precision 0.711 against 0.817); "it" and "they" still do not
# 35: figures: "tens of thousands" stands without "of" after it ("tens of thousands may have died" read 20..99)
#    and a modal "may" after a number is no month; what happened to what is counted is also read from the
#    state a verb leaves it in ("left 10,000 people dead", "missing and presumed dead"), from a participle
#    after a noun that hangs from a preposition ("led to 206 million gallons of oil spewing") and from a
#    noun of a known predicate ("a flow rate of 5,000 barrels"); "pulled from the rubble" is a rescue and
#    "lined the street", "rallied" a crowd gathered
# 36: quotes: the words before "…, said X" are a statement where the tagger missed their verb but a clause
#    subject stands ("That’s Clinton, said the man": "’s" read as punctuation)
# 37: figures: a linking verb's state is what happened ("could become infected"), and a speech verb's clause
#    that lacks the subject the parser hung from the speech verb says it ("predicted up to a third ... could
#    become infected"); a figure something changed to takes that thing's rate and predicate ("the flow rate
#    of 5,000 barrels per day ... increased to between 12,000 and 19,000 barrels": barrels a day spilled);
#    a figure a verb sets a toll at counts its dead ("put the death toll at 9,000")
# 38: figures: a level a count is brought to takes what its subject says happened, not the verb ("the death
#    toll rose to 300": die; "output fell to 1.2 million barrels daily": none)
# 39: quotes: verbs of the manner of saying ("yelled", "asked") attribute a marked quote, as does a sentence
#    after it that is only an attribution and a line that is a person's name and a colon; a position ends
#    where a clause set off by a comma says something of its own, without the circumstances closing it
# 40: quotes, where marks were stripped: a sentence that is only an attribution by a verb of the manner of
#    saying ("... ? she asked .") or a telling ("he told me .") attributes the sentence before it
# 41: quotes: a complement clause without "that" that the parser split into a speech verb's object and a verb
#    of its own ("boasted his country was immune to the unrest") is the content whole
# 42: figures: a rate in brackets ("1,000 barrels (a day)") and after a conversion into two units; "cases from 20
#    countries" counts where they are found
# 43: figures: numbers falling across a spaced dash are two figures, a total and a part of it ("put the toll at
#    3,838 - 2,493 civilians and 1,345 soldiers"), not a range nor nothing
# 44: quotes: a clause opened by "after", "before", "when", "while", "until" or "once" that hangs from the verb of
#    an attribution says when it was said, not what ("announced the agreement after officials held talks")
# 45: zones: a photo's caption is furniture, the line a photo credit signs ("... is seen in Barataria Bay .\n(AP
#    Photo)") or a page's first line that dates its picture ("June 15, 2010: President Obama speaks ...")
# 46: quotes: what a speaker said next is a statement of its own ("said it was too early but added, ...", "said ...,
#    adding that ..."), and a verb joined to the narration after a quote that says a clause of its own attributes it
# 47: quotes: in lowercased text without quote marks, a sentence ending ", <who> notes ." is what they said where
#    the tagger read the verb as a plural noun or the parser hung it elsewhere
# 48: quotes: a quote a straight mark opens may close with a curly one ("\"But Pete Wilson won,” Axelrod said")
# 49: quotes: an attribution inside a clause attributes the complement after it ("It was, she said, one of ...")
# 50: times: a bare weekday owning an event a day or two ahead ("flew in for Friday's wedding", written on Thursday)
#    is that coming day, unless the event is told as done ("Friday's attack killed 20")
# 51: restore: a word the collection never used is cased as general news spells it (``eval.casing_prior``), and a
#    period closing a short bracketed label ends no sentence ("(r-fla.) said"); quotes, where marks were stripped:
#    an apposition before a verb the parser joined to the statement is its speaker, a phrase before a bare
#    attribution is what was said, a colon after an attribution and its circumstances opens the statement, an
#    attribution the parser hung on the statement after it attributes that, and "i" and "you" take no position
#    (inside a statement); the stance model retrained for the new speakers (threshold 0.25)
# 52: quotes: "maintain" and "add" report speech only with a clause ("maintaining support for Hezbollah" is no
#    statement)
# 53: figures: "unaccounted for" is "missing" (one predicate)
ANALYZER_VERSION = 53
