"""Demo data: the three pilots of the Haarlem report (§2), their journals, lessons (§3),
working-factor scores (§4.2) and a city-wide workshop presenting the results (§5.2).

Idempotent: everything goes through get_or_create, so a second run changes nothing.
"""

from datetime import date

from django.contrib.auth import get_user_model

from collectief.models import Organisation, Team
from pilots.models import (
    FactorScore,
    JournalEntry,
    Lesson,
    Phase,
    Pilot,
    Theme,
    WorkingFactor,
    Workshop,
)

K = JournalEntry.Kind

PILOTS = [
    {
        "team": "SWT Rozenprieel-Centrum",
        "title": "Collectiviseren in het Rozenprieel",
        "author": "eva",
        "goal": "Collectiviseren een vast onderdeel maken van de werkwijze van het hele team, "
        "in evenwicht met individuele hulp, en het team steviger in de wijk positioneren.",
        "track_short_term": "Ontvangstruimte in het buurthuis anders inrichten voor informeel "
        "contact; gesprekken met een twintigtal bewoners aan de hand van een vragenlijst.",
        "track_mindset": "Het hele team als eigenaar: zelf doelen, werkwijze en tempo bepalen; "
        "de groepsdynamiek van het team staat centraal.",
        "lead_group": "Het hele team, ondersteund door de opbouwwerker van Haarlem Effect.",
        "hours": 4,
        "organisation": "Haarlem Effect",
        "start_date": date(2017, 11, 1),
        "end_date": date(2018, 6, 30),
        "phases": [date(2017, 11, 1), date(2018, 4, 1), None, None],
        "journal": [
            (
                date(2017, 11, 14),
                K.EMOTION,
                "Scepsis in het team: wat is collectiviseren "
                "precies? De pilot voelt als 'van bovenaf'. Ook angst en schroom om te beginnen.",
            ),
            (
                date(2017, 11, 28),
                K.DECISION,
                "Het team is zelf eigenaar van de pilot en bepaalt "
                "doelen, werkwijze en tempo. Geen vooruitgeschoven trekkers.",
            ),
            (
                date(2018, 1, 16),
                K.OBSTACLE,
                "Het plan van aanpak 'Klimop' komt nog te vroeg; we leggen het voorlopig terzijde.",
            ),
            (
                date(2018, 1, 30),
                K.SUCCESS,
                "De ontvangstruimte in het buurthuis is anders "
                "ingericht: wachten wordt een informeel moment met een kopje koffie.",
            ),
            (
                date(2018, 3, 13),
                K.DECISION,
                "We beginnen met het onderzoeken van vragen en "
                "wensen van bewoners, met een vragenlijst en thema's uit het stakeholdersoverleg.",
            ),
            (
                date(2018, 4, 24),
                K.DECISION,
                "Na de eerste ronde vragen we gesprekspartners om "
                "namen van andere bewoners: het sneeuwbaleffect.",
            ),
            (
                date(2018, 5, 29),
                K.BREAKTHROUGH,
                "Eyeopener bij het uitwisselen: het houden van "
                "deze gesprekken is zelf al een eerste vorm van collectiviseren.",
            ),
            (
                date(2018, 5, 29),
                K.BREAKTHROUGH,
                "Tweede eyeopener: direct contact met bewoners, "
                "los van een hulpvraag, is op zichzelf al een belangrijke vangst.",
            ),
        ],
        "shared": {K.SUCCESS, K.BREAKTHROUGH},
        "lessons": [
            (
                Theme.SUPPORT_PROCESS,
                "Eigenaarschap is een absolute voorwaarde",
                "Zodra het team eigenaarschap voelt, gaat het zich ernaar gedragen en groeien "
                "manieren van doen uit tot spelregels van het team.",
                True,
            ),
            (
                Theme.COMMUNITY_WORK,
                "Extra opbouwwerkuren geven rugdekking",
                "De vier uur extra vanuit Haarlem Effect gaven het team vertrouwen om te "
                "brainstormen, omdat de uitvoering gesteund zou worden.",
                True,
            ),
            (
                Theme.INDIVIDUAL_COLLECTIVE,
                "Gesprekken zonder hulpverlenersbril",
                "Voor veel teamleden was het de eerste keer dat ze open en onbevangen met "
                "bewoners over de wijk spraken.",
                False,
            ),
        ],
        "scores": {
            Phase.DESIGN: {
                date(2017, 12, 15): "npnnppn",
                date(2018, 3, 15): "ppnpypp",
                date(2018, 6, 15): "yypyyyp",
            },
            Phase.CONTACT: {date(2018, 6, 15): "ppnypp"},
        },
    },
    {
        "team": "SWT Oost 1",
        "title": "De Wijkfabriek",
        "author": "sandra",
        "goal": "Een overkoepelend concept en keurmerk dat bewonersinitiatieven, sociaal "
        "ondernemers, winkeliers en kunstenaars in de Amsterdamse buurt en de Slachthuisbuurt "
        "verbindt, zodat hulpverlening creatiever en collectiever wordt.",
        "track_short_term": "Bestaande initiatieven met De Wijkfabriek verbinden en aansluiten "
        "bij de leefstraat en Bakkie in de buurt.",
        "track_mindset": "De Wijkfabriek gebruiken om een veranderende beroepspraktijk te "
        "realiseren: van problemen oplossen naar een creatievere manier van werken.",
        "lead_group": "Trekkersgroep van twee teamleden en de opbouwwerker van Dock; drie "
        "gangmakers schreven het plan van aanpak.",
        "hours": 4,
        "organisation": "Dock",
        "start_date": date(2017, 11, 1),
        "end_date": date(2018, 6, 30),
        "phases": [date(2017, 11, 1), date(2018, 4, 15), None, None],
        "journal": [
            (
                date(2017, 11, 7),
                K.DECISION,
                "De pilot wordt niet door het hele team maar door "
                "een trekkersgroep uitgewerkt: veel vacatures, te weinig capaciteit.",
            ),
            (
                date(2017, 12, 12),
                K.BREAKTHROUGH,
                "Na drie brainstormsessies staat De Wijkfabriek "
                "als ruw idee: gebouw, buurtkantine, website of keurmerk.",
            ),
            (
                date(2018, 1, 23),
                K.OBSTACLE,
                "Commitment is niet voor alle gangmakers "
                "vanzelfsprekend; gedeeld eigenaarschap vraagt voortdurend onderhoud.",
            ),
            (
                date(2018, 2, 20),
                K.OBSTACLE,
                "Geen agendaruimte: de pilot verzandt in vergaderen over in plaats van uitvoeren.",
            ),
            (
                date(2018, 3, 20),
                K.EMOTION,
                "Sluimerende tegenstelling in de trekkersgroep: klein "
                "beginnen of de beroepspraktijk veranderen.",
            ),
            (
                date(2018, 4, 17),
                K.MUNICIPALITY,
                "Contact met de gemeente verloopt moeizaam: "
                "verschil in tempo tussen de pilot en de beleidsmatige wens tot versnelling.",
            ),
            (
                date(2018, 5, 15),
                K.SUCCESS,
                "Het plan van aanpak is klaar, met SMART-doelen en de "
                "groepen bewoners waarmee we partnerschap willen.",
            ),
            (date(2018, 6, 19), K.DECISION, "Het project gaat terug naar het hele team."),
            (
                date(2018, 6, 26),
                K.BREAKTHROUGH,
                "Terug in het team komt de dynamiek terug: breed "
                "gedragen enthousiasme om De Wijkfabriek dit najaar uit te voeren.",
            ),
        ],
        "shared": {K.SUCCESS, K.BREAKTHROUGH},
        "lessons": [
            (
                Theme.TEAM_ROLE,
                "Een trekkersgroep vervangt geen teameigenaarschap",
                "Pas toen het project terugging naar het hele team ontstond gedragen enthousiasme.",
                True,
            ),
            (
                Theme.STAKEHOLDERS,
                "Zoek begrip voor elkaars tempo",
                "Tussen pilot en gemeente werd een temporiseringsverschil zichtbaar; maak tempo "
                "en verwachtingen vroeg bespreekbaar.",
                True,
            ),
            (
                Theme.SUPPORT_PROCESS,
                "Maak agendaruimte vrij",
                "Zonder verlegging van prioriteiten blijft het bij vergaderen.",
                False,
            ),
        ],
        "scores": {
            Phase.DESIGN: {
                date(2017, 12, 15): "pnpypnp",
                date(2018, 3, 15): "ppnppnp",
                date(2018, 6, 15): "yppyypy",
            },
        },
    },
    {
        "team": "SWT Noord",
        "title": "Stop de schulden",
        "author": "henk",
        "goal": "Mensen met schulden werken in een workshop met een vrijwilliger zelf aan hun "
        "schulden; het project doorontwikkelen, monitoren en verbinden met het sociaal wijkteam.",
        "track_short_term": "Workshop met wekelijkse terugkom-ochtenden in buurtcentrum De "
        "Horizon; folder 'Weg met geldstress' met Humanitas en Stem in de stad.",
        "track_mindset": "Samen met het sociaal wijkteam een gedragen, stedelijke aanpak rond "
        "schulden opbouwen.",
        "lead_group": "Initiatiefgroep van Dock, Humanitas en Stem in de stad; één lid van het "
        "sociaal wijkteam.",
        "hours": 0,
        "organisation": None,
        "start_date": date(2017, 11, 1),
        "end_date": date(2018, 6, 30),
        "phases": [date(2017, 11, 1), date(2017, 11, 20), date(2017, 12, 5), date(2018, 6, 12)],
        "journal": [
            (
                date(2017, 12, 5),
                K.SUCCESS,
                "Eerste traject in De Horizon gestart met vier deelnemers en vier vrijwilligers.",
            ),
            (
                date(2018, 1, 30),
                K.EMOTION,
                "Ook hier voelt de pilot als 'van bovenaf'; over en "
                "weer beelden, vooroordelen en argwaan tussen partners.",
            ),
            (
                date(2018, 2, 27),
                K.SUCCESS,
                "Folder 'Weg met geldstress' verschenen, samen met "
                "Humanitas en Stem in de stad; het aantal deelnemers groeit van vier naar tien.",
            ),
            (
                date(2018, 3, 27),
                K.OBSTACLE,
                "De folder wordt niet echt als instrument ingezet: "
                "een opbouwwerker als verbinder wordt gemist.",
            ),
            (
                date(2018, 4, 24),
                K.OBSTACLE,
                "Het teamlid dat het sociaal wijkteam "
                "vertegenwoordigde vertrekt; het team voelt zich geen mede-eigenaar.",
            ),
            (
                date(2018, 5, 22),
                K.MUNICIPALITY,
                "Partners zoeken samenwerking met de gemeente om hun slagkracht te vergroten.",
            ),
            (
                date(2018, 6, 12),
                K.DECISION,
                "Evaluatie na een half jaar: de aanpak lijkt te "
                "werken. We verkennen een tweede workshop in Schalkwijk.",
            ),
        ],
        "shared": {K.SUCCESS, K.DECISION},
        "lessons": [
            (
                Theme.SUPPORT_PROCESS,
                "Vier kleine successen",
                "Er werden successen geboekt maar nauwelijks gevierd; onvolkomenheden kregen meer "
                "aandacht.",
                True,
            ),
            (
                Theme.TEAM_ROLE,
                "Zet vanaf het begin in op gezamenlijk eigenaarschap",
                "Individuele vertegenwoordiging van het team draagt niet vanzelf bij aan gedragen "
                "eigenaarschap.",
                True,
            ),
            (
                Theme.COMMUNITY_WORK,
                "Een opbouwwerker als verbinder",
                "Door de folder enthousiasmerend te introduceren in wijk en stad had meer effect "
                "gesorteerd kunnen worden.",
                True,
            ),
        ],
        "scores": {
            Phase.EXECUTE: {
                date(2018, 1, 15): "ppypnpnn",
                date(2018, 6, 15): "ypyppyyn",
            },
        },
    },
]

SCORE_CODES = {"n": "not_yet", "p": "partly", "y": "yes"}


def _load_pilot(data, organisations, factors):
    team = Team.objects.get(name=data["team"])
    design, contact, execute, embed = data["phases"]
    pilot, _created = Pilot.objects.get_or_create(
        team=team,
        title=data["title"],
        defaults={
            "goal": data["goal"],
            "track_short_term": data["track_short_term"],
            "track_mindset": data["track_mindset"],
            "lead_group": data["lead_group"],
            "extra_capacity_hours": data["hours"],
            "extra_capacity_organisation": organisations.get(data["organisation"]),
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "design_started_on": design,
            "contact_started_on": contact,
            "execute_started_on": execute,
            "embed_started_on": embed,
        },
    )
    author = get_user_model().objects.filter(username=data["author"]).first()
    for day, kind, text in data["journal"]:
        JournalEntry.objects.get_or_create(
            pilot=pilot,
            date=day,
            kind=kind,
            text=text,
            defaults={"author": author, "shareable": kind in data["shared"]},
        )
    for theme, title, text, shareable in data["lessons"]:
        Lesson.objects.get_or_create(
            pilot=pilot,
            title=title,
            defaults={
                "theme": theme,
                "text": text,
                "shareable": shareable,
                "recorded_on": data["end_date"],
            },
        )
    for phase, moments in data["scores"].items():
        # The critical questions are the team's own reflection in words, not scores.
        scored = [factor for factor in factors[phase] if not factor.is_question]
        for day, codes in moments.items():
            for factor, code in zip(scored, codes, strict=False):
                FactorScore.objects.get_or_create(
                    pilot=pilot,
                    factor=factor,
                    scored_on=day,
                    defaults={"score": SCORE_CODES[code]},
                )
    return pilot


def load_pilots(stdout):
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    factors = {phase: list(WorkingFactor.objects.filter(phase=phase)) for phase in Phase}
    pilots = [_load_pilot(data, organisations, factors) for data in PILOTS]
    teams = {team.name: team for team in Team.objects.all()}
    citywide, created = Workshop.objects.get_or_create(
        team=None,
        title="Stedelijke werkplaats: de resultaten van de pilots collectiviseren",
        defaults={
            "date": date(2018, 9, 20),
            "residents_count": 3,
            "shared": "De drie pilots presenteren hun proces, strubbelingen, eyeopeners en "
            "lessen; de agenda bestaat uit wat de teams stedelijk hebben gedeeld.",
            "agreements": "Elk sociaal wijkteam kiest een eigen vorm van werkplaats. Over een "
            "half jaar een volgende stedelijke werkplaats, met actieve bewoners erbij.",
        },
    )
    if created:
        citywide.teams.set(pilot.team for pilot in pilots)
        citywide.organisations.set(
            organisations[name]
            for name in (
                "Dock",
                "Haarlem Effect",
                "Humanitas",
                "Stem in de stad",
                "Hogeschool Inholland",
                "Gemeente Haarlem",
            )
        )
    team_workshop, created = Workshop.objects.get_or_create(
        team=teams["SWT Oost 1"],
        title="Werkplaats: De Wijkfabriek terug in het team",
        defaults={
            "date": date(2018, 6, 26),
            "residents_count": 0,
            "shared": "De trekkersgroep deelt het plan van aanpak met het hele team.",
            "agreements": "De Wijkfabriek wordt dit najaar vanuit het hele team uitgevoerd.",
        },
    )
    if created:
        team_workshop.teams.set([teams["SWT Oost 1"]])
        team_workshop.organisations.set([organisations["Dock"]])
    stdout.write(f"Pilots: {len(pilots)} pilots with journals, lessons, scores and 2 workshops.")
