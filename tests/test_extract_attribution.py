"""Who the extractor names as claimant: the kinds of attribution news copy uses.

Each test is a sentence (or a short text, with its headline or URL where that is where the
source is named) written for these tests, and the claimant an analyst reading it expects:
unnamed sources keep their modifiers, a relay passes the claim to the body it relays, a text
without attribution takes its source from the headline or the sentence before, and a country
word is not the claimant when the sentence names who spoke.
"""

from __future__ import annotations

import pandas as pd
import pytest

from osint.extract import extract_claims
from osint.extract.claimants import ClaimantTable
from osint.extract.speakers import slug_title

NIS = "National Intelligence Service (South Korea)"
HUR = "Defence Intelligence of Ukraine (HUR)"


def rows(text: str, title: str | None = None, url: str | None = None) -> pd.DataFrame:
    return extract_claims(text, published="2025-03-01", source_url=url, source_title=title)


def only(df: pd.DataFrame) -> pd.Series:
    assert len(df) == 1, df[["figure_low", "figure_high", "measure", "claimant", "quote"]]
    return df.iloc[0]


def claimants(df: pd.DataFrame) -> list:
    return [None if pd.isna(c) else c for c in df["claimant"]]


# -- unnamed sources keep what qualifies them ------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "South Korean, Ukrainian and Western sources said about 3,000 North Korean troops had been wounded.",
            "South Korean, Ukrainian and Western sources (unnamed)",  # the ledger's row for them
        ),
        (
            "Senior Western security officials believe 8,000 North Korean troops remain in the Kursk region.",
            "Senior Western security officials",
        ),
        (
            "South Korean and Western intelligence agencies estimate that 15,000 North Korean troops are in Russia.",
            "South Korean and Western intelligence (unnamed)",  # the ledger's row for them
        ),
        (
            "According to unnamed Western intelligence sources, 2,500 North Korean troops were sent to Kursk.",
            "unnamed Western intelligence sources",
        ),
    ],
)
def test_unnamed_sources_keep_their_modifiers(text, expected):
    assert only(rows(text)).claimant == expected


def test_unnamed_sources_listed_in_the_table_are_that_row():
    r = only(rows("Anonymous Ukrainian intelligence sources said 200 North Korean soldiers had been killed."))
    assert (r.claimant, r.claimant_country) == ("Ukrainian intelligence sources (unnamed)", "UA")
    r = only(rows("Western officials told the BBC that 600 North Korean soldiers had died in January."))
    assert (r.claimant, r.relay) == ("Western officials (unnamed)", "BBC")


def test_a_list_before_a_bare_group_is_not_taken_for_a_joint_source():
    r = only(rows("North Korea has sent 3,000 more troops to Russia, officials said."))
    assert r.claimant == "officials"


# -- relays: the original body is the claimant -----------------------------------------------


def test_a_lawmaker_after_a_briefing_relays_the_briefing_body():
    r = only(
        rows(
            "Lawmaker Kim Byung-kee said after a closed-door NIS briefing that 3,000 more North Korean "
            "troops had arrived."
        )
    )
    assert r.claimant == NIS
    r = only(rows("A lawmaker briefed by the NIS said 2,000 North Korean soldiers had been killed."))
    assert (r.claimant, r.relay) == (NIS, "A lawmaker")


def test_an_outlet_citing_a_body_relays_it():
    r = only(rows("Yonhap, citing the NIS, wrote that Pyongyang had shipped 1,500 North Korean soldiers to Russia."))
    assert (r.claimant, r.relay) == (NIS, "Yonhap")
    r = only(rows("CNN cited Ukrainian and Western estimates placing 11,000 soldiers from North Korea in Kursk."))
    assert (r.claimant, r.relay) == ("Ukrainian and Western assessments (unnamed)", "CNN")


def test_a_speaker_recalled_by_an_outlet_is_the_claimant():
    r = only(
        rows(
            "Voice of America recalled Zelensky telling partners that 4,000 soldiers from North Korea were dead or wounded."
        )
    )
    assert (r.claimant, r.relay) == ("Volodymyr Zelensky", "Voice of America")


def test_a_minister_speaks_for_the_ministry_the_table_lists_him_under():
    r = only(rows("Foreign Minister Cho Tae-yul said 11,000 North Korean soldiers were fighting in Kursk."))
    assert (r.claimant, r.claimant_country) == ("Ministry of Foreign Affairs (South Korea)", "KR")


def test_surname_after_the_possessive_of_the_body():
    r = only(rows("HUR's Skibitskyi told a newspaper that 1,000 North Korean soldiers were training in Russia."))
    assert r.claimant == "Vadym Skibitskyi (Defence Intelligence of Ukraine)"


def test_korean_family_names_come_first():
    table = ClaimantTable.load()
    assert table.surname("Yoon").claimant == "Yoon Suk Yeol"
    # two listed people are called Lee: "Lee said" names neither
    assert table.surname("Lee") is None
    assert claimants(rows("Lee said the North had lost 1,000 of its troops.")) != ["Lee Jae-myung"]


def test_titles_are_no_surnames():
    # "Ukraine's ambassador to South Korea" is a title of a listed person: "Korea" is no surname
    assert ClaimantTable.load().surname("Korea") is None
    df = rows("Pyongyang has by now sent upwards of 14,000 soldiers to back Moscow.")
    assert claimants(df) == [None]


def test_who_adopts_a_figure_claims_it():
    df = rows(
        "Sabrina Singh said 12,000 North Korean troops were in Russia. "
        "Singh also endorsed the White House figure of some 1,000 casualties in the North Korean units."
    )
    assert claimants(df) == ["Sabrina Singh (Pentagon)"] * 2


def test_an_earlier_estimate_of_a_body_is_that_bodys():
    r = only(rows("Officials pointed to the Pentagon's earlier estimate of 12,000 North Korean troops sent to Russia."))
    assert r.claimant == "US Department of Defense"


# -- no attribution in the sentence -----------------------------------------------------------


def test_a_pronoun_with_no_antecedent_is_the_headline_speaker():
    r = only(
        rows(
            "He said 5,000 North Korean troops were training in Russia.",
            title="Zelensky: North Korea has sent more troops",
            url="https://example.net/news/1234",
        )
    )
    assert r.claimant == "Volodymyr Zelensky"
    # the outlet of the URL is known, but "it" is someone else: the slug's source
    r = only(
        rows(
            "It said 700 North Korean soldiers were wounded in the offensive.",
            url="https://kyivindependent.com/ukraines-special-forces-report-new-losses-of-north-korean-units/",
        )
    )
    assert r.claimant == "Special Operations Forces (Ukraine)"


def test_a_source_at_the_end_of_the_headline():
    r = only(
        rows(
            "He put the number of North Korean soldiers killed at 1,000.",
            title="North Korean losses in Kursk reach 1,000 - Pentagon",
        )
    )
    assert r.claimant == "US Department of Defense"


def test_slugs_get_their_apostrophes_back():
    assert slug_title("https://x.org/2025/02/ukraines-spy-chief-says-8000-north-korean-troops") == (
        "Ukraine's spy chief says 8000 north korean troops"
    )
    r = only(
        rows(
            "He put the losses of the North Korean units at roughly 4,000 dead and wounded.",
            url="https://example.org/2025/02/04/ukraines-spy-chief-says-north-korean-soldiers-still-fighting",
        )
    )
    assert r.claimant == "Kyrylo Budanov (Defence Intelligence of Ukraine)"


@pytest.mark.parametrize(
    "title",
    [
        "South Korea says North Korean losses rise",
        "North Korean losses rise as Kim sends more units to Russia - Seoul",
        None,
    ],
)
def test_the_agency_under_a_headline_naming_seoul_is_the_nis(title):
    url = None if title else "https://example.com/2025/11/04/north-korea-sends-builders-to-russia-seoul"
    r = only(rows("The spy agency said 1,000 North Korean troops were killed.", title=title, url=url))
    assert r.claimant == NIS


def test_the_agency_after_a_person_is_the_persons_body():
    df = rows(
        "Budanov said 11,000 North Korean troops had arrived. The agency said 4,000 of them had been killed or wounded."
    )
    assert claimants(df) == ["Kyrylo Budanov (Defence Intelligence of Ukraine)", HUR]
    df = rows("Umerov said 11,000 North Korean troops had arrived. The ministry said 4,000 of them had been wounded.")
    assert claimants(df) == ["Rustem Umerov (Ministry of Defence of Ukraine)", "Ministry of Defence of Ukraine"]


def test_the_officials_and_the_same_sources_refer_back_to_the_group():
    df = rows(
        "Western officials said on Monday that 11,000 North Korean troops were in Kursk. "
        "The officials added that 1,000 of them had been killed."
    )
    assert claimants(df) == ["Western officials (unnamed)"] * 2
    df = rows(
        "South Korean, Ukrainian and Western sources said 14,000 North Korean troops had been sent. "
        "The same sources said 6,000 of them had been killed."
    )
    assert claimants(df) == ["South Korean, Ukrainian and Western sources (unnamed)"] * 2
    df = rows(
        "The Pentagon said 10,000 North Korean troops were in Russia. The officials said 8,000 had moved to Kursk."
    )
    assert claimants(df) == ["US Department of Defense"] * 2


def test_nominal_attributions():
    r = only(rows("An NIS assessment puts the number of North Korean troops killed at about 600."))
    assert r.claimant == NIS
    r = only(rows("The ISW based that forecast on a force of about 12,000 North Korean troops deployed in Kursk."))
    assert r.claimant == "Institute for the Study of War (ISW)"
    r = only(rows("Kyiv set it against Seoul's own estimate of some 3,600 North Korean casualties."))
    assert r.claimant == "Government of South Korea"


def test_the_newspaper_is_the_outlet_of_the_page():
    r = only(
        rows(
            "Pyongyang sent 1,000 sappers to Kursk, the newspaper said.",
            url="https://www.telegraph.co.uk/world-news/2025/06/01/north-korea-sends-sappers/",
        )
    )
    assert r.claimant == "The Telegraph"
    r = only(
        rows("The report put North Korean losses at 6,000.", url="https://www.japantimes.co.jp/news/2025/07/03/x/")
    )
    assert r.claimant == "The Japan Times"


# -- a country word is not the speaker when the sentence names one --------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukraine's ambassador in Seoul said 300 North Korean soldiers were killed in one week.",
            "Dmytro Ponomarenko (Ukrainian embassy in South Korea)",
        ),
        ("Military analysts in Kyiv said that roughly 400 North Korean soldiers had been captured.", None),
        ("A defectors' group head said two captured North Korean soldiers wanted to go to South Korea.", None),
    ],
)
def test_a_place_in_the_subject_is_not_its_government(text, expected):
    r = only(rows(text))
    assert r.claimant not in ("Government of South Korea", "Government of Ukraine")
    if expected:
        assert r.claimant == expected


def test_a_place_after_the_verb_is_not_an_inverted_speaker():
    r = only(
        rows(
            "A defectors' group head said two captured North Korean soldiers, both in their twenties, wrote that they hoped to go to Seoul."
        )
    )
    assert r.claimant == "defectors' group head"


def test_an_appositive_name_is_the_speaker_not_the_place_before_it():
    r = only(
        rows("Ukraine's ambassador to Seoul, Dmytro Ponomarenko, said 3,000 North Korean soldiers had been killed.")
    )
    assert r.claimant == "Dmytro Ponomarenko (Ukrainian embassy in South Korea)"
    r = only(rows("Shoigu, speaking in Pyongyang, said Kim Jong Un would dispatch 1,000 sappers to Russia."))
    assert r.claimant == "Sergei Shoigu (Russian Security Council)"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "A Seoul-based defectors' group said 100 North Korean soldiers had been captured.",
            "Seoul-based defectors' group",
        ),
        (
            "The head of a Seoul-based group of North Korean defectors said two North Korean soldiers had been captured.",
            "head of a Seoul-based group of North Korean defectors",
        ),
    ],
)
def test_unlisted_groups_and_their_heads(text, expected):
    assert only(rows(text)).claimant == expected


def test_the_spy_agency_of_the_sentences_country():
    r = only(
        rows("A South Korean lawmaker said, citing the spy agency, that 1,000 North Korean soldiers had been killed.")
    )
    assert (r.claimant, r.relay) == (NIS, "South Korean lawmaker")


def test_a_spokesman_speaks_for_the_body_named_before():
    df = rows(
        "The White House said on Wednesday that 3,000 North Korean troops were in Russia. "
        "A spokesman said 1,000 of them had moved to Kursk."
    )
    assert claimants(df) == ["White House", "White House"]


def test_sources_with_nothing_before_stay_unnamed_sources():
    r = only(
        rows("The same sources said 500 more North Korean soldiers had been killed.", url="https://www.bbc.com/news/x")
    )
    assert r.claimant == "sources"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukrainian soldiers and officials said the North had lost about 1,000 troops dead.",
            "Ukrainian soldiers and officials",
        ),
        ("Various estimates put the number of North Korean troops killed at 1,000.", "Various estimates"),
        ("Western security sources said 30,000 more North Korean troops could be sent.", "Western security sources"),
        (
            "North Korean state media said 300 North Korean soldiers had been killed in Kursk.",
            "Korean Central News Agency (KCNA)",
        ),
    ],
)
def test_more_unnamed_and_descriptive_sources(text, expected):
    assert only(rows(text)).claimant == expected


def test_a_countrys_spy_agency_cited_by_its_government():
    for text in (
        "Seoul said on Friday, citing intelligence, that 1,000 North Korean soldiers had been killed.",
        "South Korea said, citing its spy agency, that 1,000 North Korean soldiers had been killed.",
    ):
        r = only(rows(text))
        assert (r.claimant, r.relay) == (NIS, "Government of South Korea")
    # Ukraine lists several intelligence bodies: the speaker stays the claimant
    r = only(rows("Zelensky said, citing intelligence, that 1,000 North Korean soldiers had been killed."))
    assert r.claimant == "Volodymyr Zelensky"
    # "the agency" after a ministry is that ministry, not a spy agency
    df = rows(
        "The State Department said 1,000 North Korean soldiers had been killed. The agency said 500 more were wounded."
    )
    assert claimants(df) == ["US State Department"] * 2


def test_the_speaker_carries_over_sentences_that_name_nobody():
    df = rows(
        "South Korea's spy agency said on Wednesday that North Korea had sent 1,500 special forces troops to Russia. "
        "The troops were moved on Russian navy ships. About 1,500 more North Korean soldiers are expected to follow soon.",
        url="https://www.reuters.com/world/asia-pacific/x",
    )
    assert claimants(df) == [NIS, NIS]
    # a sentence naming someone else stops it: the outlet reports the figure
    df = rows(
        "The NIS said 1,500 North Korean troops had arrived in Russia. Kim Jong Un visited a factory. "
        "About 1,500 more North Korean soldiers are expected to follow soon.",
        url="https://www.reuters.com/world/asia-pacific/x",
    )
    assert claimants(df) == [NIS, "Reuters"]


def test_who_denies_a_report_is_not_carried_to_the_next_figure():
    df = rows(
        "Zelensky said 11,000 North Korean troops were in Kursk. Russia has denied this. "
        "Around 4,000 North Korean soldiers have been killed or wounded.",
        url="https://www.reuters.com/world/europe/x",
    )
    assert claimants(df)[-1] != "Kremlin"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "According to Ukrainian and South Korean intelligence, 1,000 North Korean soldiers had been killed.",
            "Ukrainian and South Korean intelligence",
        ),
        (
            "The US, South Korea and Ukraine say 10,000 North Korean troops are in Russia.",
            "US, South Korea and Ukraine",
        ),
        (
            "Ukraine and its Western allies say Kursk now holds some 11,000 soldiers from the North.",
            "Ukraine and its Western allies",
        ),
    ],
)
def test_joint_sources_are_named_whole(text, expected):
    assert only(rows(text)).claimant == expected


def test_sources_cited_in_the_passive_are_the_claimant():
    r = only(
        rows("Western security sources were cited as supporting a further dispatch of 30,000 North Korean troops.")
    )
    assert r.claimant == "Western security sources"


def test_itself_between_the_speaker_and_the_verb():
    r = only(rows("Yonhap points out that Pyongyang itself has said 350 or so of its soldiers died in Kursk."))
    assert (r.claimant, r.relay) == ("Government of North Korea", "Yonhap")


def test_a_speaker_who_describes_the_troops():
    r = only(rows("US officials described the 12,000 or so troops from North Korea in Kursk as poorly trained."))
    assert (r.claimant, r.claimant_country) == ("US officials (unnamed)", "US")


def test_the_captured_soldier_is_the_prisoner_the_headline_names():
    r = only(
        rows(
            "The captured soldier said 100 North Korean soldiers had been killed in his unit.",
            title="North Korean POW tells interrogators about his unit",
            url="https://www.themoscowtimes.com/2025/01/20/x",
        )
    )
    assert r.claimant == "Captured North Korean soldier"


# -- running text: who speaks for whom ------------------------------------------------------


def test_a_body_placed_in_a_city_is_that_body():
    r = only(
        rows("The Joint Chiefs of Staff in Seoul estimated that 1,100 North Korean soldiers were killed or wounded.")
    )
    assert r.claimant == "Joint Chiefs of Staff (South Korea)"


def test_a_vague_source_cited_by_a_named_speaker_leaves_the_speaker():
    r = only(
        rows(
            "Zelensky, citing early numbers from his generals, wrote that 3,000 North Korean soldiers "
            "had been killed or wounded."
        )
    )
    assert r.claimant == "Volodymyr Zelensky"


def test_the_agency_quoted_by_a_lawmaker_is_not_the_country_in_the_sentence():
    df = rows(
        "North Korean losses exceed 4,000, lawmaker Park Sun-won said, citing the NIS. "
        "North Korea may have sent another 3,000 troops, he said, quoting the agency."
    )
    assert claimants(df) == [NIS, NIS]
    assert list(df["relay"]) == ["Park Sun-won (National Assembly intelligence committee)"] * 2


def test_a_lawmaker_goes_on_relaying_the_briefing():
    df = rows(
        "Seoul's spy agency said in a closed session with legislators that 4,700 North Korean soldiers "
        "had been killed or wounded. Park Sun-won said the agency counted 600 deaths. "
        "He added that 2,000 wounded North Korean soldiers had been flown home."
    )
    assert claimants(df) == [NIS, NIS, NIS]
    r = only(
        rows(
            "About 6,000 more North Korean soldiers could be sent, Rep. Park Sun-won said after a closed NIS briefing."
        )
    )
    assert (r.claimant, r.relay) == (NIS, "Park Sun-won (National Assembly intelligence committee)")


def test_lawmakers_relay_the_assessment_in_their_sentence():
    df = rows(
        "An updated NIS assessment puts North Korean dead at about 2,000, lawmakers said, up from at least "
        "600 North Korean soldiers killed in April."
    )
    assert claimants(df) == [NIS, NIS]


def test_an_outlets_unnamed_source():
    r = only(
        rows("About 1,000 North Korean soldiers were sent to Rostov, Daily NK reported, citing a source in Russia.")
    )
    assert r.claimant == "Daily NK" and pd.isna(r.relay)
    r = only(
        rows(
            "Eighteen North Korean soldiers have deserted near Kursk, Ukrainska Pravda reported, citing sources "
            "in Ukraine's special services."
        )
    )
    assert (r.claimant, r.relay) == ("Ukrainian intelligence sources (unnamed)", "Ukrainska Pravda")
    r = only(rows("A source in Ukraine's military intelligence said 200 North Korean soldiers were killed."))
    assert r.claimant == HUR


@pytest.mark.parametrize(
    "text",
    [
        "As many as 12,000 North Korean soldiers may be in Russia, by the reckoning of South Korea's spy agency.",
        "Satellite images released by Seoul's spy agency show 400 North Korean soldiers at a base in Ussuriysk.",
        "Over 7,000 North Korean troops were flown west, the NIS intelligence agency said, Yonhap reported.",
    ],
)
def test_nominal_and_relayed_attributions_to_the_nis(text):
    assert only(rows(text)).claimant == NIS


def test_a_spokesman_speaks_for_his_own_government():
    r = only(
        rows(
            "The United States assesses that up to 10,000 North Korean troops are in Kursk, "
            "State Department spokesman Matthew Miller said."
        )
    )
    assert r.claimant == "Matthew Miller (US State Department)"
    df = rows(
        "North Korean soldiers have arrived in Russia, John Kirby said on Wednesday. "
        "Washington's assessment is that at least 3,000 North Korean soldiers crossed by sea."
    )
    assert claimants(df)[-1] == "John Kirby (White House)"
    r = only(
        rows(
            "John Healey said UK defence intelligence had now confirmed some 10,000 North Korean soldiers inside Russia."
        )
    )
    assert r.claimant == "John Healey (UK Ministry of Defence)"


def test_descriptions_that_refer_back():
    df = rows(
        "About 14,000 North Korean troops were sent, according to a report by the Open Source Centre. "
        "The London-based group also said 1,000 North Korean soldiers had been killed."
    )
    assert claimants(df) == ["Open Source Centre"] * 2
    df = rows(
        "Volodymyr Zelensky said 11,000 North Korean soldiers were near the border. "
        "The Ukrainian leader warned that the number could grow to 100,000."
    )
    assert claimants(df) == ["Volodymyr Zelensky"] * 2


def test_a_country_acknowledging_its_own_losses():
    r = only(rows("North Korea's own acknowledged losses stand at around 350 North Korean soldiers killed."))
    assert r.claimant == "Government of North Korea"


@pytest.mark.parametrize(
    ("title", "text", "claimant"),
    [
        (
            "Seoul spy agency sees large North Korean deployment",
            "Pyongyang could ultimately send around 12,000 troops to Russia, the agency estimated on Friday, "
            "warning that more ships were expected.",
            "National Intelligence Service (South Korea)",
        ),
        (
            "Seoul's spy service raises its North Korean death toll",
            "Seoul's spy service estimates that about 2,000 North Korean troops sent to Russia have died.",
            "National Intelligence Service (South Korea)",
        ),
        (
            "Kovalenko: North Korean losses keep rising",
            "Losses among North Korean units in Kursk have gone past 200, he wrote.",
            "Andrii Kovalenko (Centre for Countering Disinformation, Ukraine)",
        ),
        (
            "Seoul's Joint Chiefs revisit the first North Korean dispatch",
            "The first North Korean contingent numbered around 11,000 soldiers, the military said.",
            "Joint Chiefs of Staff (South Korea)",
        ),
    ],
)
def test_the_headline_names_who_the_agency_he_or_the_military_is(title, text, claimant):
    df = extract_claims(text, published="2025-01-20", source_title=title)
    assert df.claimant.tolist()[:1] == [claimant]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "The United States now assesses that as many as 10,000 North Korean troops are in Kursk, the State Department said.",
            "US State Department",
        ),
        (
            "Over 3,000 North Korean troops are approaching the combat zones, a senior official in President Yoon's office said.",
            "South Korean Presidential Office",
        ),
    ],
)
def test_the_body_that_speaks_for_its_government(text, claimant):
    assert extract_claims(text, published="2024-11-01").claimant.tolist()[:1] == [claimant]


def test_bare_sources_take_the_group_a_national_outlet_or_headline_names():
    text = "Intelligence sources cited by Suspilne said more than 3,000 soldiers from the North were drilling near Ulan-Ude."
    row = extract_claims(text, published="2024-10-20").iloc[0]
    assert (row.claimant, row.relay) == ("Ukrainian intelligence sources (unnamed)", "Suspilne")
    text = "Six North Korean officers died in a missile strike near Donetsk, according to the sources."
    df = extract_claims(text, published="2024-10-05", source_url="https://www.kyivpost.com/post/1")
    assert df.claimant.tolist() == ["Ukrainian intelligence sources (unnamed)"]


# -- the source, the agency and evidence named without its owner -------------------------------


def test_the_source_is_the_body_a_source_was_placed_in_before():
    text = (
        "A source inside Ukraine's military intelligence, the HUR, told reporters that 9,000 North Korean troops "
        "are drilling at bases in the Russian Far East. Around 400 of them are officers, the source said."
    )
    assert claimants(rows(text)) == [HUR, HUR]


def test_the_source_under_a_headline_naming_its_body():
    df = rows(
        "Four bases near Khabarovsk are training about 9,000 North Korean soldiers, the source said.",
        title="HUR source: North Koreans drilling near Khabarovsk",
    )
    assert only(df)["claimant"] == HUR


def test_the_agency_under_a_headline_without_a_verb_is_the_agency_of_its_country():
    df = rows(
        "About 2,500 more North Korean soldiers reached Russia in the spring, the intelligence agency said.",
        title="Seoul's spy agency on the spring reinforcements",
    )
    assert only(df)["claimant"] == NIS


def test_a_name_containing_a_reporting_word_is_not_the_headline_verb():
    df = rows(
        "Close to 9,000 North Korean soldiers are stationed in Russia, according to the agency's new estimate.",
        title="Ukrainian Defence Intelligence revises its count of North Korean troops",
    )
    assert only(df)["claimant"] == HUR


def test_evidence_after_according_to_belongs_to_the_body_of_the_headline():
    df = rows(
        "North Korean units have suffered close to 2,500 casualties since they first saw combat, "
        "according to the latest assessment carried by Yonhap.",
        title="Seoul's Joint Chiefs assess North Korean losses",
    )
    row = only(df)
    assert row["claimant"] == "Joint Chiefs of Staff (South Korea)"
    assert row["relay"] == "Yonhap"


def test_an_outlet_that_made_the_analysis_is_the_claimant():
    df = rows(
        "The burial ground outside Pyongyang holds the graves of at least 300 soldiers, "
        "according to an analysis of satellite pictures by NK News."
    )
    assert only(df)["claimant"] == "NK News"


def test_a_listed_speaker_citing_an_unnamed_service_keeps_the_claim():
    df = rows(
        "A North Korean soldier was taken prisoner in late December and died of his wounds days later, "
        "the agency said, citing a friendly foreign intelligence service.",
        title="Seoul's spy agency: captured North Korean dies",
    )
    assert only(df)["claimant"] == NIS


def test_an_outlet_quoting_someone_as_saying_relays_them():
    df = rows(
        "The Washington Post quotes a Pentagon official as saying that up to 3,000 North Korean soldiers "
        "could be in Kursk by the weekend."
    )
    row = only(df)
    assert row["claimant"] == "US Department of Defense"
    assert row["relay"] == "The Washington Post"


def test_a_reporting_verb_with_a_day_before_its_particle():
    df = rows("Pat Ryder referred on Monday to North Korea having moved 8,000 soldiers into Kursk.")
    assert only(df)["claimant"] == "Pat Ryder (Pentagon)"


def test_a_transcript_turn_names_its_speaker():
    text = (
        "MR. KIRBY: We now assess that North Korea moved at least 2,500 soldiers into eastern Russia "
        "in the first half of October.\n\nQ: Are they headed to Ukraine?\n\nMR. KIRBY: That is not clear yet."
    )
    assert claimants(rows(text)) == ["John Kirby (White House)"]


def test_a_body_in_a_relative_clause_is_the_speaker():
    df = rows(
        "London's figure is higher than that of South Korea's spy agency, which told lawmakers in April "
        "that North Korean casualties stood at about 3,500."
    )
    assert only(df)["claimant"] == NIS


def test_the_spy_agency_after_an_outlet_is_the_agency_not_the_outlet():
    text = (
        "About 1,500 North Korean soldiers have died in the war, South Korea's National Intelligence Service said, "
        "according to Yonhap. The spy agency also said Pyongyang was planning to send about 5,000 more troops."
    )
    assert claimants(rows(text)) == [NIS, NIS]


def test_the_regime_is_the_government_named_before():
    df = rows(
        "Pyongyang's own count is far lower: the regime has indicated it lost around 300 troops "
        "in the first phase of the deployment."
    )
    assert only(df)["claimant"] == "Government of North Korea"


def test_a_lawmaker_named_by_surname_relays_the_agency_that_briefed_him():
    text = (
        "The National Intelligence Service briefed the intelligence committee, according to Rep. Lee Seong-kweun. "
        "Total North Korean casualties now stand at roughly 2,800, Lee said."
    )
    row = only(rows(text))
    assert row["claimant"] == NIS
    assert row["relay"] == "Lee Seong-kweun (National Assembly intelligence committee)"


def test_a_lawmaker_citing_the_country_s_spy_agency():
    df = rows(
        "At least 90 North Korean soldiers have been killed, a South Korean lawmaker said on Friday, "
        "citing the country's spy agency."
    )
    assert only(df)["claimant"] == NIS


@pytest.mark.parametrize(
    "text",
    [
        "About 9,000 North Korean soldiers were sent to Russia, the agency reported, citing South Korean, "
        "Ukrainian and Western sources.",
        "About 9,000 North Korean soldiers were sent to Russia, sources from South Korea, Ukraine and the West "
        "told the agency.",
    ],
)
def test_a_joint_unnamed_source_is_one_claimant(text):
    assert only(rows(text))["claimant"] == "South Korean, Ukrainian and Western sources (unnamed)"


def test_a_headline_naming_its_source_with_a_possessive_before_the_colon():
    df = rows(
        "More than 2,000 North Korean soldiers have reached the Kursk region, the centre said.",
        title="Ukraine's National Resistance Center: North Koreans move into Kursk",
    )
    assert only(df)["claimant"] == "National Resistance Center (Ukraine)"


def test_a_noun_of_evidence_gives_way_to_the_person_who_speaks():
    text = (
        "Ukrainian intelligence reports show 9,000 North Korean troops are in the Kursk region, "
        "President Volodymyr Zelensky said in his evening address."
    )
    assert only(rows(text))["claimant"] == "Volodymyr Zelensky"
    alone = "Ukrainian intelligence reports show 9,000 North Korean troops are in the Kursk region."
    assert only(rows(alone))["claimant"] == HUR


def test_a_speaker_who_goes_on_with_and_recalled():
    text = (
        "Sabrina Singh said North Korean forces had taken 900 casualties, endorsing the White House figure, "
        "and recalled that roughly 11,000 of their troops had been sent to Russia."
    )
    assert claimants(rows(text)) == ["Sabrina Singh (Pentagon)", "Sabrina Singh (Pentagon)"]


def test_a_person_of_a_body_is_the_speaker_not_the_body():
    df = rows(
        "Around 900 North Korean troops are training on new equipment, "
        "Vadym Skibitskyi of Ukraine's military intelligence told a Seoul daily."
    )
    assert only(df)["claimant"] == "Vadym Skibitskyi (Defence Intelligence of Ukraine)"


def test_a_body_in_a_comparison_is_not_the_speaker():
    df = rows(
        "At least 10,000 North Korean troops are already in Russia, more than the NIS had projected, "
        "a senior presidential official in Seoul said."
    )
    assert only(df)["claimant"] == "South Korean Presidential Office"


def test_lawmakers_citing_intelligence_relay_their_country_s_agency():
    df = rows(
        "Around 4,000 North Korean construction troops have been sent to Russia since September, "
        "South Korean lawmakers said, citing intelligence."
    )
    assert only(df)["claimant"] == NIS


def test_images_supplied_by_a_body_are_its_claim():
    df = rows(
        "About 200 North Korean soldiers were filmed at a base in Khabarovsk, a Korean broadcaster said, "
        "describing images supplied by Seoul's intelligence service."
    )
    assert only(df)["claimant"] == NIS


def test_an_outlet_s_claim_is_not_given_to_the_speaker_of_another_clause():
    df = rows(
        "Reports say some 14,000 soldiers from North Korea have gone to Russia, the Financial Times said, "
        "as Kyiv warned of a larger wave."
    )
    assert only(df)["claimant"] == "Financial Times"


def test_the_next_sentence_that_gives_the_figure_names_its_source():
    df = rows(
        "About 9,000 North Korean soldiers now watch the Russian border with Ukraine. "
        "The agency gave the estimate at a parliamentary audit.",
        title="NIS: North Korean soldiers on border duty",
    )
    assert only(df)["claimant"] == NIS


def test_a_government_speaker_citing_his_country_s_intelligence_is_the_claimant():
    df = rows(
        "John Kirby said US intelligence assessed that at least 2,500 North Korean soldiers had moved "
        "into eastern Russia in early October."
    )
    assert only(df)["claimant"] == "John Kirby (White House)"


def test_the_intelligence_chief_and_the_force_s_press_service_refer_back():
    text = (
        "Kyrylo Budanov spoke to a US defence publication on Thursday. According to the intelligence chief, "
        "a first group of 2,400 North Korean soldiers will be sent to the Kursk region."
    )
    assert claimants(rows(text)) == ["Kyrylo Budanov (Defence Intelligence of Ukraine)"]
    text = (
        "Ukraine's Special Operations Forces said its drone crews had killed 40 North Korean soldiers. "
        "Another 30 were wounded, according to the force's press service."
    )
    assert claimants(rows(text)) == ["Special Operations Forces (Ukraine)"] * 2


def test_a_passive_believed_to_be_is_no_speaker():
    df = rows(
        "Of the roughly 9,000 North Korean soldiers now believed to be in Russia, as many as 7,000 have been "
        "moved to Kursk, Antony Blinken said."
    )
    assert claimants(df) == ["Antony Blinken (US State Department)"] * 2


def test_that_is_the_assessment_lawmakers_gave_after_a_briefing():
    text = (
        "North Korea could send some 5,000 more soldiers to Russia in the summer. That is the assessment "
        "lawmakers gave after a briefing by South Korea's intelligence agency."
    )
    assert only(rows(text))["claimant"] == NIS


def test_a_body_s_figure_goes_to_its_spokesperson_named_next():
    text = (
        "North Korea has sent about 9,000 soldiers to Russia for training, the Pentagon said on Monday.\n\n"
        "Deputy Pentagon press secretary Sabrina Singh declined to say whether any had reached Kursk."
    )
    assert claimants(rows(text))[0] == "Sabrina Singh (Pentagon)"
    alone = "North Korea has sent about 9,000 soldiers to Russia for training, the Pentagon said on Monday."
    assert claimants(rows(alone)) == ["US Department of Defense"]


def test_sources_in_a_country_s_intelligence_and_a_claim_restated_with_its_source():
    text = (
        "Five North Korean officers were reportedly killed in a strike near Donetsk last week.\n\n"
        "The Kyiv Post reported, citing unnamed sources in Ukrainian intelligence, that the officers died "
        "in the strike."
    )
    row = only(rows(text))
    assert row["claimant"] == "Ukrainian intelligence sources (unnamed)"
    assert row["relay"] == "Kyiv Post"


def test_an_outlet_that_has_learned_and_its_source_placed_in_a_country():
    text = (
        "North Korea sent around 900 soldiers to the Rostov region in October, Daily NK has learned. "
        "A source in Russia told Daily NK that the soldiers are repairing roads."
    )
    assert claimants(rows(text)) == ["Daily NK"]


def test_a_joint_source_cited_by_an_outlet_and_analysts_referred_back_to():
    text = "In November, South Korean, Ukrainian and Western sources cited by Reuters said more than 5,000 had died."
    row = only(rows("North Korean troops fought in Kursk. " + text))
    assert row["claimant"] == "South Korean, Ukrainian and Western sources (unnamed)"
    assert row["relay"] == "Reuters"
    text = (
        "Analysts at the Institute for the Study of War reached a similar view. They calculated that North "
        "Korean forces were losing about 80 soldiers a day."
    )
    assert only(rows(text))["claimant"] == "Institute for the Study of War (ISW)"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "In Seoul on Tuesday, a senior official at the presidential office told reporters that at least "
            "10,000 North Korean troops were in Russia.",
            "South Korean Presidential Office",
        ),
        (
            "In Kyiv, an official at the presidential office said 2,500 North Korean soldiers were in Kursk.",
            "Office of the President of Ukraine",
        ),
    ],
)
def test_an_official_at_the_presidential_office_of_the_city_named(text, expected):
    assert only(rows(text))["claimant"] == expected


# -- references back across sentences -----------------------------------------------------------


def test_the_official_is_the_official_introduced_before_not_the_last_named_person():
    text = (
        "Speaking in Washington, the secretary of state Antony Blinken said about 10,000 North Korean troops "
        "were in Russia. The figures track a newer estimate from Seoul. An official at the presidential office "
        "said at least 11,000 North Korean soldiers had arrived. More than 2,000 of them were moving toward "
        "the front, the official added."
    )
    found = rows(text)
    assert claimants(found) == [
        "Antony Blinken (US State Department)",
        "South Korean Presidential Office",
        "South Korean Presidential Office",
    ]


def test_the_agency_after_a_sentence_that_only_refers_to_it():
    text = (
        "South Korea's National Intelligence Service briefed lawmakers on Monday on its work with Ukraine's "
        "Security Service (SBU).\n\nBy the spy agency's "
        "tally, North Korean casualties now stand at about 3,000, the broadcaster MBC reported.\n\nThe agency "
        "also confirmed that Ukraine had taken two North Korean soldiers prisoner."
    )
    assert claimants(rows(text)) == [NIS, NIS]


def test_the_spy_agency_is_not_the_committee_that_relayed_it():
    text = (
        "The National Intelligence Service told a closed session on Monday that 300 North Korean soldiers had "
        "died. It counted 2,700 wounded, according to members of the National Assembly's intelligence "
        "committee. The spy agency's count of North Korean casualties now stands at about 3,000."
    )
    assert claimants(rows(text)) == [NIS, NIS, NIS]


def test_they_after_sources_who_told_an_outlet_are_the_sources():
    text = (
        "Four North Korean officers were killed by a missile strike, Ukrainian intelligence sources were quoted "
        "as saying. The sources, who asked not to be named, told Ukrainska Pravda that the strike hit a "
        "command post. At least five other North Korean soldiers were wounded, they said."
    )
    found = rows(text)
    assert claimants(found) == ["Ukrainian intelligence sources (unnamed)"] * 2


def test_a_single_unnamed_official_quoted_by_an_outlet_is_the_speaker():
    text = (
        "A senior Ukrainian official quoted on Friday by The Washington Post said up to 4,000 North Korean "
        "soldiers would be in Kursk by the weekend."
    )
    row = only(rows(text))
    assert row["claimant"] == "Ukrainian officials (unnamed)"
    assert row["relay"] == "The Washington Post"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kyiv counts roughly 4,000 North Korean casualties, while a South Korean estimate puts the number "
            "at about 3,600.",
            "Government of South Korea",
        ),
        (
            "The Ukrainian assessment puts the number of North Korean troops in Kursk at 11,000.",
            "Government of Ukraine",
        ),
    ],
)
def test_a_national_estimate_is_the_country(text, expected):
    assert claimants(rows(text))[-1] == expected


def test_quoted_the_agency_as_estimating():
    text = (
        "The National Intelligence Service briefed parliament on Wednesday. Zelensky, for his part, said on "
        "Tuesday that the deployment was growing.\n\nYonhap's account of the session "
        "quoted the agency as estimating the deployment at 12,000 to 15,000 North Korean troops."
    )
    assert claimants(rows(text)) == [NIS]


@pytest.mark.parametrize(
    "text",
    [
        # the briefer named in an aside of the lawmaker's own sentence
        "Rep. Han Ki-ho, who met Kyrylo Budanov in Kyiv last month, said on Thursday that about 2,000 North "
        "Korean soldiers were training near Vladivostok.",
        # the briefer named sentences before, the lawmaker by surname alone
        "Lawmaker Han Ki-ho said he had been briefed by Kyrylo Budanov during a trip to Ukraine.\n\nSpeaking on "
        "a radio programme, Han said about 2,000 North Korean soldiers were training near Vladivostok.",
    ],
)
def test_an_unlisted_lawmaker_relays_who_briefed_him(text):
    row = only(rows(text))
    assert row["claimant"] == "Kyrylo Budanov (Defence Intelligence of Ukraine)"


def test_a_figure_inside_someone_elses_warning_is_theirs():
    text = (
        "The spy agency said it was unable to verify President Volodymyr Zelensky's warning that as many as "
        "60,000 North Korean soldiers could be sent."
    )
    assert only(rows(text))["claimant"] == "Volodymyr Zelensky"


def test_an_account_of_the_agencys_pictures_is_the_agencys_claim():
    text = (
        "South Korea's National Intelligence Service released satellite photographs on Friday. In one of "
        "them, some 300 North Korean soldiers stand in rows at a base near Ussuriysk, according to a South "
        "Korean television account of the images."
    )
    assert claimants(rows(text)) == [NIS]


def test_the_presidential_office_of_the_country_whose_bodies_the_text_names():
    text = (
        "At least 11,000 North Korean troops are already in Russia, a senior official at the presidential "
        "office said, more than the National Intelligence Service had forecast."
    )
    assert claimants(rows(text)) == ["South Korean Presidential Office"]


def test_lawmakers_briefed_by_the_agency_relay_the_agency():
    text = (
        "South Korea's spy agency has raised its estimate of the dead. About 1,500 North Korean soldiers have "
        "died in Russia's war, a news agency reported, citing lawmakers briefed by the agency."
    )
    assert claimants(rows(text)) == [NIS]


def test_the_agency_with_no_antecedent_near_it_is_the_intelligence_body_named_last_before_it():
    text = (
        "The National Intelligence Service spoke to lawmakers in January.\n\nA member of the intelligence "
        "committee relayed the briefing.\n\nTaken together, the agency now puts North Korea's total casualties at "
        "about 4,700.\n\nIt also said it had worked with the SBU, Ukraine's security service."
    )
    assert claimants(rows(text)) == [NIS]


def test_a_transcript_turn_speaks_for_itself_and_a_titled_surname_is_the_listed_person():
    text = (
        "Q: Ms. Singh said on Monday that about 10,000 North Korean soldiers are in eastern Russia. How many "
        "are going to the front?\n"
        "MR. RYDER: We assess that a couple thousand of them are moving toward Kursk."
    )
    assert claimants(rows(text)) == ["Sabrina Singh (Pentagon)", "Pat Ryder (Pentagon)"]


def test_a_possessive_of_a_name_ending_in_s():
    text = "By The Japan Times' count, roughly 13,000 North Korean soldiers had gone to Russia by the spring."
    assert claimants(rows(text)) == ["The Japan Times"]


def test_an_outlet_citing_bare_reports_makes_the_claim_itself():
    text = "Britain's LBC, citing reports, put the number of North Korean troops sent to Russia at about 14,000."
    assert claimants(rows(text)) == ["LBC"]


def test_sources_quoted_by_a_described_outlet_are_the_speakers():
    text = (
        "Intelligence sources quoted by the public broadcaster Suspilne said some 2,000 North Korean soldiers "
        "were training near Ulan-Ude."
    )
    row = only(rows(text))
    assert row["claimant"] == "Ukrainian intelligence sources (unnamed)"
    assert row["relay"] == "Suspilne"


def test_the_same_sources_after_bare_sources_are_those_sources_not_a_country():
    text = (
        "About 13,000 North Korean troops have been sent to help Russia, sources told a news agency. More than 5,000 of "
        "them have died, the same sources said."
    )
    assert "Kremlin" not in claimants(rows(text))
    assert len(set(claimants(rows(text)))) == 1


def test_a_role_is_the_listed_person_named_right_after_it():
    text = (
        "North Korea will send 1,000 deminers to the Kursk region, Russia's top security official said on "
        "Tuesday. Sergei Shoigu, who leads Russia's Security Council, spoke during a visit to Pyongyang."
    )
    assert claimants(rows(text)) == ["Sergei Shoigu (Russian Security Council)"]


def test_another_account_of_the_same_briefing_is_the_briefing_bodys_claim():
    text = (
        "The deployment now stands at 12,000 to 15,000, a wire service reported after a closed-door briefing by "
        "the National Intelligence Service. Another account of the same briefing, carried by The Korea Herald, "
        "put the North Korean force in Russia at 10,900 to 12,000."
    )
    found = rows(text)
    assert claimants(found) == [NIS, NIS]
    assert found.iloc[1]["relay"] == "The Korea Herald"


def test_state_media_that_shows_a_count_is_its_source():
    text = "North Korean state media has shown the portraits of at least 180 soldiers killed in Kursk."
    assert claimants(rows(text)) == ["Korean Central News Agency (KCNA)"]


def test_a_figure_recalled_by_a_speaker_in_the_next_sentence_is_that_speakers():
    text = (
        "South Korea's National Intelligence Service told lawmakers that about 600 North Korean soldiers had "
        "died. Ukraine is holding two North Korean soldiers captured in Kursk. In March, South Korea's foreign "
        "ministry told its Ukrainian counterpart that Seoul regarded the two prisoners as its own citizens."
    )
    assert claimants(rows(text)) == [NIS, "Ministry of Foreign Affairs (South Korea)"]


def test_had_given_a_figure_of_is_a_reporting_verb():
    text = "The Joint Chiefs of Staff had already given a figure of about 4,000 North Korean casualties on March 27."
    assert claimants(rows(text)) == ["Joint Chiefs of Staff (South Korea)"]


def test_a_speaker_citing_preliminary_data_makes_the_claim():
    text = (
        "Zelensky wrote on Telegram that, according to preliminary data, North Korean losses in Kursk had passed 3,500."
    )
    assert claimants(rows(text)) == ["Volodymyr Zelensky"]


def test_a_ministry_placed_in_a_capital_is_that_countrys_ministry():
    text = "The Foreign Ministry in Seoul said it would consult Kyiv if either of the two captured North Korean soldiers asked to defect."
    assert claimants(rows(text)) == ["Ministry of Foreign Affairs (South Korea)"]


def test_a_live_blog_entry_heading_names_its_source_with_a_colon():
    text = (
        "09:10 GMT — Zelensky offers a swap\nPresident Zelensky said Kyiv would trade the prisoners it holds.\n"
        "10:25 GMT — NIS: at least 300 North Korean soldiers dead\nThe figure was given to lawmakers."
    )
    assert claimants(rows(text)) == [NIS]


def test_a_leader_who_laments_a_loss_state_media_reports_is_the_claimant():
    text = (
        "At a ceremony in Pyongyang, Kim Jong Un lamented the loss of nine North Korean soldiers from the engineer "
        "regiment, state news agency KCNA reported."
    )
    row = only(rows(text))
    assert row["claimant"] == "Kim Jong-un"
    assert row["relay"] == "Korean Central News Agency (KCNA)"


def test_the_head_of_an_unnamed_group_is_the_person_named_next():
    text = (
        "SEOUL, Dec. 24 (Yonhap) -- Two North Korean soldiers held in Ukraine have asked to be sent to South "
        "Korea, according to the head of a defectors' group in Seoul. Jang Se-yul said the letters came in "
        "October."
    )
    assert claimants(rows(text)) == ["Jang Se-yul (North Korean defectors' group)"]


def test_a_source_placed_in_a_body_and_quoted_by_media_is_that_bodys_source():
    text = (
        "A source in Ukraine's Defence Intelligence quoted by Ukrainian media said some 9,000 North Korean "
        "soldiers were training in the Far East. The agency's chief, Kyrylo Budanov, has since spoken of "
        "reinforcements."
    )
    assert claimants(rows(text)) == [HUR]


@pytest.mark.parametrize(
    "text",
    [
        "South Korea's National Intelligence Service, according to Rep. Lee Seong-kweun, put North Korean "
        "casualties at more than 4,000.",
        "South Korea's spy agency briefed lawmakers on Wednesday. According to Rep. Park Sun-won, who attended "
        "the briefing, the spy agency believes 1,500 more North Korean soldiers have reached Russia.",
    ],
)
def test_a_lawmaker_in_an_aside_relays_the_agency(text):
    assert claimants(rows(text)) == [NIS]


def test_british_and_american_spellings_name_the_same_body():
    text = "British defense intelligence said North Korean casualties in Kursk had topped 5,000."
    assert claimants(rows(text)) == ["UK Ministry of Defence"]


def test_bare_military_intelligence_is_that_of_the_country_named():
    text = (
        "Ukraine's special forces reported that drone crews had killed 40 North Korean soldiers, while military "
        "intelligence said at least 25 more had been wounded near Sudzha."
    )
    assert claimants(rows(text)) == ["Special Operations Forces (Ukraine)", HUR]


def test_the_kiev_agency_is_the_agency_named_before():
    text = (
        "The question concerned claims by Ukraine's Main Intelligence Directorate. On its Telegram channel, the "
        "Kiev agency alleged that at least 30 North Korean soldiers had been killed or wounded near two villages."
    )
    assert claimants(rows(text)) == [HUR]


def test_evidence_in_the_lede_with_its_source_in_the_next_sentence():
    text = (
        "More than 3,000 North Korean soldiers have been killed or wounded in Kursk, according to preliminary "
        "data. That was the message President Volodymyr Zelensky posted on Monday."
    )
    assert claimants(rows(text)) == ["Volodymyr Zelensky"]


def test_a_lawmaker_after_a_briefing_by_the_agency_relays_the_agency():
    text = (
        "After a closed-door briefing by the National Intelligence Service on Wednesday, Rep. Park Sun-won said "
        "around 1,500 more North Korean soldiers had gone to Russia."
    )
    assert claimants(rows(text)) == [NIS]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Zelensky wrote on X, citing preliminary data after a report from his commander Oleksandr Syrskyi, "
            "that North Korean dead and wounded had passed 3,000.",
            "Volodymyr Zelensky",
        ),
        (
            "A wire service, citing RIA Novosti, reported Shoigu saying North Korea would send 1,000 deminers "
            "to Kursk.",
            "Sergei Shoigu (Russian Security Council)",
        ),
    ],
)
def test_who_is_reported_saying_and_who_cites_preliminary_data(text, expected):
    assert claimants(rows(text)) == [expected]


def test_a_briefer_who_concurs_with_anothers_figure_claims_it_too():
    text = (
        "Q: The White House said on Friday that North Korean losses passed 1,000. Do you agree?\n"
        "MS. SINGH: We would concur with the White House's assessment of 1,000 North Korean soldiers killed and "
        "wounded."
    )
    assert claimants(rows(text)) == ["White House", "Sabrina Singh (Pentagon)"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukraine's Special Operations Forces said its drone crews had killed 12 North Korean soldiers. An "
            "outlet could not verify it.\n\nTwo days earlier the special forces reported that they had killed 40 "
            "North Korean soldiers.",
            "Special Operations Forces (Ukraine)",
        ),
        (
            "Ukraine's Main Intelligence Directorate posted on Telegram about the fighting.\n\nA wire service "
            "relayed it.\n\nThe directorate said at least 30 North Korean soldiers had been killed or wounded.",
            HUR,
        ),
    ],
)
def test_the_special_forces_and_the_directorate_refer_back(text, expected):
    assert claimants(rows(text))[-1] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "North Korea has been sending about 4,000 construction troops to Russia since September, the South's "
            "intelligence service told legislators.",
            [NIS],
        ),
        (
            "Antony Blinken, speaking on Thursday after talks with his South Korean counterparts in Washington, "
            "said about 10,000 North Korean soldiers were in Russia.",
            ["Antony Blinken (US State Department)"],
        ),
        (
            "The directorate gave no number. A HUR source quoted by Ukrainian media, however, put the North Korean "
            "troop presence in Russia at about 11,000.",
            [HUR],
        ),
    ],
)
def test_the_souths_agency_a_long_speaking_aside_and_an_acronyms_source(text, expected):
    assert claimants(rows(text)) == expected


def test_the_sources_refer_back_to_the_sources_an_outlet_quoted():
    text = (
        "Six North Korean officers died in a missile strike near Donetsk, according to Ukrainian intelligence "
        "sources cited by local media.\nThe Kyiv Post reported on Friday, quoting intelligence sources who were "
        "not named, that the officers were among some 20 people killed in the attack.\nAt least three more North "
        "Korean soldiers were hurt in the same strike, the sources were quoted as saying."
    )
    assert claimants(rows(text)) == ["Ukrainian intelligence sources (unnamed)"] * 2


def test_an_outlet_that_has_learned_from_sources_relays_them():
    text = (
        "Twenty North Korean soldiers have left their positions near Kursk, Ukrainska Pravda has learned from "
        "sources in Ukraine's special services."
    )
    row = only(rows(text))
    assert row["claimant"] == "Ukrainian intelligence sources (unnamed)"
    assert row["relay"] == "Ukrainska Pravda"


def test_a_role_of_a_named_country_is_the_one_person_of_that_country_named_next():
    text = (
        "About 3,000 North Korean soldiers are training in the Far East, a lawmaker said, citing Ukraine's top "
        "military intelligence official. The lawmaker, who travelled to Kyiv last month and met officials there, "
        "said he had been briefed by Kyrylo Budanov."
    )
    assert claimants(rows(text)) == ["Kyrylo Budanov (Defence Intelligence of Ukraine)"]


def test_officials_who_briefed_an_outlet_are_the_speakers():
    text = "Western officials who briefed the BBC on Jan. 22 said about 1,000 North Korean soldiers had been killed."
    row = only(rows(text))
    assert row["claimant"] == "Western officials (unnamed)"
    assert row["relay"] == "BBC"


def test_a_captured_soldier_who_told_interrogators_speaks_not_who_released_the_video():
    text = (
        "One of two North Korean soldiers captured by Ukrainian forces told his interrogators that he had "
        "crossed to Russia by sea with about 100 other North Korean troops, according to a video released by "
        "President Volodymyr Zelensky."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 100, "claimant"].tolist() == ["Captured North Korean soldier"]
    assert found.loc[found["figure_low"] == 2, "claimant"].tolist() == ["Volodymyr Zelensky"]


def test_put_with_a_long_counted_phrase_before_at():
    text = (
        "Ukraine's army chief said the units took heavy losses but gave no figure. On Monday, Ukraine's military "
        "intelligence service put North Korean casualties from fighting on December 14 and 15 near three "
        "villages in the region at no fewer than 30 killed and wounded."
    )
    assert claimants(rows(text)) == [HUR]


def test_a_country_announcing_what_its_president_announced_is_one_claim_of_the_president():
    text = (
        "Seoul's spy agency briefed lawmakers on Monday, two days after Ukraine announced it had captured two "
        "North Korean soldiers.\n\n"
        "On Saturday, President Volodymyr Zelensky announced that Ukrainian troops had captured two North Korean "
        "soldiers in the Kursk region."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 2, "claimant"].tolist() == ["Volodymyr Zelensky"]


def test_a_country_and_one_of_its_bodies_giving_one_figure_stay_two_claims():
    text = (
        "Kyiv estimates that about 4,000 North Korean soldiers have become casualties, the lawmaker said.\n\n"
        "Budanov told a newspaper last month that around 4,000 North Korean soldiers were dead or wounded."
    )
    assert sorted(claimants(rows(text))) == [
        "Government of Ukraine",
        "Kyrylo Budanov (Defence Intelligence of Ukraine)",
    ]


def test_the_spokesperson_who_speaks_in_the_next_paragraph_gives_the_bodys_figure():
    text = (
        "The Pentagon said on Monday that about 10,000 North Korean soldiers had been sent to eastern Russia to "
        "train. That was three times its estimate of a week before.\n\n"
        "Sabrina Singh, a spokeswoman for the department, said some were probably moving toward Kursk."
    )
    assert claimants(rows(text)) == ["Sabrina Singh (Pentagon)"]


def test_a_body_placed_by_there_is_still_the_subject():
    text = (
        "Seoul's figures have been lower. The Joint Chiefs of Staff there estimated on Dec. 23 that about 1,100 "
        "North Korean soldiers had been killed or wounded."
    )
    assert claimants(rows(text)) == ["Joint Chiefs of Staff (South Korea)"]


@pytest.mark.parametrize(
    "text",
    [
        "A North Korean prisoner seen in a video that Zelensky released said he had crossed to Russia by sea with "
        "about 100 other North Korean soldiers.",
        "Zelensky said Ukrainian forces had captured two North Korean soldiers. In a video released by Kyiv, one of "
        "them said he had been shipped to Russia with about 100 other North Korean soldiers.",
    ],
)
def test_the_captured_soldier_who_speaks_in_a_video_gives_his_own_figure(text):
    found = rows(text)
    assert found.loc[found["figure_low"] == 100, "claimant"].tolist() == ["Captured North Korean soldier"]


def test_by_a_bodys_reckoning_is_that_bodys_figure():
    text = "By the Open Source Centre's reckoning, Pyongyang sent about 14,000 soldiers to Russia in 18 months."
    assert claimants(rows(text)) == ["Open Source Centre"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Open Source Centre released its latest tally of shipments this week. The report says about 14,000 "
            "North Korean soldiers were sent to Russia.",
            "Open Source Centre",
        ),
        (
            "Britain's defence intelligence puts North Korean casualties above 5,000, Yonhap reported. Close to "
            "half of the 11,000 soldiers Pyongyang sent were hit, the assessment said.",
            "UK Ministry of Defence",
        ),
    ],
)
def test_the_report_or_assessment_is_what_the_body_named_before_published(text, expected):
    found = rows(text)
    assert found.loc[found["figure_low"].isin([14000, 11000]), "claimant"].tolist() == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "North Korean state media coverage of the award ceremony displayed the portraits of 101 soldiers who died.",
        "Kim Jong-un led the ceremony, North Korea's state media reported. Pyongyang gave no death toll. But state "
        "media coverage of the event displayed the portraits of 101 soldiers who had died.",
    ],
)
def test_state_media_coverage_that_shows_a_count_is_the_state_outlets(text):
    assert claimants(rows(text)) == ["Korean Central News Agency (KCNA)"]


def test_it_after_a_body_referred_to_as_the_agency_is_that_body_not_the_country_it_spoke_of():
    text = (
        "South Korea's spy agency briefed lawmakers on Tuesday.\n\n"
        "The agency said Pyongyang plans a third wave of about 6,000 soldiers. In all, it says, no fewer than "
        "13,000 North Korean soldiers have been sent to Russia."
    )
    assert claimants(rows(text)) == [NIS, NIS]


def test_a_bare_family_name_opening_a_sentence_is_the_person_of_the_text_with_that_name():
    text = (
        "Kim Jong-un toured the site of a new war museum on Tuesday.\n\n"
        "Kim acknowledged in December that nine soldiers of an engineer regiment had died clearing mines in Kursk."
    )
    assert claimants(rows(text)) == ["Kim Jong-un"]


def test_an_appositive_between_the_outlet_and_its_verb_does_not_speak():
    text = "Sputnik International, the Russian state outlet, said on Tuesday that Pyongyang had sent 1,000 sappers."
    assert claimants(rows(text)) == ["Sputnik"]


def test_it_after_the_agencys_earlier_estimates_is_the_agency():
    text = (
        "South Korea's spy agency now estimates that 4,700 North Korean soldiers have been killed or wounded.\n\n"
        "The talks came days after Moscow and Pyongyang admitted the troops had fought in Kursk.\n\n"
        "The agency's earlier estimates were far lower. In mid-January it told lawmakers that at least 300 North "
        "Korean soldiers had died."
    )
    assert claimants(rows(text)) == [NIS, NIS]


def test_a_name_given_in_an_aside_does_not_cut_the_subject_from_its_verb():
    text = (
        "Ukraine's military intelligence agency gave a close figure. A source at the agency, known as HUR, told "
        "Ukrainian media that about 12,000 North Korean soldiers were training at five bases in the Far East."
    )
    assert claimants(rows(text)) == [HUR]


def test_a_persons_announcement_that_holds_the_figure_is_theirs():
    text = (
        "The move follows Sergei Shoigu's announcement in June that Pyongyang would send 5,000 military builders "
        "to the Kursk region."
    )
    assert claimants(rows(text)) == ["Sergei Shoigu (Russian Security Council)"]


def test_a_bare_family_name_no_one_in_the_text_bears_names_nobody():
    text = "Lee said about 3,000 North Korean soldiers had been sent to the front, the newspaper reported."
    assert "Lee" not in claimants(rows(text, url="https://www.themoscowtimes.com/2025/01/01/a"))


def test_the_head_of_an_unlisted_group_is_the_listed_person_named_next():
    text = (
        "Two North Korean soldiers captured by Ukraine have asked to go to South Korea, the head of a defectors' "
        "group in Seoul said.\n\nJang said the pair had written letters in October."
    )
    assert claimants(rows(text)) == ["Jang Se-yul (North Korean defectors' group)"]


@pytest.mark.parametrize(
    "text",
    [
        "South Korea's spy agency released satellite images on Friday. One image, according to its caption, shows "
        "about 400 North Korean soldiers lined up at a base in Ussuriysk.",
        "The NIS briefed lawmakers on Monday. That puts the agency's overall casualty count at roughly 3,000 North "
        "Korean soldiers, according to KBS.",
    ],
)
def test_its_caption_and_the_agencys_count_are_the_agencys(text):
    assert claimants(rows(text)) == [NIS]


def test_the_security_service_named_with_its_country_is_the_sbu():
    text = "Ukraine's Security Service (SBU) said the two North Korean prisoners had been taken separately."
    assert claimants(rows(text)) == ["Security Service of Ukraine (SBU)"]


def test_according_to_his_information_is_the_speakers_own_source():
    text = (
        "Zelensky said Russia had lost more than 4,000 North Korean soldiers. He added that, according to his "
        "information, Pyongyang could send up to 25,000 more North Korean troops."
    )
    assert claimants(rows(text)) == ["Volodymyr Zelensky", "Volodymyr Zelensky"]


def test_a_person_of_the_same_agency_speaks():
    text = (
        "Budanov said 4,000 North Korean soldiers had been killed or wounded. Vadym Skibitskyi of the same agency "
        "told the paper that about 1,000 North Korean soldiers were being trained inside Russia."
    )
    assert claimants(rows(text)) == [
        "Kyrylo Budanov (Defence Intelligence of Ukraine)",
        "Vadym Skibitskyi (Defence Intelligence of Ukraine)",
    ]


def test_an_outlet_that_cited_reports_claims_the_figure_itself():
    text = (
        "The Japan Times put the force at an estimated 14,000 North Korean soldiers, while the broadcaster LBC "
        "cited reports that about 15,000 North Korean soldiers had been sent."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 15000, "claimant"].tolist() == ["LBC"]


def test_a_countrys_government_is_not_given_by_a_spokesperson_named_later():
    text = (
        "The lawmaker compared the estimates. Ukraine's government counts about 4,000 North Korean casualties, "
        "while Seoul puts the figure at some 3,600, he said. Andrii Kovalenko, a Ukrainian official, has said the "
        "units were rotated."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 4000, "claimant"].tolist() == ["Government of Ukraine"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "South Korea's spy agency briefed lawmakers on Tuesday. According to the agency, at least 13,000 North "
            "Korean soldiers have gone to Russia since October 2024.",
            NIS,
        ),
        (
            "A senior official at the presidential office in Seoul told reporters on Wednesday that the deployment "
            "had grown. More than 3,000 North Korean soldiers were moving toward combat areas, according to the "
            "official.",
            "South Korean Presidential Office",
        ),
    ],
)
def test_according_to_a_reference_is_what_it_refers_to_not_a_country_named_after_it(text, expected):
    assert claimants(rows(text)) == [expected]


def test_a_speaker_with_a_title_and_a_speaking_aside_still_speaks():
    text = (
        "Sergei Shoigu, secretary of Russia's Security Council, speaking in Pyongyang on his third trip this year, "
        "says Pyongyang will send 1,000 sappers to clear mines in Kursk, Interfax reports."
    )
    row = only(rows(text))
    assert row["claimant"] == "Sergei Shoigu (Russian Security Council)"


def test_a_source_quoted_by_the_media_speaks_and_the_media_relay():
    text = (
        "A source at the Defence Intelligence of Ukraine, known as HUR, was quoted by Ukrainian media as saying "
        "that about 12,000 North Korean soldiers were training at five bases."
    )
    assert claimants(rows(text)) == [HUR]


def test_a_bodys_press_service_speaks_for_it():
    text = "Drone crews killed 50 North Korean soldiers in the Kursk region, the SSO command's press service said."
    assert claimants(rows(text)) == ["Special Operations Forces (Ukraine)"]


def test_plural_estimates_that_suggest_a_figure_are_their_claimant():
    text = "Ukrainian and Western estimates suggest roughly 11,000 North Korean soldiers are in the Kursk region."
    assert claimants(rows(text)) == ["Ukrainian and Western assessments (unnamed)"]


def test_the_forces_own_troop_numbers_are_not_its_claim():
    text = "The NIS told lawmakers that it expected North Korea's troop numbers in Russia to reach 10,900 by December."
    assert claimants(rows(text)) == [NIS]


def test_according_to_sources_in_several_places_is_one_joint_source():
    text = (
        "According to sources in South Korea, Ukraine and the West quoted by Reuters, Pyongyang has sent about "
        "14,000 soldiers to Russia."
    )
    assert claimants(rows(text)) == ["South Korean, Ukrainian and Western sources (unnamed)"]


def test_the_same_sources_after_a_joint_source_cited_by_an_outlet_are_that_source():
    text = (
        "Reuters, citing South Korean, Ukrainian and Western sources, reports that Pyongyang has sent about 14,000 "
        "soldiers. More than 6,000 of the North Korean soldiers have been killed, the same sources said."
    )
    joint = "South Korean, Ukrainian and Western sources (unnamed)"
    assert claimants(rows(text)) == [joint, joint]


def test_a_lawmaker_relaying_information_from_a_named_chief_relays_him():
    text = (
        "About 3,500 North Korean soldiers are training in Russia's Far East, a South Korean lawmaker said, "
        "relaying information from Ukraine's military intelligence chief Kyrylo Budanov."
    )
    row = only(rows(text))
    assert row["claimant"] == "Kyrylo Budanov (Defence Intelligence of Ukraine)"
    assert row["relay"] == "South Korean lawmaker"


def test_he_after_a_lawmaker_who_was_briefed_is_the_lawmaker_and_a_possessive_estimate_keeps_its_owner():
    text = (
        "Rep. Yu Yong-weon, who was briefed by Budanov in Kyiv in February, said a third dispatch was possible.\n\n"
        "Yu also compared the estimates. Kyiv's estimate of North Korean casualties is about 4,000, he said."
    )
    assert claimants(rows(text)) == ["Government of Ukraine"]


def test_a_possessive_estimate_a_named_lawmaker_relays_is_not_given_to_an_earlier_speaker():
    text = (
        "12:00 - Budanov had told the lawmaker that 3,500 North Korean soldiers were training in the Far East.\n\n"
        "12:20 - Yu also said at the time that Kyiv's estimate of North Korean casualties stood at about 4,000."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 4000, "claimant"].tolist() == ["Government of Ukraine"]


def test_officials_in_a_countrys_intelligence_services_quoted_by_an_outlet():
    text = (
        "About 3,000 North Korean soldiers have been moved to the Kursk region, according to senior officials in "
        "Ukraine's intelligence services quoted by the Financial Times."
    )
    row = only(rows(text))
    assert row["claimant"] == "Ukrainian intelligence sources (unnamed)"
    assert row["relay"] == "Financial Times"


def test_an_announcement_dated_before_by_names_its_maker():
    text = (
        "The move follows an announcement in June by Sergei Shoigu, the secretary of Russia's Security Council, "
        "that Pyongyang would send 5,000 military builders to the Kursk region."
    )
    assert claimants(rows(text)) == ["Sergei Shoigu (Russian Security Council)"]


@pytest.mark.parametrize(
    "text",
    [
        "Reports also quoted Western security sources as backing the view that up to 30,000 more North Korean "
        "soldiers could be sent.",
        "Western security sources have also been cited as supporting the possibility of up to 30,000 more North "
        "Korean soldiers being sent.",
    ],
)
def test_sources_quoted_or_cited_as_backing_a_figure_are_its_claimant(text):
    assert claimants(rows(text)) == ["Western security sources"]


def test_a_leader_who_did_something_else_and_spoke_of_a_loss_claims_it():
    text = (
        "On 12 December, Kim Jong Un greeted the returning 528th Engineer Regiment, which had cleared mines in "
        "Kursk since August, and spoke of the painful loss of nine lives."
    )
    assert claimants(rows(text)) == ["Kim Jong-un"]


def test_the_ministry_of_defence_without_a_country_is_that_of_the_country_named_before():
    text = (
        "British defence intelligence said the losses were heavy. In an update on Sunday, the Ministry of Defence "
        "said about 11,000 North Korean soldiers had first been sent into Kursk."
    )
    assert claimants(rows(text)) == ["UK Ministry of Defence"]


def test_according_to_the_same_sources_is_the_joint_source_before_not_the_outlet_after():
    text = (
        "Roughly 14,000 North Korean soldiers have been sent to Russia, according to South Korean, Ukrainian and "
        "Western sources who spoke to Reuters. More than 6,000 of the North Korean soldiers have been killed, "
        "according to the same sources, a toll Reuters said it could not verify."
    )
    found = rows(text)
    assert found.loc[found["figure_low"] == 6000, "claimant"].tolist() == [
        "South Korean, Ukrainian and Western sources (unnamed)"
    ]


def test_by_a_governments_own_account_is_its_claim_and_the_outlet_relays():
    text = (
        "By Pyongyang's own account, about 350 North Korean soldiers were lost in the first two phases, Yonhap noted."
    )
    row = only(rows(text))
    assert row["claimant"] == "Government of North Korea"
    assert row["relay"] == "Yonhap"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The Main Intelligence Directorate of the Ministry of Defence of Ukraine said on Monday that no fewer "
            "than 30 North Korean soldiers were killed or wounded.",
            HUR,
        ),
        (
            "On October 28, the National Resistance Center of Ukraine claimed that more than 3,000 North Korean "
            "soldiers had reached the Kursk region.",
            "National Resistance Center (Ukraine)",
        ),
    ],
)
def test_a_body_of_a_larger_body_or_country_is_the_first_body_named(text, expected):
    assert claimants(rows(text)) == [expected]


def test_according_to_the_intelligence_directorate_refers_back():
    text = (
        "Ukraine's military intelligence reported heavy losses on Monday. Near Kurilovka, at least three North "
        "Korean soldiers were reported missing, according to the intelligence directorate."
    )
    assert claimants(rows(text)) == [HUR]


def test_photos_released_with_the_agencys_statement_are_the_agencys():
    text = (
        "South Korea's spy agency spoke on Friday. Satellite photos released with the agency's statement showed "
        "about 400 North Korean soldiers gathered at a base in Ussuriysk."
    )
    assert claimants(rows(text)) == [NIS]


def test_officials_who_offered_a_snapshot_gave_the_figure():
    text = "Western officials who spoke to the BBC offered a snapshot instead: about 4,000 North Korean casualties."
    assert claimants(rows(text)) == ["Western officials (unnamed)"]


def test_officials_who_spoke_to_a_named_correspondent_are_the_speakers_not_him():
    text = (
        "Western officials who spoke to the BBC's security correspondent Frank Gardner offered a snapshot "
        "instead: about 4,000 North Korean casualties."
    )
    assert claimants(rows(text)) == ["Western officials (unnamed)"]


def test_the_agencys_statement_after_a_kremlin_spokesman_is_still_the_spy_agency():
    text = (
        "Seoul's National Intelligence Service said on Friday that about 1,500 North Korean special forces had "
        "reached Vladivostok.\n\n"
        "In Moscow, Kremlin spokesman Dmitry Peskov called the reports contradictory, Interfax reported.\n\n"
        "Satellite photos released with the agency's statement showed about 400 North Korean soldiers at a base "
        "in Ussuriysk."
    )
    assert claimants(rows(text)) == [NIS, NIS]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "South Korean lawmaker Lee Seong-kweun said the National Intelligence Service now put North Korean "
            "casualties above 4,000.",
            NIS,
        ),
        (
            "In November, Pentagon spokesman Pat Ryder had offered a range rather than one figure: probably 11,000 "
            "to 12,000 North Korean soldiers in total.",
            "Pat Ryder (Pentagon)",
        ),
        (
            "The Institute for the Study of War built its loss projections on a 12,000-strong North Korean "
            "contingent in Kursk.",
            "Institute for the Study of War (ISW)",
        ),
        (
            "The move follows a plan announced in June by Sergei Shoigu, secretary of Russia's Security Council, "
            "who said that Pyongyang would send 5,000 military builders to the region.",
            "Sergei Shoigu (Russian Security Council)",
        ),
    ],
)
def test_more_ways_of_giving_a_figure(text, expected):
    assert claimants(rows(text)) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "U.S. officials, speaking on condition of anonymity, have characterized the roughly 12,000 North Korean "
            "soldiers sent to Russia as special operations troops, Bloomberg reported.",
            "US officials (unnamed)",
        ),
        (
            "Sources in South Korea, Ukraine and the West have told Reuters that Pyongyang has sent roughly 14,000 "
            "North Korean soldiers to Russia.",
            "South Korean, Ukrainian and Western sources (unnamed)",
        ),
        (
            "South Korea's National Intelligence Service said on Dec. 27, citing an allied agency, that one North "
            "Korean soldier captured by Ukrainian forces had died of his wounds.",
            NIS,
        ),
    ],
)
def test_characterized_sources_that_have_told_and_an_indefinite_cited_agency(text, expected):
    assert claimants(rows(text)) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The figures follow an assessment last week by the Joint Chiefs of Staff in Seoul, which said about "
            "3,000 more North Korean soldiers had been sent to Russia.",
            "Joint Chiefs of Staff (South Korea)",
        ),
        (
            "Zelensky has offered to exchange the two North Korean soldiers captured by his forces for Ukrainians "
            "held in Russia, and predicted that more would be taken.",
            "Volodymyr Zelensky",
        ),
        (
            "The Japan Times cited Western security sources who also pointed to a possible deployment of up to "
            "30,000 more North Korean soldiers.",
            "Western security sources",
        ),
        (
            "Reports put the number of North Korean soldiers already sent to Russia at about 15,000, LBC understands.",
            "LBC",
        ),
    ],
)
def test_a_body_in_a_city_an_offer_then_a_prediction_cited_sources_who_and_an_outlet_that_understands(text, expected):
    assert claimants(rows(text)) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The NIS said it had not confirmed Ukrainian President Volodymyr Zelensky's warning, given by video link "
            "to European lawmakers on Tuesday, that the North Korean force in Russia might grow to 100,000.",
            "Volodymyr Zelensky",
        ),
        (
            "A day earlier Andrii Kovalenko, who works at the National Security and Defense Council's Center for "
            "Countering Disinformation, said losses among North Korean troops in Kursk had topped 200.",
            "Andrii Kovalenko (Centre for Countering Disinformation, Ukraine)",
        ),
    ],
)
def test_long_asides_between_a_claimant_and_what_he_said(text, expected):
    assert claimants(rows(text)) == [expected]


def test_a_leader_citing_reports_from_his_own_countrys_agencies_claims_the_figure():
    text = (
        "Some 11,000 North Korean soldiers are already in the Kursk region, President Volodymyr Zelensky said on "
        "November 4, citing reports from the Defence Intelligence of Ukraine."
    )
    assert claimants(rows(text)) == ["Volodymyr Zelensky"]


def test_a_foreign_lawmaker_citing_information_from_a_chief_relays_him():
    text = (
        "About 3,500 North Korean soldiers are training in the Far East, a lawmaker said, citing information from "
        "Ukraine's military intelligence chief Kyrylo Budanov."
    )
    assert claimants(rows(text)) == ["Kyrylo Budanov (Defence Intelligence of Ukraine)"]
