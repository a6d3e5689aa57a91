"""The source a headline names: "Pentagon confirms ...", "NIS: ...", "... - Budanov".

A text's title (else the words of its URL's slug) often names who the article's figures come
from; pronouns and bare sources with nothing before them in the text refer to it.

Example:
    >>> slug_title("https://x.com/news/2024/10/18/nis-says-12000-troops-sent.html")
    'NIS says 12000 troops sent'
"""

from __future__ import annotations

import re

from .claimants import Claimant, find_attributions
from .document import Document

__all__ = ["doc_headline", "headline_source", "slug_title"]


def doc_headline(doc: Document) -> Claimant | None:
    """The source the text's headline names (its title, else the URL's slug), computed once.

    The title is the one the caller put in ``doc.memo["title"]``.
    """
    if "headline" not in doc.memo:
        doc.memo["headline"] = headline_source(doc, doc.memo.get("title")) or headline_source(
            doc, slug_title(doc.source_url)
        )
    return doc.memo["headline"]


_HEAD_VERB = re.compile(
    r"\b(?:says?|said|warns?|claims?|confirms?|estimates?|reports?|believes?|tells?|tol[d]|according\s+to"
    r"|accuses?|assess|assesses|assessment|intelligence|estimate|data|sources?|sees?|raises?|revises?|revisits?|puts?"
    r"|updates?|counts?|tallies|finds?|cites?|ups|lowers?|doubles?|notes?)\b",
    re.IGNORECASE,
)


def slug_title(source_url: str | None) -> str | None:
    """The headline words of a news URL's slug, when it has one ("…/seoul-spy-agency-says").

    Example:
        >>> slug_title("https://x.com/news/2024/10/18/nis-says-12000-troops-sent.html")
        'NIS says 12000 troops sent'
    """
    if not source_url:
        return None
    path = source_url.split("?", 1)[0].split("#", 1)[0]
    parts = [p for p in path.split("/")[3:] if p.count("-") >= 3]
    if not parts:
        return None
    slug = re.sub(r"\.(?:s?html?|php|aspx?)$", "", max(parts, key=len))
    words = [w for w in slug.split("-") if w]
    # short words that are acronyms in news slugs ("nis", "hur", "isw") come back upper-case
    out = [
        (
            w.upper()
            if len(w) in (3, 4) and w.isalpha() and w.lower() in _SLUG_ACRONYMS
            else _SLUG_POSSESSIVE.get(w.lower(), w)
        )
        for w in words
    ]
    return " ".join(out)


# a slug drops the apostrophe: "ukraines-spy-chief" is "Ukraine's spy chief"
_SLUG_POSSESSIVE = {
    w + "s": w.capitalize() + "'s"
    for w in (
        "ukraine korea russia china japan america britain seoul kyiv moscow pyongyang washington "
        "kremlin pentagon nato tokyo beijing"
    ).split()
}
_SLUG_POSSESSIVE["natos"] = "NATO's"
_SLUG_ACRONYMS = frozenset("nis hur isw jcs nato kcna gur sbu fsb cia dia uk eu afp kbs rfa bbc cnn".split())


def headline_source(doc: Document, title: str | None) -> Claimant | None:
    """The source a headline names as speaker ("Pentagon confirms ...", "... spy agency says").

    The claimant of a reporting construction in the headline, else the last listed
    claimant (not a media outlet) named before a reporting word of the headline.
    """
    if not title:
        return None
    table = doc.table
    mentions = table.mentions(title)
    atts = [
        a
        for a in find_attributions(title, 0, len(title), table, mentions)
        if a.claimant.kind not in ("pronoun", "raw") and not a.claimant.is_media
    ]
    if atts:
        return atts[0].claimant
    lead = [
        m
        for m in mentions
        if not m.claimant.is_media
        and re.fullmatch(r"[\s'\"‘“]*(?:[\w.-]+(?:['’]s)?\s+){0,3}", title[: m.start])
        and title[m.end :].lstrip().startswith(":")
    ]
    if lead:
        return lead[0].claimant  # "Blinken: 8,000 troops in Kursk", "Ukraine's National Resistance Center: ..."
    tail = [m for m in mentions if not m.claimant.is_media and not title[m.end :].strip(" .'\"’”")]
    if tail and re.search(r"(?:[:|]|\s[-–—])\s*$", title[: tail[-1].start]):
        return tail[-1].claimant  # "8,000 troops in Kursk - Pentagon"
    # the first reporting word outside a listed name ("Defence Intelligence updates ...")
    verb = next(
        (v for v in _HEAD_VERB.finditer(title) if not any(m.start <= v.start() < m.end for m in mentions)), None
    )
    if verb is None:
        return None
    named = [
        m
        for m in mentions
        if m.end <= verb.start() + 1
        and not m.claimant.is_media
        and m.claimant.claimant_type not in ("government",)
        or (m.end <= verb.start() + 1 and verb.start() - m.end <= 14 and not m.claimant.is_media)
    ]
    if not named:
        return None
    last = named[-1]
    if last.claimant.claimant_type == "government" and _SPY_AFTER.match(title, last.end):
        return table.spy_agency(last.claimant.country) or last.claimant
    return last.claimant


_SPY_AFTER = re.compile(r"(?:['’]s)?\s+(?:spy|intelligence)\s+(?:agency|service)\b", re.IGNORECASE)
