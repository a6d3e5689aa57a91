"""The verbs by which news copy reports a figure.

"Said", "estimated", "put the number at", "gave the estimate": a claimant named before one of
these speaks.

Example:
    >>> import re
    >>> bool(re.fullmatch(SPEECH, "put the number"))
    True
    >>> bool(re.match(SPEECH, "state media"))
    False
"""

from __future__ import annotations

__all__ = ["GAVE_FIGURE", "SPEECH"]

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
    + r"|puts?(?=\s+[^.;:]{1,140}?\s+(?:at|above|below|near|around|over)\s)|expected|counts|reckons|reckoned|showed|shows|endorsed|endorses|described|describes|characteri[sz]ed|characteri[sz]es|echoed|echoes|reaffirmed|reaffirms|referred\s+(?:on\s+\w+\s+)?to|refers\s+to|recalled|recalls"
    r"|lamented|laments|mourned|mourns|spoke\s+of|speaks\s+of"
    r"|cited\s+(?:(?:unconfirmed|media|news|press|local|several|other)\s+)?reports\b"  # "LBC cited reports that"
)
