"""What the extractor reads: saved web pages (HTML, MHTML, folders of them, on Dask),
hard-wrapped text, and bad input, which gets one clear line and an exit code."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from osint.cli import main
from osint.extract import CorpusError, extract_claims, extract_corpus, extract_file, read_corpus, read_page

# A page as a browser saves it: navigation, a cookie banner, related links with figures of
# their own, a newsletter box and a footer around the article. Written for these tests.
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Seoul: 1,500 North Korean troops in Russia | Harbour Ledger</title>
<link rel="canonical" href="https://harbour-ledger.example/world/2024/10/19/nk-troops-russia">
<meta property="og:site_name" content="Harbour Ledger">
<meta property="og:title" content="Seoul says 1,500 North Korean troops already in Russia">
<meta property="article:published_time" content="2024-10-19T07:30:00+09:00">
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.
Accept all 3 cookie categories or manage 12 settings.</p><button>Accept</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/asia">Asia</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article>
<h1>Seoul says 1,500 North Korean troops already in Russia</h1>
<p class="byline">By a staff writer, October 19, 2024</p>
<p>South Korea's National Intelligence Service said on Friday that about 1,500 North Korean
special forces had already arrived in Russia for training at bases in the Far East.</p>
<p>The spy agency said up to 12,000 troops, including members of the elite Storm Corps,
could eventually be deployed, in what it called the largest foreign dispatch in the North's
history.</p>
<p>Russia's embassy in Seoul did not answer a request for comment. Officials in Kyiv said they
were watching the movements closely and sharing what they saw with their partners.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/world/a">Kyiv says 40,000 Russian soldiers massed near Kharkiv</a></li>
<li><a href="/world/b">Pentagon says 8,000 North Korean troops moved to Kursk</a></li>
</ul></aside>
<div class="newsletter"><p>Sign up: 250,000 readers get our morning briefing.</p></div>
</main>
<footer><p>&copy; 2024 Harbour Ledger. All rights reserved. 14 Quay Street.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""
URL = "https://harbour-ledger.example/world/2024/10/19/nk-troops-russia"
NIS = "National Intelligence Service (South Korea)"


def _page(folder: Path, name: str = "page.html", html: str = PAGE) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


def test_saved_page_gives_the_article_claims_and_its_metadata(tmp_path):
    page = read_page(_page(tmp_path))
    assert page.source_url == URL
    assert page.published == pd.Timestamp("2024-10-19").date()
    assert page.outlet == "Harbour Ledger"
    assert "Seoul says 1,500 North Korean troops" in page.title
    for boilerplate in ("cookies", "Related stories", "40,000", "8,000", "Sign up", "Quay Street", "Privacy"):
        assert boilerplate not in page.text

    df = extract_file(tmp_path / "page.html")
    got = [
        (r.figure_low if pd.notna(r.figure_low) else None, r.figure_high, r.measure, r.claimant)
        for r in df.itertuples()
    ]
    assert got == [
        (1500, 1500, "arrived_in_russia", "Government of South Korea"),  # the headline
        (1500, 1500, "arrived_in_russia", NIS),
        (None, 12000, "pledged_or_preparing", NIS),
    ]
    assert set(df["source_url"]) == {URL}
    assert set(df["published"]) == {pd.Timestamp("2024-10-19")}
    assert set(df["source_outlet"]) == {"Harbour Ledger"}
    assert df["source_title"].str.contains("1,500 North Korean troops").all()
    assert list(df["statement_date"][1:]) == [pd.Timestamp("2024-10-18")] * 2  # "on Friday" before the 19th


def test_mhtml_archive_is_read_like_the_page(tmp_path):
    body = PAGE.replace("=", "=3D")  # quoted-printable, as browsers write it
    mhtml = (
        "From: <Saved by a browser>\r\n"
        f"Snapshot-Content-Location: {URL}\r\n"
        "Subject: Seoul says 1,500 North Korean troops already in Russia\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----part"\r\n\r\n'
        "------part\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {URL}\r\n\r\n{body}\r\n------part--\r\n"
    )
    path = tmp_path / "page.mhtml"
    path.write_bytes(mhtml.encode("utf-8"))
    page = read_page(path)
    assert page.source_url == URL and "1,500 North Korean special forces" in page.text
    assert len(extract_file(path)) == 3


def test_folder_of_pages_on_a_local_dask_cluster(tmp_path):
    pytest.importorskip("dask.distributed")
    for n in range(6):
        html = PAGE.replace("nk-troops-russia", f"nk-troops-russia-{n}")
        _page(tmp_path, f"page{n}.html" if n % 2 else f"page{n}.htm", html)
    (tmp_path / "notes.txt").write_text(
        "Zelensky said 10,000 North Korean troops were being prepared.", encoding="utf-8"
    )
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    here = extract_corpus(tmp_path, progress=False)
    there = extract_corpus(tmp_path, scheduler="local", n_workers=2, batch_size=2, progress=False)
    key = ["doc_id", "char_start"]
    pd.testing.assert_frame_equal(
        there.sort_values(key).reset_index(drop=True), here.sort_values(key).reset_index(drop=True)
    )
    assert sorted(set(there["doc_id"])) == ["notes.txt"] + [f"page{n}.{'html' if n % 2 else 'htm'}" for n in range(6)]
    assert there["source_url"].nunique() == 6  # six pages with their own URL
    assert there.loc[there["doc_id"] == "notes.txt", "source_url"].isna().all()
    assert there.attrs["skipped"] == []


def test_hard_wrapped_text_reads_like_the_same_text_unwrapped():
    para = (
        "South Korea's spy agency said on Friday that about 1,500 North Korean special forces had "
        "arrived in Russia and that up to 12,000 North Korean troops could eventually be sent, while "
        "Zelensky said on Thursday that ten thousand North Korean soldiers were being prepared to "
        "join Russian forces. Ukraine's defence minister said 3,000 of them were already training."
    )
    text = "NORTH KOREA SENDS TROOPS\n\n" + "\n".join(textwrap.wrap(para, 72))
    flat = extract_claims("NORTH KOREA SENDS TROOPS\n\n" + para, "2024-10-19")
    wrapped = extract_claims(text, "2024-10-19")
    cols = ["figure_low", "figure_high", "measure", "claimant", "statement_date"]
    assert len(wrapped) == 4
    pd.testing.assert_frame_equal(wrapped[cols], flat[cols])


# ------------------------------------------------------------------------- bad input
def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_broken_jsonl_line_is_named_skipped_and_counted(tmp_path):
    good = {"id": "a", "date": "2024-11-04", "text": "The NIS said 10,000 North Korean troops had arrived in Russia."}
    lines = [
        json.dumps(good),
        "",
        '{"id": "b", "text": "broken',
        json.dumps({**good, "id": "c"}),
        json.dumps({"id": "d", "date": "2024-11-04"}),
    ]
    src = tmp_path / "corpus.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, stderr = _run(str(src), "--out", str(out), "--no-progress")
    assert code == 1
    assert f"{src}:3:" in stderr and "not valid JSON" in stderr
    assert f"{src}:5: no text field" in stderr and "--text-field" in stderr
    assert "2 record(s) or file(s) skipped" in stderr
    assert sorted(pd.read_csv(out)["doc_id"]) == ["a", "c"]
    with pytest.raises(CorpusError, match=r"corpus.jsonl:3:"):
        list(read_corpus(src))
    skipped: list[str] = []
    assert [d["doc_id"] for d in read_corpus(src, skipped=skipped)] == ["a", "c"] and len(skipped) == 2


def test_errors_are_one_line_with_an_exit_code(tmp_path):
    out = tmp_path / "out.csv"
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary\x00" * 20)
    obj = tmp_path / "corpus.json"
    obj.write_text(json.dumps({"source": "x", "count": 3}), encoding="utf-8")
    table = tmp_path / "corpus.csv"
    table.write_text('id,story\n1,"The NIS said 10,000 North Korean troops had arrived."\n', encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    cases = [
        (binary, "not a text file"),
        (obj, "a JSON object without a list of records (keys: source, count)"),
        (table, "no text column (columns: id, story); name the column holding the article text with --text-field"),
        (pdf, "unknown kind of corpus '.pdf'"),
    ]
    for src, message in cases:
        code, stdout, stderr = _run(str(src), "--out", str(out), "--no-progress")
        assert code == 2, (src, stderr)
        assert stderr.startswith(f"error: {src}") and message in stderr, stderr
        assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
        assert not out.exists()
    # the option the hint names exists and reads the column
    code, stdout, stderr = _run(str(table), "--text-field", "story", "--out", str(out), "--no-progress")
    assert code == 0 and len(pd.read_csv(out)) == 1


def test_unwritable_out_is_one_line_and_exit_2(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("The NIS said 10,000 North Korean troops had arrived in Russia.", encoding="utf-8")
    if os.geteuid() == 0:  # root writes anywhere but a read-only file system
        if not Path("/sys").is_dir():
            pytest.skip("no read-only place to write to")
        code, _, stderr = _run(str(src), "--out", "/sys/osint-candidates.csv")
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            code, _, stderr = _run(str(src), "--out", str(locked / "out.csv"))
        finally:
            locked.chmod(0o700)
    assert code == 2 and stderr.startswith("error: cannot write"), stderr
    assert "ermission denied" in stderr or "Read-only" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_out_in_a_missing_folder_or_on_a_folder_is_refused(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("The NIS said 10,000 North Korean troops had arrived in Russia.", encoding="utf-8")
    for out, message in ((tmp_path / "nope" / "out.csv", "does not exist"), (tmp_path, "it is a folder")):
        code, _, stderr = _run(str(src), "--out", str(out))
        assert code == 2 and message in stderr and len(stderr.strip().splitlines()) == 1


def test_extract_a_saved_page_from_the_command_line(tmp_path):
    out = tmp_path / "cands.csv"
    code, stdout, stderr = _run(str(_page(tmp_path)), "--out", str(out), "--no-progress")
    assert code == 0, stderr
    df = pd.read_csv(out)
    assert "doc_id" not in df.columns
    assert set(df["source_url"]) == {URL} and set(df["published"]) == {"2024-10-19"}
