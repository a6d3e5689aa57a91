"""Split article text into paragraphs and sentences, keeping character offsets.

Offsets always index the original text, so a quote is ``text[start:end]`` verbatim.

Example:
    >>> text = "Mr. Lee spoke. He left."
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Mr. Lee spoke.', 'He left.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# Words that end with a full stop without ending the sentence ("Gen. Kim", "Oct. 17").
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj sgt capt cpl pvt adm cmdr rep sen gov pres st no nos vs
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc approx inc corp
    co ltd jr sr prof rev est fig al mt ft dept govt sec min c ca""".split()
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace, or at the end of a
# short line (a heading); a long line that wraps into the next goes on (hard-wrapped text).
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)|\n""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span in the text and the index of its paragraph."""

    start: int
    end: int
    paragraph: int


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "N. Korea", "John F. Kennedy"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, each with its paragraph number (blank lines split).

    Example:
        >>> text = "Title line\\n\\nOn Oct. 17 he spoke. Then he left."
        >>> [(x.paragraph, text[x.start:x.end]) for x in split_sentences(text)]
        [(0, 'Title line'), (1, 'On Oct. 17 he spoke.'), (1, 'Then he left.')]
    """
    out: list[Sentence] = []
    for para, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        start = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            if m.group() == "\n" and not _line_ends_block(text, start, m.start(), p_end):
                continue  # a hard-wrapped line: the sentence goes on
            if m.group() != "\n":
                dot = m.start()
                if text[dot] == "." and m.end() - dot == 1 and _is_abbreviation(text, dot):
                    continue
                # A lower-case word next means the sentence goes on ("approx. three").
                nxt = re.match(r"\s*([\"“‘(\[]?)(\S)", text[m.end() : m.end() + 4])
                if nxt and nxt.group(2).islower():
                    continue
            _emit(text, start, m.end() if m.group() != "\n" else m.start(), para, out)
            start = m.end()
        _emit(text, start, p_end, para, out)
    return out


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–—]\s|\d{1,2}[.)]\s|[A-Z][A-Z .,'’-]{2,40}(?:\n|$))")
#: A line shorter than this ends its block (a headline, a dateline, a byline).
SHORT_LINE = 45


def _line_ends_block(text: str, start: int, nl: int, end: int) -> bool:
    """True when the newline at ``nl`` ends a block (heading, short line, list item),
    False when it only wraps a long line ("hard-wrapped" text at 72 columns)."""
    line_start = text.rfind("\n", start, nl) + 1 if text.rfind("\n", start, nl) >= 0 else start
    line_start = max(line_start, start)
    if len(text[line_start:nl].strip()) < SHORT_LINE:
        return True
    return bool(_LIST_ITEM.match(text, nl + 1, end))


#: Longest stretch read as one sentence: text without full stops (lists, tables, run-on
#: copy) is cut at a clause break so that the work per figure stays bounded.
MAX_SENTENCE = 1200


def _emit(text: str, start: int, end: int, para: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = max(
            text.rfind(";", start, start + MAX_SENTENCE),
            text.rfind(", ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE),
        )
        if cut <= start:
            cut = text.rfind(" ", start, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        out.append(Sentence(start, cut + 1 if text[cut] in ";," else cut, para))
        start = cut + 1
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, para))
