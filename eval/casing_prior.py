"""Learn how general news spells words that are names or name-like ("Chinese", "Republicans", "Clinton"),
from the cased reports of the shared raw news corpus.

A lowercased report is re-cased from what the collection's own cased reports say (``restore.Lexicon``).
A collection without cased reports, or a word they never use, left nationality adjectives and names
lowercase ("as italians , the schifanos ...", "freddy confided ..."), and the tagger then reads them as
adjectives or common nouns and loses who said what. This counts, over every cased report of
``corpus/news.jsonl.gz`` (Timeline17, BBC, AFP and Xinhua, 2004-2013), the forms of each word where
casing is the writer's (``Lexicon.observe_text``: not at a possible sentence start), and keeps a word's
cased form where it occurs at least ``MIN_COUNT`` times and its cased forms outnumber its lowercase form
as ``Lexicon.case_of`` requires. It is a prior: the collection's lexicon decides every word it has seen.
No gold annotation is read (the corpus is raw text), and none of the quote, entity or time gold sets.

    python -m eval.casing_prior --data ../shared/data          # writes the prior
    python -m eval.casing_prior --data ../shared/data --check  # exits 1 if the shipped prior differs

Written to ``src/crosswire/restore/casing_prior.txt``, one cased form per line; about 20 seconds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from eval import data as gold
from eval.common import ROOT, learner_args, write_or_check

MIN_COUNT = 2
OUT = ROOT / "src" / "crosswire" / "restore" / "casing_prior.txt"
HEADER = ("# Cased forms of words general news spells cased (names, nationalities), learned from the raw news\n"
          "# corpus by `python -m eval.casing_prior` (see its docstring); do not edit by hand.\n")


def prior_forms(texts: Iterable[str], min_count: int = MIN_COUNT) -> list[str]:
    """The dominant cased form of every word seen at least ``min_count`` times in the cased ``texts``."""
    from crosswire.restore import Lexicon, detect_form

    lexicon = Lexicon()
    for text in texts:
        if not detect_form(text).lowercased:
            lexicon.observe_text(text)
    return sorted(form for low in lexicon.words() if lexicon.count_of(low) >= min_count
                  and (form := lexicon.case_of(low)) is not None)


def main(argv: Sequence[str] | None = None) -> int:
    args = learner_args("eval.casing_prior", __doc__, "prior", gold.CORPUS, argv)
    forms = prior_forms(r.text for r in gold.load_corpus(args.data))
    print(f"{len(forms)} words cased")
    return write_or_check(OUT, HEADER + "".join(f"{form}\n" for form in forms), check=args.check, what="prior")


if __name__ == "__main__":
    sys.exit(main())
