"""Zones that are not the report (reader comments, page furniture, bylines), from snippets shaped
like the scraped pages of the research corpus, cased and in corpus form (lowercased, PTB tokens)."""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.analyze.pipeline import analyze_articles
from crosswire.analyze.zones import comments_start, find_zones
from crosswire.fuse.canon import canonical_entities
from crosswire.fuse.summary import summarize
from crosswire.model import Article, ArticleAnalysis, Sentence, Zone

BODY = ("TRIPOLI , Libya -LRB- CNN -RRB- -- Rebels held the town of Zawiya on Friday , a witness said .\n"
        "`` We will not reply to threats , '' said opposition spokesman Mustafa Gheriani .\n")


def marked(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each zone, read back from ``text``."""
    zones = find_zones(text)
    assert zones == sorted(zones, key=lambda z: z.start)
    assert all(0 <= z.start < z.end <= len(text) for z in zones)
    assert all(a.end <= b.start for a, b in zip(zones, zones[1:])), "zones overlap"
    return [(z.kind, text[z.start:z.end]) for z in zones]


# --------------------------------------------------------------------------- comments

@pytest.mark.parametrize("section", [
    # a news agency's comment policy, then the comments
    "Views expressed in the comments do not represent those of Reuters .\n"
    "and the oil company s still make billions ???? \nThis discussion is now closed .\n",
    "We welcome comments that advance the story through relevant opinion , anecdotes , links and data .\n"
    "Ban all offshore drilling .\n",
    # a blog's comment headers
    "BP - Do the same !! Posted by : bregenz | June 16 , 2010 5:17 PM | Report abuse I think they will pay .\n",
    "February 8 , 2011 at 4:27 pm | Report abuse | Roger writes : no .\n",
    "At 16:12 29th Apr 2009 , ghostofsichuan wrote : The only real problem is the figures .\n",
    "At 4:15 pm on 11 Jun 2009 , JamesJester wrote : 140 deaths so far .\n",
    # a blog's comment date lines with their reply link
    "March 7 , 2011 at 9:29 pm | Reply Tell Congress to stay out of it .\n"
    "March 7 , 2011 at 10:02 pm | Reply I agree .\n",
    # a run of comment date lines whose reply links the crawl dropped
    "March 1 , 2011 at 6:21 pm | No , it should be very limited .\n"
    "March 1 , 2011 at 6:22 pm | Protect Libyans from Gadhafi ?\n",
    "February 3 , 2011 06:30 am at 6:30 am | Hey !\nFebruary 3 , 2011 06:41 am at 6:41 am | No .\n",
    # a heading alone on its line
    "12 comments\nThis is a disgrace , says kevin1966 .\n",
    "Reader comments\nPower to the Egyptian people !\n",
    "Post a comment\nName\n",
])
def test_a_comment_section_runs_from_its_first_line_to_the_end(section):
    text = BODY + section
    zones = marked(text)
    assert zones == [("comments", section.rstrip())]


def test_one_stamped_line_is_a_reports_own_stamp_not_comments():
    text = "Posted March 1 , 2011 at 6:22 pm | Updated 7:01 pm\n" + BODY
    assert [kind for kind, _ in marked(text) if kind == "comments"] == []


def test_comment_sections_in_corpus_form():
    section = ("at 10:14 am on 28 may 2010 , pzero wrote : i think the response by bp is admirable .\n"
               "posted by : cavys | june 14 , 2010 12:48 pm | report abuse from day one , he has golfed .\n")
    text = BODY.lower() + section
    assert marked(text) == [("comments", section.rstrip())]


# --------------------------------------------------------------------------- furniture

@pytest.mark.parametrize("line", [
    "Share", "Tweet", "Email Print Share", "share this article", "Facebook Twitter Email",
    "For the latest from AC360 click here .",
    "For a complete list of exchanges and delays , please click here .",
    "Related : Gaddafi forces pound rebel town",
    "Read more",
    "Sign up for our daily newsletter",
    "Fox Forum is on Twitter .",
    "Follow him on Twitter@ChristianWhiton .",
    "Copyright 2010 Fox News Network , Inc. All rights reserved .",
    "All rights reserved .",
    "A version appeared on p6 of the Main section section of the Guardian on Saturday 2 May 2009",
    "Send us your comments and experiences using the form below .",
    "Share your protest photos and video with CNN , but only if you can do so safely .",
    "Please do not put yourself in a dangerous situation .",
    "CBC Oil spill reaches New Orleans - 17 hrs ago Miami Herald Oil 's fingers reach inland - 23 hrs ago",
])
def test_furniture_lines_are_marked_whole(line):
    text = BODY + line + "\n" + BODY
    assert marked(text) == [("furniture", line)]


@pytest.mark.parametrize("text, credit", [
    ("Photograph : Miguel Tovar\\/AP Health officials across the world scrambled to contain it .",
     "Photograph : Miguel Tovar\\/AP"),
    ("Photograph : Alfredo Estrella\\/AFP\\/Getty Images The death toll rose .",
     "Photograph : Alfredo Estrella\\/AFP\\/Getty Images"),
    ("Photograph : AP A Scottish hospital worker has been confirmed as a case .", "Photograph : AP"),
    ("Hayward arrives at the hearing . John Edwards/EPA He said he was sorry .", "John Edwards/EPA"),
    ("-LRB- Brian Snyder\\/Reuters -RRB- The senator spoke on Monday .", "-LRB- Brian Snyder\\/Reuters -RRB-"),
    ("Kim Badawi\\/Getty Images for CNN A protester totes a shield .", "Kim Badawi\\/Getty Images for CNN"),
    ("A man celebrates in Miami . REUTERS\\/Carlos Barria Below is a selection .", "REUTERS\\/Carlos Barria"),
    ("photograph : miguel tovar\\/ap health officials across the world scrambled .",
     "photograph : miguel tovar\\/ap"),
])
def test_photo_credits_are_furniture(text, credit):
    assert marked(text) == [("furniture", credit)]


def test_are_you_there_before_a_call_for_photos():
    text = ("The crew was captured by armed men Are you in Libya ?\n"
            "Share your protest photos and video with CNN , but only if you can do so safely .\n" + BODY)
    assert marked(text) == [("furniture", "Are you in Libya ?"),
                            ("furniture", "Share your protest photos and video with CNN , but only if you "
                                          "can do so safely .")]


# --------------------------------------------------------------------------- bylines

@pytest.mark.parametrize("head, byline", [
    ("By the CNN Wire Staff NEW : Obama says the U.S. is examining options", "By the CNN Wire Staff"),
    ("By Nic Robertson , CNN senior international correspondent Is opposition waning in Tripoli ?",
     "By Nic Robertson , CNN senior international correspondent"),
    ("From Jill Dougherty and Elise Labott , CNN Obama doing enough to pressure Gadhafi ?",
     "From Jill Dougherty and Elise Labott , CNN"),
    ("By Pam Benson , Jeniffer Rizzo and Adam Levine , CNN Rebel fighters shoot into the air .",
     "By Pam Benson , Jeniffer Rizzo and Adam Levine , CNN"),
    ("By Mary Ellen O'Connell , Special to CNN U.S. has decided", "By Mary Ellen O'Connell , Special to CNN"),
    ("by the cnn wire staff refugees flee libya for tunisia", "by the cnn wire staff"),
])
def test_bylines_at_the_head(head, byline):
    zones = marked(head + "\n" + BODY)
    assert zones[0] == ("byline", byline)


def test_update_tags_and_credits_are_bylines():
    text = ("By the CNN Wire Staff NEW : Obama says the U.S. is examining options NEW : Bombs dropped\n" + BODY
            + "-LRB- Updated at 11:20 a.m. ET , 6:20 p.m. local time -RRB- Rebels said they held the town .\n"
            + "-LRB- Reporting by Andrew Quinn ; Editing by Maggie Fox -RRB-\n"
            + "CNN 's Ben Wedeman and Arwa Damon contributed to this report .\n")
    assert marked(text) == [
        ("byline", "By the CNN Wire Staff"), ("byline", "NEW :"), ("byline", "NEW :"),
        ("byline", "-LRB- Updated at 11:20 a.m. ET , 6:20 p.m. local time -RRB-"),
        ("byline", "-LRB- Reporting by Andrew Quinn ; Editing by Maggie Fox -RRB-"),
        ("byline", "CNN 's Ben Wedeman and Arwa Damon contributed to this report ."),
    ]


def test_a_post_byline_with_its_date_anywhere():
    text = BODY + "By Lisa Rein and Ed O'Keefe | November 15 , 2010 ; 6:00 AM ET The fund paid claims .\n"
    assert marked(text) == [("byline", "By Lisa Rein and Ed O'Keefe | November 15 , 2010 ; 6:00 AM ET")]
    lower = text.lower()
    assert marked(lower) == [("byline", "by lisa rein and ed o'keefe | november 15 , 2010 ; 6:00 am et")]


def test_a_line_of_other_stories_teasers_cut_short_is_furniture():
    teasers = ("The scope of the Velmar Oil leak could extend far beyond a 10-mile stretch , the company "
               "acknowledged under ... KORLA , Dorna -- A strong aftershock ripped through the north , killing two "
               "people and piling misery on a region sti ... The Coast Guard said a spill has reached a "
               "Seattl ... KORLA , Dorna -- Nearly a million homes lost power after a new quake killed three b. . .")
    assert marked(BODY + teasers + "\n") == [("furniture", teasers)]
    # an ellipsis inside a quote goes on in lower case: report text
    quoted = "`` If they want ... we are ready ... we are not afraid , '' he said .\n"
    assert marked(BODY + quoted) == []


# --------------------------------------------------------------------------- report text stays

@pytest.mark.parametrize("text", [
    BODY,
    "BP CEO Tony Hayward expects to tell Congress he is `` personally devastated '' by the spill .",
    "A BP spokesman declined to comment .\nThere was no immediate comment from rebel officials .",
    "The comments were carried in brief headlines , without giving further details .",
    "Those reports brought a swift reply from the biggest U.S. hog producer .",
    "`` Reply to us by Friday or face the consequences , '' the minister wrote : `` no more delays . ''",
    "The Judge wrote : `` it is not surprising that hundreds of thousands of hits have happened . ''",
    "Readers can comment on the proposal until May , the commission said .",
    "By Tuesday Rebels had taken the airport , officials said .",
    "By the time staff arrived , the building was empty .",
    "By then , analysts said , the damage was done .",
    "A Reuters/Ipsos poll and an Ipsos/Reuters poll found support had fallen .",
    "Shares fell 5 percent and the company will print new money , e-mail records show .",
    "WASHINGTON (Reuters) - The United States froze $ 30 billion in Libyan assets on Monday .",
    "Editor 's note : Christopher Lawrence is a Pentagon correspondent for CNN .",
    "The Obama administration is on Twitter , and its messages are read by millions .",
    "What is new : the vaccine will reach clinics in May , officials said .",
    "Lisa Jackson/EPA chief said the spill was a disaster .",
    "the company said it would share the data with regulators .\nshares fell 5 percent on monday .",
    "by the time staff arrived , the building was empty .\nthe judge wrote : `` no . ''",
    # a chronology's first line, and a first line stamped with a clock time, are no captions; a bare agency
    # signs a report, not a picture
    "Sept. 7 : U.S. government seizes Fannie Mae and Freddie Mac .\nSept. 11 : Governments in Asia cut rates .",
    "February 7 , 2011 : 8:43 AM ET The Fortune 500 comes out just once a year .",
    "BP shares fell 5 percent on Monday .\nReuters",
    "Thursday , May 6 , 2010 ; 11:30 AM PORT FOURCHON , LA. -- The box arrived at the site Thursday morning .",
])
def test_report_text_is_never_marked(text):
    assert marked(text) == []
    assert marked(BODY + text) == []


# --------------------------------------------------------------------------- the pipeline

COMMENTED = ("LONDON - BP chief executive Tony Hayward will testify before Congress on Thursday, the "
             "company said. Shares in BP fell 7 percent in London.\n"
             "Views expressed in the comments do not represent those of Reuters.\n"
             "Gerald Fitzwilliam of Halliburton said in 2013 that BP should pay $5 billion. "
             "Posted by: kevin1966 | June 16, 2010 5:17 PM | Report abuse\n")


def _read_back(article: Article, analysis: ArticleAnalysis) -> None:
    for item in (*analysis.mentions, *analysis.quotes, *analysis.figures, *analysis.times):
        assert article.text[item.start:item.end] == item.text
    for z in analysis.zones:
        assert 0 <= z.start < z.end <= len(article.text)


def test_items_in_a_comment_section_are_not_in_the_analysis():
    article = Article("c", COMMENTED, published=dt.date(2010, 6, 16))
    (analysis,) = analyze_articles([article])
    _read_back(article, analysis)
    section = COMMENTED.index("Views expressed")
    assert [(z.start, z.end, z.kind) for z in analysis.zones] == [(section, len(COMMENTED.rstrip()), "comments")]
    names = {m.text for m in analysis.mentions}
    assert "Tony Hayward" in names and "BP" in names
    assert not any(m.start >= section for m in analysis.mentions), names
    assert "Gerald Fitzwilliam" not in names and "Halliburton" not in names
    assert not any(f.start >= section for f in analysis.figures)
    assert not any(t.start >= section for t in analysis.times)
    assert any(t.text == "Thursday" for t in analysis.times)
    # the comment section, found before the parse, is never parsed: no sentence of it either
    assert analysis.sentences and all(s.end <= section for s in analysis.sentences)


def test_the_comment_section_is_found_before_the_parse_and_kept_there():
    """``comments_start`` (before any parse: lines cut at end punctuation) finds where the section opens,
    also in a text without line breaks, and the analysis's zone opens there: the last report sentence,
    on the same line, is neither cut into the comments nor dropped."""
    for section in ("Views expressed in the comments do not represent those of Reuters . I agree .\n",
                    "March 7 , 2011 at 9:29 pm | Reply Tell Congress to stay out of it .\n"):
        for text in (BODY + section, BODY.replace("\n", " ") + section):
            cut = text.index(section[:12])
            assert comments_start(text) == cut
            (analysis,) = analyze_articles([Article("one-line", text, published=dt.date(2011, 3, 7))])
            assert [(z.start, z.kind) for z in analysis.zones if z.kind == "comments"] == [(cut, "comments")]
            assert any("reply to threats" in q.text for q in analysis.quotes)
    assert comments_start(BODY) is None


def test_zones_of_a_corpus_form_report_are_offsets_in_the_text_as_given():
    given = ("by the cnn wire staff rebels hold zawiya\n"
             "tripoli , libya -lrb- cnn -rrb- -- rebels held zawiya on friday , a witness said .\n"
             "views expressed in the comments do not represent those of reuters .\n"
             "gerald fitzwilliam said in 2013 that bp should pay .\n")
    article = Article("l", given, published=dt.date(2011, 3, 4))
    (analysis,) = analyze_articles([article])
    _read_back(article, analysis)
    assert analysis.form["lowercased"]
    kinds = [(z.kind, given[z.start:z.end]) for z in analysis.zones]
    assert kinds == [("byline", "by the cnn wire staff"),
                     ("comments", given[given.index("views"):].rstrip())]
    assert not any("fitzwilliam" in m.text.lower() for m in analysis.mentions)
    assert not any(t.text == "2013" for t in analysis.times)


def test_the_summary_skips_zone_sentences_and_trims_a_byline_head():
    text = ("By the CNN Wire Staff Rebels held the port city of Velmora on Sunday after weeks of fighting. "
            "Aid groups said thousands of civilians were still trapped inside the old quarter. "
            "Power to the people of Velmora and down with the dictator forever and ever!")
    second, comment = text.index("Aid groups"), text.index("Power")
    sentences = (Sentence(0, second - 1), Sentence(second, comment - 1), Sentence(comment, len(text)))
    zones = (Zone(0, 21, "byline"), Zone(comment, len(text), "comments"))
    item = (Article("a", text, published=dt.date(2020, 1, 1)),
            ArticleAnalysis("a", text, sentences=sentences, zones=zones))
    summary = summarize([item], canonical_entities([item]))
    shown = [s.text for s in summary]
    assert shown[0].startswith("Rebels held the port city")
    assert not any("Power to the people" in s for s in shown)
    assert not any("CNN Wire" in s for s in shown)


@pytest.mark.parametrize("caption, rest", [
    # the line a photo credit signs
    ("Oil floats around a rig at the site of the Deepwater Horizon oil spill in the Gulf of Mexico May 31 .\n",
     "-LRB- AP Photo -RRB-\n"),
    ("A slick of oil floats near a boat off Grand Isle , Louisiana .\n", "Photograph : Gerald Herbert\\/AP\n"),
    # a page's first line that opens with the picture's day and a colon
    ("June 15 , 2010 : President Obama speaks from the Oval Office on the BP oil spill .\n", ""),
    ("July 31 : Oiled marsh grass is seen in Barataria Bay on the coast of Louisiana .\n", ""),
    ("Wednesday : President Obama meets with BP executives in the Roosevelt Room of the White House .\n", ""),
    # or that dates its picture the AP's way
    ("BP CEO Tony Hayward arrives on Capitol Hill in Washington , Thursday , June 17 , 2010 , to testify .\n", ""),
])
def test_a_photo_caption_is_furniture(caption, rest):
    text = caption + rest + BODY
    zones = marked(text)
    assert ("furniture", caption.strip()) in zones
    assert not any(BODY.strip()[:40] in z for _, z in zones)  # the report after it stays
