"""What kind of actor a name is (extract/kinds.py, extract/names.py), on real sentences.

Sentences marked "wikinews" are from English Wikinews (CC BY 2.5, Wikinews contributors;
tests/annotations/articles/), "seed" from seeds/; the rest are written for the test.
"""
from __future__ import annotations

import pytest

WHO = "Jan Nowak, a World Health Organization (WHO) official, said the hospitals were ready."
AZOVSTAL = ("Russian forces stormed the Azovstal steelworks on Monday. Civilians left Azovstal on buses, and "
            "more remain in the Azovstal plant.")
CASES = [
    # wikinews: an organisation head word beats the model's FAC label
    ("The attacker is reported to have jumped on stage during the Great Orchestra of Christmas Charity.",
     "Great Orchestra of Christmas Charity", "Organization", "Great Orchestra of Christmas Charity"),
    # wikinews: ... and its PRODUCT label
    ("Tusk, a founding Civic Platform member, is from Gdańsk.", "Civic Platform", "Organization", "Civic Platform"),
    # wikinews: a first name the model leaves out of the person
    (("Politicians and the Archbishop of Gdańsk, Sławoj Leszek Głódź, were reported by local media to have "
      "visited the hospital."), "Sławoj Leszek Głódź", "Person", "Sławoj Leszek Głódź"),
    # wikinews: a lower-case "of" tail is no part of the name
    (("Police said a press badge was used by the assailant, reported by The Guardian as convicted of assaults "
      "and by Associated Press of bank robberies, to gain entry."), "Associated Press", "Organization",
     "Associated Press"),
    # wikinews: untagged acronyms that employ people or act
    ("Regional governor Boris Dubrovsky said FSB officers were present where the minibus exploded.",
     "FSB", "Organization", "FSB"),
    ("Brudziński said Adamowicz required resuscitation; TVN24 reported he received surgery.",
     "TVN24", "Organization", "TVN24"),
    # wikinews: a street the model takes for a person
    ("Both explosions took place on Karl Marx Avenue, within two miles of each other.",
     "Karl Marx Avenue", "Place", "Karl Marx Avenue"),
    # seed: an organisation's institution, named with it
    (("Filippo Grandi, head of the UN's refugee agency said on March 20 that at least 10 million people "
      "have fled their homes."), "refugee agency", "Organization", "UN refugee agency"),
    # seed: a news medium in apposition
    (("In an interview with news site Suspilne on March 21, Zelenskiy restated his insistence on the need "
      "to meet with Russian President Vladimir Putin."), "Suspilne", "Organization", "Suspilne"),
    # a bracketed acronym is another name of the organisation, and never part of its name
    (WHO, "WHO", "Organization", "World Health Organization"),
    (WHO, "World Health Organization", "Organization", "World Health Organization"),
    # a named military unit is a Group, though Azov is also a Russian town's name
    ("The commander of the Azov regiment said the fighters would not surrender.",
     "Azov regiment", "Group", "Azov regiment"),
    # a ministry named without its owner belongs to the country the article is about
    (("A gas explosion hit Magnitogorsk in Russia. Rescuers, according to the emergencies ministry, "
      "recovered ten survivors."), "emergencies ministry", "Organization", "emergencies ministry (Russia)"),
    # a first name alone is the article's one person who has it
    ('Donald Tusk wrote "Let\'s all pray for Mayor Paweł Adamowicz. Paweł, we are with you."',
     "Paweł", "Person", "Paweł Adamowicz"),
    # a facility's proper name alone stands for the facility; variants share the first name given
    (AZOVSTAL, "Azovstal", "Facility", "Azovstal steel plant"),
    (AZOVSTAL, "Azovstal plant", "Facility", "Azovstal steel plant"),
    # a surname the model tags as an organisation, shown a person's by the words around it
    ("Mason, who ran the agency for six years, resigned on Friday.", "Mason", "Person", "Mason"),
    ("The gunman shot Lincoln twice before he fled.", "Lincoln", "Person", "Lincoln"),
    ("Jacobs said he would appeal the ruling.", "Jacobs", "Person", "Jacobs"),
    # a person noun of a medium is a person's apposition, not the medium
    ("The station will close in May, said Anna Berg, assistant news director.", "Anna Berg", "Person", "Anna Berg"),
    # a site the model tags as an organisation; a company by its suffix; a school GeoNames lists as a town
    ("The prisoners were moved to Lakeside Penitentiary near Knoxville.", "Lakeside Penitentiary",
     "Facility", "Lakeside Penitentiary"),
    ("She studied at the University of Texas before she joined the bank.", "University of Texas",
     "Organization", "University of Texas"),
]


@pytest.mark.parametrize(("sentence", "text", "kind", "name"), CASES, ids=[c[1] for c in CASES])
def test_entity_kind(nlp, sentence: str, text: str, kind: str, name: str) -> None:
    found = {e.text: (e.label_, e._.kg_name) for e in nlp(sentence).ents}
    assert found.get(text) == (kind, name), found


def test_said_after_a_quote_is_a_person_not_an_organisation(nlp) -> None:
    doc = nlp("\u201cWe are tired of waiting for help,\u201d said Maria Kowalska.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Maria Kowalska", "Person")]


def test_title_before_the_name_is_not_joined_to_it(nlp) -> None:
    # wikinews: "Prosecutor" is capitalised at the sentence start, and a role, not a name
    doc = nlp("Prosecutor Krzysztof Sierak told reporters today psychiatric assessments will be carried out.")
    assert ("Krzysztof Sierak", "Person") in [(e.text, e.label_) for e in doc.ents]


def test_a_person_tag_over_lower_case_words_gives_no_short_names():
    # wikinews: the model tags words of a French quote ("mon nom") as a PERSON; the
    # article's short names must still be built, not crash on a name with no name words.
    from spacy.tokens import Doc, Span

    from extract.names import short_names
    from extract.pipeline import load_pipeline

    nlp = load_pipeline()
    doc = Doc(nlp.vocab, words=["He", "said", "mon", "nom", "to", "Anna", "Nowak", "."])
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 5, 7, label="PERSON")]
    assert short_names(doc) == {"Anna": "Person|Anna Nowak", "Nowak": "Person|Nowak"}


@pytest.mark.parametrize("sentence", [
    "\u201cThe city is surrounded,\u201d reported Al Jazeera.",
    "\u201cThe city is surrounded,\u201d announced Deutsche Welle.",
])
def test_an_organisation_reporting_after_a_quote_stays_an_organisation(nlp, sentence) -> None:
    # Only verbs a person says with (person_speech_verbs) make a quoted name a person; the wider
    # speech verbs of extract/speakers.py ("report", "announce") are organisations' verbs too.
    assert {e.label_ for e in nlp(sentence).ents} == {"Organization"}
