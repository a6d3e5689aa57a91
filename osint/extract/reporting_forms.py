"""Ways of naming a figure's source other than a reporting verb after a name.

A live blog's entry heading ("15:40 KST — NIS: at least 300 dead"), an outlet that shows or airs
a count ("North Korea's state media has shown the portraits of 250 soldiers"), another account
of a briefing ("Another account of the same briefing put ...": the briefing's body) and a body
referred back to inside a quotation ("quoted the agency as estimating").

Example:
    >>> from osint.extract.table import ClaimantTable
    >>> text = "Another account of the same briefing put the figure at 12,000."
    >>> [a.claimant.claimant for a in reporting_forms(text, 0, len(text), [])]
    ['the briefing']
"""

from __future__ import annotations

import re

from .table import Attribution, Claimant, ClaimantTable, Mention

__all__ = ["reporting_forms"]

_CAPTIVE_SPEAKER = re.compile(
    # "One of two North Korean soldiers captured by Ukrainian forces told", "A North Korean prisoner
    # shown in a video released by Zelensky said", "a captured North Korean soldier said"
    r"\b(?:(?:[Oo]ne\s+of\s+(?:the\s+)?(?:two\s+)?)?(?:[Cc]aptured\s+)?North\s+Korean\s+(?:soldiers?|POWs?|prisoners?)"
    r"\s+(?:captured|held|taken|shown|seen|featured|interviewed|questioned)\s+(?:by|in|on)\s+[^,;.]{3,80}?"
    r"|(?:[Cc]aptured\s+North\s+Korean\s+(?:soldier|serviceman|infantryman)|North\s+Korean\s+(?:prisoner|POW|captive))"
    r"(?:\s*,[^,;.]{3,80},)?)"
    r"\s+(?:(?:also|later|has|had)\s+)?(?:told|said|says|tells|recalled|described)\b(?!\s+to\b)"
)
# "one of them said he had been shipped ...", after a sentence on the captured soldiers
_ONE_OF_THEM = re.compile(
    r"\b[Oo]ne\s+of\s+(?:them|the\s+(?:two|pair|prisoners|captives|POWs|men|soldiers))"
    r"\s+(?:(?:also|later|has|had)\s+)?(?:told|said|says|tells|recalled|described)\b(?!\s+to\b)"
)
_CAPTIVES_NEAR = re.compile(r"\b(?:captur|prisoner|captiv|POW)", re.IGNORECASE)
_ENTRY_HEAD = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s*(?:[A-Z]{2,4}\s*)?)?(?:[—–-]\s*)?")
_SHOWS_AFTER = re.compile(
    r"(?:\s+coverage(?:\s+of\s+[^,;.]{3,60}?)?)?\s+(?:(?:has|have|had|also|again|now|later|on\s+\w+)\s+)*"
    r"(?:showed|shown|shows|displayed|displays|aired|airs|broadcast|broadcasts|televised|published|publishes)\b"
)
_BARE_STATE_MEDIA = re.compile(
    r"\b(?:(?:[Ss]tate\s+(?:media|television|TV)\s+)?coverage(?:\s+of\s+[^,;.]{3,60}?)?|[Ss]tate\s+(?:media|television|TV))"
    + _SHOWS_AFTER.pattern
)
_SAME_BRIEFING = re.compile(
    r"\b(?:[Aa]nother|[Aa]\s+separate|[Aa]\s+second|[Aa]n|[Tt]he|[Oo]ne)\s+(?:[a-z]+\s+)?"
    r"(?:account|report|version|readout|summary|reading)\s+of\s+(?:the\s+same|that|the)\s+"
    r"(?:(?:closed-door|private|parliamentary)\s+)?(?P<event>briefing|session|meeting|hearing|audit)\b"
)
_QUOTED_REFERENCE = re.compile(
    r"\b(?:quotes|quoted|quoting)\s+(?P<p>the\s+(?:spy\s+|intelligence\s+|same\s+)?"
    r"(?:agency|ministry|service|official|officials|sources|spokesman|spokeswoman|spokesperson))"
    r"\s+as\s+(?:saying|estimating|stating|putting|reporting|claiming)\b"
)


def reporting_forms(
    text: str, start: int, end: int, usable: list[Mention], table: ClaimantTable | None = None
) -> list[Attribution]:
    """The attributions of ``text[start:end]`` made by the forms above (``usable``: the claimant
    mentions of the sentence that are not possessives; ``table``: the claimant table, for the
    captured soldier's row)."""
    out: list[Attribution] = []
    # "One of two North Korean soldiers captured by Ukrainian forces told his interrogators": the
    # captured soldier speaks (a video someone released of it is evidence)
    captive = _CAPTIVE_SPEAKER.search(text, start, end)
    if captive is None:
        one = _ONE_OF_THEM.search(text, start, end)
        if one is not None and _CAPTIVES_NEAR.search(text, max(0, start - 300), one.start()):
            captive = one
    soldier = table.lookup("captured North Korean soldier") if table is not None and captive is not None else None
    if captive is not None and soldier is not None:
        out.append(Attribution(captive.start(), captive.end(), soldier, None, "verb", captive.group()))
    # "15:40 KST — NIS: at least 300 dead": a live blog's entry heading names its source with a colon
    for x in usable:
        if text.startswith(":", x.end) and _ENTRY_HEAD.fullmatch(text, start, x.start):
            out.append(Attribution(x.start, x.end + 1, x.claimant, None, "verb", text[x.start : x.end + 1]))
    # "North Korea's state media has shown portraits of 250 soldiers": the outlet that shows, speaks
    for x in usable:
        shown = _SHOWS_AFTER.match(text, x.end, end)
        if shown is not None:
            out.append(Attribution(x.start, shown.end(), x.claimant, None, "verb", text[x.start : shown.end()]))
    # "State media did not say how many died. But coverage of the ceremony displayed ...": the
    # state outlet the text named before
    for bare in _BARE_STATE_MEDIA.finditer(text, start, end):
        if table is None or any(a.start <= bare.start() < a.end for a in out):
            continue
        named = [m.claimant for m in table.mentions(text, 0, bare.start()) if m.claimant.claimant_type == "state_media"]
        if named:
            out.append(Attribution(bare.start(), bare.end(), named[-1], None, "verb", bare.group()))
    # "Another account of the same briefing, carried by The Korea Herald, put ...": the briefing's body
    for account in _SAME_BRIEFING.finditer(text, start, end):
        word = f"the {account.group('event').lower()}"
        out.append(
            Attribution(
                account.start(),
                account.end(),
                Claimant(word, None, "other", "pronoun"),
                None,
                "according_to",
                account.group(),
            )
        )
    # "Yonhap's account quoted the agency as estimating ...": the body referred back to speaks
    for q in _QUOTED_REFERENCE.finditer(text, start, end):
        who = q.group("p")
        out.append(
            Attribution(q.start("p"), q.end(), Claimant(who, None, "other", "pronoun"), None, "pronoun", q.group())
        )
    return out
