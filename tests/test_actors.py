"""The actor registry and the actors stage (issue 6).

Sentences are written for these tests; each case says where its phenomenon comes from.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from konflikt.actors import load_registry
from konflikt.document import Document, Entity, PlaceMention, Sentence
from konflikt.stages.actors import find_actors


def _doc(text: str, entities=(), places=(), lang: str = "nb") -> Document:
    return Document(text=text, language=lang, sentences=[Sentence(0, len(text), text)],
                    entities=list(entities), places=list(places))


CASES = [
    # (text, expected [(surface, canonical)], where the case comes from)
    ("IS-krigere angrep landsbyen.", [("IS-krigere", "Islamic State")],
     "seed style: compound member 'IS-krigere'"),
    ("Talibans styrker rykket inn.", [("Talibans", "Taliban")], "genitive -s"),
    ("SDF-styrkene og Syrias demokratiske styrker er ett.",
     [("SDF-styrkene", "Syrian Democratic Forces"),
      ("Syrias demokratiske styrker", "Syrian Democratic Forces")], "acronym compound and full name"),
    ("Den irakiske hæren rykket fram.", [("irakiske hæren", "Military Forces of Iraq")],
     "generated: country adjective + definite force noun"),
    ("Irakiske spesialsoldater patruljerte.", [("Irakiske spesialsoldater", "Military Forces of Iraq")],
     "generated, plural, sentence-initial capital"),
    ("Russlands hær trakk seg tilbake.", [("Russlands hær", "Military Forces of Russia")],
     "generated: country genitive + force noun"),
    ("Ukrainske soldater holdt stillingene.", [("Ukrainske soldater", "Military Forces of Ukraine")],
     "generated, Ukraine"),
    ("Iraqi forces entered the city.", [("Iraqi forces", "Military Forces of Iraq")], "English"),
    ("Det er is på veien.", [], "'is' (ice) is not IS: acronyms match in capitals only"),
    ("En al-Qaida-veteran talte.", [], "a veteran of a group is not the group"),
    ("Houthiopprørerne skjøt.", [("Houthiopprørerne", "Ansar Allah (Houthis)")], "closed compound alias"),
    ("Ifølge nyhetsbyrået Reuters ble tre drept.", [("nyhetsbyrået Reuters", "Reuters")], "media source"),
    # round 2: actors of the major conflicts since 2010 that the registry lacked (sentences
    # written for these cases; canonical names after ACLED's actor list)
    ("Jalisco-kartellet og Sinaloa-kartellet kjempet i Michoacán.",
     [("Jalisco-kartellet", "CJNG: Jalisco New Generation Cartel"), ("Sinaloa-kartellet", "Sinaloa Cartel")],
     "Mexico: cartels are political militias for ACLED"),
    ("Haftars styrker rykket mot Tripoli.", [("Haftars styrker", "LNA: Libyan National Army")], "Libya"),
    ("Kataib Hizbollah angrep basen.", [("Kataib Hizbollah", "Kataib Hezbollah")], "Iraq militias"),
    ("Ansar al-Sunna angrep Palma.", [("Ansar al-Sunna", "Islamic State (Mozambique)")], "Mozambique"),
    ("KIA-soldater kjempet mot hæren.", [("KIA-soldater", "KIA: Kachin Independence Army")], "Myanmar"),
    ("Kia-bilen sto parkert.", [], "the car make is not the Kachin army: acronyms in capitals only"),
    ("Mai-Mai-militsen og ADF angrep landsbyen.",
     [("Mai-Mai-militsen", "Mai-Mai Militia"), ("ADF", "ADF: Allied Democratic Forces")], "DR Congo"),
    ("Opprørsfronten Syrias demokratiske styrker ledet angrepet.",
     [("Syrias demokratiske styrker", "Syrian Democratic Forces")],
     "seed style: a generic word in apposition gives way to the named group"),
    ("Væpna menn kom til skulen.", [("Væpna menn", "Militants")], "nynorsk alias"),
    # round 4 (registry coverage; sentences written here)
    ("Bandittane rana landsbyen.", [("Bandittane", "Unidentified Armed Group (Nigeria)")],
     "dev3 301 pattern: Nigerian bandits, nynorsk definite"),
    ("Carabineros brukte vannkanoner.", [("Carabineros", "Police Forces of Chile")],
     "dev3 305 pattern: the Chilean police by its own name"),
    ("Det hongkongske politiet stengte gata.", [("hongkongske politiet", "Police Forces of China (Hong Kong)")],
     "dev3 308 pattern: an adjective the lemmatiser does not know ('-ske')"),
    ("Reichsbürger-bevegelsen planla et kupp.", [("Reichsbürger-bevegelsen", "Reichsbürger Movement")],
     "dev3 307 pattern"),
    ("Kreml avviser anklagene.", [("Kreml", "Government of Russia")], "metonym for the Russian state"),
    ("Revolusjonsgarden skjøt ned en drone.",
     [("Revolusjonsgarden", "Military Forces of Iran (Islamic Revolutionary Guard Corps)")], "Iran"),
    ("Peruanske soldater patruljerer grensen.", [("Peruanske soldater", "Military Forces of Peru")],
     "generated forces of a country added in round 4"),
    ("Myndighetene i Perus hovedstad stengte skolene.", [("Perus", "Military Forces of Peru")],
     "dev3 305 pattern: 'myndighetene i Perus hovedstad' are not the authorities of Peru"),
    ("Dei russiske styrkane trekte seg ut.", [("russiske styrkane", "Military Forces of Russia")],
     "round 4: nynorsk plural of a force noun"),
    ("Ukrainske droner traff raffineriet.", [("Ukrainske droner", "Military Forces of Ukraine")],
     "round 4: a country's drones stand for its forces, like its aircraft"),
    ("Det ukrainske luftforsvaret skjøt ned 20 droner.",
     [("ukrainske luftforsvaret", "Military Forces of Ukraine")], "round 4: air defence"),
]


@pytest.mark.parametrize("text,expected,origin", CASES, ids=[c[2] for c in CASES])
def test_actor_cases(text, expected, origin):
    got = [(m.text, m.name) for m in find_actors(_doc(text))]
    assert got == expected, origin


def test_registry_has_several_hundred_entries_with_inter_codes():
    reg = load_registry()
    assert len(reg) >= 300
    codes = {e.inter for e in reg.entries.values()}
    assert {1, 2, 3, 4, 6, 7, 8} <= codes


def test_every_alias_finds_its_own_entry():
    # each hand-listed alias, alone in a sentence, comes back as its entry (or one of the same
    # canonical name): the normaliser treats aliases and text alike
    reg = load_registry()
    misses = []
    for entry in reg.entries.values():
        if ":" in entry.id:
            continue  # generated entries are covered by the cases above
        for alias in entry.aliases:
            if alias == entry.canonical and any(c in alias for c in "(/:"):
                continue  # a coded label ('Islamic State (Sinai)'), not a form written in news text
            text = f"Vi så {alias} i går."
            found = [m.entry.canonical for m in reg.match(text, "nb")]
            if entry.canonical not in found:
                misses.append((entry.id, alias, found))
    # a few aliases are shadowed by a longer or earlier alias of another entry on purpose
    # ('militæret' is the forces of a country); none of the groups may be lost
    assert len(misses) <= 6, misses[:20]


def test_unregistered_organisation_from_the_model_comes_out_uncanonicalised():
    text = "Den nye militsen Sorte Løver angrep byen."
    ent = Entity("ORG", text.index("Sorte Løver"), text.index("Sorte Løver") + len("Sorte Løver"),
                 "Sorte Løver")
    actors = find_actors(_doc(text, entities=[ent]))
    assert ("Sorte Løver", "Sorte Løver", None) in [(a.text, a.name, a.registry_id) for a in actors]


def test_model_entities_that_are_places_or_common_words_are_not_actors():
    text = "Dødstallet i Minsk steg."
    ents = [Entity("ORG", 0, 10, "Dødstallet"), Entity("GPE_ORG", 13, 18, "Minsk")]
    place = PlaceMention("Minsk", 13, 18, name="Minsk", lat=53.9, lon=27.6, country_code="BY",
                         precision=1)
    assert find_actors(_doc(text, entities=ents, places=[place])) == []


TOWN_NOT_ACTOR = [
    # (text, organisation the model tagged, where the town was resolved, where it comes from)
    ("Zaranj i Nimroz-provinsen falt fredag. Zaranj var den første byen.", "Zaranj", 0,
     "dev3 304 pattern (request): a town the model tags ORG where it is named again"),
    ("Opprørerne tok Kunduz. Kunduz forhandler nå med Kabul.", "Kunduz", 15,
     "a town named as a party later in the text stays a place, not a new group"),
]


@pytest.mark.parametrize("text,name,place_at,why", TOWN_NOT_ACTOR)
def test_an_organisation_that_names_a_resolved_town_is_no_actor(text, name, place_at, why):
    at = text.index(name, place_at + 1)
    ent = Entity("ORG", at, at + len(name), name)
    place = PlaceMention(name, place_at, place_at + len(name), name=name, lat=31.0, lon=61.9,
                         country_code="AF", feature_class="P", precision=1)
    assert [a for a in find_actors(_doc(text, entities=[ent], places=[place]))
            if a.text == name] == [], why


def test_an_organisation_named_like_a_region_is_still_an_actor():
    # only towns: a region's name resolved elsewhere says nothing about a group's name
    text = "Nord i landet. Nord angrep leiren."
    ent = Entity("ORG", 15, 19, "Nord")
    place = PlaceMention("Nord", 0, 4, name="Nord", lat=1.0, lon=1.0, feature_class="A")
    assert [a.text for a in find_actors(_doc(text, entities=[ent], places=[place]))] == ["Nord"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["IS", "SDF-krigere", "irakiske styrker", "Taliban", "og", "i",
                                  "Mosul", "angrep", "sivile", "Hamas", "–", ",", "al-Shabaab",
                                  "Reuters", "ble", "drept"]), min_size=1, max_size=12))
def test_actor_spans_point_into_the_text(words):
    text = " ".join(words)
    for a in find_actors(_doc(text)):
        assert text[a.start:a.end] == a.text
        assert a.name
