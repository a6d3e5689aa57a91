"""The verbs and phrases by which news copy reports a figure.

"Said", "estimated", "put the number at", "gave the estimate": a claimant named before one of
these speaks. "According to X", "citing X", "relaying information from X": the source comes
after the phrase.

Example:
    >>> import re
    >>> bool(re.fullmatch(SPEECH, "put the number"))
    True
    >>> bool(re.match(SPEECH, "state media"))
    False
    >>> ACCORDING.match("relaying information from Budanov").group()
    'relaying information from '
"""

from __future__ import annotations

import re

__all__ = ["ACCORDING", "ACCORDING_ASIDE", "GAVE_FIGURE", "SPEECH"]

# "gave the estimate", "provided the figures": reporting a count by handing it over
GAVE_FIGURE = (
    r"(?:gave|gives|given|made|provided|presented|released|offered)\s+(?:the|that|this|these|its|their|an?)\s+"
    r"(?:\w+\s+)?(?:estimate|figures?|numbers?|assessment|tally|count|snapshot|breakdown|update|range)s?"
)
# Reporting verbs, finite (after the subject) ...
SPEECH = (
    r"said|says|say|stated|states|state(?![-\s](?:media|news|television|TV|outlets?|broadcaster|agency|run|owned))|told|tells|tell|estimated|estimates|estimate|reported"
    r"|reports|report|claimed|claims|claim|warned|warns|warn|announced|announces|announce"
    r"|revealed|reveals|reveal|disclosed|discloses|disclose|confirmed|confirms|confirm|believes"
    r"|believe|believed|assessed|assesses|assess|noted|notes|added|adds|explained|explains"
    r"|wrote|writes|posted|found|finds|concluded|concludes|acknowledged|acknowledges|admitted"
    r"|admits|alleged|alleges|suggested|suggests|suggest|indicated|indicates|indicate|informed|informs"
    r"|testified|stressed|emphasized|emphasised|insisted|insists|observed|calculated"
    r"|calculates|counted|asserted|asserts|declared|declares|judged|judges|thinks|think"
    r"|estimated|put\s+the\s+(?:number|figure|toll|total)|puts\s+the\s+(?:number|figure|toll|total)"
    r"|briefed|denied|denies|deny|dismissed|rejected|cautioned|predicted|predicts|forecast|(?:has|have)\s+learn(?:ed|t)"
    r"|projected|projects|expects|pointed\s+out|points\s+out|highlighted|ascertained"
    r"|(?:raised|raises|revised|revises|lowered|updated|updates)\s+(?:its|their|his|her|the)\s+(?:\w+\s+)?(?:estimates?|counts?|assessments?|figures?|tally)"
    r"|(?:based|built)\s+(?:its|their|his|her|that|this|the)\s+(?:\w+\s+)?(?:projections?|estimates?|assessments?|forecasts?|figures?|calculations?)\s+on"
    r"|"
    + GAVE_FIGURE
    + r"|puts?(?=\s+[^.;:]{1,140}?\s+(?:at|above|below|near|around|over)\s)|expected|counts|reckons|reckoned|showed|shows|endorsed|endorses|described|describes|understands|characteri[sz]ed|characteri[sz]es|echoed|echoes|reaffirmed|reaffirms|referred\s+(?:on\s+\w+\s+)?to|refers\s+to|recalled|recalls"
    r"|lamented|laments|mourned|mourns|spoke\s+of|speaks\s+of"
    r"|cited\s+(?:(?:unconfirmed|media|news|press|local|several|other)\s+)?reports\b"  # "LBC cited reports that"
)
# "according to X", "citing X", "briefed by X": who the claim is attributed to comes next
ACCORDING = re.compile(
    r"\b(?:[Aa]ccording\s+to|[Pp]er|[Cc]iting|[Rr]elaying\s+(?:(?:information|figures|data|estimates?|intelligence)\s+)?from|[Cc]ited(?!\s+by\b)|[Qq]uoting|[Qq]uot(?:es|ed)(?!\s+by\b)(?=\s+[^.;]{3,80}?\s+as\s+(?:saying|backing|supporting|estimating))|[Bb]riefed\s+by|as\s+(?:reported|cited|quoted)\s+by"
    r"|(?:a\s+|the\s+|an\s+)?(?:closed-door\s+|private\s+|parliamentary\s+)?(?:briefing\s+(?:by|from)|(?:audit|hearing)\s+of)"
    r"|(?:[Bb]y|[Ii]n)\s+the\s+(?:reckoning|estimate|estimation|assessment|view|count|calculations?)\s+of"
    r"|(?:announcement|statement|remarks|pledge|promise|warning|claim|estimate|assessment)(?:\s+(?:in|on|last)\s+\w+)?\s+by"
    r"|(?:images?|imagery|photos?|photographs|footage|data|figures)\s+(?:released|published|provided|shared|supplied|issued)\s+by"
    r"|[Ss]ources?\s+(?:close\s+to|within))\s+"
)
ACCORDING_ASIDE = re.compile(
    r",\s*(?:according\s+to|citing|as\s+relayed\s+by)\s+(?:(?:Rep|Sen|Dr|Mr|Ms)\.\s+|lawmaker\s+)?$"
)
