"""Per-article analysis: sentences, mentions, alias evidence, quotes, figures, time references.

Each finder is a pure function over a spaCy ``Doc`` of the *reading* text and returns items whose
offsets index ``doc.text``; ``crosswire.analyze.pipeline`` maps them back to the text as given.
"""
