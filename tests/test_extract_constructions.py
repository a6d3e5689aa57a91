"""More ordinary constructions of news copy: partitives, bodies of troops counted by "a group
of N", loss nouns before their figure, spaced thousands, "c.", new totals, projections, a
measure with no verb of its own, and a headline that sets the topic. Sentences written for
these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from osint.extract import extract_claims


def figures(text: str, published: str = "2025-02-01", **kw) -> list[tuple]:
    df = extract_claims(text, published=published, **kw)
    return [
        (
            None if pd.isna(r.figure_low) else int(r.figure_low),
            None if pd.isna(r.figure_high) else int(r.figure_high),
            r.measure,
        )
        for r in df.itertuples()
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Some 11,000 of Kim Jong Un's soldiers are now in Russia, officials in Kyiv said.",
            [(11000, 11000, "arrived_in_russia")],
        ),
        (
            "Close to 8,000 of the North Korean troops have moved on to Kursk, the minister said.",
            [(8000, 8000, "deployed_to_front")],
        ),
        (
            "North Korea has suffered casualties of about 4,000 in Kursk, the spy agency said.",
            [(4000, 4000, "casualties")],
        ),
        (
            "North Korean casualties: 4,000, according to officials in Kyiv.",
            [(4000, 4000, "casualties")],
        ),
        (
            "Kyiv said roughly 11 000 North Korean soldiers had been moved to the Kursk region.",
            [(11000, 11000, "deployed_to_front")],
        ),
        (
            "North Korea has sent c. 11,000 troops to Russia, Kyiv says.",
            [(11000, 11000, "arrived_in_russia")],
        ),
        (
            "Seoul said Pyongyang had sent 3,000 more troops since January, bringing the total to 14,000.",
            [(3000, 3000, "arrived_in_russia"), (14000, 14000, "arrived_in_russia")],
        ),
        (
            "North Korean troops are training in the Far East. "
            "He warned that the North Korean presence on Russian soil might reach as many as 100,000.",
            [(None, 100000, "pledged_or_preparing")],
        ),
        (
            "Washington called the roughly 12,000 troops from North Korea green and untested.",
            [(12000, 12000, "arrived_in_russia")],
        ),
    ],
)
def test_construction_gives_its_figure_and_measure(text, expected):
    assert figures(text) == expected


def test_a_group_of_n_is_a_body_of_troops_with_the_verb_after_it():
    text = "North Korean troops are in Russia. A first group of 2,600 was sent on to Kursk, he said."
    assert figures(text) == [(2600, 2600, "deployed_to_front")]


def test_one_of_a_known_number_is_not_a_new_figure():
    text = "Ukraine captured two North Korean soldiers; one of the two North Koreans had a head wound."
    assert (2, 2, "captured") in figures(text)
    assert all(f[0] != 1 for f in figures(text))


def test_killed_and_a_number_wounded_are_two_figures_not_a_casualty_total():
    text = "Kyiv said a strike left six North Korean officers killed and three wounded."
    assert figures(text) == [(6, 6, "killed"), (3, 3, "wounded")]


def test_a_headline_about_the_troops_sets_the_topic_of_a_bare_sentence():
    text = "The agency said a first group of 2,600 was to be moved on to the Kursk region."
    assert figures(text) == []  # nothing says whose people these are
    titled = figures(text, source_title="North Korean troops head for Kursk, says Seoul")
    assert [f[:2] for f in titled] == [(2600, 2600)]


def test_money_and_dates_stay_out_with_spaced_thousands():
    text = "North Korean troops in Russia are paid about 2 000 dollars a month since 12 2024, Kyiv says."
    assert all(f[0] != 2000 for f in figures(text))


def test_a_figure_repeated_in_headline_lede_and_body_is_one_candidate():
    text = (
        "Kyiv says 3,000 North Korean troops were killed or wounded\n\n"
        "Some 3,000 North Korean troops have been killed or wounded in Kursk, Zelensky said on Sunday.\n\n"
        "The president added that the 3,000 North Korean troops killed or wounded included officers. "
        "Separately, the NIS said 2,000 more had been sent."
    )
    df = extract_claims(text, published="2025-01-13")
    casualties = df[df.measure == "casualties"]
    assert len(casualties) == 1
    assert casualties.iloc[0].claimant == "Volodymyr Zelensky"
    assert "also stated at characters" in casualties.iloc[0].why
    assert (df.figure_low == 2000).sum() == 1


def test_the_total_of_the_topic_could_reach_a_figure():
    text = (
        "Seoul's spy agency said North Korea had begun to move soldiers. "
        "The agency said 1,500 special forces had landed in Vladivostok. It added that the total could reach 12,000."
    )
    assert figures(text) == [(1500, 1500, "arrived_in_russia"), (12000, 12000, "pledged_or_preparing")]


def test_the_number_of_other_things_is_not_a_troop_total():
    text = "North Korean troops are in Kursk. The number of drones launched reached 5,000, Kyiv said."
    assert figures(text) == []


def test_troop_words_of_the_speaker_do_not_own_or_kind_the_figure():
    text = (
        "North Korean units took losses. According to Ukraine's special operations forces, 200 were killed in two days."
    )
    df = extract_claims(text, published="2025-01-20")
    assert figures(text) == [(200, 200, "killed")]
    assert df.iloc[0].personnel != "special_forces"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 3,000 North Korean troops have seen combat so far, a US official said.", "in_combat"),
        ("North Korea has rotated about 2,000 fresh troops into the Kursk region, the NIS said.", "deployed_to_front"),
        ("North Korea is recruiting up to 15,000 more soldiers for Russia, the NIS said.", "pledged_or_preparing"),
    ],
)
def test_measure_from_more_verbs(text, expected):
    assert [f[2] for f in figures(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korean soldiers are gathering in Russia, the spy agency said, adding that no fewer than "
            "1,500 have already got there.",
            [(1500, None, "arrived_in_russia")],
        ),
        (
            "The agency believes 10,000-12,000 troops went last autumn and some 3,000-4,000 more reached Russia "
            "this year.",
            [(10000, 12000, "arrived_in_russia"), (3000, 4000, "arrived_in_russia")],
        ),
        (
            "An outlet put the number of North Korean personnel sent to Russia at about 15,000 "
            "(11,000 during 2024, then a further 4,000 early in 2025).",
            [
                (15000, 15000, "arrived_in_russia"),
                (11000, 11000, "arrived_in_russia"),
                (4000, 4000, "arrived_in_russia"),
            ],
        ),
        (
            "Analysts say the North Korean contingent in Kursk numbers about 12,000 personnel.",
            [(12000, 12000, "deployed_to_front")],
        ),
        (
            "Pyongyang plans a third wave of 6,000 troops, and some 1,000 military engineers of it are already there, "
            "the NIS said.",
            [(6000, 6000, "pledged_or_preparing"), (1000, 1000, "arrived_in_russia")],
        ),
        (
            "By November about 11,000 North Korean troops - mostly special forces - were in place in Kursk.",
            [(11000, 11000, "deployed_to_front")],
        ),
        (
            "Kyiv says roughly 3,000 North Korean soldiers have gone back home, many as instructors.",
            [(3000, 3000, "other")],
        ),
        (
            "Budanov said the North Korean troops had suffered about 4,000 dead and badly wounded.",
            [(4000, 4000, "casualties")],
        ),
    ],
)
def test_constructions_of_passages_written_in_other_manners(text, expected):
    assert figures(text) == expected


def test_a_bare_figure_before_a_noun_of_something_else_is_not_a_troop_figure():
    text = "North Korean troops are in Russia, and Pyongyang has sent over 165,000 containers of munitions."
    assert figures(text) == []


def test_numbers_in_dates_and_places_stay_out():
    text = "The first North Korean units were housed at bases in four cities and should reach Kursk on 23 October."
    assert figures(text) == []


def test_a_figure_set_off_by_dashes_counts_the_troops_before_it():
    text = "Moscow hides the true number of North Korean soldiers in the country - about 12,000 - Kyiv said."
    assert figures(text) == [(12000, 12000, "arrived_in_russia")]


def test_a_front_line_region_that_holds_the_troops():
    df = extract_claims(
        "Russia's Kursk region now holds 11,000 North Korean troops, Zelensky said.", published="2024-11-20"
    )
    assert (df.iloc[0].measure, df.iloc[0].location) == ("deployed_to_front", "Kursk region")


def test_finished_training_then_moved_to_the_front():
    text = "North Korean troops are training. A second group of about 1,500 has finished its training and moved into positions near Kursk."
    assert figures(text) == [(1500, 1500, "deployed_to_front")]


def test_one_soldier_counts_as_a_capture_but_not_as_a_presence():
    assert figures("Ukraine captured a wounded North Korean soldier in Kursk, Zelensky said.") == [(1, 1, "captured")]
    assert figures("A North Korean soldier told reporters he had arrived in November.") == []


def test_a_speaker_before_the_figure_does_not_own_the_troops():
    text = "Zelensky said two units from North Korea, each perhaps up to 6,000 strong, are now drilling."
    assert figures(text) == [(None, 6000, "mustering_in_russia")]


def test_an_assessment_that_puts_a_count_near_a_figure():
    text = "The latest NIS assessment puts the war dead of the North Korean force near 2,000."
    assert figures(text) == [(2000, 2000, "killed")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("North Korea sent an estimated 3,000 reinforcements to Russia in January, Seoul said.", "combat_troops"),
        ("Seoul believes 1,000 military engineers from the North are clearing mines in Kursk.", "deminers"),
        ("The NIS said 5,000 North Korean military engineers were rebuilding roads in Kursk.", "military_builders"),
        (
            "Some 3,000 North Korean troops are in Russia and their number could soon reach 12,000, Kyiv said.",
            "combat_troops",
        ),
        ("The agency told lawmakers that North Korean casualties had reached roughly 3,000.", "combat_troops"),
        (
            "The NIS said 1,000 North Korean deminers were sent to Kursk and that 9 casualties were among them.",
            "deminers",
        ),
    ],
)
def test_personnel_kind_of_the_last_figure(text, kind):
    assert extract_claims(text, published="2025-02-01").iloc[-1].personnel == kind


def test_a_bare_figure_in_a_sentence_about_the_troops_is_a_candidate():
    text = (
        "North Korean troops keep arriving in Russia, the spy agency said. "
        "By its count the figure stood near 11,000 by the end of the month."
    )
    assert figures(text) == [(11000, 11000, "arrived_in_russia")]


@pytest.mark.parametrize(
    "text",
    [
        "North Korean troops are in Kursk. Of those 4,000, about half are special forces.",
        "North Korean troops are in Kursk, about 2,000 more than the week before, Kyiv said.",
        "North Korean troops arrived in Russia on 15 October 2024, Seoul said.",
    ],
)
def test_back_references_differences_and_dates_are_not_bare_figures(text):
    assert all(f[0] not in (4000, 2000, 2024, 15) for f in figures(text))


def test_bare_figures_of_equipment_and_army_size_stay_out():
    text = (
        "North Korean troops are in Russia. Pyongyang has also shipped 170 self-propelled guns, "
        "and its 1.2 million-strong military is among the largest."
    )
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Pentagon said a couple thousand North Korean soldiers were moving toward Kursk.",
            [(2000, 2000, "deployed_to_front")],
        ),
        (
            "Seoul now says the North Korean dispatch is a 12,000- to 15,000-strong force.",
            [(12000, 15000, "arrived_in_russia")],
        ),
        (
            "Ryder spoke of North Korea having sent 12,000-plus troops into Russia.",
            [(12000, None, "arrived_in_russia")],
        ),
        ("Kyiv counts about 4,000 North Korean casualties, of whom one in ten died.", [(4000, 4000, "casualties")]),
        (
            "Zelensky said 12,000 North Korean soldiers were moved to Kursk. Over 4,000 of that first contingent were lost, "
            "he said, and as many as 25,000 more could follow.",
            [(12000, 12000, "deployed_to_front"), (4000, None, "casualties"), (None, 25000, "pledged_or_preparing")],
        ),
        (
            "Ukraine says North Korean units in Kursk are losing troops. A contingent of about 12,000 in the region "
            "would be used up by April, the think tank said.",
            [(12000, 12000, "deployed_to_front")],  # the force in Kursk; "would be used up" is no projection
        ),
        (
            "Ukraine has fought North Korean troops. Umerov expects five North Korean units to join the fighting "
            "eventually, taking the total to roughly 15,000.",
            [(15000, 15000, "pledged_or_preparing")],
        ),
        (
            "The NIS said at least 30 North Korean troops were killed and three more were unaccounted for.",
            [(30, None, "killed"), (3, 3, "other")],
        ),
    ],
)
def test_predicates_and_forms_of_longer_passages(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Syrskyi said about half of the North Korean force of 11,000-12,000 in the Kursk region had been killed or wounded.",
            [(11000, 12000, "deployed_to_front")],
        ),
        (
            "Seoul said Pyongyang has around 11,000 soldiers in Russia, of whom about 4,000 have become casualties.",
            [(11000, 11000, "arrived_in_russia"), (4000, 4000, "casualties")],
        ),
        (
            "London says North Korean losses are more than half of the roughly 11,000 troops it sent.",
            [(11000, 11000, "arrived_in_russia")],
        ),
        (
            "A new memorial may hold the remains of at least 412 North Korean soldiers, analysts said.",
            [(412, None, "killed")],
        ),
        ("Kim spoke of the loss of nine lives among the North Korean engineers who went to Kursk.", [(9, 9, "killed")]),
        (
            "Kim has ordered 6,000 North Korean military personnel to the Kursk region, Shoigu said.",
            [(6000, 6000, "pledged_or_preparing")],
        ),
        (
            "Five thousand North Korean military builders will also travel to Russia, Shoigu said.",
            [(5000, 5000, "pledged_or_preparing")],
        ),
        (
            "By Kyiv's count North Korean casualties are about 4,000, while the South Korean estimate is around 3,600.",
            [(4000, 4000, "casualties"), (3600, 3600, "casualties")],
        ),
    ],
)
def test_wholes_remains_lives_orders_and_parallel_estimates(text, expected):
    assert figures(text) == expected


def test_a_comparison_with_a_year_before_is_not_a_troop_figure():
    text = "North Korean troops remain in Russia. Russian tourist entries totalled 4,039, up from 2,657 a year earlier."
    assert figures(text) == []


def test_parts_named_in_the_next_sentence_share_the_measure_of_the_total():
    text = (
        "Kim has ordered 6,000 North Korean military personnel to Kursk, Shoigu said. "
        "That package is made up of 5,000 construction workers plus 1,000 deminers."
    )
    df = extract_claims(text, published="2025-06-17")
    assert figures(text) == [
        (6000, 6000, "pledged_or_preparing"),
        (5000, 5000, "pledged_or_preparing"),
        (1000, 1000, "pledged_or_preparing"),
    ]
    assert df.personnel.tolist()[1:] == ["military_builders", "deminers"]


def test_the_verb_of_a_part_counts_for_the_part():
    text = "The JCS put the first contingent from the North at around 11,000 soldiers, of whom about 4,000 are now casualties."
    assert figures(text) == [(11000, 11000, "arrived_in_russia"), (4000, 4000, "casualties")]


def test_a_number_put_on_what_could_still_come_is_a_projection():
    text = (
        "Zelensky said 12,000 North Korean soldiers had arrived in Russia. Asked how many more Pyongyang could "
        "provide, he put the number at another 30,000-40,000."
    )
    assert figures(text)[-1] == (30000, 40000, "pledged_or_preparing")


def test_a_counted_subject_with_an_aside_naming_another_army():
    text = (
        "Pyongyang could send up to 30,000 more troops. By one reckoning, the first contingent, which went in to "
        "push Ukrainian forces out of Kursk, numbered an estimated 14,000."
    )
    assert figures(text)[-1] == (14000, 14000, "arrived_in_russia")


def test_the_number_of_people_of_the_force_stationed_somewhere():
    text = "The agency puts the number of North Koreans stationed across Russia somewhere between 10,900 and 12,000."
    assert figures(text) == [(10900, 12000, "arrived_in_russia")]


def test_a_figure_referring_back_takes_the_kind_of_the_troops_it_refers_to():
    text = (
        "Budanov said North Korean special forces were training in Russia's east. "
        "He put their number at nearly 11,000. Of those, an initial 2,600 are bound for Kursk, he said."
    )
    df = extract_claims(text, published="2024-10-24")
    assert df.personnel.tolist() == ["special_forces", "special_forces"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An initial group of 2,600 North Koreans will be sent to the Kursk region, Budanov said.",
            "deployed_to_front",
        ),
        ("Pyongyang will send 1,000 North Korean deminers to the Kursk region, Shoigu said.", "pledged_or_preparing"),
        ("Seoul says over 3,000 North Korean troops are heading toward the combat zones.", "deployed_to_front"),
        (
            "Five bases in the Far East are hosting about 12,000 North Korean troops for training, Kyiv said.",
            "mustering_in_russia",
        ),
        (
            "About 240 North Korean special forces were captured on camera in Khabarovsk, the NIS said.",
            "mustering_in_russia",
        ),
        ("Kyiv will hand over the two North Korean soldiers it holds, Zelensky wrote.", "captured"),
        (
            "Russia flew more than 7,000 North Korean soldiers to areas close to Ukraine, the HUR said.",
            "deployed_to_front",
        ),
        ("Deaths among North Korean troops fighting for Russia total about 600, the NIS said.", "killed"),
        (
            "Recruitment has begun for a new dispatch of about 6,000 North Korean soldiers, Seoul said.",
            "pledged_or_preparing",
        ),
        ("Zelensky said the North Korean presence would soon grow to about 12,000 troops.", "pledged_or_preparing"),
    ],
)
def test_destinations_purposes_and_projections(text, expected):
    assert [f[2] for f in figures(text)] == [expected]


def test_the_verb_after_another_figure_is_that_figure_s():
    text = "The first North Korean contingent numbered around 11,000 soldiers, the military said, and roughly 4,000 of them became casualties."
    assert figures(text) == [(11000, 11000, "arrived_in_russia"), (4000, 4000, "casualties")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Drone teams killed 50 North Korean soldiers and wounded 47 more in Kursk, the SSO said.",
            [(50, 50, "killed"), (47, 47, "wounded")],
        ),
        (
            "About 3,000 North Koreans have been moved by truck from the Far East to barracks in Kursk, Kyiv said.",
            [(3000, 3000, "deployed_to_front")],
        ),
        (
            "North Korea is getting about 10,000 of its soldiers ready to join Russia's war, Zelensky said.",
            [(10000, 10000, "pledged_or_preparing")],
        ),
        (
            "Zelensky said up to 25,000 additional North Korean troops were on their way to Kursk.",
            [(None, 25000, "pledged_or_preparing")],
        ),
    ],
)
def test_objects_routes_readiness_and_more_on_the_way(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seoul says over 3,000 North Korean troops are heading toward the fighting in western Russia.",
            [(3000, None, "deployed_to_front")],
        ),
        (
            "Kyiv counts about 4,000 North Korean casualties, while a South Korean estimate is closer to 3,600.",
            [(4000, 4000, "casualties"), (3600, 3600, "casualties")],
        ),
        (
            "North Korea keeps 10,000 troops close to the Russia-Ukraine frontier, the NIS said.",
            [(10000, 10000, "deployed_to_front")],
        ),
        (
            "Russian ships carried the first North Korean group to Vladivostok. It numbered roughly 1,500 special forces troops.",
            [(1500, 1500, "arrived_in_russia")],
        ),
        (
            "About 4,000 North Korean soldiers, nearly 40 percent of the force, became casualties within three months.",
            [(4000, 4000, "casualties")],
        ),
        ("Budanov said close to 8,000 North Korean soldiers remain in combat in Kursk.", [(8000, 8000, "in_combat")]),
        ("He wrote that North Korean losses in Kursk have gone past 200.", [(200, None, "casualties")]),
        (
            "North Korean troops are in Kursk. Western sources spoke of a possible 30,000-strong additional deployment.",
            [(None, 30000, "pledged_or_preparing")],
        ),
    ],
)
def test_fronts_estimates_asides_and_bounds(text, expected):
    assert figures(text) == expected


def test_an_article_with_a_dateline_quotes_and_stances():
    text = (
        "SEOUL, Oct 18 (Reuters) - North Korea has sent about 1,500 special forces troops to Russia's Far East, "
        "South Korea's spy agency said on Friday.\n\n"
        "Ukraine's president said on Thursday that Pyongyang was preparing 10,000 soldiers to join Russian forces. "
        "NATO's chief said the alliance could not confirm the reports.\n\n"
        "The White House said it could not confirm the reports either."
    )
    df = extract_claims(text, published="2024-10-18")
    assert figures(text, published="2024-10-18")[:2] == [
        (1500, 1500, "arrived_in_russia"),
        (10000, 10000, "pledged_or_preparing"),
    ]
    assert df.stance.tolist() == ["asserts", "asserts", "cannot_confirm", "cannot_confirm"]


def test_a_total_takes_what_is_said_of_it_after():
    text = (
        "Budanov said North Korean soldiers were in Russia's east. "
        "He put their number at nearly 11,000 and said they were undergoing training."
    )
    assert figures(text) == [(11000, 11000, "mustering_in_russia")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # "the region" refers back to Kursk, named in the sentence before
            "Ukraine took two North Korean soldiers prisoner in Kursk. "
            "Western estimates put the North Korean contingent in the region at about 11,000.",
            [(2, 2, "captured"), (11000, 11000, "deployed_to_front")],
        ),
        (  # "there" after a front-line place in the same sentence
            "Losses in the Kursk region now exceed 4,000, nearly half of the 11,000 soldiers Pyongyang sent there, "
            "British intelligence said.",
            [(4000, None, "casualties"), (11000, 11000, "deployed_to_front")],
        ),
        (  # "the region" after a place far from the front stays a presence in Russia
            "North Korean units trained near Vladivostok for weeks. "
            "Seoul put the North Korean force in the region at about 3,000.",
            [(3000, 3000, "arrived_in_russia")],
        ),
        (  # what is expected to be assembled at the front is a deployment
            "Up to 4,000 North Korean soldiers are expected to be assembled in the Kursk region by Sunday, "
            "a Ukrainian official said.",
            [(None, 4000, "deployed_to_front")],
        ),
        (  # "among" those killed: the part shares the fate; the mixed whole is not the force's
            "Ukrainian sources said four North Korean officers were among 30 soldiers killed in a strike near Donetsk.",
            [(4, 4, "killed")],
        ),
    ],
)
def test_places_referred_back_to_and_parts_among_a_whole(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # the wounded who were sent home: a return, not a count of wounded
            "Seoul's spy agency said roughly 1,800 wounded North Korean soldiers had been sent back home by train.",
            [(1800, 1800, "other")],
        ),
        (  # a count claimed with "claimed" before the counted subject
            "North Korean troops took heavy losses. President Zelensky claimed losses had exceeded 2,500.",
            [(2500, None, "casualties")],
        ),
        (  # a rate of loss is not a count of the lost
            "The think tank projected a North Korean loss rate of roughly 80 a day.",
            [(80, 80, "other")],
        ),
        (  # what could be wiped out is the force at the front, not troops still to come
            "At that pace, analysts said, the losses could wipe out a North Korean contingent of 11,000 in Kursk by spring.",
            [(11000, 11000, "deployed_to_front")],
        ),
        (  # a plan several words before the sending noun
            "The agency said Pyongyang was planning a fourth wave of deployment involving about 5,000 more North Korean troops.",
            [(5000, 5000, "pledged_or_preparing")],
        ),
        (  # a capability is a projection
            "He said North Korea was capable of supplying another 20,000 troops.",
            [(20000, 20000, "pledged_or_preparing")],
        ),
        (  # heading for a front-line region named without a preposition of its own
            "About 1,800 North Korean soldiers were heading toward Russia's Kursk region, the Pentagon said.",
            [(1800, 1800, "deployed_to_front")],
        ),
        (  # a picture that "captures" soldiers shows them; nobody was taken prisoner
            "A satellite photo released by the agency captures about 300 North Korean soldiers at a base near Khabarovsk.",
            [(300, 300, "mustering_in_russia")],
        ),
        (  # the destination of the second clause is not the first clause's
            "The NIS said 4,000 North Korean construction troops had been arriving in Russia in stages, "
            "while about 8,000 soldiers were posted near the border with Ukraine.",
            [(4000, 4000, "arrived_in_russia"), (8000, 8000, "deployed_to_front")],
        ),
        (
            "Pyongyang has sent upward of 11,000 soldiers to Russia, the envoy said.",
            [(11000, None, "arrived_in_russia")],
        ),
        (  # the troops are the subject past a reduced relative clause naming Russia
            "North Korean troops sent to help Russia have suffered more than 4,000 casualties, London said.",
            [(4000, None, "casualties")],
        ),
        (  # an apposition of the speaker names no owner of the troops
            "The Institute for the Study of War, a Washington think tank, estimated that North Korean units "
            "were losing about 80 soldiers a day.",
            [(80, 80, "other")],
        ),
    ],
)
def test_returns_rates_plans_and_owners_in_whole_articles(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a means used to move troops is a done deed, not a plan; the destination is the front
            "HUR said Russia had used cargo planes to move more than 6,000 North Korean soldiers from the "
            "Far East coast to areas close to the Ukrainian border.",
            [(6000, None, "deployed_to_front")],
        ),
        (  # "the toll of some 500": the dead
            "About 1,800 North Korean soldiers have died, far above the toll of some 500 the agency gave in spring.",
            [(1800, 1800, "killed"), (500, 500, "killed")],
        ),
        (  # a modal in the next clause ("and said the number could rise") projects nothing of this one
            "North Korean troops are in Russia. Seoul's spy agency put the total at about 11,000 and said the "
            "number could rise.",
            [(11000, 11000, "arrived_in_russia")],
        ),
    ],
)
def test_means_tolls_and_modals_of_other_clauses(text, expected):
    assert figures(text) == expected


def test_a_presence_under_a_modal_is_a_projection():
    text = "The spy agency said the North would likely have 10,500 troops in Russia by December."
    assert figures(text) == [(10500, 10500, "pledged_or_preparing")]


def test_a_count_of_deployments_counts_no_one():
    text = "Pyongyang has acknowledged losing around 300 soldiers across its first two deployments, Yonhap noted."
    assert figures(text) == [(300, 300, "killed")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # "gone on to" a front-line region
            "Blinken said 9,000 North Korean soldiers were in Russia. Up to 7,000 of those had gone on to the "
            "Kursk region, he said.",
            [(9000, 9000, "arrived_in_russia"), (None, 7000, "deployed_to_front")],
        ),
        (  # "nearing the combat areas"
            "Upwards of 2,500 North Korean troops were said to be nearing the combat areas of western Russia.",
            [(2500, None, "deployed_to_front")],
        ),
        (  # the country troops are sent to is not their owner
            "Pyongyang may send Russia as many as 20,000 additional troops in the coming months.",
            [(None, 20000, "pledged_or_preparing")],
        ),
    ],
)
def test_destinations_and_receivers(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # a relative clause with its own subject: the main verb tells the part's fate
            "Some 1,800 of the troops North Korea has sent to Russia have died in the war, the agency said.",
            [(1800, 1800, "killed")],
        ),
        ("Drone crews spent about three weeks without sighting North Korean troops, the SSO said.", []),
        (  # a share of a whole: the whole is the force, the share its losses
            "About 40% of the 11,000 North Korean troops have been killed or wounded, officials said.",
            [(11000, 11000, "arrived_in_russia")],
        ),
        (  # a parallel count takes the measure of the count before it
            "Kyiv estimates about 4,000 North Korean casualties, he said, while Seoul puts the number at about 3,600.",
            [(4000, 4000, "casualties"), (3600, 3600, "casualties")],
        ),
    ],
)
def test_relative_clauses_units_shares_and_parallel_counts(text, expected):
    assert figures(text) == expected


def test_a_bare_toll_beside_casualties_counts_casualties():
    text = "North Korean troops have suffered about 1,100 casualties, the JCS said, as Zelensky put the toll at well above 3,000."
    assert figures(text) == [(1100, 1100, "casualties"), (3000, None, "casualties")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "State television showed the faces of 90 North Korean soldiers who had fallen in Kursk.",
            [(90, 90, "killed")],
        ),
        # a year that names an event or a document is not a count
        ("Pyongyang held a memorial for the 2024 deployment of North Korean troops to Kursk.", []),
        ("The shipments of North Korean soldiers break Security Council Resolution 2397.", []),
        ("Russia took in 2000 North Korean troops last month, the agency said.", [(2000, 2000, "arrived_in_russia")]),
    ],
)
def test_the_fallen_and_years_that_name_things(text, expected):
    assert figures(text) == expected


def test_a_recall_with_its_own_speaker_is_a_claim_of_its_own():
    text = (
        "Ukrainian forces have captured two North Korean soldiers in Kursk, President Zelensky said on Saturday. "
        "A spokesman for the Security Service of Ukraine said the two soldiers were seized in separate operations."
    )
    df = extract_claims(text, published="2025-01-12")
    assert list(df["claimant"]) == ["Volodymyr Zelensky", "Security Service of Ukraine (SBU)"]
    # without a speaker of its own, the recall is the same claim stated again
    text = (
        "Ukrainian forces have captured two North Korean soldiers in Kursk, President Zelensky said on Saturday. "
        "The two captured soldiers were taken to Kyiv for questioning."
    )
    assert list(extract_claims(text, published="2025-01-12")["claimant"]) == ["Volodymyr Zelensky"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "North Korea's losses, dead and wounded together, have now passed 3,000, Zelensky said.",
            [(3000, None, "casualties")],
        ),
        (  # a possessed estimate beside a count takes the count's measure
            "Kyiv counts about 4,000 North Korean casualties, while Seoul's own estimate stands at about 3,600.",
            [(4000, 4000, "casualties"), (3600, 3600, "casualties")],
        ),
    ],
)
def test_totals_passed_and_parallel_estimates(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Kyiv puts North Korean dead and wounded at about 4,000. Seoul's own estimate is lower, at about 3,600.",
            [(4000, 4000, "casualties"), (3600, 3600, "casualties")],
        ),
        (
            "In January the spy agency said North Korean casualties had reached about 3,000. A month earlier the "
            "military had put the figure at around 1,100.",
            [(3000, 3000, "casualties"), (1100, 1100, "casualties")],
        ),
    ],
)
def test_a_count_in_the_next_sentence_parallels_the_one_before(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Budanov said around 4,000 North Korean soldiers were dead or seriously wounded.",
            [(4000, 4000, "casualties")],
        ),
        (
            "The agency put the number of North Korean soldiers deployed near Russia's border with Ukraine at "
            "roughly 10,000.",
            [(10000, 10000, "deployed_to_front")],
        ),
    ],
)
def test_dead_or_seriously_wounded_and_a_counted_phrase_near_the_border(text, expected):
    assert figures(text) == expected


def test_soldiers_fighting_for_russia_who_died_are_the_dead():
    text = "At least 300 of the North's soldiers fighting on Russia's side have died, the spy agency told lawmakers."
    assert figures(text) == [(300, None, "killed")]


def test_a_projection_of_the_troops_sent_to_the_front_is_at_the_front():
    text = "The minister said the number of North Korean soldiers sent to the front line would probably rise to about 15,000."
    assert figures(text) == [(15000, 15000, "deployed_to_front")]
    text = "Zelensky warned that the North Korean presence in Russia could grow to 100,000."
    assert figures(text) == [(100000, 100000, "pledged_or_preparing")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Seoul and Kyiv discussed the fate of the two North Korean soldiers held by Ukraine.", [(2, 2, "captured")]),
        (
            "The agency put North Korean casualties at 4,700, killed and wounded together, about 600 of them fatal.",
            [(4700, 4700, "casualties"), (600, 600, "killed")],
        ),
    ],
)
def test_held_by_ukraine_and_of_them_fatal(text, expected):
    assert figures(text) == expected
