"""Demo data of the collective side (loader order 40): frameworks, interventions, assessments,
signals, a collective issue and a year of weekly hours, following the report (2017–2018).

The hours run from July 2017 to June 2018, the period of the pilots; the balance page opens
on the latest month with registered hours, so the demo shows June 2018 and the year before.
Everything is created only when missing: a second run changes nothing.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model

from collectief import collective_services as services
from collectief import rollups
from collectief.models import (
    Assessment,
    CollectiveIssue,
    FrameworkQuestion,
    Intervention,
    Membership,
    Neighbourhood,
    Quadrant,
    Role,
    Signal,
    SignalTheme,
    Team,
    TeamBalanceSettings,
    WeeklyHours,
)

Q = Quadrant
K = Intervention.Kind
S = Intervention.Status
D = Assessment.Decision

FIRST_WEEK = datetime.date(2017, 7, 3)
WEEKS = 52

# Team: (date the pilot started, how far its collective share grows by June 2018, 0..1)
PILOT_GROWTH = {
    "SWT Rozenprieel-Centrum": (datetime.date(2017, 11, 6), 1.0),
    "SWT Oost 1": (datetime.date(2017, 11, 13), 0.6),
    "SWT Noord": (datetime.date(2017, 12, 4), 0.4),
}

TARGETS = {"SWT Rozenprieel-Centrum": 25, "SWT Oost 1": 25, "SWT Noord": 20}

# team, title, kind, quadrant, status, started on, hours, households supported, description
INTERVENTIONS = [
    (
        "SWT Rozenprieel-Centrum",
        "Bewonersgesprekken in duo's",
        K.COLLECTIVE_APPROACH,
        Q.COLLECTIVE_ACTIVATING,
        S.RUNNING,
        "2018-04-03",  # round 1 of the conversations (interviews demo)
        64,
        None,
        "Twintig gesprekken in twee maanden, met een vragenlijst en sneeuwbaleffect.",
    ),
    (
        "SWT Rozenprieel-Centrum",
        "Inloop in de heringerichte ontvangstruimte",
        K.GROUP,
        Q.COLLECTIVE_HELPING,
        S.RUNNING,
        "2018-01-30",  # the journal's success: the reception room re-arranged
        40,
        None,
        "De ontvangstruimte is ingericht voor informeel contact.",
    ),
    (
        "SWT Rozenprieel-Centrum",
        "Individuele ondersteuning",
        K.INDIVIDUAL_SUPPORT,
        Q.INDIVIDUAL_HELPING,
        S.RUNNING,
        "2017-07-03",
        2300,
        142,
        "",
    ),
    (
        "SWT Rozenprieel-Centrum",
        "Netwerkgesprekken aan de keukentafel",
        K.OTHER,
        Q.INDIVIDUAL_ACTIVATING,
        S.RUNNING,
        "2017-09-04",
        260,
        None,
        "",
    ),
    (
        "SWT Oost 1",
        "De Wijkfabriek",
        K.INITIATIVE_SUPPORT,
        Q.COLLECTIVE_ACTIVATING,
        S.RUNNING,
        "2017-11-13",
        120,
        None,
        "Paraplu en keurmerk voor bewonersinitiatieven, sociaal ondernemers, winkeliers en "
        "kunstenaars; plan met SMART-doelen van drie gangmakers.",
    ),
    (
        "SWT Oost 1",
        "Leefstraat Amsterdamse buurt",
        K.INITIATIVE_SUPPORT,
        Q.COLLECTIVE_HELPING,
        S.RUNNING,
        "2018-03-05",
        36,
        None,
        "",
    ),
    (
        "SWT Oost 1",
        "Individuele ondersteuning",
        K.INDIVIDUAL_SUPPORT,
        Q.INDIVIDUAL_HELPING,
        S.RUNNING,
        "2017-07-03",
        2100,
        118,
        "",
    ),
    (
        "SWT Oost 1",
        "Mantelzorgers versterken",
        K.OTHER,
        Q.INDIVIDUAL_ACTIVATING,
        S.RUNNING,
        "2018-01-08",
        90,
        None,
        "",
    ),
    (
        "SWT Noord",
        "Stop de schulden – workshop De Horizon",
        K.WORKSHOP,
        Q.COLLECTIVE_ACTIVATING,
        S.RUNNING,
        "2017-12-04",
        160,
        None,
        "Deelnemers werken met een vrijwilliger aan hun eigen schulden; wekelijkse "
        "terugkom-ochtenden. Gestart met vier deelnemers en vier vrijwilligers.",
    ),
    (
        "SWT Noord",
        "Folder “Weg met geldstress”",
        K.OTHER,
        Q.COLLECTIVE_HELPING,
        S.ENDED,
        "2018-02-05",
        24,
        None,
        "Met Humanitas en Stem in de stad; gemaakt door Dock.",
    ),
    (
        "SWT Noord",
        "Individuele schuldhulp",
        K.INDIVIDUAL_SUPPORT,
        Q.INDIVIDUAL_HELPING,
        S.RUNNING,
        "2017-07-03",
        900,
        64,
        "",
    ),
    (
        "SWT Schalkwijk",
        "Tweede workshop Stop de schulden in Schalkwijk",
        K.WORKSHOP,
        Q.COLLECTIVE_ACTIVATING,
        S.CONSIDERED,
        "2018-06-04",
        6,
        None,
        "Verkennen of de aanpak van De Horizon ook in Schalkwijk kan, met Humanitas.",
    ),
]

OOST_1_VERSION_2 = [
    (
        "Zijn we voldoende zichtbaar en aanwezig in de Amsterdamse buurt en de Slachthuisbuurt?",
        FrameworkQuestion.Kind.SCALE,
        "Denk aan de winkelstraat, de scholen en het buurthuis.",
    ),
    ("Om wiens problemen of vragen gaat het?", FrameworkQuestion.Kind.TEXT, ""),
    (
        "Welke kansen zien we en welke doelen dienen we?",
        FrameworkQuestion.Kind.TEXT,
        "Maak de doelen SMART, zoals de gangmakers van De Wijkfabriek deden.",
    ),
    (
        "Welke ondernemers, kunstenaars en initiatieven sluiten aan?",
        FrameworkQuestion.Kind.TEXT,
        "",
    ),
    (
        "Hoe levensvatbaar is het initiatief?",
        FrameworkQuestion.Kind.SCALE,
        "1 = hangt helemaal van ons af, 5 = bewoners dragen het.",
    ),
    ("Wat kunnen bewoners zelf en wat wordt van ons gevraagd?", FrameworkQuestion.Kind.TEXT, ""),
    (
        "Is er ruimte op de teamagenda en wie is trekker?",
        FrameworkQuestion.Kind.YES_NO,
        "Zonder vaste plek op de agenda verwatert het (lessen De Wijkfabriek).",
    ),
    ("Sluiten we aan op het tempo van bewoners?", FrameworkQuestion.Kind.YES_NO, ""),
]

# team, intervention, held on, participants, others, leaning, decision, summary, answers
ASSESSMENTS = [
    (
        "SWT Oost 1",
        "De Wijkfabriek",
        "2017-12-11",
        ["sandra", "youssef", "ruud", "karin"],
        "Dock",
        Q.COLLECTIVE_ACTIVATING,
        D.ADJUST,
        "Sterk plan van de gangmakers, maar het draagvlak in het hele team ontbreekt nog en er "
        "is geen ruimte op de agenda. Eerst klein beginnen met twee initiatieven.",
        [
            3,
            "Van bewoners en ondernemers die elkaar niet kennen.",
            "Verbinden onder één label.",
            "Vooral voor bewoners.",
            3,
            "Bewoners trekken zelf; wij verbinden.",
            3,
            True,
        ],
    ),
    (
        "SWT Oost 1",
        "De Wijkfabriek",
        "2018-04-16",
        ["sandra", "youssef", "ilse"],
        "",
        Q.COLLECTIVE_ACTIVATING,
        D.GO,
        "Het project gaat terug naar het hele team; vaste plek op de teamagenda.",
        [
            4,
            "Van bewoners en ondernemers.",
            "Een zichtbaar keurmerk voor initiatieven.",
            "Winkeliers en kunstenaars in de Amsterdamse buurt.",
            4,
            "Bewoners organiseren; wij bieden het label.",
            True,
            True,
        ],
    ),
    (
        "SWT Schalkwijk",
        "Tweede workshop Stop de schulden in Schalkwijk",
        "2018-06-18",
        ["sevda", "bas"],
        "Humanitas, Dock, Stem in de stad",
        Q.COLLECTIVE_ACTIVATING,
        D.GO,
        "Doen, met Humanitas: vrijwilligers zijn er, een ruimte in Meerwijk ook. Werving via "
        "de folder en de sociaal wijkteams.",
        [
            3,
            "Van bewoners met schulden die zich schamen.",
            "Zelfredzaamheid bij geldzaken.",
            "Voor bewoners, samen met partners.",
            4,
            "Zelf hun administratie ordenen.",
            4,
            True,
        ],
    ),
]

# team, theme, neighbourhood, first day, every n days, descriptions
SIGNAL_SERIES = [
    (
        "SWT Noord",
        "Geldstress",
        "Noord-Noord",
        "2017-09-04",
        11,
        [
            "Brief van de Belastingdienst niet begrepen, aanmaningen opgestapeld.",
            "Huurachterstand na wegvallen toeslag.",
            "Schaamte om hulp te vragen bij schulden.",
            "Energierekening niet betaald, afsluiting dreigt.",
            "Administratie in een doos, post wordt niet geopend.",
            "Alleenstaande ouder met oplopende zorgkosten.",
            "Vraagt naar hulp bij belastingaangifte.",
        ],
    ),
    (
        "SWT Noord",
        "Eenzaamheid",
        "Transvaalbuurt",
        "2018-03-12",
        20,
        [
            "Oudere bewoner komt de deur niet meer uit.",
            "Weduwnaar zonder netwerk in de buurt.",
        ],
    ),
    (
        "SWT Oost 1",
        "Geldstress",
        "Amsterdamse buurt",
        "2018-04-09",
        10,
        [
            "Brief van de Belastingdienst, weet niet wat te doen.",
            "Betalingsregeling met de zorgverzekeraar loopt vast.",
            "Werkt, maar komt elke maand tekort.",
            "Incassobureau belt dagelijks.",
            "Huurachterstand door wisselend inkomen.",
            "Kinderen kunnen niet mee op schoolreis.",
            "Vraagt om hulp bij het ordenen van de post.",
        ],
    ),
    (
        "SWT Oost 1",
        "Eenzaamheid",
        "Slachthuisbuurt",
        "2018-05-07",
        14,
        [
            "Oudere bewoners missen een plek om koffie te drinken.",
            "Sinds de verhuizing kent ze niemand in de straat.",
            "Mantelzorger raakt geïsoleerd.",
            "Oudere bewoner eet elke dag alleen.",
        ],
    ),
    (
        "SWT Rozenprieel-Centrum",
        "Eenzaamheid",
        "Rozenprieel",
        "2018-02-05",
        21,
        [
            "Wens voor een koffieplek op het plein.",
            "Alleenstaande oudere, familie ver weg.",
            "Komt alleen nog naar buiten voor boodschappen.",
            "Zou graag meewandelen met de wandelclub.",
        ],
    ),
]

ISSUES = [
    {
        "team": "SWT Noord",
        "theme": "Geldstress",
        "neighbourhood": "Noord-Noord",
        "title": "Geldstress in Noord-Noord",
        "description": "Steeds meer huishoudens in Noord-Noord lopen vast met post, aanmaningen "
        "en de belastingaangifte. Ze schamen zich en vragen laat om hulp.",
        "intervention": "Stop de schulden – workshop De Horizon",
        "outcome": "Stop de schulden gestart in december 2017 in buurtcentrum De Horizon met vier "
        "deelnemers en vier vrijwilligers (Dock, Humanitas, Stem in de stad). Na de folder "
        "“Weg met geldstress” tien deelnemers. Een tweede workshop in Schalkwijk wordt verkend.",
        "created_on": "2017-11-27",
        "created_by": "naima",
    },
    {
        "team": "SWT Oost 1",
        "theme": "Wonen",
        "neighbourhood": "Slachthuisbuurt",
        "title": "Vocht en schimmel in de Slachthuisbuurt",
        "description": "Op de wijkraad en in het buurthuis vertellen huurders van de oude "
        "portiekflats over vocht en schimmel; ze weten niet bij wie ze terechtkunnen.",
        "intervention": None,
        "outcome": "",
        "created_on": "2018-06-04",
        "created_by": "youssef",
    },
]


def _day(text):
    return datetime.date.fromisoformat(text)


def _half(value):
    """Round to half hours, as people write them down."""
    return (Decimal(value) * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2


def _growth(team_name, week):
    start, reach = PILOT_GROWTH.get(team_name, (None, 0))
    if start is None or week < start:
        return 0.0
    end = FIRST_WEEK + datetime.timedelta(weeks=WEEKS - 1)
    return reach * min(1.0, (week - start).days / max(1, (end - start).days))


def weekly_hours_rows(membership, person_index):
    """A year of one member's weeks; the collective share grows once the team's pilot runs."""
    contract = Decimal(membership.hours_per_week)
    community_worker = membership.role == Role.COMMUNITY_WORKER
    for index in range(WEEKS):
        week = FIRST_WEEK + datetime.timedelta(weeks=index)
        growth = _growth(membership.team.name, week)
        base, rise = (0.35, 0.25) if community_worker else (0.04, 0.17)
        wobble = ((index * 7 + person_index * 3) % 5 - 2) * 0.01
        collective_share = max(0.0, base + rise * growth + wobble)
        worked = contract if index % 13 else _half(contract * Decimal("0.8"))
        collective = min(worked, _half(worked * Decimal(str(collective_share))))
        activating = _half(collective * Decimal("0.6"))
        individual = worked - collective
        individual_activating = _half(individual * Decimal("0.2"))
        yield WeeklyHours(
            team=membership.team,
            user=membership.user,
            role=membership.role,
            week=week,
            collective_activating=activating,
            collective_helping=collective - activating,
            individual_activating=individual_activating,
            individual_helping=individual - individual_activating,
        )


def _load_hours(teams):
    rows = []
    for team in teams.values():
        if WeeklyHours.objects.filter(team=team).exists():
            continue
        memberships = Membership.objects.filter(team=team).select_related("user", "team")
        for person_index, membership in enumerate(memberships.order_by("user__username")):
            rows.extend(weekly_hours_rows(membership, person_index))
    WeeklyHours.objects.bulk_create(rows, batch_size=500)
    if rows:  # bulk_create sends no signals: rebuild the monthly rollup of these teams
        rollups.refresh_hours({row.team_id for row in rows})
    return len(rows)


def _load_frameworks(teams, people):
    for team in teams.values():
        services.framework_current(team=team)
    interventions = {}
    for (
        team,
        title,
        kind,
        quadrant,
        status,
        started,
        hours,
        households,
        description,
    ) in INTERVENTIONS:
        interventions[(team, title)] = Intervention.objects.get_or_create(
            team=teams[team],
            title=title,
            defaults={
                "kind": kind,
                "quadrant": quadrant,
                "status": status,
                "started_on": _day(started),
                "hours": hours,
                "people_supported": households,
                "description": description,
            },
        )[0]
    for team, title, held_on, who, others, leaning, decision, summary, answers in ASSESSMENTS:
        intervention = interventions[(team, title)]
        if intervention.assessments.filter(held_on=_day(held_on)).exists():
            continue
        framework = services.framework_current(team=teams[team])
        services.assessment_create(
            intervention=intervention,
            framework=framework,
            answers=_answers(framework, answers),
            participants=[people[name] for name in who],
            user=people[who[0]],
            held_on=_day(held_on),
            other_participants=others,
            leaning=leaning,
            decision=decision,
            summary=summary,
        )
        if team == "SWT Oost 1" and not teams[team].frameworks.filter(version=2).exists():
            # After the first Wijkfabriek assessment the team adapted its framework.
            services.framework_save(
                team=teams[team],
                questions=[
                    {"text": text, "kind": kind, "guidance": guidance}
                    for text, kind, guidance in OOST_1_VERSION_2
                ],
                note="Aangepast na de eerste weging van De Wijkfabriek",
                user=people["sandra"],
            )
    return interventions


def _answers(framework, values):
    found = {}
    for question, value in zip(framework.questions.all(), values, strict=True):
        if question.kind == FrameworkQuestion.Kind.SCALE:
            found[question] = (value, None, "")
        elif question.kind == FrameworkQuestion.Kind.YES_NO:
            found[question] = (None, value, "")
        else:
            found[question] = (None, None, value)
    return found


def _load_signals(teams, people, interventions):
    reporters = {
        "SWT Noord": "tom",
        "SWT Oost 1": "ruud",
        "SWT Rozenprieel-Centrum": "lotte",
    }
    for team in teams.values():
        services.themes_ensure_defaults(team=team)
    for team_name, theme_name, place, first, every, descriptions in SIGNAL_SERIES:
        team = teams[team_name]
        theme = SignalTheme.objects.get_or_create(team=team, name=theme_name)[0]
        neighbourhood = Neighbourhood.objects.get(name=place)
        for index, description in enumerate(descriptions):
            Signal.objects.get_or_create(
                team=team,
                theme=theme,
                neighbourhood=neighbourhood,
                description=description,
                defaults={
                    "households": 1 + index % 3,
                    "recorded_on": _day(first) + datetime.timedelta(days=every * index),
                    "recorded_by": people[reporters[team_name]],
                },
            )
    for issue in ISSUES:
        team = teams[issue["team"]]
        if CollectiveIssue.objects.filter(team=team, title=issue["title"]).exists():
            continue
        services.issue_create(
            team=team,
            theme=SignalTheme.objects.get(team=team, name=issue["theme"]),
            neighbourhood=Neighbourhood.objects.get(name=issue["neighbourhood"]),
            user=people[issue["created_by"]],
            created_on=_day(issue["created_on"]),
            title=issue["title"],
            description=issue["description"],
            intervention=issue["intervention"]
            and interventions[(issue["team"], issue["intervention"])],
            outcome=issue["outcome"],
        )


def load_collective(stdout):
    teams = {team.name: team for team in Team.objects.all()}
    people = {user.username: user for user in get_user_model().objects.all()}
    for name, target in TARGETS.items():
        TeamBalanceSettings.objects.get_or_create(
            team=teams[name], defaults={"collective_target": target}
        )
    interventions = _load_frameworks(teams, people)
    _load_signals(teams, people, interventions)
    created = _load_hours(teams)
    stdout.write(
        f"Collective work: {len(interventions)} interventions, {created} weeks of hours added."
    )
