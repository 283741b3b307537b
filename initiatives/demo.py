"""Demo data: De Wijkfabriek (SWT Oost 1), the walking club of Rozenprieel and Stop de schulden
(§2.2, §2.3). Idempotent: everything is get_or_create, files get fixed names in storage."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from collectief.models import Neighbourhood, Organisation, Team
from initiatives.models import (
    Activity,
    Initiative,
    InitiativePartner,
    LabelApplication,
    LabelProgramme,
    Material,
    Participant,
    Quadrant,
    Session,
    StatusChange,
    Success,
)
from interviews.models import Theme, Wish

K = Initiative.Kind
A = Initiative.Approach
S = Initiative.Status


def leaflet_pdf(title, lines):
    """A small, valid one-page PDF written by hand (no PDF library needed)."""
    text = [f"BT /F1 20 Tf 72 770 Td ({title}) Tj ET"]
    for index, line in enumerate(lines):
        text.append(f"BT /F1 12 Tf 72 {730 - 18 * index} Td ({line}) Tj ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def badge_png():
    """The Wijkfabriek badge: a simple round mark, drawn at load time."""
    image = Image.new("RGBA", (160, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 156, 156), fill=(11, 79, 108, 255))
    draw.rectangle((46, 62, 114, 112), fill=(255, 191, 71, 255))
    draw.polygon(
        [(46, 62), (66, 42), (66, 62), (86, 42), (86, 62), (106, 42), (114, 62)],
        fill=(255, 191, 71, 255),
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _stored(name, make_bytes):
    """The storage name of a demo file, written once (a second run reuses it)."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(make_bytes()))
    return name


def _initiative(team, name, *, neighbourhoods, partners=(), started_by=(), **fields):
    initiative, created = Initiative.objects.get_or_create(team=team, name=name, defaults=fields)
    if created:
        initiative.neighbourhoods.set(neighbourhoods)
        initiative.organisation_starters.set(started_by)
        for organisation, role in partners:
            InitiativePartner.objects.create(
                initiative=initiative, organisation=organisation, role=role
            )
        StatusChange.objects.create(
            initiative=initiative, to_status=initiative.status, changed_on=initiative.status_since
        )
    return initiative


def _grant(programme, initiative, applied_on, decided_by, motivation):
    LabelApplication.objects.get_or_create(
        programme=programme,
        initiative=initiative,
        defaults={
            "status": LabelApplication.Status.GRANTED,
            "motivation": motivation,
            "applied_on": applied_on,
            "decided_on": applied_on + datetime.timedelta(days=14),
            "decided_by": decided_by,
        },
    )


def _sessions(activity, rows):
    """rows: (date, participants, volunteers, professionals, registered pseudonyms)."""
    for date, participants, volunteers, professionals, names in rows:
        session, created = Session.objects.get_or_create(
            activity=activity,
            date=date,
            defaults={
                "participants": participants,
                "volunteers": volunteers,
                "professionals": professionals,
            },
        )
        if created and names:
            session.attendees.set(
                Participant.objects.get_or_create(initiative=activity.initiative, pseudonym=name)[0]
                for name in names
            )


def load_initiatives(stdout):
    User = get_user_model()
    teams = {t.name: t for t in Team.objects.filter(name__startswith="SWT")}
    hood = {n.name: n for n in Neighbourhood.objects.all()}
    org = {o.name: o for o in Organisation.objects.all()}
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=["sandra", "youssef", "fatima", "naima", "henk", "ruud"]
        )
    }
    oost, rozenprieel, noord = (
        teams["SWT Oost 1"],
        teams["SWT Rozenprieel-Centrum"],
        teams["SWT Noord"],
    )

    wijkfabriek, created = LabelProgramme.objects.get_or_create(
        name="De Wijkfabriek",
        defaults={
            "team": oost,
            "description": (
                "Het keurmerk van de Amsterdamse buurt en de Slachthuisbuurt: "
                "bewonersinitiatieven, sociaal ondernemers, winkeliers en kunstenaars die de "
                "buurt samen sterker maken."
            ),
            "criteria": (
                "Bewoners doen zelf mee en bepalen mee; het initiatief is open voor de hele buurt; "
                "het verbindt mensen die elkaar anders niet zouden ontmoeten."
            ),
        },
    )
    if created:
        wijkfabriek.badge.name = _stored("labels/demo-wijkfabriek.png", badge_png)
        wijkfabriek.save(update_fields=["badge"])

    leefstraat = _initiative(
        oost,
        "Leefstraat Amsterdamse buurt",
        neighbourhoods=[hood["Amsterdamse buurt"]],
        description=(
            "Bewoners maken hun straat een zomer lang autovrij: tafels, planten en "
            "spelende kinderen."
        ),
        kind=K.EXISTING_APPROACH,
        approach=A.LEEFSTRAAT,
        resident_starters="Mevrouw J., Kees",
        contact_person=people["youssef"],
        quadrant=Quadrant.COLLECTIVE_ACTIVATING,
        status=S.RUNNING,
        status_since=datetime.date(2018, 5, 1),
        started_on=datetime.date(2018, 5, 1),
        partners=[(org["Dock"], "Opbouwwerk: vergunning en materiaal")],
    )
    bakkie = _initiative(
        oost,
        "Bakkie in de Slachthuisbuurt",
        neighbourhoods=[hood["Slachthuisbuurt"]],
        description="Elke woensdagochtend koffie op het plein; wie langskomt, ontmoet buren.",
        kind=K.EXISTING_APPROACH,
        approach=A.BAKKIE,
        resident_starters="Anja",
        contact_person=people["ruud"],
        quadrant=Quadrant.COLLECTIVE_ACTIVATING,
        status=S.RUNNING,
        status_since=datetime.date(2018, 3, 7),
        started_on=datetime.date(2018, 3, 7),
        partners=[(org["Protestantse Gemeente Haarlem-Oost"], "Stelt de kerkzaal open bij regen")],
    )
    artists = _initiative(
        oost,
        "Kunstenaars van de Slachthuisbuurt",
        neighbourhoods=[hood["Slachthuisbuurt"], hood["Amsterdamse buurt"]],
        description=(
            "Kunstenaars uit de buurt openen hun ateliers en maken met bewoners een "
            "muurschildering."
        ),
        kind=K.RESIDENT_INITIATIVE,
        resident_starters="Bram, Yasmina",
        contact_person=people["youssef"],
        quadrant=Quadrant.COLLECTIVE_ACTIVATING,
        status=S.STARTING,
        status_since=datetime.date(2018, 9, 1),
        started_on=datetime.date(2018, 9, 1),
        started_by=[org["Wijkraad Amsterdamse buurt"]],
    )
    for initiative, applied in (
        (leefstraat, datetime.date(2018, 6, 1)),
        (bakkie, datetime.date(2018, 6, 1)),
        (artists, datetime.date(2018, 9, 15)),
    ):
        _grant(wijkfabriek, initiative, applied, people["sandra"], "Bewoners trekken het zelf.")

    walking = _initiative(
        rozenprieel,
        "Wandelclub Rozenprieel",
        neighbourhoods=[hood["Rozenprieel"]],
        description="Een wekelijkse wandeling door de buurt; bestond al voor de pilot.",
        kind=K.CLUB,
        approach=A.WALKING_CLUB,
        resident_starters="Truus",
        contact_person=people["fatima"],
        quadrant=Quadrant.COLLECTIVE_ACTIVATING,
        status=S.RUNNING,
        status_since=datetime.date(2017, 3, 1),
        started_on=datetime.date(2017, 3, 1),
        partners=[(org["Haarlem Effect"], "Opbouwwerk")],
    )
    walk, _ = Activity.objects.get_or_create(
        initiative=walking,
        name="Wandeling op donderdag",
        defaults={"recurrence": Activity.Recurrence.WEEKLY, "location": "Start bij het buurthuis"},
    )
    _sessions(
        walk,
        [
            (datetime.date(2018, 1, 4) + datetime.timedelta(weeks=week), 7 + week % 3, 1, 0, ())
            for week in range(8)
        ],
    )

    debts = _initiative(
        noord,
        "Stop de schulden",
        neighbourhoods=[hood["Noord-Noord"]],
        description=(
            "Workshop waarin deelnemers onder begeleiding van een vrijwilliger zelf aan de slag "
            "gaan met hun schulden: administratie ordenen, budget- en schuldenoverzicht maken."
        ),
        kind=K.WORKSHOP,
        contact_person=people["naima"],
        quadrant=Quadrant.COLLECTIVE_HELPING,
        status=S.RUNNING,
        status_since=datetime.date(2017, 12, 5),
        started_on=datetime.date(2017, 12, 5),
        started_by=[org["Dock"]],
        partners=[
            (org["Dock"], "Opbouwwerk: organisatie en werving"),
            (org["Humanitas"], "Vrijwilligers die deelnemers begeleiden"),
            (org["Stem in de stad"], "Schuldhulp en mee-denken over de folder"),
        ],
    )
    mornings, _ = Activity.objects.get_or_create(
        initiative=debts,
        name="Terugkom-ochtend",
        defaults={
            "recurrence": Activity.Recurrence.WEEKLY,
            "location": "Buurtcentrum De Horizon",
        },
    )
    # From 4 participants and 4 volunteers in December 2017 to 10 after the leaflet.
    growth = [4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 8, 9, 10, 10, 10, 10]
    _sessions(
        mornings,
        [
            (
                datetime.date(2017, 12, 5) + datetime.timedelta(weeks=week),
                count,
                4 if week < 8 else 5,
                1,
                [f"Deelnemer {n}" for n in range(1, count + 1)],
            )
            for week, count in enumerate(growth)
        ],
    )
    leaflet = leaflet_pdf(
        "Weg met geldstress",
        [
            "Stop de schulden: elke dinsdagochtend in buurtcentrum De Horizon.",
            "Humanitas: hulp bij de thuisadministratie.",
            "Stem in de stad: schuldhulp en een warme maaltijd.",
            "Gemeente Haarlem: schuldhulpverlening.",
        ],
    )
    Material.objects.get_or_create(
        initiative=debts,
        title="Folder “Weg met geldstress”",
        defaults={
            "file": _stored("materials/demo-weg-met-geldstress.pdf", lambda: leaflet),
            "content_type": "application/pdf",
            "size": len(leaflet),
        },
    )
    _initiative(
        teams["SWT Schalkwijk"],
        "Stop de schulden Schalkwijk",
        neighbourhoods=[hood["Boerhaavewijk"]],
        description="Een tweede workshop naar het voorbeeld van Noord-Noord wordt verkend.",
        kind=K.WORKSHOP,
        quadrant=Quadrant.COLLECTIVE_HELPING,
        status=S.IDEA,
        status_since=datetime.date(2018, 6, 1),
        partners=[(org["Humanitas"], "Denkt mee over vrijwilligers")],
    )

    Success.objects.get_or_create(
        team=noord,
        title="Tien deelnemers op de terugkom-ochtend",
        defaults={
            "initiative": debts,
            "happened_on": datetime.date(2018, 3, 6),
            "involved": "Deelnemers, vrijwilligers van Humanitas, Naima",
            "celebrated_on": datetime.date(2018, 3, 13),
            "celebrated_how": "Taart bij de koffie in De Horizon",
            "shareable": True,
            "recorded_by": people["naima"],
        },
    )
    Success.objects.get_or_create(
        team=oost,
        title="Drie initiatieven dragen het Wijkfabriek-logo",
        defaults={
            "initiative": None,
            "happened_on": datetime.date(2018, 9, 29),
            "involved": "Trekkersgroep, Dock",
            "shareable": True,
            "recorded_by": people["sandra"],
        },
    )
    Success.objects.get_or_create(
        team=oost,
        title="Eerste zaterdag van de leefstraat",
        defaults={
            "initiative": leefstraat,
            "happened_on": datetime.date(2018, 5, 5),
            "involved": "Mevrouw J., Kees en twintig buren",
            "recorded_by": people["youssef"],
        },
    )
    stdout.write(f"Initiatives: {Initiative.objects.count()} initiatives, label {wijkfabriek}.")


def load_links(stdout):
    """What the demo initiatives answer (runs after the conversations and collective issues):
    Stop de schulden answers "Geldstress in Noord-Noord"; in the Rozenprieel, Fatima starts
    "Bakkie op het plein" from the wishes for a place to drink coffee (journeys.md)."""
    noord = Team.objects.filter(name="SWT Noord").first()
    rozenprieel = Team.objects.filter(name="SWT Rozenprieel-Centrum").first()
    debts = Initiative.objects.filter(team=noord, name="Stop de schulden").first()
    if debts is not None:
        _link(
            debts,
            "collective_issues",
            debts.team.collective_issues.filter(title="Geldstress in Noord-Noord"),
        )
    if rozenprieel is None:
        return
    meeting_places = Theme.objects.filter(
        questionnaire__team=rozenprieel, title="Ontmoetingsplekken"
    )
    coffee = Wish.objects.filter(
        conversation__round__team=rozenprieel,
        theme__title="Ontmoetingsplekken",
        text__icontains="koffie",
    )
    if not coffee.exists():
        return
    fatima = get_user_model().objects.filter(username="fatima").first()
    square = _initiative(
        rozenprieel,
        "Bakkie op het plein",
        neighbourhoods=list(Neighbourhood.objects.filter(name="Rozenprieel")),
        description="Koffie op het plein, voor wie in de gesprekken vroeg om een plek dichtbij.",
        kind=K.EXISTING_APPROACH,
        approach=A.BAKKIE,
        contact_person=fatima,
        quadrant=Quadrant.COLLECTIVE_ACTIVATING,
        status=S.STARTING,
        status_since=datetime.date(2018, 4, 4),
        started_on=datetime.date(2018, 4, 4),
    )
    _link(square, "themes", meeting_places)
    _link(square, "wishes", coffee)
    Success.objects.get_or_create(
        team=rozenprieel,
        title="Twaalf buurtbewoners bij het eerste bakkie op het plein",
        defaults={
            "initiative": square,
            "happened_on": datetime.date(2018, 4, 4),
            "involved": "Bewoners uit de gesprekken, Fatima",
            "shareable": True,
            "recorded_by": fatima,
        },
    )
    stdout.write("Initiatives linked to conversation themes, wishes and collective issues.")


def _link(initiative, field_name, wanted):
    """Set a link only when it differs, so a second run writes no history rows."""
    related = getattr(initiative, field_name)
    wanted = list(wanted)
    if set(related.values_list("pk", flat=True)) != {item.pk for item in wanted}:
        related.set(wanted)
