"""Run the extractor over files and corpora (optionally on Dask), and flag repeats of the ledger.

Inputs: one ``.txt`` file or saved web page (``.html``, ``.htm``, ``.mhtml``: see
:mod:`.pages`); a folder of them; a JSON file (a list of records, or an
object holding one such list), a JSON Lines file, or a CSV file, whose records carry the
article text with its date and URL. Field names are found among common ones (``text``,
``body``, ``content``; ``published``, ``date``, or ``year``/``month``/``day``; ``source_url``,
``url``, ``source``, ``link``; ``id``, ``event_id``; ``title``, ``headline``) or given.

Big corpora run on Dask: ``scheduler="local"`` starts a local cluster for the call,
``scheduler="tcp://host:8786"`` uses an existing one; Dask is imported only then.

Example:
    >>> df = extract_corpus("tests/fixtures", pattern="extract_*.txt",
    ...                     published="2024-10-19")          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import pandas as pd

from ..paths import PathLike
from .core import CANDIDATE_COLUMNS, candidates_frame, extract_claims, extract_records
from .dates import as_date
from .pages import PAGE_SUFFIXES, PageError, read_page

__all__ = [
    "extract_file",
    "extract_corpus",
    "read_corpus",
    "document_text",
    "mark_repeats",
    "CorpusError",
    "CORPUS_COLUMNS",
]


#: Columns of :func:`extract_corpus` output: the candidate columns plus the document id.
CORPUS_COLUMNS: tuple[str, ...] = ("doc_id", *CANDIDATE_COLUMNS)

_TEXT_FIELDS = ("text", "body", "content", "article", "full_text")
_DATE_FIELDS = ("published", "date", "pub_date", "publication_date", "published_at", "datetime")
_URL_FIELDS = ("source_url", "url", "source", "link", "href")
_ID_FIELDS = ("id", "event_id", "doc_id", "uid", "key")
_TITLE_FIELDS = ("title", "headline", "source_title")
_FILE_SUFFIXES = frozenset({".txt", *PAGE_SUFFIXES})


def extract_file(path: PathLike, published: Any = None, source_url: str | None = None, **options: Any) -> pd.DataFrame:
    """Candidates from one UTF-8 text file or one saved page (see :func:`osint.extract.extract_claims`).

    A saved page (``.html``, ``.htm``, ``.mhtml``) gives its own title, date, outlet and
    canonical URL; ``published`` and ``source_url`` given here win over the page's.

    Example:
        >>> df = extract_file("article.txt", "2024-10-19", "https://example.org/a")  # doctest: +SKIP
    """
    doc = _load(
        {
            "doc_id": Path(path).name,
            "path": str(path),
            "text": None,
            "published": as_date(published),
            "source_url": source_url,
            "source_title": None,
            "given": True,
        }
    )
    return extract_claims(
        doc["text"],
        published=doc["published"],
        source_url=doc["source_url"],
        source_title=doc["source_title"],
        source_outlet=doc.get("source_outlet"),
        **options,
    )


class CorpusError(ValueError):
    """A corpus that cannot be read at all; the message names the file (and line) and the fix."""


def _pick(record: dict[str, Any], wanted: str | None, names: Sequence[str]) -> Any:
    if wanted is not None:
        return record.get(wanted)
    lowered = {str(k).lower(): k for k in record}
    for name in names:
        if name in lowered and record[lowered[name]] not in (None, ""):
            return record[lowered[name]]
    return None


def _record_date(record: dict[str, Any], date_field: str | None) -> date | None:
    value = _pick(record, date_field, _DATE_FIELDS)
    if value not in (None, ""):
        return as_date(value)
    try:
        y, m, d = (int(record[k]) for k in ("year", "month", "day"))
        return date(y, m, d)
    except (KeyError, TypeError, ValueError):
        return None


def _read_text(path: Path) -> str:
    """A UTF-8 (or mostly UTF-8) text file; a binary file is refused."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    head = data[:8192]
    if b"\x00" in head or (head and sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20):
        raise CorpusError(
            f"{path}: not a text file (binary content); give a .txt, .html, .mhtml, .json, .jsonl or .csv file"
        )
    return data.decode("utf-8-sig", errors="replace")


def _json_records(path: Path, text: str) -> Iterator[tuple[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if not lists:
            keys = ", ".join(map(str, list(data)[:8])) or "none"
            raise CorpusError(
                f"{path}: a JSON object without a list of records (keys: {keys}); "
                "give a list of records, an object holding one, or JSON Lines"
            )
        data = max(lists, key=len)
    if not isinstance(data, list):
        raise CorpusError(f"{path}: expected a list of records, found a JSON {type(data).__name__}")
    for n, record in enumerate(data, start=1):
        yield f"{path}: record {n}", record


def _jsonl_records(path: Path, text: str, skipped: list[str]) -> Iterator[tuple[str, Any]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"{path}:{n}", json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append(f"{path}:{n}:{exc.colno}: not valid JSON ({exc.msg}); record skipped")


def _csv_records(path: Path, text: str, delimiter: str, text_field: str | None) -> Iterator[tuple[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = reader.fieldnames or []
    wanted = [text_field] if text_field else list(_TEXT_FIELDS)
    if not any(f is not None and f.strip().lower() in [w.lower() for w in wanted] for f in fields):
        raise CorpusError(
            f"{path}: no text column (columns: {', '.join(map(str, fields)) or 'none'}); name the column "
            f"holding the article text with --text-field COLUMN (known names: {', '.join(_TEXT_FIELDS)})"
        )
    line = reader.line_num
    try:
        for record in reader:
            yield f"{path}:{line + 1}", record
            line = reader.line_num
    except csv.Error as exc:
        raise CorpusError(f"{path}:{reader.line_num}: {exc}") from None


def read_corpus(
    source: PathLike,
    *,
    text_field: str | None = None,
    date_field: str | None = None,
    url_field: str | None = None,
    id_field: str | None = None,
    title_field: str | None = None,
    published: Any = None,
    source_url: str | None = None,
    pattern: str | None = None,
    skipped: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Documents of a corpus as dicts ``{doc_id, text, published, source_url, source_title}``.

    A ``.txt`` file, a saved page (``.html``, ``.htm``, ``.mhtml``) or a folder of them
    (``pattern`` picks files, default: all of those kinds) yields its files, read later from
    ``path``; JSON / JSON Lines / CSV yield their records. ``published`` / ``source_url`` fill
    in what a document does not carry itself. A record that cannot be used (broken JSON line,
    no text) is skipped with a message naming file and line, appended to ``skipped``; with
    ``skipped=None`` it raises :class:`CorpusError` instead. A corpus that cannot be read at
    all raises :class:`CorpusError`.
    """
    path = Path(source)
    default_date = as_date(published)
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".txt" or suffix in PAGE_SUFFIXES:
        if path.is_dir():
            files = (
                sorted(path.glob(pattern))
                if pattern
                else sorted(f for f in path.iterdir() if f.suffix.lower() in _FILE_SUFFIXES)
            )
        else:
            files = [path]
        for f in files:
            if f.is_file():
                yield {
                    "doc_id": f.name,
                    "path": str(f),
                    "text": None,
                    "published": default_date,
                    "source_url": source_url,
                    "source_title": None,
                    "given": not path.is_dir(),
                }
        return
    if not path.is_file():
        raise CorpusError(f"{path}: no such file or folder")
    if suffix not in (".json", ".jsonl", ".ndjson", ".csv", ".tsv"):
        raise CorpusError(
            f"{path}: unknown kind of corpus '{suffix or 'no suffix'}'; give a .txt, .html, "
            ".mhtml, .json, .jsonl or .csv file, or a folder"
        )
    text = _read_text(path)
    problems: list[str] = [] if skipped is None else skipped
    if suffix == ".json":
        records: Iterable[tuple[str, Any]] = _json_records(path, text)
    elif suffix in (".jsonl", ".ndjson"):
        records = _jsonl_records(path, text, problems)
    else:
        records = _csv_records(path, text, "\t" if suffix == ".tsv" else ",", text_field)
    n = 0
    for where, record in records:
        if skipped is None and problems:
            raise CorpusError(problems[0])
        n += 1
        if not isinstance(record, dict):
            problems.append(f"{where}: not a record (a JSON {type(record).__name__}); record skipped")
            continue
        body = _pick(record, text_field, _TEXT_FIELDS)
        if body is None or not str(body).strip():
            hint = (
                f"field {text_field!r} is empty or missing"
                if text_field
                else f"no text field (fields: {', '.join(map(str, list(record)[:8]))}; name it with --text-field)"
            )
            problems.append(f"{where}: {hint}; record skipped")
            continue
        doc_id = _pick(record, id_field, _ID_FIELDS)
        url = _pick(record, url_field, _URL_FIELDS)
        yield {
            "doc_id": str(doc_id) if doc_id is not None else str(n - 1),
            "path": None,
            "text": str(body),
            "published": _record_date(record, date_field) or default_date,
            "source_url": str(url).strip() if url else source_url,
            "source_title": _pick(record, title_field, _TITLE_FIELDS),
        }
    if skipped is None and problems:
        raise CorpusError(problems[0])


def _load(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with its text read (a text file, or the article of a saved page)."""
    if doc["text"] is not None:
        return doc
    path = Path(doc["path"])
    if path.suffix.lower() in PAGE_SUFFIXES:
        try:
            page = read_page(path)
        except PageError as exc:
            raise CorpusError(str(exc)) from None
        given = doc.get("given")
        out = dict(doc, text=page.text, source_title=page.title)
        if page.published and not (given and doc["published"]):
            out["published"] = page.published
        if page.source_url and not (given and doc["source_url"]):
            out["source_url"] = page.source_url
        if page.outlet:
            out["source_outlet"] = page.outlet
        return out
    return dict(doc, text=_read_text(path))


def document_text(doc: dict[str, Any]) -> str:
    """The text a document of :func:`read_corpus` is extracted from (the article of a saved page).

    Example:
        >>> document_text({"doc_id": "a", "path": None, "text": "Some text."})
        'Some text.'
    """
    return _load(doc)["text"]


def _extract_batch(docs: list[dict[str, Any]], options: dict[str, Any]) -> tuple[pd.DataFrame, list[str]]:
    """Candidates for a batch of documents as one frame, and the documents skipped (on a worker)."""
    from .claimants import ClaimantTable

    table = options.get("claimants")
    table = table if isinstance(table, ClaimantTable) else ClaimantTable.load(table)
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []
    for doc in docs:
        try:
            doc = _load(doc)
        except CorpusError as exc:
            skipped.append(f"{exc}; file skipped")
            continue
        outlet = doc.get("source_outlet")
        if outlet and table.outlet(doc["source_url"]) is not None:
            outlet = None  # the claimant table's name for a known outlet
        found = extract_records(
            doc["text"],
            published=doc["published"],
            source_url=doc["source_url"],
            source_title=doc.get("source_title"),
            source_outlet=outlet,
            **{**options, "claimants": table},
        )
        for row in found:
            row["doc_id"] = doc["doc_id"]
        rows += found
    return candidates_frame(rows, extra=("doc_id",)), skipped


def _empty() -> pd.DataFrame:
    return candidates_frame([], extra=("doc_id",))


def _batches(items: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def extract_corpus(
    source: PathLike,
    published: Any = None,
    source_url: str | None = None,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    batch_size: int = 200,
    progress: bool = True,
    text_field: str | None = None,
    date_field: str | None = None,
    url_field: str | None = None,
    id_field: str | None = None,
    title_field: str | None = None,
    pattern: str | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Candidates for every document of a corpus, with a ``doc_id`` column first.

    ``scheduler``: ``None`` runs here with a tqdm progress bar; ``"local"`` starts a local
    Dask cluster (``n_workers`` processes, default all cores) for the call; any other
    string is the address of a running Dask scheduler (``"tcp://10.0.0.5:8786"``). Files of
    a folder (text or saved pages) are read by the workers (they must see the same paths).
    ``options`` go to :func:`osint.extract.extract_claims` (``force=``, ``resolve_places=`` ...).
    Records and files that cannot be used are skipped; their messages (file and line) are
    in ``result.attrs["skipped"]``.

    Example:
        >>> df = extract_corpus("corpus.json", scheduler="local", n_workers=2)  # doctest: +SKIP
    """
    skipped: list[str] = []
    docs = list(
        read_corpus(
            source,
            text_field=text_field,
            date_field=date_field,
            url_field=url_field,
            id_field=id_field,
            title_field=title_field,
            published=published,
            source_url=source_url,
            pattern=pattern,
            skipped=skipped,
        )
    )
    if not docs:
        out = _empty()
    elif scheduler is None:
        from tqdm.auto import tqdm

        frames = []
        with tqdm(total=len(docs), unit="doc", desc="extract", disable=not progress) as bar:
            for batch in _batches(docs, max(1, batch_size)):
                frame, bad = _extract_batch(batch, options)
                frames.append(frame)
                skipped += bad
                bar.update(len(batch))
        out = pd.concat(frames, ignore_index=True) if frames else _empty()
    else:
        out, bad = _extract_on_dask(docs, options, scheduler, n_workers, batch_size, progress)
        skipped += bad
    out = out.reset_index(drop=True)
    out.attrs["skipped"] = skipped
    return out


def _extract_on_dask(
    docs: list[dict[str, Any]],
    options: dict[str, Any],
    scheduler: str,
    n_workers: int | None,
    batch_size: int,
    progress: bool,
) -> tuple[pd.DataFrame, list[str]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("scheduler= needs Dask: pip install 'dask[distributed]'") from exc

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        batches = _batches(docs, max(1, min(batch_size, -(-len(docs) // max(1, 4 * len(client.nthreads()))))))
        futures = client.map(_extract_batch, batches, options=options, pure=False)
        index = {f.key: n for n, f in enumerate(futures)}
        results: list[pd.DataFrame | None] = [None] * len(futures)
        skipped: list[list[str]] = [[] for _ in futures]
        from tqdm.auto import tqdm

        with tqdm(total=len(docs), unit="doc", desc="extract", disable=not progress) as bar:
            for future in as_completed(futures):
                n = index[future.key]
                results[n], skipped[n] = future.result()
                bar.update(len(batches[n]))
        frames = [r for r in results if r is not None and len(r)]
        out = pd.concat(frames, ignore_index=True) if frames else _empty()
        return out, [m for part in skipped for m in part]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _figures_agree(a_low, a_high, b_low, b_high) -> bool:
    """Same figure: no bound contradicts and at least one bound is equal ("at least 1,500"
    re-reports "1,500")."""
    pairs = [(a_low, b_low), (a_high, b_high)]
    if all(pd.isna(a) and pd.isna(b) for a, b in pairs):
        return True  # no figure on either side (e.g. two "cannot confirm" statements)
    if any(pd.notna(a) and pd.notna(b) and int(a) != int(b) for a, b in pairs):
        return False
    values_a = {int(v) for v in (a_low, a_high) if pd.notna(v)}
    values_b = {int(v) for v in (b_low, b_high) if pd.notna(v)}
    return bool(values_a & values_b)


def mark_repeats(candidates: pd.DataFrame, ledger: pd.DataFrame, days: int = 7) -> pd.DataFrame:
    """A copy of ``candidates`` whose ``repeats`` names the ledger row each one re-reports.

    A candidate repeats a ledger row when claimant and measure are the same, the figures
    agree (equal, or one bound equal and none contradicting: "at least 1,500" re-reports
    "1,500") and the statement dates are at most ``days`` apart; the closest in date wins
    (then the first in the ledger). Candidates already carrying ``repeats`` keep it.

    Example:
        >>> marked = mark_repeats(candidates, osint.load_claims("data/claims.csv"))  # doctest: +SKIP
    """
    out = candidates.copy()
    if "repeats" not in out:
        out["repeats"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["repeats"] = out["repeats"].astype("string")
    if ledger is None or not len(ledger) or not len(out):
        return out
    led = ledger.assign(_when=pd.to_datetime(ledger["statement_date"], errors="coerce"))
    groups = {k: g for k, g in led.groupby(["claimant", "measure"], sort=False, observed=True)}
    limit = pd.Timedelta(days=days)
    when = pd.to_datetime(out["statement_date"], errors="coerce")
    for idx in out.index:
        if pd.notna(out.at[idx, "repeats"]) or pd.isna(when[idx]):
            continue
        g = groups.get((out.at[idx, "claimant"], out.at[idx, "measure"]))
        if g is None:
            continue
        best = None
        for _, row in g.iterrows():
            gap = abs(row["_when"] - when[idx])
            if pd.isna(gap) or gap > limit:
                continue
            if not _figures_agree(
                out.at[idx, "figure_low"], out.at[idx, "figure_high"], row["figure_low"], row["figure_high"]
            ):
                continue
            if best is None or gap < best[0]:
                best = (gap, row["claim_id"])
        if best is not None:
            out.at[idx, "repeats"] = str(best[1])
    return out
