"""Demo data: the shared agenda of Oost with two priorities around De Wijkfabriek, and the
stakeholder meetings whose themes fed the Rozenprieel and Oost 1 questionnaires (§2.1, §5.2)."""

import datetime

from collectief.models import Area, Neighbourhood, SignalTheme, Team
from initiatives.models import Initiative
from interviews import services as interview_services
from interviews.models import SuggestedTheme
from pilots import agenda
from pilots.models import AgendaPriority, StakeholderMeeting

PRIORITIES = [
    {
        "title": "Voorzieningen in de Slachthuisbuurt bereiken meer bewoners",
        "neighbourhood": "Slachthuisbuurt",
        "why": (
            "Het Broederhuis, De Hamelink en Kindervreugd hebben een beperkt bereik; bewoners "
            "voelen zich niet gehoord (§2.2)."
        ),
        "carried_by": (
            "Opbouwwerk (Dock) met de beheerders; het team verwijst door; de gebiedsverbinder "
            "brengt de wijkraad aan tafel."
        ),
        "planned": "Drie open middagen in de voorzieningen onder de vlag van De Wijkfabriek.",
        "progress": AgendaPriority.Progress.UNDER_WAY,
        "progress_note": "Eerste open middag in De Hamelink gehouden.",
        "signal_themes": ["Eenzaamheid"],
        "initiatives": ["Bakkie in de Slachthuisbuurt", "Kunstenaars van de Slachthuisbuurt"],
    },
    {
        "title": "De Wijkfabriek spreekt ook winkeliers en kunstenaars aan",
        "neighbourhood": None,
        "why": (
            "De Wijkfabriek moet ook aantrekkelijk zijn voor winkeliers, kunstenaars en bewoners "
            "die nog niet actief zijn (§2.2)."
        ),
        "carried_by": "Teamleider en opbouwwerker van SWT Oost 1; winkeliersvereniging; bewoners.",
        "planned": "Publieke Wijkfabriek-pagina delen via de participatiewebsite van de gemeente.",
        "progress": AgendaPriority.Progress.PLANNED,
        "progress_note": "",
        "signal_themes": ["Geldstress"],
        "initiatives": ["Leefstraat Amsterdamse buurt", "Kunstenaars van de Slachthuisbuurt"],
    },
]

MEETINGS = [
    {
        "area": "Centrum",
        "neighbourhood": "Rozenprieel",
        "held_on": datetime.date(2017, 11, 14),
        "attended": (
            "Gebiedsverbinder Centrum, wijkagent, Elan Wonen, Haarlem Effect, twee bewoners van "
            "de bewonersvereniging"
        ),
        "themes_raised": "Leefbaarheid\nVeiligheid\nEenzaamheid onder ouderen",
        "questionnaire": ("SWT Rozenprieel-Centrum", "Vragen en wensen van bewoners"),
        # The first two became themes of the questionnaire; the third still waits.
        "accepted": ["Leefbaarheid", "Veiligheid"],
    },
    {
        "area": "Oost",
        "neighbourhood": "Slachthuisbuurt",
        "held_on": datetime.date(2018, 9, 20),
        "attended": (
            "Gebiedsverbinder Oost, Dock, wijkraad, beheerders van Broederhuis en De Hamelink"
        ),
        "themes_raised": "Bereik van buurtvoorzieningen\nGehoord worden door de gemeente",
        "questionnaire": None,
        "accepted": [],
    },
]


def _priorities():
    oost = Area.objects.get(name="Oost")
    team = Team.objects.get(name="SWT Oost 1")
    for order, data in enumerate(PRIORITIES, start=1):
        priority, created = AgendaPriority.objects.get_or_create(
            area=oost,
            title=data["title"],
            defaults={
                "neighbourhood": Neighbourhood.objects.filter(name=data["neighbourhood"]).first()
                if data["neighbourhood"]
                else None,
                "why": data["why"],
                "carried_by": data["carried_by"],
                "planned": data["planned"],
                "progress": data["progress"],
                "progress_note": data["progress_note"],
                "order": order,
            },
        )
        if created:
            priority.signal_themes.set(
                SignalTheme.objects.filter(team=team, name__in=data["signal_themes"])
            )
            priority.initiatives.set(Initiative.objects.filter(name__in=data["initiatives"]))


def _meetings():
    for data in MEETINGS:
        meeting, created = StakeholderMeeting.objects.get_or_create(
            area=Area.objects.get(name=data["area"]),
            held_on=data["held_on"],
            defaults={
                "neighbourhood": Neighbourhood.objects.get(name=data["neighbourhood"]),
                "attended": data["attended"],
                "themes_raised": data["themes_raised"],
            },
        )
        if not created or not data["questionnaire"]:
            continue
        team_name, name = data["questionnaire"]
        questionnaire = agenda.latest_questionnaires([meeting.area_id]).get(
            team__name=team_name, name=name
        )
        agenda.meeting_themes_send(meeting=meeting, questionnaire=questionnaire)
        for suggestion in interview_services.open_suggestions(questionnaire).filter(
            title__in=data["accepted"]
        ):
            # These themes are already in the questionnaire (from_stakeholder_meeting).
            suggestion.status = SuggestedTheme.Status.ACCEPTED
            suggestion.save(update_fields=["status"])


def load_agenda(stdout):
    _priorities()
    _meetings()
    stdout.write("Agenda: two priorities for Oost, stakeholder meetings in Centrum and Oost.")
