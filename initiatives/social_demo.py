"""Demo data: the social map of SWT Oost 1 (Broederhuis, De Hamelink, Kindervreugd, §2.2) and
of the Rozenprieel, and the public page of De Wijkfabriek with its opted-in initiatives."""

import datetime

from django.contrib.auth import get_user_model

from collectief.models import Neighbourhood, Organisation
from initiatives.models import (
    Activity,
    Initiative,
    LabelApplication,
    LabelProgramme,
    MapTheme,
    SocialMapEntry,
)

K = SocialMapEntry.Kind
T = MapTheme

# neighbourhood, name, kind, organisation, what, for whom, when, contact, themes
MAP = [
    (
        "Slachthuisbuurt",
        "Het Broederhuis",
        K.MEETING_PLACE,
        None,
        "Buurthuis met koffieochtenden, een eettafel en een repaircafé.",
        "Alle buurtbewoners, veel ouderen die alleen wonen",
        "Ma–vr 9.00–17.00; eettafel op donderdag om 17.30",
        "Balie van het Broederhuis; de beheerder weet wie wat organiseert",
        [T.LONELINESS, T.FOOD, T.ELDERLY],
    ),
    (
        "Slachthuisbuurt",
        "De Hamelink",
        K.MEETING_PLACE,
        None,
        "Wijkcentrum met taalles, een naaiatelier en ruimte voor bewonersinitiatieven.",
        "Bewoners die Nederlands leren, vrouwen uit de buurt",
        "Di en do 10.00–12.00 taalles; atelier op woensdag",
        "Opbouwwerk van Dock in De Hamelink",
        [T.LANGUAGE, T.LONELINESS, T.WORK],
    ),
    (
        "Amsterdamse buurt",
        "Speeltuinvereniging Kindervreugd",
        K.ASSOCIATION,
        None,
        "Speeltuin met vrijwilligers; zomeractiviteiten en een ouderkamer.",
        "Kinderen tot 12 jaar en hun ouders",
        "Woensdag- en zaterdagmiddag, in de zomer dagelijks",
        "Bestuur van de vereniging via het hek of de buurtapp",
        [T.PARENTING, T.YOUTH, T.WORK],
    ),
    (
        "Amsterdamse buurt",
        "Open tafel Protestantse Gemeente Haarlem-Oost",
        K.CHURCH,
        "Protestantse Gemeente Haarlem-Oost",
        "Wekelijkse open maaltijd; iedereen is welkom, ook zonder geloof.",
        "Iedereen die graag samen eet",
        "Vrijdag 18.00",
        "Diaconie van de kerk",
        [T.LONELINESS, T.FOOD, T.FAITH],
    ),
    (
        "Slachthuisbuurt",
        "Dock opbouwwerk Oost",
        K.PARTNER,
        "Dock",
        "Opbouwwerk: helpt bewoners een initiatief te starten en vol te houden.",
        "Bewoners met een idee voor de buurt",
        "Spreekuur dinsdag 13.00–15.00 in De Hamelink",
        "Via de opbouwwerker in het team",
        [T.LIVEABILITY, T.WORK],
    ),
    (
        "Rozenprieel",
        "Stem in de stad – eettafel en schuldhulp",
        K.CHURCH,
        "Stem in de stad",
        "Diaconaal centrum: maaltijden, hulp bij geldzaken en een plek om binnen te lopen.",
        "Bewoners met geldzorgen of die weinig mensen kennen",
        "Di–do 10.00–16.00",
        "Inloop of telefonisch via de balie",
        [T.MONEY, T.LONELINESS, T.FOOD],
    ),
    (
        "Rozenprieel",
        "Humanitas Thuisadministratie",
        K.PARTNER,
        "Humanitas",
        "Vrijwilligers helpen thuis met post, rekeningen en een budgetplan.",
        "Huishoudens die het overzicht kwijt zijn",
        "Op afspraak",
        "Aanmelden via de coördinator van Humanitas",
        [T.MONEY],
    ),
    (
        "Rozenprieel",
        "Buurtcentrum Rozenprieel",
        K.MEETING_PLACE,
        None,
        "Ontmoetingsplek met koffie, een kinderclub en ruimte voor buurtgroepen.",
        "Alle bewoners",
        "Ma–vr overdag",
        "Haarlem Effect, sociaal-cultureel werk",
        [T.LONELINESS, T.YOUTH, T.PARENTING],
    ),
]

# A suggestion still waiting for the community worker of Oost 1.
SUGGESTION = (
    "Slachthuisbuurt",
    "Wandelgroep Slachthuisbuurt",
    K.ASSOCIATION,
    None,
    "Bewoners wandelen samen door de buurt en het park.",
    "Iedereen die wil bewegen en buren wil leren kennen",
    "Zaterdag 10.00",
    "Ruud kent de trekker van de groep",
    [T.HEALTH, T.LONELINESS],
)

# Initiative -> public summary, how to join, activity (name, weekday date, start, end).
PUBLIC = {
    "Leefstraat Amsterdamse buurt": (
        "Een zomer lang is de straat van de bewoners: tafels, planten en spelende kinderen.",
        "Loop langs op een zaterdagmiddag, of mail leefstraat@wijkfabriek.invalid.",
        ("Straatmiddag", Activity.Recurrence.WEEKLY, "De straat zelf", (2018, 6, 2), 14, 17),
    ),
    "Bakkie in de Slachthuisbuurt": (
        "Elke woensdagochtend koffie op het plein: wie langskomt, ontmoet buren.",
        "Kom gewoon langs; de koffie staat klaar.",
        (
            "Koffie op het plein",
            Activity.Recurrence.WEEKLY,
            "Plein Slachthuisbuurt (bij regen in de kerkzaal)",
            (2018, 3, 7),
            10,
            12,
        ),
    ),
}


def _entry(row, status, user):
    hood, name, kind, organisation, what, for_whom, when, contact, themes = row
    entry, created = SocialMapEntry.objects.get_or_create(
        neighbourhood=Neighbourhood.objects.get(name=hood),
        name=name,
        defaults={
            "kind": kind,
            "organisation": Organisation.objects.filter(name=organisation).first()
            if organisation
            else None,
            "what": what,
            "for_whom": for_whom,
            "when": when,
            "contact": contact,
            "status": status,
            "suggested_by": user,
            "themes": "," + ",".join(sorted(themes)) + ",",
        },
    )
    return entry


def load_social_map(stdout):
    people = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["youssef", "fatima", "ruud"])
    }
    for row in MAP:
        maintainer = people["fatima"] if row[0] == "Rozenprieel" else people["youssef"]
        _entry(row, SocialMapEntry.Status.ACCEPTED, maintainer)
    _entry(SUGGESTION, SocialMapEntry.Status.SUGGESTED, people["ruud"])

    wijkfabriek = LabelProgramme.objects.get(name="De Wijkfabriek")
    if not wijkfabriek.published:
        wijkfabriek.published = True
        wijkfabriek.save(update_fields=["published"])
    for name, (summary, join, activity) in PUBLIC.items():
        initiative = Initiative.objects.get(name=name)
        application = LabelApplication.objects.get(programme=wijkfabriek, initiative=initiative)
        if not application.public:
            application.public = True
            application.public_summary = summary
            application.how_to_join = join
            application.save(update_fields=["public", "public_summary", "how_to_join"])
        title, recurrence, location, day, start, end = activity
        Activity.objects.get_or_create(
            initiative=initiative,
            name=title,
            defaults={
                "recurrence": recurrence,
                "location": location,
                "starts_on": datetime.date(*day),
                "start_time": datetime.time(start),
                "end_time": datetime.time(end),
            },
        )
    stdout.write("Social map: Oost 1 and Rozenprieel; public page of De Wijkfabriek.")
