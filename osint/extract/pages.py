"""Saved web pages in: the article of an ``.html`` / ``.htm`` / ``.mhtml`` file, with its metadata.

Analysts keep the pages they read ("Save page as", a browser's single-file MHTML). The article
body, title, publication date, outlet and canonical URL are read from the page with
`trafilatura <https://trafilatura.readthedocs.io>`_ (boilerplate such as navigation, related
links, cookie banners and footers is left out), all offline: the page is parsed as stored,
nothing is fetched. The body comes back with one paragraph per block, separated by blank lines,
so the extractor sees the page's paragraphs.

Example:
    >>> html = ('<html><head><title>Troops - Example News</title>'
    ...         '<link rel="canonical" href="https://example.org/a"></head><body><article>'
    ...         '<p>The NIS said on Friday that 1,500 North Korean troops had arrived in Russia, '
    ...         'and that more were expected to follow in the coming weeks.</p></article></body></html>')
    >>> page = parse_page(html)
    >>> (page.source_url, "1,500" in page.text)
    ('https://example.org/a', True)
"""

from __future__ import annotations

import email
import email.policy
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["PAGE_SUFFIXES", "Page", "PageError", "parse_page", "read_page"]

#: File suffixes read as saved web pages.
PAGE_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht"})


class PageError(ValueError):
    """A file that cannot be read as a saved web page (the message names the file)."""


@dataclass(frozen=True)
class Page:
    """The article of a saved page: body text and what the page says about itself."""

    text: str
    title: str | None
    published: date | None
    source_url: str | None
    outlet: str | None


def _html_of_mhtml(data: bytes, path: str) -> tuple[str, str | None]:
    """The HTML part of an MHTML archive and the address the page was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    url = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                html = part.get_content()
            except (LookupError, ValueError) as exc:
                raise PageError(f"{path}: the HTML part of the MHTML archive cannot be decoded ({exc})") from None
            return html, url or part.get("Content-Location")
    raise PageError(f"{path}: an MHTML archive without an HTML part")


def parse_page(html: str | bytes, url: str | None = None, name: str = "<page>") -> Page:
    """The article of one page's HTML (``url``: the address it was saved from, if known)."""
    import trafilatura
    from trafilatura.settings import Document

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        raise PageError(f"{name}: no article text found in the page")
    paragraphs = [line.strip() for line in (doc.text or "").splitlines() if line.strip()]
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    source_url = doc.url or url
    if source_url and not source_url.startswith(("http://", "https://")):
        source_url = url
    return Page("\n\n".join(paragraphs), doc.title or None, published, source_url, doc.sitename or None)


def read_page(path: str | os.PathLike[str]) -> Page:
    """The article of a saved page file (``.html``, ``.htm``, ``.xhtml``, ``.mhtml``, ``.mht``).

    Example:
        >>> read_page("saved/article.html").title  # doctest: +SKIP
        'North Korean troops arrive in Russia'
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PageError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    url = None
    if p.suffix.lower() in (".mhtml", ".mht"):
        html, url = _html_of_mhtml(data, str(p))
    else:
        if b"\x00" in data[:4096]:
            raise PageError(f"{p}: not a text file (binary content)")
        html = data.decode("utf-8", errors="replace")
    return parse_page(html, url=url, name=str(p))
