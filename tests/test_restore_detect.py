"""Form detection: published, lowercased, tokenized and quote-stripped texts."""

from crosswire.restore import TextForm, detect_form

PUBLISHED = ('OSKVAR - The dam on the Tarn gave way on Monday, officials said. '
             '"We had no warning," said Lena Moor, 34, who lives nearby. '
             "The U.S.-based group didn't comment.")
CORPUS = ("oskvar , tarnland ( meridian ) - the dam gave way on monday , officials said .\n"
          "lena moor said she had no warning .\n"
          "the group did n't comment , a spokesman told reporters .\n")


def test_detect_published_text_shows_no_treatment():
    assert detect_form(PUBLISHED) == TextForm(False, False, False)


def test_detect_corpus_text_shows_all_treatments():
    assert detect_form(CORPUS) == TextForm(lowercased=True, tokenized=True, quotes_stripped=True)


def test_detect_tokenized_but_cased():
    form = detect_form("The dam gave way on Monday , officials said . It did n't hold .")
    assert form.tokenized and not form.lowercased


def test_detect_lowercased_but_not_tokenized():
    form = detect_form("the dam gave way on monday, officials said. it didn't hold.")
    assert form.lowercased and not form.tokenized


def test_detect_numbers_and_initialisms_do_not_look_tokenized():
    text = "About 1,200 people left at 10:30 on Monday, the U.S. embassy said."
    assert not detect_form(text).tokenized


def test_detect_quote_marks_mean_not_stripped():
    text = 'the mayor said "leave now" . he said it twice . she told us so .'
    assert not detect_form(text).quotes_stripped


def test_detect_few_speech_cues_are_not_enough_for_stripped_quotes():
    assert not detect_form("the river rose overnight , the mayor said .").quotes_stripped


def test_detect_no_letters_is_not_lowercased():
    assert not detect_form("1,200 - 2,000").lowercased


def test_detect_as_dict():
    assert TextForm(True, False, True).as_dict() == {
        "lowercased": True, "tokenized": False, "quotes_stripped": True}
