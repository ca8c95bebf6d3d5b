"""Figures: crosswire's numeric figures against NewsQuant (dev half), value and value+unit F1.

As the NewsQuant authors define it: a predicted quantity counts for *value* when its value (a
range's two ends) equals a gold one, and for *value+unit* when its normalised unit matches too.
NewsQuant's normalised units are quantulum3's unit names ("percentage", "dollar", "kilometre")
and, for counts, the counted noun ("lot", "contract"); crosswire's unit codes are mapped onto
those names (``UNIT_NAMES``, general units only), and a crosswire count is represented by what it
counts (``Figure.what``). Calendar years and ordinals are not quantities and are left out.

Peers: quantulum3 alone (its classifier off: it crashes otherwise), and CQE (Almasian et al., EMNLP 2023,
the NewsQuant authors' extractor; PyPI ``CQE``, installed without its dependencies, which pull PyTorch it
does not use: see the Makefile) with crosswire's shipped spaCy model in place of the ``en_core_web_sm`` it
would download. CQE sets the locale ``en_US.UTF-8`` when imported; where the machine has none, one is
built with ``localedef`` in crosswire's cache folder (``_english_locale``). Its units are NewsQuant's own.
"""

from __future__ import annotations

import locale
import logging
import os
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from eval import data as gold
from eval.common import CROSSWIRE, Result, prefixed, result, run_crosswire, scorer_main
from eval.metrics import match_quantities, prf

PEER = "quantulum3"
CQE = "CQE"
ENGLISH_LOCALE = "en_US.UTF-8"  # the locale CQE sets on import
NO_UNIT = "-"  # NewsQuant's normalised unit for a bare number
# crosswire figure kinds that are not quantities in NewsQuant's sense.
NOT_QUANTITIES = frozenset({"year", "ordinal"})
# crosswire unit code or unit word (lowercase) -> NewsQuant/quantulum3 unit name: general units
# only, spelled the way quantulum3 names them.
UNIT_NAMES = {
    "percent": "percentage", "usd": "dollar", "eur": "euro", "gbp": "pound sterling", "jpy": "japanese yen",
    "yuan": "chinese yuan", "hkd": "hong kong dollar", "aud": "australian dollar", "cad": "canadian dollar",
    "nzd": "new zealand dollar", "sgd": "singapore dollar", "myr": "malaysian ringgit", "chf": "swiss franc",
    "inr": "indian rupee", "km": "kilometre", "kilometer": "kilometre", "m": "metre", "meter": "metre",
    "cm": "centimetre", "mm": "millimetre", "mile": "mile", "ft": "foot", "feet": "foot", "kg": "kilogram",
    "g": "gram", "lb": "pound-mass", "oz": "ounce", "tonne": "tonne", "hectare": "hectare", "l": "litre",
    "ml": "millilitre", "mph": "mile per hour", "mpg": "mile per gallon", "rpm": "revolutions per minute",
    "basis point": "basis point", "km/h": "kilometre per hour", "inch": "inch", "cny": "chinese yuan",
    "hz": "hertz", "ghz": "gigahertz", "w": "watt", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt",
    "mah": "milliampere-hour", "hp": "horsepower", "gb": "gigabyte", "ppb": "parts-per-billion",
    "dkk": "danish krone", "sek": "swedish krona", "nok": "norwegian krone", "square foot": "square feet",
    "square km": "square kilometre", "gwh": "gigawatt hour", "mwh": "megawatt hour", "kwh": "kilowatt hour",
    "mg": "milligram",
    "times": "count",  # quantulum3's "count" is said "time(s)"
}
AGE_UNIT = "year of age"
HEADLINE = ("value_f1", "value_unit_f1")

Quantity = tuple[tuple[float, float], str]


def crosswire_quantity(figure) -> Quantity:
    """A crosswire ``Figure`` as (value range, NewsQuant unit name). The value is the one its text states
    (``stated_value``: "more than 60%" is 60), as NewsQuant annotates it, not the range crosswire
    compares it by (60-90)."""
    from crosswire.analyze.figures import is_share_in_words, stated_value

    low, high = stated_value(figure)
    if is_share_in_words(figure):
        # a share said in words ("a third of those screened"): NewsQuant writes it as a fraction of what
        # it is a share of, with the unit "% <what>"
        of = (figure.what or "").removeprefix("percent").removeprefix(" of ")
        return (low / 100, high / 100), f"% {of or NO_UNIT}"
    if figure.kind == "age":
        unit = AGE_UNIT
    else:
        word = (figure.unit or figure.what or NO_UNIT).lower()
        unit = UNIT_NAMES.get(word, word)
    if figure.per:  # a rate: "1,000 barrels a day"
        unit = f"{unit} per {figure.per}"
    return (low, high), unit


def quantulum_quantities(text: str) -> list[Quantity]:
    """quantulum3's quantities; a range comes back as its mean plus an uncertainty of half its width."""
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False
    out = []
    for q in parser.parse(text):
        spread = q.uncertainty or 0.0
        name = q.unit.name.lower()
        out.append(((q.value - spread, q.value + spread), NO_UNIT if name == "dimensionless" else name))
    return out


def _english_locale() -> None:
    """Make ``en_US.UTF-8`` loadable for CQE: if the system has none, build it once with ``localedef``
    into the cache folder and point ``LOCPATH`` there (read by the C library at ``setlocale``)."""
    try:
        locale.setlocale(locale.LC_ALL, ENGLISH_LOCALE)
        return
    except locale.Error:
        pass
    from crosswire.cache_folder import cache_dir

    folder = cache_dir() / "locale"
    if not (folder / ENGLISH_LOCALE).is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", str(folder / ENGLISH_LOCALE)], check=True,
                       capture_output=True)
    os.environ["LOCPATH"] = str(folder)


def cqe_quantities(texts: Sequence[str]) -> list[list[Quantity]] | str:
    """CQE's quantities of each text as (value range, normalised unit); why not, when it cannot run here.
    The locale it needs (it reads numbers with ``locale.atof``) is set for the call only."""
    saved = locale.setlocale(locale.LC_ALL)
    try:
        try:
            _english_locale()
            from CQE.CQE import CQE as Extractor
        except (ImportError, OSError, subprocess.CalledProcessError, locale.Error) as exc:
            return f"CQE cannot run here: {exc}"
        from crosswire.analyze.nlp import DEFAULT_MODEL

        extractor = Extractor(spacy_model=DEFAULT_MODEL)
        locale.setlocale(locale.LC_ALL, ENGLISH_LOCALE)
        logging.disable(logging.WARNING)  # CQE logs every unit it cannot normalise
        out = []
        for text in texts:
            found = []
            for q in extractor.parse(text):
                value = q.value
                low, high = (value.lower, value.upper) if hasattr(value, "lower") else (value.value, value.value)
                found.append(((float(low), float(high)), q.unit.norm_unit.lower()))
            out.append(found)
        return out
    finally:
        logging.disable(logging.NOTSET)
        locale.setlocale(locale.LC_ALL, saved)


def _figures(pred: Sequence[Sequence[Quantity]], sentences: Sequence[gold.QuantSentence]) -> dict[str, float]:
    value_tp = unit_tp = 0
    for quantities, sentence in zip(pred, sentences):
        v, u = match_quantities(quantities, [(q.value, q.unit) for q in sentence.quantities])
        value_tp += v
        unit_tp += u
    n_pred = sum(map(len, pred))
    n_gold = sum(len(s.quantities) for s in sentences)
    return {**prefixed("value", prf(value_tp, n_pred, n_gold)),
            **prefixed("value_unit", prf(unit_tp, n_pred, n_gold)), "predicted": n_pred, "gold": n_gold}


def score(data_dir: Path, limit: int | None = None) -> Result:
    from crosswire.model import Article

    t0 = time.perf_counter()
    sentences = gold.sample(gold.load_newsquant(data_dir), limit)
    articles = [Article(id=f"newsquant-{i}", text=s.text) for i, s in enumerate(sentences)]
    analyses = run_crosswire(articles)
    ours = [[crosswire_quantity(f) for f in analyses[a.id].figures if f.kind not in NOT_QUANTITIES]
            if a.id in analyses else [] for a in articles]
    peer = [quantulum_quantities(s.text) for s in sentences]
    systems = {CROSSWIRE: _figures(ours, sentences), PEER: _figures(peer, sentences)}
    cqe = cqe_quantities([s.text for s in sentences])
    if not isinstance(cqe, str):
        systems[CQE] = _figures(cqe, sentences)
    return result("figures", systems, HEADLINE, n=len(sentences), limit=limit, data=[gold.NEWSQUANT],
                  settings={"excluded_kinds": sorted(NOT_QUANTITIES), "quantulum3_classifier": False},
                  details={"cqe": cqe if isinstance(cqe, str) else "ran"}, seconds=time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> Result:
    return scorer_main(score, "Numeric figures against NewsQuant (dev).", gold.NEWSQUANT, argv)


if __name__ == "__main__":
    main()
