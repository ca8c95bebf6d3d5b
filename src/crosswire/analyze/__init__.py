"""Per-article analysis: sentences, mentions, alias evidence, quotes, figures, time references.

Each finder is a pure function over a spaCy ``Doc`` of the *reading* text and returns items whose
offsets index ``doc.text``; ``crosswire.analyze.pipeline`` maps them back to the text as given.
"""

# Stored with every analysis; `crosswire reanalyze` re-runs the articles an older version analysed.
# Raise it whenever a change to restore/ or analyze/ changes what an analysis holds.
ANALYZER_VERSION = 2  # 2: ASCII-pair quote marks, names never span corpus brackets or cased common words
