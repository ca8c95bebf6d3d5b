"""Quality scorers, one per capability, against the gold data in ../shared/data.

Run one with ``python -m eval.<capability>`` (``stories``, ``quotes``, ``figures``, ``times``,
``summaries``, ``html``) or all with ``python -m eval.run_all``; each takes ``--data``, ``--limit``.
"""
