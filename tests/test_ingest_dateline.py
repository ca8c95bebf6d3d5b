"""Datelines by shape (cased, lowercased tokenized, none) and the outlet a text names itself."""

from __future__ import annotations

import pytest

from crosswire.ingest.dateline import agency_name, infer_outlet, parse_dateline


@pytest.mark.parametrize(
    ("text", "written", "place", "agency"),
    [
        ("HARBOURTON - The bridge reopened.", "HARBOURTON -", "HARBOURTON", None),
        ("KINGSPORT, Norway (AFP) - Ports closed.", "KINGSPORT, Norway (AFP) -", "KINGSPORT, Norway", "AFP"),
        ("kingsport , norway ( reuters ) - ports closed .", "kingsport , norway ( reuters ) -",
         "kingsport , norway", "Reuters"),
        ("WASHINGTON (Reuters) - Lawmakers met.", "WASHINGTON (Reuters) -", "WASHINGTON", "Reuters"),
        ("LONDON, Oct 5 (Reuters) - Prices rose.", "LONDON, Oct 5 (Reuters) -", "LONDON", "Reuters"),
        ("PARIS — The strike ended.", "PARIS —", "PARIS", None),
        ("PARIS—The strike ended.", "PARIS—", "PARIS", None),
        ("Rio de Janeiro, Brazil – Rain fell.", "Rio de Janeiro, Brazil –", "Rio de Janeiro, Brazil", None),
        ("NEW DELHI, Oct. 5, 2017 (Press Trust of India) -- Talks began.",
         "NEW DELHI, Oct. 5, 2017 (Press Trust of India) --", "NEW DELHI", "PTI"),
        ("\n\n  BEIRUT (AP) — Protests grew.", "BEIRUT (AP) —", "BEIRUT", "AP"),
        ("ATLANTA (CNN) — Storms hit.", "ATLANTA (CNN) —", "ATLANTA", "CNN"),
        ("LAHORE (The Nation) - Rain fell.", "LAHORE (The Nation) -", "LAHORE", "The Nation"),
    ],
)
def test_dateline_found_with_offsets_that_read_back(text: str, written: str, place: str, agency: str | None) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None
    assert text[dateline.start : dateline.end] == written
    assert dateline.place == place and text[dateline.start :].startswith(place)
    assert dateline.agency == agency


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said - and nobody disagreed - that rates would rise.",
        "well - known experts warned on tuesday .",
        "U.S.-backed forces advanced on Monday.",
        "Officials in the capital - who asked not to be named - said so.",
        "By Jane Doe\nBEIRUT - Protests grew.",
        "Smith (the mayor) - said nothing.",
        "One Two Three Four Five Six - too many words for a place.",
        "",
        "-",
        "   \n",
    ],
)
def test_dateline_none_for_ordinary_openings(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "written", "place", "agency"),
    [
        ("RABAT | Sun Feb 20 , 2011 6:47 pm EST RABAT -LRB- Reuters -RRB- - A son of the king spoke.",
         "RABAT -LRB- Reuters -RRB- -", "RABAT", "Reuters"),
        ("Protesters believe demonstrations can help trigger change Cairo , Egypt -LRB- CNN -RRB- -- Crowds grew.",
         "Cairo , Egypt -LRB- CNN -RRB- --", "Cairo , Egypt", "CNN"),
        ("Weapons are being used against protesters (CNN) -- A thick haze hung.", "(CNN) --", None, "CNN"),
        ("ROME Feb 21 -LRB- Reuters -RRB- - Italian ministers met.", "ROME Feb 21 -LRB- Reuters -RRB- -", "ROME", "Reuters"),
    ],
)
def test_dateline_after_a_pages_stamp_or_highlights_on_the_first_line(text: str, written: str, place: str | None,
                                                                      agency: str) -> None:
    dateline = parse_dateline(text)
    assert dateline is not None and text[dateline.start : dateline.end] == written
    assert (dateline.place, dateline.agency) == (place, agency)


@pytest.mark.parametrize(
    "text",
    [
        "First time my political pundit -LRB- my dad -RRB- agree with Obama.",
        "the crowd chanted slogans , witnesses said ( reuters ) - police fired .",  # lowercased: start only
        "Markets fell.\nLONDON (Reuters) - Prices rose.",  # not the first line
    ],
)
def test_dateline_none_later_without_an_agency_or_beyond_the_first_line(text: str) -> None:
    assert parse_dateline(text) is None


def test_dateline_agency_names_normalise() -> None:
    assert agency_name("( reuters )".strip("() ")) == "Reuters"
    assert agency_name("Agence  France - Presse") == "AFP"
    assert agency_name("itar-tass") == "TASS"
    assert agency_name("Daily Planet") is None


def test_dateline_infer_outlet_prefers_the_dateline_agency() -> None:
    text = "BEIRUT (AP) — An official told Reuters on Monday that talks would resume."
    assert infer_outlet(text, parse_dateline(text)) == "AP"


def test_dateline_infer_outlet_counts_self_references() -> None:
    text = ("HARBOURTON - A council engineer told AFP the works were done. Reuters reported delays earlier. "
            "\"It is finished,\" another official told AFP. An AFP correspondent saw traffic resume.")
    assert infer_outlet(text, parse_dateline(text)) == "AFP"


def test_dateline_infer_outlet_lowercased_and_parenthesised() -> None:
    assert infer_outlet("ports closed , a harbour official told the associated press .", None) == "AP"
    assert infer_outlet("Oslo: Ports closed on Friday (Xinhua).", None) == "Xinhua"
    assert infer_outlet("Oslo : Ports closed on Friday -LRB- Xinhua -RRB- .", None) == "Xinhua"  # corpus tokens


def test_dateline_infer_outlet_needs_agency_spelling_in_cased_text() -> None:
    assert infer_outlet("The singer told Sana about the tour. She told Bloomberg nothing.", None) == "Bloomberg"
    assert infer_outlet("The singer told Sana about the tour.", None) is None
    assert infer_outlet("Nothing about any agency here.", None) is None
