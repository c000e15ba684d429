"""Synthetic news corpus generator used by ``scripts/gen-corpus.py``.

Modules, in the order data flows through them:

- ``grammar``  – the tiny template language ({slot}, [alt|ernatives]) and its renderer.
- ``vocab``    – invented people, places, companies, numbers and dates (slot fillers).
- ``topics``   – sentence templates of the original stories, grouped by topic and role.
- ``stories``  – writes an original story (facts + paragraphs), its alternative ledes and
                 headlines, and independent same-event stories (``same-topic`` negatives).
- ``families`` – templated reports (earnings, market closes, forecasts, ...) that share most
                 of their wording but not their facts (``template`` negatives).
- ``outlets``  – outlet boilerplate (bylines, stamps, datelines, promo lines, footers) and the
                 two output shapes: JSONL records and scraped plain-text files.
- ``variants`` – the copy transformations (trimmed, light-edit, rewrap, ...).

Everything random goes through one ``random.Random`` passed in explicitly; nothing depends on
hash order, the clock or the environment, so a seed fully determines the output.
"""
