"""Benchmark data for resident conversations (`manage.py generate_data`, collectief/generate.py).

Per team: one questionnaire (four themes, two questions each), two rounds a year over five
years (the last one still open), residents in the team's neighbourhoods, and conversations
with three answers, sometimes a wish and sometimes a referral. A third of the referrals of a
round lead to a conversation in the next round with the named resident: the snowball chains.
City scale: 40,000 residents and 500,000 conversations.
"""

import datetime

from collectief.generate import END, STAMP, YEARS

ROUNDS_PER_YEAR = 2
THEMES = [
    ("Ontmoeten", [("Waar ontmoet u buren?", "single"), ("Wat mist u in de buurt?", "open")]),
    ("Meedoen", [("Wilt u iets doen voor de buurt?", "yes_no"), ("Wat kunt u goed?", "open")]),
    ("Geldzorgen", [("Hoe rond komt u?", "scale"), ("Weet u waar u hulp vindt?", "yes_no")]),
    ("Wonen", [("Hoe prettig woont u?", "scale"), ("Wat zou u veranderen?", "open")]),
]
CHOICES = ["Op straat", "Bij de school", "In het buurthuis", "Bij de supermarkt"]
OPEN_ANSWERS = [
    "Een plek om koffie te drinken met buren",
    "Meer groen en bankjes in de straat",
    "Ik kan goed koken en wil dat wel delen",
    "Hulp bij formulieren van de gemeente",
    "Iets voor de kinderen op woensdagmiddag",
]
WISHES = [
    "Een wandelgroep voor ouderen",
    "Samen de speeltuin opknappen",
    "Een repair café in het buurthuis",
    "Taalles voor nieuwe buren",
]
PLACES = ["doorstep", "community_centre", "street", "shop", "school"]
LATER_STATUSES = ["to_contact", "contacted", "declined", "unreachable"]


def _answer(ctx, kind):
    if kind == "single":
        return ctx.rng.choice(CHOICES)
    if kind == "yes_no":
        return ctx.rng.choice(["yes", "no"])
    if kind == "scale":
        return str(ctx.rng.randint(1, 5))
    return ctx.rng.choice(OPEN_ANSWERS)


def generate_interviews(ctx):
    from interviews.models import (
        Answer,
        Conversation,
        Question,
        Questionnaire,
        Referral,
        Resident,
        Round,
        Theme,
        Wish,
    )

    teams = ctx.shared["teams"]
    ids = {
        model: ctx.next_id(model)
        for model in (Questionnaire, Theme, Question, Round, Resident, Conversation, Referral)
    }

    def take(model):
        ids[model] += 1
        return ids[model] - 1

    rounds_per_team = ROUNDS_PER_YEAR * YEARS
    residents_per_team = ctx.per_team(40_000)
    conversations_per_round = max(1, ctx.per_team(500_000) // rounds_per_team)
    team_rounds = {}
    with ctx.batch("questionnaires, rounds", len(teams)) as batch:
        for team_id, hoods, _people in teams:
            questionnaire = take(Questionnaire)
            batch.add(
                Questionnaire,
                [
                    "id",
                    "team_id",
                    "lineage",
                    "version_number",
                    "name",
                    "introduction",
                    "created_at",
                ],
                (questionnaire, team_id, ctx.uuid(), 1, "Buurtgesprekken", "", STAMP),
            )
            questions = []
            for order, (title, items) in enumerate(THEMES):
                theme = take(Theme)
                batch.add(
                    Theme,
                    ["id", "questionnaire_id", "key", "title", "description"]
                    + ["from_stakeholder_meeting", "order"],
                    (theme, questionnaire, ctx.uuid(), title, "", False, order),
                )
                for position, (text, kind) in enumerate(items):
                    question = take(Question)
                    batch.add(
                        Question,
                        ["id", "theme_id", "key", "text", "kind", "choices", "order"],
                        (
                            question,
                            theme,
                            ctx.uuid(),
                            text,
                            kind,
                            "\n".join(CHOICES) if kind == "single" else "",
                            position,
                        ),
                    )
                    questions.append((question, theme, kind))
            rounds = []
            for number in range(1, rounds_per_team + 1):
                starts = END - datetime.timedelta(weeks=26 * (rounds_per_team - number + 1))
                ends = starts + datetime.timedelta(weeks=20)
                is_last = number == rounds_per_team
                if is_last:  # the current round stays open, for the logging benchmark
                    ends = END + datetime.timedelta(weeks=8)
                round_id = take(Round)
                batch.add(
                    Round,
                    ["id", "uuid", "team_id", "number", "starts_on", "ends_on", "goal"]
                    + ["questionnaire_id", "closed_at", "reflection_experiences"]
                    + ["reflection_surprises", "reflection_changes"],
                    (
                        round_id,
                        ctx.uuid(),
                        team_id,
                        number,
                        starts,
                        ends,
                        f"Ronde {number}: bewoners spreken over hun buurt",
                        questionnaire,
                        None if is_last else f"{ends} 17:00:00+00",
                        "" if is_last else "Bewoners vertelden graag over hun straat.",
                        "",
                        "",
                    ),
                )
                for hood in hoods:
                    batch.add(
                        Round.neighbourhoods.through,
                        ["round_id", "neighbourhood_id"],
                        (round_id, hood),
                    )
                rounds.append((round_id, starts, min(ends, END)))
            team_rounds[team_id] = (rounds, questions)
            batch.step()

    with ctx.batch("residents", residents_per_team * len(teams)) as batch:
        team_residents = {}
        for team_id, hoods, _people in teams:
            residents = []
            for _ in range(residents_per_team):
                resident, hood = take(Resident), ctx.rng.choice(hoods)
                batch.add(
                    Resident,
                    ["id", "uuid", "team_id", "name", "neighbourhood_id", "known_as_client"]
                    + ["contact_details", "consent_purpose", "created_at", "last_activity_at"],
                    (
                        resident,
                        ctx.uuid(),
                        team_id,
                        ctx.fake_name(),
                        hood,
                        ctx.rng.random() < 0.3,
                        "",
                        "",
                        STAMP,
                        STAMP,
                    ),
                )
                residents.append((resident, hood))
                batch.step()
            team_residents[team_id] = residents

    total = conversations_per_round * rounds_per_team * len(teams)
    with ctx.batch("conversations", total) as batch:
        for team_id, _hoods, people in teams:
            rounds, questions = team_rounds[team_id]
            _team_conversations(
                ctx,
                batch,
                take,
                team_id,
                people,
                rounds,
                questions,
                team_residents[team_id],
                conversations_per_round,
                models=(Conversation, Answer, Wish, Referral),
            )


def _team_conversations(
    ctx, batch, take, team_id, people, rounds, questions, residents, per_round, models
):
    Conversation, Answer, Wish, Referral = models
    rng = ctx.rng
    interviewers = [uid for uid, _role in people]
    conversation_columns = [
        "id", "uuid", "round_id", "team_id", "resident_id", "held_on", "neighbourhood_id",
        "place_kind", "partner_employee", "notes", "follow_up", "follow_up_what",
        "source_referral_id", "submission_token", "created_by_id", "created_at", "version",
        "chain_length", "chain_start_id", "quotable",
    ]  # fmt: skip
    referral_columns = [
        "id", "uuid", "conversation_id", "name", "how_to_reach", "relationship",
        "resident_id", "status", "version",
    ]  # fmt: skip
    # (referral, resident, chain length, chain start) of the previous round's referrals that
    # lead to a conversation now
    held = []
    for index, (round_id, starts, ends) in enumerate(rounds):
        is_last = index == len(rounds) - 1
        next_held = []
        for _ in range(per_round):
            conversation = take(Conversation)
            if held:
                source, (resident, hood), length, start = held.pop()
            else:
                source, (resident, hood), length, start = None, rng.choice(residents), 1, None
            duo = rng.sample(interviewers, 2)
            batch.add(
                Conversation,
                conversation_columns,
                (
                    conversation, ctx.uuid(), round_id, team_id, resident,
                    ctx.day_between(starts, ends),
                    hood, rng.choice(PLACES), "", "", False, "", source, ctx.uuid(), duo[0],
                    STAMP, 0, length, start, conversation % 3 != 2,
                ),
            )  # fmt: skip
            for user in duo:
                batch.add(
                    Conversation.interviewers.through,
                    ["conversation_id", "user_id"],
                    (conversation, user),
                )
            for question, _theme, kind in rng.sample(questions, 3):
                batch.add(
                    Answer,
                    ["conversation_id", "question_id", "value"],
                    (conversation, question, _answer(ctx, kind)),
                )
            if rng.random() < 0.3:
                wish = rng.choice(WISHES)  # names no one: the quote is the text
                batch.add(
                    Wish,
                    ["conversation_id", "theme_id", "text", "quote"],
                    (conversation, rng.choice(questions)[1], wish, wish),
                )
            if rng.random() < 0.5:
                referral = take(Referral)
                named = rng.choice(residents)
                leads_on = (
                    not is_last
                    and len(next_held) < per_round  # each held referral has its conversation
                    and named[0] != resident
                    and rng.random() < 0.6
                )
                if leads_on:
                    next_held.append((referral, named, length + 1, start or conversation))
                batch.add(
                    Referral,
                    referral_columns,
                    (
                        referral, ctx.uuid(), conversation, ctx.fake_name(),
                        "via de buren", "buurvrouw", named[0] if leads_on else None,
                        "held" if leads_on else rng.choice(LATER_STATUSES), 0,
                    ),
                )  # fmt: skip
            batch.step()
        held = next_held
