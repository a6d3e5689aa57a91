"""Article text -> candidate claims of troop figures, for one text or a whole corpus.

* :func:`extract_claims` reads one text;
* :func:`extract_file` one UTF-8 file or saved web page, :func:`extract_corpus` a folder of
  ``.txt`` / ``.html`` / ``.mhtml`` files or a JSON / JSON Lines / CSV corpus (optionally on Dask);
* :func:`mark_repeats` flags candidates that re-report rows of the ledger.

Example:
    >>> from osint.extract import extract_claims
    >>> df = extract_claims("Seoul said 3,000 North Korean troops have arrived in Russia.",
    ...                     published="2024-10-23")
    >>> (int(df.figure_low[0]), df.measure[0], df.claimant[0])
    (3000, 'arrived_in_russia', 'Government of South Korea')
"""

from __future__ import annotations

from .core import CANDIDATE_COLUMNS, EXTRA_COLUMNS, candidates_frame, extract_claims, extract_records
from .corpus import (
    CORPUS_COLUMNS,
    CorpusError,
    document_text,
    extract_corpus,
    extract_file,
    mark_repeats,
    read_corpus,
)
from .pages import Page, PageError, parse_page, read_page

__all__ = [
    "CANDIDATE_COLUMNS",
    "CORPUS_COLUMNS",
    "CorpusError",
    "Page",
    "PageError",
    "EXTRA_COLUMNS",
    "candidates_frame",
    "document_text",
    "extract_claims",
    "extract_records",
    "extract_corpus",
    "extract_file",
    "mark_repeats",
    "parse_page",
    "read_corpus",
    "read_page",
]
