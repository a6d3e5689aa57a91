"""Run the extractor over files and corpora (optionally on Dask), and flag repeats of the ledger.

Inputs: one ``.txt`` file; a folder of ``.txt`` files; a JSON file (a list of records, or an
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
import json
import os
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import pandas as pd

from .core import CANDIDATE_COLUMNS, candidates_frame, extract_claims, extract_records
from .dates import as_date

__all__ = ["extract_file", "extract_corpus", "read_corpus", "mark_repeats", "CORPUS_COLUMNS"]

PathLike = str | os.PathLike[str]

#: Columns of :func:`extract_corpus` output: the candidate columns plus the document id.
CORPUS_COLUMNS: tuple[str, ...] = ("doc_id", *CANDIDATE_COLUMNS)

_TEXT_FIELDS = ("text", "body", "content", "article", "full_text")
_DATE_FIELDS = ("published", "date", "pub_date", "publication_date", "published_at", "datetime")
_URL_FIELDS = ("source_url", "url", "source", "link", "href")
_ID_FIELDS = ("id", "event_id", "doc_id", "uid", "key")
_TITLE_FIELDS = ("title", "headline", "source_title")


def extract_file(path: PathLike, published: Any = None, source_url: str | None = None,
                 **options: Any) -> pd.DataFrame:
    """Candidates from one UTF-8 text file (see :func:`osint.extract.extract_claims`).

    Example:
        >>> df = extract_file("article.txt", "2024-10-19", "https://example.org/a")  # doctest: +SKIP
    """
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return extract_claims(text, published=published, source_url=source_url, **options)


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


def _json_records(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if not lists:
            raise ValueError(f"{path}: no list of records found in the JSON object")
        data = max(lists, key=len)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of records")
    return [r for r in data if isinstance(r, dict)]


def read_corpus(source: PathLike, *, text_field: str | None = None, date_field: str | None = None,
                url_field: str | None = None, id_field: str | None = None,
                title_field: str | None = None, published: Any = None, source_url: str | None = None,
                pattern: str = "*.txt") -> Iterator[dict[str, Any]]:
    """Documents of a corpus as dicts ``{doc_id, text, published, source_url, source_title}``.

    A ``.txt`` file or a folder of them yields its files (text read lazily from ``path``);
    JSON / JSON Lines / CSV yield their records. ``published`` / ``source_url`` fill in what
    a document does not carry itself.
    """
    path = Path(source)
    default_date = as_date(published)
    if path.is_dir() or path.suffix.lower() == ".txt":
        files = sorted(path.glob(pattern)) if path.is_dir() else [path]
        for f in files:
            yield {"doc_id": f.name, "path": str(f), "text": None, "published": default_date,
                   "source_url": source_url, "source_title": None}
        return
    suffix = path.suffix.lower()
    if suffix == ".json":
        records: Iterable[dict[str, Any]] = _json_records(path)
    elif suffix in (".jsonl", ".ndjson"):
        records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    elif suffix in (".csv", ".tsv"):
        with open(path, newline="", encoding="utf-8") as handle:
            records = list(csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ","))
    else:
        raise ValueError(f"{path}: expected a .txt file, a folder, or a .json/.jsonl/.csv corpus")
    for n, record in enumerate(records):
        text = _pick(record, text_field, _TEXT_FIELDS)
        if text is None:
            raise ValueError(f"{path}: record {n} has no text field (give text_field=)")
        doc_id = _pick(record, id_field, _ID_FIELDS)
        url = _pick(record, url_field, _URL_FIELDS)
        yield {
            "doc_id": str(doc_id) if doc_id is not None else str(n),
            "path": None,
            "text": str(text),
            "published": _record_date(record, date_field) or default_date,
            "source_url": str(url).strip() if url else source_url,
            "source_title": _pick(record, title_field, _TITLE_FIELDS),
        }


def _extract_batch(docs: list[dict[str, Any]], options: dict[str, Any]) -> pd.DataFrame:
    """Candidates for a batch of documents as one frame (runs in a worker on Dask)."""
    rows: list[dict[str, Any]] = []
    for doc in docs:
        text = doc["text"]
        if text is None:
            text = Path(doc["path"]).read_text(encoding="utf-8", errors="replace")
        found = extract_records(text, published=doc["published"], source_url=doc["source_url"],
                                source_title=doc.get("source_title"), **options)
        for row in found:
            row["doc_id"] = doc["doc_id"]
        rows += found
    return candidates_frame(rows, extra=("doc_id",))


def _empty() -> pd.DataFrame:
    return candidates_frame([], extra=("doc_id",))


def _batches(items: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_corpus(source: PathLike, published: Any = None, source_url: str | None = None, *,
                   scheduler: str | None = None, n_workers: int | None = None,
                   batch_size: int = 200, progress: bool = True, text_field: str | None = None,
                   date_field: str | None = None, url_field: str | None = None,
                   id_field: str | None = None, title_field: str | None = None,
                   pattern: str = "*.txt", **options: Any) -> pd.DataFrame:
    """Candidates for every document of a corpus, with a ``doc_id`` column first.

    ``scheduler``: ``None`` runs here with a tqdm progress bar; ``"local"`` starts a local
    Dask cluster (``n_workers`` processes, default all cores) for the call; any other
    string is the address of a running Dask scheduler (``"tcp://10.0.0.5:8786"``). Files of
    a folder are read by the workers (they must see the same paths). ``options`` go to
    :func:`osint.extract.extract_claims` (``force=``, ``resolve_places=`` ...).

    Example:
        >>> df = extract_corpus("corpus.json", scheduler="local", n_workers=2)  # doctest: +SKIP
    """
    docs = list(read_corpus(source, text_field=text_field, date_field=date_field,
                            url_field=url_field, id_field=id_field, title_field=title_field,
                            published=published, source_url=source_url, pattern=pattern))
    if not docs:
        return _empty()
    if scheduler is None:
        from tqdm.auto import tqdm

        frames = []
        with tqdm(total=len(docs), unit="doc", desc="extract", disable=not progress) as bar:
            for batch in _batches(docs, max(1, batch_size)):
                frames.append(_extract_batch(batch, options))
                bar.update(len(batch))
        out = pd.concat(frames, ignore_index=True) if frames else _empty()
    else:
        out = _extract_on_dask(docs, options, scheduler, n_workers, batch_size, progress)
    return out.reset_index(drop=True)


def _extract_on_dask(docs: list[dict[str, Any]], options: dict[str, Any], scheduler: str,
                     n_workers: int | None, batch_size: int, progress: bool) -> pd.DataFrame:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("scheduler= needs Dask: pip install 'dask[distributed]'") from exc

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        batches = _batches(docs, max(1, min(batch_size, -(-len(docs) // max(1, 4 * len(client.nthreads()))))))
        futures = client.map(_extract_batch, batches, options=options, pure=False)
        index = {f.key: n for n, f in enumerate(futures)}
        results: list[pd.DataFrame | None] = [None] * len(futures)
        from tqdm.auto import tqdm

        with tqdm(total=len(docs), unit="doc", desc="extract", disable=not progress) as bar:
            for future in as_completed(futures):
                n = index[future.key]
                results[n] = future.result()
                bar.update(len(batches[n]))
        frames = [r for r in results if r is not None and len(r)]
        return pd.concat(frames, ignore_index=True) if frames else _empty()
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
            if not _figures_agree(out.at[idx, "figure_low"], out.at[idx, "figure_high"],
                                  row["figure_low"], row["figure_high"]):
                continue
            if best is None or gap < best[0]:
                best = (gap, row["claim_id"])
        if best is not None:
            out.at[idx, "repeats"] = str(best[1])
    return out
