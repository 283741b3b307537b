"""Demo data (§2.1): the Rozenprieel questionnaire, round 1 with twenty conversations in duos,
round 2 started from their referrals; an open round for SWT Oost 1.

All residents are fictional (nicknames only). Conversations are logged through the same
service as the form, with fixed submission tokens, so a second run creates nothing.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from collectief.models import Neighbourhood, Team
from interviews import services
from interviews.models import (
    Conversation,
    Question,
    Questionnaire,
    Referral,
    Resident,
    Round,
    Theme,
)

K = Question.Kind
# title, description, from the stakeholder meeting, [(question, kind, choices)]
THEMES = [
    (
        "Zorg en zelfzorg",
        "Hoe redden bewoners zich, en wie helpt wie?",
        False,
        [
            ("Bij wie kunt u terecht als u hulp nodig hebt?", K.OPEN, ""),
            ("Helpt u zelf weleens een buurtgenoot?", K.YES_NO, ""),
        ],
    ),
    (
        "Gezondheid",
        "Hoe gezond voelen bewoners zich?",
        False,
        [("Hoe gezond voelt u zich?", K.SCALE, "")],
    ),
    (
        "Leefbaarheid",
        "Schoon, heel en prettig wonen in de buurt.",
        True,
        [
            ("Hoe prettig woont u in de buurt?", K.SCALE, ""),
            ("Wat zou u in de buurt willen verbeteren?", K.OPEN, ""),
        ],
    ),
    (
        "Opvoeden",
        "Opgroeien en opvoeden in de Rozenprieel.",
        False,
        [("Zijn er genoeg plekken voor kinderen?", K.YES_NO, "")],
    ),
    (
        "Veiligheid",
        "Voelen bewoners zich veilig op straat en thuis?",
        True,
        [
            (
                "Waar voelt u zich minder veilig?",
                K.MULTIPLE,
                "'s Avonds op straat\nIn het portiek\nBij het plein\nNergens",
            )
        ],
    ),
    (
        "Ontmoetingsplekken",
        "Waar komen bewoners elkaar tegen?",
        False,
        [
            (
                "Waar ontmoet u buurtgenoten het meest?",
                K.SINGLE,
                "Op straat\nIn het buurthuis\nIn de winkel\nBij school",
            )
        ],
    ),
]

NAMES = [
    "Ans",
    "Kees",
    "Mevrouw J.",
    "Bram",
    "Yasmina",
    "Opa Henk",
    "Tineke",
    "Rachid",
    "Sjaan",
    "Dewi",
    "Meneer B.",
    "Latifa",
    "Gert",
    "Nel",
    "Samira",
    "Joop",
    "Fenna",
    "Hamza",
    "Riet",
    "Koos",
]
ROUND_TWO_NAMES = ["Truus", "Wessel", "Aisha", "Jan-Willem", "Loes", "Ömer", "Corrie", "Mo"]
WISHES = [
    ("Ontmoetingsplekken", "Een plek om samen koffie te drinken, dichtbij."),
    ("Leefbaarheid", "Meer groen op het plein en minder zwerfvuil."),
    ("Zorg en zelfzorg", "Iemand die helpt met brieven van instanties."),
    ("Veiligheid", "Betere verlichting in de steegjes."),
    ("Opvoeden", "Een speelplek waar ouders elkaar ook zien."),
    ("Gezondheid", "Samen wandelen, zoals de wandelclub."),
]
PLACES = ["doorstep", "community_centre", "street", "shop"]
DUOS = [("fatima", "lotte"), ("mohammed", "pieter"), ("lotte", "mohammed"), ("pieter", "fatima")]
DEMO_NAMESPACE = uuid.UUID("5b1c0c2e-7d42-4c55-9a57-1e0d6a4f3b21")


def _token(label):
    return uuid.uuid5(DEMO_NAMESPACE, label)


def _questionnaire(team, name, themes):
    questionnaire, _created = Questionnaire.objects.get_or_create(
        team=team, name=name, version_number=1
    )
    for order, (title, description, from_meeting, questions) in enumerate(themes, start=1):
        theme, _created = Theme.objects.get_or_create(
            questionnaire=questionnaire,
            title=title,
            defaults={
                "description": description,
                "from_stakeholder_meeting": from_meeting,
                "order": order,
            },
        )
        for q_order, (text, kind, choices) in enumerate(questions, start=1):
            Question.objects.get_or_create(
                theme=theme,
                text=text,
                defaults={"kind": kind, "choices": choices, "order": q_order},
            )
    return questionnaire


def _round(team, number, questionnaire, starts_on, ends_on, goal, neighbourhoods, **extra):
    round_, created = Round.objects.get_or_create(
        team=team,
        number=number,
        defaults={
            "questionnaire": questionnaire,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "goal": goal,
            **extra,
        },
    )
    if created:
        round_.neighbourhoods.set(neighbourhoods)
    return round_


def _answers(questionnaire, index):
    answers = {}
    for theme in questionnaire.themes.all():
        for question in theme.questions.all():
            if (index + theme.order) % 3 == 0:
                continue  # not every theme comes up in every conversation
            if question.kind == K.SCALE:
                value = str(2 + (index + question.order) % 4)
            elif question.kind == K.YES_NO:
                value = "yes" if index % 2 else "no"
            elif question.kind in (K.SINGLE, K.MULTIPLE):
                choices = question.choice_list
                value = choices[index % len(choices)]
            else:
                value = (
                    "De buren, en de huisarts als het echt moet."
                    if index % 2
                    else ("Het is hier gezellig, maar het plein kan beter.")
                )
            answers[question] = value
    return answers


def _log(round_, index, name, neighbourhood, duo, referrals, source=None, known=None):
    users = {user.username: user for user in get_user_model().objects.filter(username__in=duo)}
    themes = {theme.title: theme for theme in round_.questionnaire.themes.all()}
    theme_title, wish = WISHES[index % len(WISHES)]
    data = services.ConversationInput(
        round=round_,
        held_on=round_.starts_on + datetime.timedelta(days=2 * index % 50),
        neighbourhood=neighbourhood,
        place_kind=PLACES[index % len(PLACES)],
        interviewers=[users[username] for username in duo],
        resident=known,
        new_resident_name="" if known else name,
        known_as_client=index % 4 == 0,
        notes="Fictieve bewoner (demodata).",
        answers=_answers(round_.questionnaire, index),
        wishes={themes[theme_title]: wish},
        quotable=index % 3 != 2,  # most residents agree to be quoted without their name
        referrals=[
            {"name": ref, "how_to_reach": "Via de buurvrouw", "relationship": relation}
            for ref, relation in referrals
        ],
        source_referral=source,
    )
    conversation, _created = services.conversation_log(
        data=data, user=users[duo[0]], submission_token=_token(f"{round_.pk}-{index}-{name}")
    )
    return conversation


def _rozenprieel():
    team = Team.objects.get(name="SWT Rozenprieel-Centrum")
    rozenprieel = Neighbourhood.objects.get(name="Rozenprieel")
    centrum = Neighbourhood.objects.get(name="Centrum")
    questionnaire = _questionnaire(team, "Vragen en wensen van bewoners", THEMES)
    # The pilot's journal: on 13 March 2018 the team decides to start the conversations; the
    # contact phase starts on 1 April; the experiences are exchanged on 29 May; round 2 (the
    # snowball) runs in June, before the pilot ends on 30 June.
    round_one = _round(
        team,
        1,
        questionnaire,
        datetime.date(2018, 4, 3),
        datetime.date(2018, 5, 25),
        "De wijk leren kennen: vragen en wensen van bewoners, zonder hulpverlenersbril.",
        [rozenprieel, centrum],
        closed_at=timezone.make_aware(datetime.datetime(2018, 5, 29, 16, 0)),
        reflection_experiences="In duo's praten werkt: je hoort meer en kunt het samen duiden.",
        reflection_surprises="De gesprekken zelf brengen bewoners al met elkaar in contact.",
        reflection_changes="Voortaan vragen we iedereen om namen voor een volgende ronde.",
    )
    round_two = _round(
        team,
        2,
        questionnaire,
        datetime.date(2018, 5, 30),
        datetime.date(2018, 6, 29),
        "Sneeuwbal: in gesprek met de bewoners die in ronde 1 werden genoemd.",
        [rozenprieel, centrum],
    )
    # Round 1: twenty conversations; most residents name one or two others.
    first = []
    for index, name in enumerate(NAMES):
        refs = []
        if index < len(ROUND_TWO_NAMES):
            refs.append((ROUND_TWO_NAMES[index], "buren"))
        if index % 3 == 0:
            refs.append((f"{NAMES[(index + 7) % len(NAMES)]}", "kennen elkaar van het plein"))
        place = rozenprieel if index % 4 else centrum
        first.append(_log(round_one, index, name, place, DUOS[index % 4], refs))
    # Round 2: the named residents, some of whom name others again, and one names the person
    # who named them (a cycle: Ans → Truus → Ans).
    for index, name in enumerate(ROUND_TWO_NAMES[:6]):
        source = Referral.objects.get(conversation=first[index], name=name)
        refs = [("Ans", "dochter van een vriendin")] if index == 0 else []
        if index in (1, 2):
            refs.append((("Bertus", "Gonny")[index - 1], "zelfde portiek"))
        conversation = _log(
            round_two, 100 + index, name, rozenprieel, DUOS[index % 4], refs, source=source
        )
        if index == 0:
            back = conversation.referrals.get(name="Ans")
            ans = Resident.objects.get(team=team, name="Ans")
            if back.resident_id is None:
                services.referral_match(referral=back, resident=ans)
    # Within round 2 the snowball rolls on: Wessel's neighbour Bertus (a chain of three), and
    # Ans, named back by Truus, is spoken to again (the chain view marks her return).
    wessel = Conversation.objects.get(round=round_two, resident__name="Wessel")
    _log(
        round_two,
        110,
        "Bertus",
        rozenprieel,
        DUOS[1],
        [],
        source=wessel.referrals.get(name="Bertus"),
    )
    truus = Conversation.objects.get(round=round_two, resident__name="Truus")
    back = truus.referrals.get(name="Ans")
    _log(round_two, 111, "Ans", rozenprieel, DUOS[0], [], source=back, known=back.resident)
    for index, status in ((6, Referral.Status.CONTACTED), (7, Referral.Status.DECLINED)):
        referral = Referral.objects.get(conversation=first[index], name=ROUND_TWO_NAMES[index])
        if referral.status != status:
            referral.status = status
            referral.save()


def _oost():
    team = Team.objects.get(name="SWT Oost 1")
    questionnaire = _questionnaire(
        team,
        "Wat speelt er in de buurt?",
        [THEMES[0], THEMES[2], THEMES[4], THEMES[5]],
    )
    today = timezone.localdate()
    _round(
        team,
        1,
        questionnaire,
        today - datetime.timedelta(days=30),
        today + datetime.timedelta(days=60),
        "Bewoners van de Amsterdamse buurt en Slachthuisbuurt vragen wat zij willen oppakken.",
        list(team.neighbourhoods.all()),
    )


def load_interviews(stdout):
    _rozenprieel()
    _oost()
    stdout.write("Interviews: Rozenprieel rounds 1 and 2, an open round for SWT Oost 1.")
