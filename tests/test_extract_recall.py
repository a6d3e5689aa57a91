"""Constructions of news copy that the extractor must read: each sentence gives one right
candidate (figure, measure, personnel, claimant, place). Sentences quoted from issue 13 are
the issue's own wording; the others are written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from osint.extract import extract_claims

NIS = "National Intelligence Service (South Korea)"


def rows(text: str, published: str = "2024-10-19") -> pd.DataFrame:
    return extract_claims(text, published=published)


def only(df: pd.DataFrame) -> pd.Series:
    assert len(df) == 1, df[["figure_low", "figure_high", "measure", "claimant", "quote"]]
    return df.iloc[0]


def figures(df: pd.DataFrame) -> list[tuple]:
    return [
        (
            None if pd.isna(r.figure_low) else int(r.figure_low),
            None if pd.isna(r.figure_high) else int(r.figure_high),
            r.measure,
        )
        for r in df.itertuples()
    ]


@pytest.mark.parametrize("number", ["ten thousand", "10,000"])
def test_prepared_to_join_is_a_pledge_with_its_date(number):
    r = only(
        rows(f"Zelensky said on Thursday that {number} North Korean troops were being prepared to join Russian forces")
    )
    assert (r.figure_low, r.figure_high, r.qualifier) == (10000, 10000, "exact")
    assert (r.measure, r.personnel, r.claimant) == ("pledged_or_preparing", "combat_troops", "Volodymyr Zelensky")
    assert r.statement_date == pd.Timestamp("2024-10-17")


def test_up_to_with_an_aside_and_the_spy_agency_named_before():
    text = (
        "South Korea's National Intelligence Service briefed lawmakers on Friday. The spy agency said "
        "up to 12,000 troops, including members of the elite Storm Corps, could eventually be deployed"
    )
    r = only(rows(text))
    assert (pd.isna(r.figure_low), r.figure_high, r.qualifier) == (True, 12000, "up_to")
    assert (r.measure, r.claimant) == ("pledged_or_preparing", NIS)


def test_up_to_with_an_aside_alone_still_gives_the_figure():
    r = only(
        rows(
            "The spy agency said up to 12,000 troops, including members of the elite Storm Corps, "
            "could eventually be deployed"
        )
    )
    assert (r.figure_high, r.measure) == (12000, "pledged_or_preparing")


def test_measure_comes_from_the_predicate_not_the_purpose():
    r = only(rows("North Korea was preparing ten thousand soldiers to fight for Russia"))
    assert (r.figure_low, r.measure, r.personnel) == (10000, "pledged_or_preparing", "combat_troops")


def test_route_gives_origin_and_location():
    r = only(rows("The NIS said 1,500 North Korean special forces were shipped from Chongjin to Vladivostok."))
    assert (r.origin, r.location, r.measure) == ("Chongjin", "Vladivostok", "arrived_in_russia")
    assert r.personnel == "special_forces"


def test_defence_minister_of_ukraine_is_a_claimant():
    r = only(rows("Ukraine's defence minister said 3,000 North Korean troops had arrived in Russia."))
    assert (r.claimant, r.claimant_country) == ("Ministry of Defence of Ukraine", "UA")


def test_another_figure_in_the_same_sentence():
    df = rows("The NIS said 3,000 North Korean troops had arrived in Russia and another 1,500 were expected.")
    assert figures(df) == [(3000, 3000, "arrived_in_russia"), (1500, 1500, "pledged_or_preparing")]
    assert set(df["claimant"]) == {NIS}


def test_a_previous_estimate_is_a_second_figure_of_the_same_count():
    df = rows("The NIS raised its count to 11,000 North Korean troops, up from a previous estimate of 3,000.")
    assert figures(df) == [(11000, 11000, "arrived_in_russia"), (3000, 3000, "arrived_in_russia")]
    assert set(df["claimant"]) == {NIS}


def test_builders_and_deminers_under_a_total_keep_their_kinds():
    df = rows(
        "Pyongyang will send 6,000 military personnel, including 5,000 military builders and "
        "1,000 deminers, the NIS said."
    )
    assert figures(df) == [
        (6000, 6000, "pledged_or_preparing"),
        (5000, 5000, "pledged_or_preparing"),
        (1000, 1000, "pledged_or_preparing"),
    ]
    assert list(df["personnel"]) == ["unspecified", "military_builders", "deminers"]


@pytest.mark.parametrize("written", ["10,000 to 12,000", "ten to twelve thousand", "10 to 12 thousand"])
def test_ranges_written_with_to(written):
    r = only(rows(f"Seoul said {written} North Korean troops were in Russia."))
    assert (r.figure_low, r.figure_high, r.qualifier) == (10000, 12000, "range")


def test_casualty_total_beside_its_split():
    df = rows("The NIS said North Korean casualties had reached 4,700, including 600 killed and 4,100 wounded.")
    assert figures(df) == [(4700, 4700, "casualties"), (600, 600, "killed"), (4100, 4100, "wounded")]


def test_claimant_named_sentences_before_and_as_the_agency():
    text = (
        "The NIS briefed lawmakers on Friday. It said 3,000 North Korean troops had arrived in Russia. "
        "Most were young soldiers from special units. The agency added that 1,000 more were being trained."
    )
    df = rows(text)
    assert figures(df) == [(3000, 3000, "arrived_in_russia"), (1000, 1000, "mustering_in_russia")]
    assert set(df["claimant"]) == {NIS}


def test_the_ministry_and_officials_refer_back():
    df = rows(
        "The Ministry of National Defense said 2,000 North Korean troops were in Russia. "
        "The ministry said 500 had been killed."
    )
    assert set(df["claimant"]) == {"Ministry of National Defense (South Korea)"}
    df = rows(
        "The Pentagon said on Monday that 10,000 North Korean troops were in Russia. "
        "Officials said 8,000 of them had moved to Kursk."
    )
    assert figures(df) == [(10000, 10000, "arrived_in_russia"), (8000, 8000, "deployed_to_front")]
    assert set(df["claimant"]) == {"US Department of Defense"}


def test_joint_attribution_is_one_joint_claimant():
    for text in (
        "US, Ukrainian and South Korean intelligence said 1,000 North Korean soldiers had been killed.",
        "According to US, Ukrainian and South Korean intelligence, 1,000 North Korean soldiers had been killed.",
    ):
        r = only(rows(text))
        assert r.claimant == "US, Ukrainian and South Korean intelligence"
        assert (r.claimant_type, pd.isna(r.claimant_country)) == ("intelligence", True)


def test_a_day_after_anchors_the_statement_date():
    r = only(
        rows(
            "A day after the NIS briefing on October 18, Zelensky said 10,000 North Korean troops "
            "were being prepared for the war.",
            published="2024-10-22",
        )
    )
    assert (r.statement_date, r.date_precision) == (pd.Timestamp("2024-10-19"), "day")


def test_speaker_cited_by_an_outlet_is_the_claimant():
    r = only(rows("Intelligence sources cited by Reuters said 3,000 North Korean troops were training in Russia."))
    assert (r.claimant, r.relay) == ("Intelligence sources", "Reuters")


def test_people_of_the_force_count_as_troops_only_in_troop_context():
    assert len(rows("About 11,000 North Koreans are already in the Kursk region, Zelensky said.")) == 1
    assert rows("Last year over 13,000 North Koreans went to Russia to study or work.").empty


def test_kursk_makes_a_deployment_to_the_front_but_builders_stay_behind_it():
    r = only(rows("According to the NIS, 11,000 North Korean troops were now inside Russia's Kursk region."))
    assert (r.measure, r.location) == ("deployed_to_front", "Kursk region")
    r = only(rows("The NIS said 1,000 North Korean military builders were sent to Kursk to rebuild roads."))
    assert (r.measure, r.personnel) == ("arrived_in_russia", "military_builders")


def test_captured_in_the_modifiers_and_sent_home():
    r = only(
        rows("Zelensky suggested exchanging the two captured North Korean soldiers for Ukrainian prisoners of war.")
    )
    assert (r.figure_low, r.measure) == (2, "captured")
    r = only(rows("The NIS said some 2,000 wounded North Korean troops had been sent home by train."))
    assert (r.figure_low, r.measure) == (2000, "other")


def test_every_candidate_has_a_personnel_kind():
    df = rows(
        "The NIS said 3,000 North Korean soldiers and officers had arrived. It said 500 officers "
        "and 100 sappers had also arrived, and that 40 were wounded."
    )
    assert df["personnel"].notna().all()
    assert list(df["personnel"])[:3] == ["mixed", "officers", "deminers"]


# ------------------------------------------------ figures without a noun, counted phrases
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Around 10,000 North Korean soldiers are in Russia. As many as 8,000 of them have been moved "
            "to Kursk, the minister said.",
            [(10000, 10000, "arrived_in_russia"), (None, 8000, "deployed_to_front")],
        ),
        ("Pyongyang sent 9,000 or 10,000 soldiers to Russia.", [(9000, 10000, "arrived_in_russia")]),
        (
            "Two North Korean brigades, each up to 5,000 strong, are training in the Far East.",
            [(None, 5000, "mustering_in_russia")],
        ),
        (
            "The tally of North Korean troops on Russian soil is estimated at 14,000.",
            [(14000, 14000, "arrived_in_russia")],
        ),
        ("North Korean losses stand at about 2,500.", [(2500, 2500, "casualties")]),
        ("Moscow has received 7,000 soldiers from North Korea.", [(7000, 7000, "arrived_in_russia")]),
        ("Pyongyang has dispatched some 13,000 personnel so far.", [(13000, 13000, "arrived_in_russia")]),
        (
            "North Korea lost around 420 soldiers in the spring offensive.",
            [(420, 420, "casualties")],
        ),  # someone else's count of soldiers lost: casualties, as the annotated articles code it
        (
            "North Korea said it lost around 420 soldiers in the spring offensive.",
            [(420, 420, "killed")],
        ),  # a side's own count of the soldiers it lost: its dead
        ("The joint units lost around 420 personnel in the spring.", [(420, 420, "casualties")]),
    ],
)
def test_counted_without_a_noun_or_by_a_phrase(text, expected):
    assert figures(rows(text)) == expected


def test_a_passive_reporting_verb_does_not_make_its_subject_the_speaker():
    r = only(rows("The number of North Korean soldiers in Russia is estimated at 12,000."))
    assert r.figure_low == 12000 and r.claimant is pd.NA or r.claimant is None


def test_surname_alone_names_the_listed_person():
    r = only(rows("Ryder said about 10,000 North Korean troops had moved into Kursk."))
    assert r.claimant == "Pat Ryder (Pentagon)"


def test_headline_of_the_url_names_the_source_when_the_sentence_does_not():
    df = extract_claims(
        "He put the number of North Korean troops in Russia at about 11,000.",
        published="2024-11-05",
        source_url="https://news.example.org/2024/11/05/pentagon-says-north-korean-troops-in-kursk",
    )
    assert only(df).claimant == "US Department of Defense"
    df = extract_claims(
        "The agency said 1,000 more North Korean soldiers were sent in January.",
        published="2025-02-10",
        source_url="https://news.example.org/world/seoul-spy-agency-says-north-korea-sent-more-troops",
    )
    assert only(df).claimant == NIS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("North Korea has moved soldiers numbering about 9,000 into Russia.", [(9000, 9000, "arrived_in_russia")]),
        ("North Korea has committed 8,000 troops to the war.", [(8000, 8000, "arrived_in_russia")]),
        ("At least four North Korean soldiers were hurt in the strike.", [(4, None, "wounded")]),
        ("Ukraine's commander said North Korean forces had 3,500 casualties.", [(3500, 3500, "casualties")]),
    ],
)
def test_more_counting_phrases(text, expected):
    assert figures(rows(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kyiv said 2,000+ North Korean soldiers were dispatched to Kursk.", (2000, None, "at_least")),
        ("Pyongyang has sent ~9,500 soldiers to Russia.", (9500, 9500, "about")),
    ],
)
def test_shorthand_qualifiers(text, expected):
    r = only(rows(text))
    assert (
        r.figure_low if not pd.isna(r.figure_low) else None,
        r.figure_high if not pd.isna(r.figure_high) else None,
        r.qualifier,
    ) == expected


def test_mine_clearing_specialists_are_deminers():
    found = extract_claims(
        "Shoigu said Pyongyang would send 1,000 mine-clearing specialists to the Kursk region.", published="2025-06-18"
    )
    assert found[["figure_low", "personnel"]].values.tolist() == [[1000, "deminers"]]
