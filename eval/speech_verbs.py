"""Learn which verbs report speech or a stated position, from PolNeAR's train split.

crosswire finds reported speech where a verb with a subject takes a clause ("X said that ...",
"X thinks ...", "X said: ...": ``analyze.quotes._forward_content``). Which verbs count was a list
written by hand (``analyze.speech.HAND_SPEECH_VERBS``); PolNeAR's annotators attribute far more
(thinking, knowing, showing, wanting, asking...). For every verb lemma of the train articles this
counts how often that construction occurs and how often the verb is the gold cue of an attribution whose
content the clause overlaps (not merely a word inside someone else's quote: "I think ..." in a quote).
A lemma is learned when it occurs at least ``MIN_COUNT`` times and is the cue at least as often as the
median hand-written verb is (``hand_rate``: 0.83 on train, "say" itself), a rule fixed before looking
at dev. Nothing of dev or of any held-out split is read.

    python -m eval.speech_verbs --data ../shared/data          # writes the learned list
    python -m eval.speech_verbs --data ../shared/data --check  # exits 1 if the shipped list differs

The list is written to ``src/crosswire/analyze/speech_verbs.txt`` (one lemma per line), which
``analyze.speech`` reads. About two minutes on one core (840 articles through the spaCy model).
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from collections.abc import Sequence

from eval import data as gold
from eval.common import ROOT, learner_args, write_or_check

MIN_COUNT = 10
OUT = ROOT / "src" / "crosswire" / "analyze" / "speech_verbs.txt"
HEADER = ("# Verbs (lemmas) that report speech or a stated position, learned from PolNeAR train by\n"
          "# `python -m eval.speech_verbs` (see its docstring); do not edit by hand.\n")


def verb_counts(docs: Sequence[gold.QuoteDoc]) -> tuple[Counter, Counter]:
    """Per verb lemma: how often it has a subject and a clause crosswire reads as what was said, and how
    often that clause overlaps a gold attribution's content."""
    from crosswire.analyze import quotes
    from crosswire.analyze.nlp import lemma_of, load_pipeline

    nlp = load_pipeline()
    seen: Counter = Counter()
    content: Counter = Counter()
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        for tok in parsed:
            if tok.pos_ != "VERB" or quotes._subject(tok) is None:
                continue
            clause = quotes._forward_content(tok)
            if clause is None:
                continue
            lemma = lemma_of(tok).lower()
            seen[lemma] += 1
            content[lemma] += any(  # the verb is the attribution's cue, not a word inside another's content
                any(s <= tok.idx < e for s, e in a.cue or ())
                and any(s < clause.end_char and clause.start_char < e for s, e in a.content)
                for a in doc.attributions)
    return seen, content


def hand_rate(seen: Counter, content: Counter) -> float:
    """How often the median hand-written speech verb (of those used ``MIN_COUNT`` times) is the cue."""
    from crosswire.analyze.speech import HAND_SPEECH_VERBS

    return statistics.median(content[v] / seen[v] for v in HAND_SPEECH_VERBS if seen[v] >= MIN_COUNT)


def learned(seen: Counter, content: Counter, rate: float) -> list[str]:
    from crosswire.analyze.speech import HAND_SPEECH_VERBS

    return sorted(lemma for lemma, n in seen.items() if lemma.isalpha() and lemma not in HAND_SPEECH_VERBS
                  and n >= MIN_COUNT and content[lemma] / n >= rate)


def main(argv: Sequence[str] | None = None) -> int:
    args = learner_args("eval.speech_verbs", __doc__, "list", gold.POLNEAR / "train", argv)
    seen, content = verb_counts(gold.load_polnear(args.data, "train"))
    rate = hand_rate(seen, content)
    verbs = learned(seen, content, rate)
    print(f"the median hand-written verb is the cue {rate:.3f} of the time")
    text = HEADER + "".join(f"{v}\n" for v in verbs)
    for verb in verbs:
        print(f"{verb}\t{content[verb]}/{seen[verb]}")
    print(f"{len(verbs)} verbs")
    return write_or_check(OUT, text, check=args.check, what="list")


if __name__ == "__main__":
    sys.exit(main())
