"""Direct and reported quotes with their speakers, on cased text and on quote-less reading text."""

from __future__ import annotations

import re

from sacremoses import MosesDetokenizer

from crosswire.analyze.entities import find_mentions
from crosswire.analyze.pipeline import analyze_articles
from crosswire.analyze.quotes import find_quotes
from crosswire.model import POSITION, SPEECH, Article, Quote

DIRECT = (
    "VELMORA - Rescue teams reached the flooded valley of Kestrel Bay on Tuesday. "
    "“The water is still rising in the lower districts,” Marta Ilvane, spokeswoman for the "
    "regional emergency service, told reporters.\n\n"
    "The storm “has cut every road into the valley”, she added, speaking from the harbour. "
    "“People should stay on the upper floors.”\n\n"
    "Dozens of volunteers joined the so-called “bucket brigade” overnight, and the council "
    "announced the “final stage” of the evacuation.\n\n"
    "“We have lost two boats already,” 34-year-old rescuer Tomas Hale said. "
    "“The current is stronger than anything I have seen.”\n\n"
    "Governor Piet Osrand told the council on Monday that the state would pay for the repairs.\n\n"
    "“Our engineers will inspect every bridge,” he said.\n"
)

REPORTED = (
    "As the floodwater recedes, the damage to the harbour becomes clearer, said Marta Ilvane, "
    "spokeswoman for the emergency service, using the local name for the river.\n"
    "Rescue boats searched the northern shore for survivors, Ilvane said.\n"
    "Tomas Hale said his crew had rescued forty people overnight.\n"
    "The current is stronger than last year... the water is carrying whole trees, he said.\n"
    "Ilvane said she did not expect the road to reopen this week.\n"
    "In a statement, the port authority said the harbour would stay closed until Friday.\n"
    "A harbour pilot in the northern district said the channel was blocked.\n"
)


def _quotes(nlp, text: str, known: list[tuple[str, str]] | None = None, lowercased: bool = False) -> list[Quote]:
    doc = nlp(text)
    quotes = find_quotes(doc, find_mentions(doc, known or (), cased=not lowercased), lowercased=lowercased)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    for a, b in zip(quotes, quotes[1:]):
        assert a.end <= b.start, "quotes overlap"
    return quotes


def _table(quotes: list[Quote], text: str) -> list[tuple[str, bool, str | None, str | None]]:
    """(content, direct, speaker, speaker phrase as written) per quote."""
    return [(q.text, q.direct, q.speaker,
             text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None)
            for q in quotes]


def test_quotes_direct_with_attribution_pronoun_and_continuation(nlp):
    quotes = _quotes(nlp, DIRECT)
    assert _table(quotes, DIRECT) == [
        ("The water is still rising in the lower districts", True, "Marta Ilvane",
         "Marta Ilvane"),
        # a mixed quote: the statement with the words it quotes, reported (as PolNeAR marks it)
        ("The storm “has cut every road into the valley”", False, "Marta Ilvane", "she"),
        ("People should stay on the upper floors.", True, "Marta Ilvane", "she"),
        # what was announced, "final stage" a phrase in quote marks inside it, not a quote of its own
        ("the “final stage” of the evacuation", False, "the council", "the council"),
        ("We have lost two boats already", True, "Tomas Hale", "Tomas Hale"),
        ("The current is stronger than anything I have seen.", True, "Tomas Hale", "Tomas Hale"),
        ("the state would pay for the repairs", False, "Piet Osrand", "Piet Osrand"),
        ("Our engineers will inspect every bridge", True, "Piet Osrand", "he"),
    ]
    assert [q.cue for q in quotes] == ["tell", "add", "add", "announce", "say", "say", "tell", "say"]


def test_quotes_scare_quotes_are_not_speech(nlp):
    texts = [q.text for q in _quotes(nlp, DIRECT)]
    assert "bucket brigade" not in texts and "final stage" not in texts
    assert [q.text for q in _quotes(nlp, "“No,” she said.")] == ["No"]


def test_quotes_apostrophes_are_not_quote_marks(nlp):
    text = "“The harbour’s walls held,” Tomas Hale said, praising the engineers’ work."
    quotes = _quotes(nlp, text)
    assert _table(quotes, text) == [  # praising: a position of his (``analyze.stance``), no quote mark
        ("The harbour’s walls held", True, "Tomas Hale", "Tomas Hale"),
        ("the engineers’ work", False, "Tomas Hale", "Tomas Hale")]
    assert [q.kind for q in quotes] == [SPEECH, POSITION]


def test_quotes_straight_and_single_marks_and_colon_attribution(nlp):
    text = '"We are ready," said Tomas Hale. "Nobody will be left behind."'
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("We are ready", "Tomas Hale"), ("Nobody will be left behind.", "Tomas Hale")]
    text = "‘We are ready,’ said Tomas Hale, who leads the crew."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [("We are ready", "Tomas Hale")]
    text = "They grew up in the '90s, and \"we never left,\" said Tomas Hale."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [("we never left", "Tomas Hale")]
    text = "Marta Ilvane said:\n“The worst is over.”"
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("The worst is over.", "Marta Ilvane")]


def test_quotes_heading_in_single_quotes_is_not_speech(nlp):
    text = "The dam held.\n\n‘Second wave’\n\nMore rain fell on Friday, the agency said."
    assert [q.direct for q in _quotes(nlp, text)] == [False]


def test_quotes_paragraph_running_quote_takes_the_closing_attribution(nlp):
    text = "“The first part of a long statement.\n\n“The second part,” Tomas Hale said."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("The first part of a long statement.", "Tomas Hale"),
        ("The second part", "Tomas Hale")]


def test_quotes_nested_quote_stays_inside_the_outer_one(nlp):
    text = "“They call it a “temporary” closure,” Tomas Hale said."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("They call it a “temporary” closure", "Tomas Hale")]


def test_quotes_speech_inside_a_quote_is_not_a_second_quote(nlp):
    text = "“He said the bridge was safe,” Tomas Hale told reporters."
    assert _table(_quotes(nlp, text), text) == [
        ("He said the bridge was safe", True, "Tomas Hale", "Tomas Hale")]


def test_quotes_unattributed_quote_has_no_speaker(nlp):
    quotes = _quotes(nlp, "“Nobody came.” The village was empty.")
    assert [(q.text, q.speaker, q.speaker_start) for q in quotes] == [
        ("Nobody came.", None, None)]


def test_quotes_pronoun_gender_picks_the_fitting_person(nlp):
    text = ("Anna Berg, a spokeswoman for the port authority, said the ships would stay in "
            "harbour. Mr Olaf Dreyer, who commands the largest vessel, disagreed. "
            "“We can sail tomorrow,” she said. “That is a mistake,” he said.")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("the ships would stay in harbour", "Anna Berg"),
        ("We can sail tomorrow", "Anna Berg"),
        ("That is a mistake", "Olaf Dreyer"),
    ]


def test_quotes_reported_speech_without_quote_marks(nlp):
    quotes = _quotes(nlp, REPORTED)
    assert _table(quotes, REPORTED) == [
        ("As the floodwater recedes, the damage to the harbour becomes clearer", False,
         "Marta Ilvane", "Marta Ilvane"),
        ("Rescue boats searched the northern shore for survivors", False, "Ilvane", "Ilvane"),
        ("his crew had rescued forty people overnight", False, "Tomas Hale", "Tomas Hale"),
        ("The current is stronger than last year... the water is carrying whole trees", False,
         "Tomas Hale", "he"),
        ("she did not expect the road to reopen this week", False, "Ilvane", "Ilvane"),
        ("the harbour would stay closed until Friday", False, "the port authority",
         "the port authority"),
        ("the channel was blocked", False, "A harbour pilot", "A harbour pilot"),
    ]
    assert {q.cue for q in quotes} == {"say"}


def test_quotes_reported_speech_in_lowercase_leftovers(nlp):
    text = REPORTED.lower()
    quotes = _quotes(nlp, text)
    speakers = [q.speaker for q in quotes]
    assert speakers[:4] == ["marta ilvane", "ilvane", "tomas hale", "tomas hale"]
    assert "the port authority" in speakers
    assert any(q.text.startswith("the current is stronger") for q in quotes)


def test_quotes_reported_forms_according_to_misattached_that_and_accuse(nlp):
    cases = {
        "According to the port authority, the harbour will reopen on Friday.":
            ("the harbour will reopen on Friday", "the port authority", "according to"),
        "The harbour will reopen on Friday, according to Tomas Hale.":
            ("The harbour will reopen on Friday", "Tomas Hale", "according to"),
        "The agency said in a report that 40 homes were lost.":
            ("40 homes were lost", "The agency", "say"),
        "Tomas Hale accused the council of ignoring the warnings.":
            ("the council of ignoring the warnings", "Tomas Hale", "accuse"),
    }
    for text, expected in cases.items():
        assert [(q.text, q.speaker, q.cue) for q in _quotes(nlp, text)] == [expected], text


def test_quotes_trailing_form_needs_a_statement(nlp):
    assert _quotes(nlp, "After the meeting, he said nothing.") == []


def test_quotes_first_person_line_continues_a_quote_stripped_statement(nlp):
    text = ("The road is closed, said Marta Ilvane, a spokeswoman.\n"
            "In the coming days we will open a second bridge.\n"
            "The council met on Friday.\n")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("The road is closed", "Marta Ilvane"),
        ("In the coming days we will open a second bridge", "Marta Ilvane")]



def test_quotes_an_attribution_between_commas_attributes_both_pieces(nlp):
    text = "The harbour, Tomas Hale said, will stay closed until the storm passes."
    quotes = _quotes(nlp, text)
    assert [(q.text, q.speaker, q.cue) for q in quotes] == [
        ("The harbour", "Tomas Hale", "say"), ("will stay closed until the storm passes", "Tomas Hale", "say")]
    assert quotes[0].shares_attribution(quotes[1])  # one statement in two pieces
    lowered = text.lower()
    assert [q.text for q in _quotes(nlp, lowered)] == ["the harbour", "will stay closed until the storm passes"]
    # the attribution's own words ("on Tuesday") are neither piece
    text = "The new bridge, the mayor said on Tuesday, will open in the spring."
    assert [q.text for q in _quotes(nlp, text)] == ["The new bridge", "will open in the spring"]
    # an opener before the attribution is not what was said
    text = "But, those officials say, Turkey is more comfortable letting the Arab League take the lead."
    assert [q.text for q in _quotes(nlp, text)] == ["Turkey is more comfortable letting the Arab League take the lead"]


def test_quotes_a_clause_after_an_attribution_goes_on_only_where_marks_were_stripped(nlp):
    # "“The road is closed,” she said, “and nobody will reopen it.”" with its quote marks stripped
    stripped = "the road is closed , marta ilvane said , and nobody will reopen it before spring ."
    assert [q.text for q in _quotes(nlp, stripped)] == ["the road is closed", "and nobody will reopen it before spring"]
    # with quote marks, a clause after the attribution is the reporter's narration
    marked = "“The road is closed,” Marta Ilvane said, and her aides nodded before they left the room."
    assert [q.text for q in _quotes(nlp, marked)] == ["The road is closed"]

def test_quotes_a_statement_after_its_attribution_where_marks_were_stripped(nlp):
    # "As the council reported on Monday, “the road will ...”" with its quote marks stripped
    stripped = "As the council reported on Monday , the road will stay closed until the spring ."
    assert [(q.text, q.speaker) for q in _quotes(nlp, stripped)] == [
        ("the road will stay closed until the spring", "the council")]  # not "on Monday"
    # a condition before the main clause attributes nothing
    condition = "If the mayor says so, the bridge will stay closed until the spring."
    assert [q.text for q in _quotes(nlp, condition)] == []


def test_quotes_an_attribution_alone_attributes_the_sentence_before_where_marks_were_stripped(nlp):
    # "“Why would we open it now?” Marta Ilvane said." with its quote marks stripped
    stripped = "the council closed the road . why would we open it now ? marta ilvane said ."
    assert [(q.text, q.speaker) for q in _quotes(nlp, stripped)] == [("why would we open it now", "marta ilvane")]


def test_quotes_an_asked_question_or_a_telling_alone_attributes_the_sentence_before_where_marks_were_stripped(nlp):
    # "“Why would we open it now?” Marta Ilvane asked." and "... he told me." with their marks stripped
    asked = "the council closed the road . why would we open it now ? marta ilvane asked ."
    assert [(q.text, q.speaker) for q in _quotes(nlp, asked)] == [("why would we open it now", "marta ilvane")]
    told = "the council closed the road . we will never open it again , ever . marta ilvane told me ."
    assert [(q.text, q.speaker) for q in _quotes(nlp, told)] == [("we will never open it again , ever", "marta ilvane")]


def test_quotes_a_complement_clause_without_that_is_the_content_whole(nlp):
    # the parser makes "his country" the object of "boasted" and "was" a verb of its own
    text = "Syrian President Bashar al-Assad, who had boasted his country was immune to the unrest, sent tanks."
    assert [q.text for q in _quotes(nlp, text)] == ["his country was immune to the unrest"]


def test_quotes_where_and_when_something_was_said_is_not_what_was_said(nlp):
    assert _quotes(nlp, "Marta Ilvane said in a statement on Tuesday.") == []
    # what a verb of speech points to is
    assert [q.text for q in _quotes(nlp, "The minister pointed to the sale of city land for $1.7 million.")] == [
        "to the sale of city land for $1.7 million"]


def test_quotes_first_person_view_goes_on_with_the_statement_where_marks_were_stripped(nlp):
    # "“...,” she said. “I think the council wants ...”": the view is the speaker's, inside her quote
    text = ("The road is closed, said Marta Ilvane, a spokeswoman.\n"
            "I think the council wants a second bridge before the winter.\n")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("The road is closed", "Marta Ilvane"),
        ("I think the council wants a second bridge before the winter", "Marta Ilvane")]


def test_quotes_a_position_ends_where_a_statement_of_its_own_begins(nlp):
    # "saying ..." attributes what follows; the position is what was endorsed, without when
    text = ("Ken Blackwell endorsed Ted Cruz last week, saying he has consistently demonstrated his "
            "commitment to conservative principles.")
    assert [(q.text, q.kind) for q in _quotes(nlp, text)] == [
        ("Ted Cruz", POSITION),
        ("he has consistently demonstrated his commitment to conservative principles", SPEECH)]


def test_quotes_verbs_of_the_manner_of_saying_attribute_a_marked_quote(nlp):
    text = "When another protester was led away, Tomas Hale yelled, “Out, out, out!”"
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [("Out, out, out!", "Tomas Hale")]
    # with the marks stripped, the utterance after the attribution
    stripped = "when another protester was led away , tomas hale yelled , out , out , out !"
    assert [(q.text, q.speaker) for q in _quotes(nlp, stripped)] == [("out , out , out", "tomas hale")]


def test_quotes_a_sentence_that_only_attributes_takes_the_quote_before_it(nlp):
    text = "The crowd booed. “Do we make promises we can’t keep?” Marta Ilvane asked."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("Do we make promises we can’t keep?", "Marta Ilvane")]
    # a sentence that says something of its own does not
    text = "The crowd booed. “Is this over?” Marta Ilvane asked for a recount."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text) if q.direct] == [("Is this over?", None)]


def test_quotes_a_line_that_names_a_person_and_a_colon_labels_the_quote(nlp):
    after = "\n\nThe harbour master Marta Ilvane said on Monday that repairs would take months.\n"
    text = "Ilvane: ‘The Bridge Will Not Open This Year’" + after
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)][0] == ("The Bridge Will Not Open This Year", "Ilvane")
    # the same line as restored from a text whose quote marks were stripped
    stripped = "Ilvane: the bridge will not open this year." + after
    assert [(q.text, q.speaker) for q in _quotes(nlp, stripped)][0] == ("the bridge will not open this year", "Ilvane")
    # a place or a rubric before a colon is no speaker
    text = "Velmora: ‘The Bridge Will Not Open This Year’" + after
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)][0] == ("The Bridge Will Not Open This Year", None)

# --------------------------------------------------------------------------- the seed reports


def crude_reading_text(corpus_form: str, cased: str) -> str:
    """STAND-IN for the restore stage, for this test only: detokenize each line with Moses, cap
    its first letter, and give words the casing they have mid-sentence in the cased report
    (only words never seen lowercase there)."""
    sentence_starts = {m.start(1) for m in re.finditer(r"(?:^|[.!?]\s+|\n)[“‘\"']?(\w)", cased)}
    word = re.compile(r"\w[\w.'-]*\w|\w")
    cased_forms: dict[str, str] = {}
    seen_lower: set[str] = set()
    for m in word.finditer(cased):
        if m.group().islower():
            seen_lower.add(m.group())
        elif m.start() not in sentence_starts:
            cased_forms.setdefault(m.group().lower(), m.group())
    forms = {k: v for k, v in cased_forms.items() if k not in seen_lower}
    detok = MosesDetokenizer("en")
    lines = []
    for line in corpus_form.splitlines():
        text = word.sub(lambda m: forms.get(m.group(), m.group()), detok.detokenize(line.split()))
        lines.append(text[:1].upper() + text[1:])
    return "\n".join(lines)


def _quotes_by(quotes: list[Quote], *names: str) -> list[Quote]:
    wanted = {n.lower() for n in names}
    return [q for q in quotes if q.speaker and q.speaker.lower() in wanted]


def test_quotes_seed_reports(nlp, seeds_dir):
    afp = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    reuters = next(seeds_dir.glob("003_*.txt")).read_text(encoding="utf-8")
    afp_doc = nlp(afp)
    afp_mentions = find_mentions(afp_doc)
    afp_quotes = _quotes(nlp, afp)
    assert len(_quotes_by(afp_quotes, "Jihan Sheikh Ahmed", "Sheikh Ahmed")) >= 2
    assert _quotes_by(afp_quotes, "Shoresh Halab") and _quotes_by(afp_quotes, "Talal Sello")

    known = sorted({(m.text, m.label) for m in afp_mentions})
    reading = crude_reading_text(reuters, afp)
    reuters_quotes = _quotes(nlp, reading, known)
    assert not any(q.direct for q in reuters_quotes)
    assert len(_quotes_by(reuters_quotes, "Jihan Sheikh Ahmed", "Ahmed")) >= 2
    breach = [q for q in reuters_quotes if "breach of enemy lines" in q.text.lower()]
    assert len(breach) == 1 and breach[0].speaker.lower() == "shefkar hemo"
    assert reading[breach[0].speaker_start:breach[0].speaker_end].lower() == "he"


def test_quotes_tokenized_corpus_marks_are_quote_marks(nlp):
    text = ("Clinton said : `` We will not accept this , and the president knows it . '' "
            "`` We are ready to fight , '' rebel commander Ahmed Omar told Reuters .")
    quotes = _quotes(nlp, text)
    assert [(q.text, q.direct, q.speaker) for q in quotes] == [
        ("We will not accept this , and the president knows it .", True, "Clinton"),
        ("We are ready to fight", True, "Ahmed Omar")]
    assert all(text[q.start:q.end] == q.text for q in quotes)


def test_quotes_tokenized_marks_joined_to_their_words_as_restore_leaves_them(nlp):
    text = "Clinton said: ``We will not accept this, and the president knows it.'' He left."
    quotes = _quotes(nlp, text)
    assert [(q.text, q.direct, q.speaker) for q in quotes] == [
        ("We will not accept this, and the president knows it.", True, "Clinton")]


def test_quotes_two_apostrophes_open_and_close_a_quote(nlp):
    text = "Paying no taxes ''makes me smart,'' Donald Trump said last week."
    quotes = _quotes(nlp, text)
    assert [(q.text, q.direct, q.speaker) for q in quotes] == [("makes me smart", True, "Donald Trump")]


def test_quotes_verbs_learned_from_train_report_speech(nlp):
    """"indicated", "questioned": verbs PolNeAR train shows to be attribution cues (``eval.speech_verbs``)."""
    text = ("Ana Ferro questioned whether the levee would hold through the weekend.\n"
            "The survey indicated that most residents had already left the valley.\n"
            "The engineers walked along the levee on Sunday.\n")
    quotes = _quotes(nlp, text)
    assert [(q.direct, q.cue) for q in quotes] == [(False, "question"), (False, "indicate")]
    assert "levee would hold" in quotes[0].text and quotes[1].text == "most residents had already left the valley"
    assert "Ferro" in quotes[0].speaker and "survey" in quotes[1].speaker


def test_quotes_positions_from_verbs_the_stance_model_takes_as_cues(nlp):
    """"backed", "refused": positions a report attributes (``analyze.stance``); actions are not."""
    text = ("The dockworkers' union backed the new flood levy on Monday.\n"
            "Mayor Ana Ferro refused to speculate on the cost of the repairs.\n"
            "Rescue teams searched the northern shore for survivors.\n"
            "The engineers repaired the pumps overnight.\n"
            "Ferro said the levy would pay for new pumps.\n")
    quotes = _quotes(nlp, text)
    assert [(q.kind, q.cue) for q in quotes] == [(POSITION, "back"), (POSITION, "refuse"), (SPEECH, "say")]
    assert quotes[0].text == "the new flood levy" and "union" in quotes[0].speaker  # not when it was backed
    assert quotes[1].text.startswith("to speculate on the cost") and "Ferro" in quotes[1].speaker


def test_quotes_source_is_the_speakers_whole_phrase_as_written(nlp):
    """The source as PolNeAR marks it: titles, appositions and clauses in, a heading on the line
    above out, the relative pronoun where the phrase would hold the verb; the speaker stays the name."""
    text = ("Harbour Commissioner Ana Ferro said the channel would reopen on Friday.\n"
            "Tomas Hale, a pilot for the port authority, said the buoys had drifted.\n"
            "7:30 p.m.\n\nPiet Osrand said the council would meet again.\n"
            "The levy was opposed by a trader who said prices would rise.\n")
    quotes = _quotes(nlp, text)
    sources = [text[q.source_start:q.source_end] for q in quotes if q.kind == SPEECH]
    assert sources == ["Harbour Commissioner Ana Ferro", "Tomas Hale, a pilot for the port authority",
                       "Piet Osrand", "who"]
    speakers = [q.speaker for q in quotes if q.kind == SPEECH]
    assert speakers[0].endswith("Ferro") and "Commissioner" not in speakers[0] and speakers[1] == "Tomas Hale"


def test_quotes_a_statement_with_quoted_words_is_one_mixed_quote(nlp):
    """The quoted words inside a reported statement are part of it, not a quote of their own; a quote
    that is the whole statement stays direct, and one another verb attributes is not taken in."""
    text = ("Ana Ferro said the marchers on the bridge were “peaceful.”\n"
            "“We will win,” Tomas Hale said, adding that the crews were ready.\n")
    quotes = _quotes(nlp, text)
    assert [(q.text, q.direct) for q in quotes] == [
        ("the marchers on the bridge were “peaceful.”", False), ("We will win", True),
        ("the crews were ready", False)]


def test_quotes_speech_with_an_object_and_a_participle_of_a_noun(nlp):
    """"reported no arrests": a speech verb's object is what was said, except whom "told" addresses;
    "a statement saying ...": the noun a participle hangs from is the speaker."""
    text = ("Police reported no arrests in the harbour district.\n"
            "Ana Ferro told reporters on the quay.\n"
            "The port authority issued a statement saying the channel would reopen.\n")
    quotes = _quotes(nlp, text)
    assert [(q.text, q.cue) for q in quotes] == [
        ("no arrests in the harbour district", "report"), ("the channel would reopen", "say")]
    assert quotes[1].speaker == "a statement"


def test_quotes_source_stays_on_its_side_of_the_verb_and_no_one_is_no_speaker(nlp):
    """The parser may hang a phrase after the verb on the subject ("..., a new infection that ..."):
    the source is the subject's own words before the verb. "None" and "Nobody" name no speaker."""
    text = ("Twelve harbours have confirmed cases of the V7 blight, a new disease that has brought "
            "the coast to the brink of a famine.\nNone are expecting deliveries until Tuesday.\n")
    quotes = _quotes(nlp, text)
    assert [text[q.source_start:q.source_end] for q in quotes if q.source_start is not None] == ["Twelve harbours"]
    assert not any(q.speaker == "None" for q in quotes)


def test_quotes_it_and_they_stand_for_a_subject_or_for_no_one(nlp):
    """An "it" after a statement is the statement's subject ("The Velmar Company will close the mine, it
    said"); an impersonal "it" ("It now appears that ...") is no speaker; and a group pronoun with no
    subject near stays unresolved rather than taken for any earlier name (an adjective, a place)."""
    text = ("The Velmar Company will close the mine, it said on Monday.\n"
            "It now appears that a cluster of cases erupted in Dorn.\n")
    assert [(q.speaker, text[q.start:q.end]) for q in _quotes(nlp, text)] == [
        ("Velmar Company", "The Velmar Company will close the mine")]
    text = "A Korlan exchange student in Dorn wrote home. On Monday, they told us classes would stop.\n"
    assert [(q.speaker, text[q.start:q.end]) for q in _quotes(nlp, text)] == [(None, "classes would stop")]


def test_quotes_he_and_she_stand_for_a_salient_name_near_first(nlp):
    """A pronoun takes the previous speaker or a salient name near: a subject, the name set beside one
    (however the parser hangs it), a passive's agent."""
    text = ("A spokesman for the Velmar government, Tomas Hale, told reporters the road was open.\n"
            "\"This is an armed rebellion,\" he said.\n")
    assert [q.speaker for q in _quotes(nlp, text)] == ["Tomas Hale", "Tomas Hale"]
    text = ("The cause of death was confirmed on Wednesday by Dr Maria Velder, acting director of the Centers "
            "for Disease Control. \"Unfortunately I have to confirm the first death,\" she said.\n")
    assert [q.speaker for q in _quotes(nlp, text)][-1] == "Maria Velder"


def test_quotes_a_statement_whose_verb_the_tagger_missed_is_still_a_clause(nlp):
    # "’s" glued to "That" is tagged as punctuation; its subject still makes the words before the
    # attribution a statement
    text = "That’s Clinton, said the man who built his career on his credentials."
    (quote,) = _quotes(nlp, text)
    assert quote.text == "That’s Clinton" and quote.speaker == "the man"


def test_quotes_a_clause_saying_when_something_was_said_is_no_part_of_it(nlp):
    text = ("Tomas Hale announced the agreement after officials of the city held four hours of talks with "
            "the company.")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [("the agreement", "Tomas Hale")]


def test_quotes_what_a_speaker_said_next_is_a_statement_of_its_own(nlp):
    """The parser runs a complement on into what its speaker said next ("said ... but added, ...", "said
    ..., adding that ..."): each is a statement of the speaker's, and a verb joined to the narration after a
    quote that says a clause of its own attributes that clause, not the quote."""
    text = ("At the party's headquarters on Monday, Mara Velder said it was too early to congratulate winners "
            "but added, \"I think you all have an idea of the results.\"")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("it was too early to congratulate winners", "Mara Velder"),
        ("I think you all have an idea of the results.", "Mara Velder")]
    text = "The minister said the talks would resume on Monday, adding that no date had been set."
    assert [(q.text, q.speaker) for q in _quotes(nlp, text)] == [
        ("the talks would resume on Monday", "The minister"), ("no date had been set", "The minister")]
    text = ("Tomas Hale, the former governor, proposed we \"wake up and smell the coffee\" and said the speaker "
            "should resign if he can't block the bill.")
    assert ("the speaker should resign if he can't block the bill", "Tomas Hale") in [
        (q.text, q.speaker) for q in _quotes(nlp, text)]


def test_quotes_a_lowercased_sentence_ending_in_a_name_and_a_verb_of_speech_is_what_they_said(nlp):
    # lowercased, the tagger reads "notes" after a name as a plural noun; cased text is left to the parse
    text = ("he may be the only one because the mayor does n't unite the party . farmers and traders have issues "
            "with the mayor , velder notes . the vote is on friday .")
    assert [(q.text, q.speaker, q.cue) for q in _quotes(nlp, text, lowercased=True)] == [
        ("farmers and traders have issues with the mayor", "velder", "note")]


def test_quotes_a_straight_mark_may_open_a_quote_a_curly_one_closes(nlp):
    # pages that curl only some of their marks
    text = '"But the plan failed,” Tomas Hale said. The council met on Monday.'
    assert [(q.text, q.direct, q.speaker) for q in _quotes(nlp, text)] == [
        ("But the plan failed", True, "Tomas Hale")]


def test_quotes_an_attribution_inside_a_clause_attributes_its_complement_after_it(nlp):
    text = "It was, she said, one of the bitterest failures of his presidency. The council met on Monday."
    assert "one of the bitterest failures of his presidency" in [q.text for q in _quotes(nlp, text)]


def _corpus_quotes(text: str) -> list[tuple[str, str | None]]:
    """(content, speaker phrase) of the quotes the whole analysis finds in a corpus-form ``text`` (lowercased,
    tokenized, quote marks stripped: restored, then parsed)."""
    (analysis,) = analyze_articles([Article("corpus", text)])
    assert analysis.form["lowercased"]
    return [(q.text, text[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None)
            for q in analysis.quotes]


def test_quotes_where_marks_were_stripped_an_apposed_speaker_after_the_statement_said_it():
    # "“...,” Seth Velder, a political scientist, told the radio." without its marks: the parser joins "told" to the
    # statement's verb as a conjunct; the apposition before it is its subject
    text = ("the mayor ca n't afford to have him do this because public opinion would strongly shift against her , "
            "seth velder , a political scientist at the state university , told the radio .\n")
    assert _corpus_quotes(text) == [
        ("the mayor ca n't afford to have him do this because public opinion would strongly shift against her",
         "seth velder")]


def test_quotes_where_marks_were_stripped_a_phrase_before_a_bare_attribution_is_what_was_said():
    text = "thanks came from the mayor .\nno thanks to the governor , he added .\nthe vote is on friday .\n"
    assert ("no thanks to the governor", "he") in _corpus_quotes(text)
    text = "the dam held .\nin the spring , he said .\nthe vote is on friday .\n"  # where or when is no statement
    assert "in the spring" not in [content for content, _ in _corpus_quotes(text)]


def test_quotes_a_colon_after_an_attribution_and_its_circumstances_opens_the_statement():
    text = "when asked why , velder responded in a text message : the mayor will be the party 's nominee .\n"
    assert ("the mayor will be the party 's nominee", "velder") in _corpus_quotes(text)


def test_quotes_where_marks_were_stripped_an_attribution_the_parser_hung_on_the_statement_after_it():
    text = ("anyone who endorses violence is not welcome in our city .\nhe also vowed , we are going to defeat the "
            "gangs and we are going to defeat them fast .\n")
    assert ("we are going to defeat the gangs and we are going to defeat them fast", "he") in _corpus_quotes(text)


def test_quotes_where_marks_were_stripped_the_first_person_is_inside_a_statement():
    # "i hope ..." was inside a quote whose marks a corpus form stripped, no position of "i"; in a text without marks
    # that came cased (an opinion piece) the writer's own hope is a position of theirs
    text = "the council met on monday .\ni hope the mayor is watching closely or it is going to be taken away .\n"
    assert _corpus_quotes(text) == []
    (analysis,) = analyze_articles([Article("cased", "The council met on Monday. I hope the mayor is watching "
                                                     "closely or it is going to be taken away.")])
    assert [q.kind for q in analysis.quotes] == [POSITION]


def test_quotes_maintain_and_add_report_speech_only_with_a_clause(nlp):
    # their noun-phrase object is something kept or added, not said
    text = ("Even while maintaining support for the river militias, President Velder has kept the border quiet. "
            "The mill added a third shift. Velder maintained that the vote was fair.")
    assert [(q.text, q.speaker) for q in _quotes(nlp, text) if q.kind == SPEECH] == [
        ("the vote was fair", "Velder")]
