"""The attribution stage: who says so, and over which text (issue 6).

Sentences written for these tests in the style of Norwegian news; each case names its pattern.
"""

from __future__ import annotations

import re

import pytest

from konflikt.document import Document, PlaceMention, Quantity, Sentence
from konflikt.stages.actors import find_actors
from konflikt.stages.attribution import attribute


def _doc(text: str, lang: str = "nb") -> Document:
    sents = [Sentence(m.start(), m.end(), m.group()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)
             if m.group().strip()]
    # trim leading spaces as the analysis stage does
    sents = [Sentence(s.start + (len(s.text) - len(s.text.lstrip())), s.end, s.text.lstrip())
             for s in sents]
    doc = Document(text=text, language=lang, sentences=sents)
    doc.actors = find_actors(doc)
    doc.attributions = attribute(doc)
    return doc


CASES = [
    # (text, expected [(source_name, cue)], pattern)
    ("Ifølge Reuters ble fem drept i Aleppo.", [("Reuters", "ifølge")], "'ifølge X'"),
    ("Ifølge den uavhengige organisasjonen Airwars er 300 sivile drept.", [("Airwars", "ifølge")],
     "'ifølge' with a long noun phrase before the name"),
    ("SOHR melder at elleve soldater ble drept.", [("SOHR", "melder")], "'X melder at'"),
    ("Tre ble drept, opplyser politiet til NTB.", [("politiet", "opplyser"), ("NTB", "medium")],
     "inverted 'opplyser X til NTB': an unregistered source and the outlet"),
    ("Angrepet var planlagt, heter det i en uttalelse fra Hamas.",
     [("Hamas", "heter det i en uttalelse fra")], "'heter det i en uttalelse fra X'"),
    ("Byen er tatt, hevder Taliban.", [("Taliban", "hevder")], "inverted 'hevder X'"),
    ("Ifølge lokale kilder ble to drept.", [("lokale kilder", "ifølge")],
     "no registered actor: the phrase, uncanonicalised"),
    ("According to Reuters, five were killed.", [("Reuters", "according to")], "English"),
    ("Ifølgje politiet vart 20 bortførte.", [("politiet", "ifølgje")], "nynorsk 'ifølgje'"),
    ("Ingen ble skadet i brannen.", [], "no cue, no attribution"),
    ("Ifølge menneskerettighetsgrupper er 41 demonstranter drept.",
     [("menneskerettighetsgrupper", "ifølge")],
     "the phrase after 'ifølge' is the source, not an actor named later in the clause"),
    ("Ifølge mediesenteret til SDF brøt de inn i gamlebyen.", [("Syrian Democratic Forces", "ifølge")],
     "seed: 'mediesenteret til SDF' is SDF's"),
    # round 3, written here after the patterns of dev/dev2 sources the stage missed
    ("Hæren opplyser at tre soldater ble drept.", [("Hæren", "opplyser")],
     "dev 006 pattern: an unregistered subject before the verb"),
    ("Borgermesteren i Gao, Ali Touré, anslår at 200 mennesker var i hallen.",
     [("Ali Touré", "anslår")], "dev 001 pattern: the appositive subject before the verb"),
    ("Sykehusene i byen melder om mange skadde.", [("Sykehusene i byen", "melder")],
     "dev 002 pattern: 'melder om' is no source after the verb"),
    ("Sjukehuset i Bergen seier at 12 menneske er skadde.", [("Sjukehuset i Bergen", "seier")],
     "dev2 202 pattern: nynorsk 'seier' is a reporting verb"),
    ("Statsministeren kunngjorde avtalen på en pressekonferanse.",
     [("Statsministeren", "kunngjorde")],
     "dev2 207 pattern: the object after the verb is no source when the subject is before it"),
    ("Mandag bekreftet myndighetene at byen var tapt.", [("myndighetene", "bekreftet")],
     "dev2 207 pattern: a time before the verb inverts it; the subject follows"),
    ("Generalen kritiserte angrepet og sa etter møtet at det var feil.", [],
     "dev 003 pattern: a coordinated verb has no subject of its own; 'etter' is no source"),
    # round 4 (issue 6 brief: 'Ifølge avtalen' was read as a source), sentences written here
    ("Ifølge avtalen skal alle styrker trekkes ut innen 30 dager.", [],
     "round 4: an agreement is no source"),
    ("Ifølge våpenhvileavtalen skal partene utveksle fanger.", [],
     "round 4: a document noun as the last part of a compound"),
    ("Ifølge FN-resolusjonen skal fredsstyrkene bli.", [],
     "round 4: a resolution is no member of the body that passed it"),
    ("Ifølge FN-rapporten er 300 sivile drept.", [("United Nations", "ifølge")],
     "round 4: a report of a registered body is that body's"),
    ("Ifølge Plan International er 20 barn drept.", [("Plan International", "ifølge")],
     "round 4: a capitalised name is no document noun"),
    ("Ifølge tall fra helsemyndighetene er 80 drept.", [("helsemyndighetene", "tall fra")],
     "round 4: 'tall fra X' names X"),
    ("Tall fra helsedepartementet viser at 42 er drept.", [("helsedepartementet", "tall fra")],
     "round 4: figures named by who compiled them; 'viser' ends the phrase"),
    ("I følge politiet ble 30 arrestert.", [("politiet", "i følge")], "round 4: the two-word spelling"),
    ("Tre er bekreftet drept, opplyser helsemyndighetene.", [("helsemyndighetene", "opplyser")],
     "round 4: a participle after 'er' is passive, no source before it"),
    ("Tallet bekreftes av FNs menneskerettighetskontor.", [("OHCHR", "bekreftes")],
     "round 4: the agent after a passive verb"),
    ("Det opplyser en talsperson for politiet til AFP.",
     [("en talsperson for politiet", "opplyser"), ("AFP", "medium")],
     "round 4: a speaker noun keeps whose speaker it is"),
    ("Dette bekrefter en kilde i hæren overfor Reuters.",
     [("en kilde i hæren", "bekrefter"), ("Reuters", "medium")],
     "round 4: 'dette' opens an inverted clause; 'overfor X' is the outlet"),
    ("Grensa er stengd, opplyser kontoret til statsministeren.",
     [("kontoret til statsministeren", "opplyser")], "dev3 301 pattern: an office is named by whose it is"),
    ("Sjukehuset, som ligg i sentrum, seier at 14 er skadde.", [("Sjukehuset", "seier")],
     "dev3 309 pattern: a relative clause between the subject and the verb"),
    ("UNHCR har registrert 40 000 flyktninger fra Sudan.", [("UNHCR", "registrert")],
     "dev2 204 pattern: who counted is the source, not a country named after the verb"),
    ("To ble drept i natt, opplyser myndighetene i Perus hovedstad.", [("myndighetene", "opplyser")],
     "dev3 305 pattern: a country named beyond the source phrase is no source"),
    ("Ifølge lokale kilder angrep opprørerne landsbyen.", [("lokale kilder", "ifølge")],
     "round 4: a speaker noun ends the source when no link follows"),
    ("Ifølge en uttalelse fra hæren ble 15 opprørere drept.", [("hæren", "ifølge")],
     "round 4: a statement is a document; 'fra X' names its source"),
    ("Det bekreftet ordfører Anna Berg søndag.", [("ordfører Anna Berg", "bekreftet")],
     "lead, dev 001 pattern: a title goes on into the name after it"),
    ("Ifølge en kommandant i den irakiske hæren går offensiven etter planen.",
     [("Military Forces of Iraq", "ifølge")],
     "lead, seed pattern: a speaker's link goes on through an article to the force it names"),
]


@pytest.mark.parametrize("text,expected,pattern", CASES, ids=[c[2] for c in CASES])
def test_attribution_cases(text, expected, pattern):
    lang = "en" if pattern == "English" else "nb"
    doc = _doc(text, lang)
    got = [(a.source_name, a.cue) for a in doc.attributions]
    assert got == expected, pattern
    for a in doc.attributions:
        assert doc.text[a.source_start:a.source_end] == a.source_text


def test_attribution_carries_over_to_a_hedged_next_sentence():
    # the seed's pattern: the source in one sentence, the reported deaths in the next
    text = ("Ifølge SDF brøt de inn i gamlebyen tirsdag. Tre krigere skal ha blitt drept.\n"
            "Byen er stille.")
    doc = _doc(text)
    (att,) = doc.attributions
    assert att.scope_start == 0
    assert doc.text[att.scope_start:att.scope_end].endswith("skal ha blitt drept.")


def test_attribution_does_not_carry_into_a_new_paragraph():
    text = "Ifølge SDF brøt de inn tirsdag.\nDe skal ha mistet tre mann."
    (att,) = _doc(text).attributions
    assert att.scope_end == text.index("\n")


def test_social_media_remark_has_its_source():
    text = "USAs utsending, Brett McGurk, skriver på Twitter at dette er en milepæl."
    doc = _doc(text)
    assert [a.source_name for a in doc.attributions] == ["Brett McGurk"]


def test_definite_noun_source_points_back():
    # dev (Kunduz): 'Det opplyser Leger Uten Grenser ...' then 'Ifølge organisasjonen ble 37 såret.'
    text = ("Sykehuset ble truffet i natt, opplyser Leger uten grenser.\n"
            "Ifølge organisasjonen ble 37 mennesker såret.")
    doc = _doc(text)
    assert [a.source_name for a in doc.attributions] == ["Doctors Without Borders"] * 2
    assert doc.attributions[1].source_text == "organisasjonen"


@pytest.mark.parametrize("lang,text,source", [
    ("da", "Tre blev dræbt i Aleppo, oplyser Reuters.", "Reuters"),
    ("sv", "Enligt SOHR dödades tre personer i Aleppo.", "SOHR"),
], ids=["Danish", "Swedish"])
def test_danish_and_swedish_cues(lang, text, source):
    # written for this test: their own cue files, lang/da and lang/sv
    assert [a.source_name for a in _doc(text, lang).attributions] == [source]


def _places(doc: Document, names: list[str]) -> list[PlaceMention]:
    return [PlaceMention(n, m.start(), m.end(), name=n) for n in names
            for m in re.finditer(rf"\b{n}\b", doc.text)]


def _counts(doc: Document, words: list[str]) -> list[Quantity]:
    return [Quantity(w, m.start(), m.end(), None, None, None, "exact") for w in words
            for m in re.finditer(rf"\b{w}\b", doc.text)]


def test_trailing_source_covers_its_paragraph():
    # dev2 202 pattern (sentences written here): 'ifølge X' at the end of a paragraph covers the
    # counts of the sentences before it that name no source
    text = ("Politiet pågrep tre personer i natt. Ingen av dem er siktet. To er løslatt, ifølge politiet.\n"
            "Ti ble skadd.")
    doc = _doc(text)
    doc.quantities = _counts(doc, ["tre", "Ti"])
    for q in doc.quantities:
        q.status = "arrested"
    (att,) = attribute(doc)
    assert att.scope_start == 0 and att.scope_end == text.index("\n")


CARRY_CASES = [
    # (text, whether the first sentence's source covers the second, where it came from)
    ("Ifølge Airwars er 300 sivile drept i Raqqa. Tusener har flyktet fra Mosul.", False,
     "seed pattern (brief): numbers at a new place are news of their own"),
    ("Ifølge Airwars er 300 sivile drept i Raqqa. Rundt 500 er såret.", True,
     "more numbers at the same place continue the report"),
    ("Rundt 3000 ble pågrepet i landet, opplyser politiet. Omkring 900 av dem ble pågrepet i Oslo.",
     True, "dev 005 pattern: a count that splits the report's count"),
    ("Ifølge SDF er byen tatt. Kampene fortsetter i Tabqa.", False, "no hedge, pronoun or count"),
]


@pytest.mark.parametrize("text,carried,origin", CARRY_CASES, ids=[c[2] for c in CARRY_CASES])
def test_attribution_carry_over(text, carried, origin):
    doc = _doc(text)
    doc.places = _places(doc, ["Raqqa", "Mosul", "Oslo", "Tabqa", "landet"])
    doc.quantities = _counts(doc, ["300", "Tusener", "500", "3000", "900"])
    (att,) = attribute(doc)
    second = doc.sentences[1]
    assert (att.scope_end >= second.end) is carried, origin
