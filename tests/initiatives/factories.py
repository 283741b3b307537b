import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from initiatives.demo import leaflet_pdf
from initiatives.models import (
    Activity,
    Initiative,
    LabelApplication,
    LabelProgramme,
    Material,
    Quadrant,
    Session,
    SocialMapEntry,
    Success,
)
from tests.factories import NeighbourhoodFactory, TeamFactory

START = datetime.date(2018, 1, 2)


def png_bytes(size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Initiatief {n}")
    kind = Initiative.Kind.RESIDENT_INITIATIVE
    quadrant = Quadrant.COLLECTIVE_ACTIVATING
    status = Initiative.Status.RUNNING
    status_since = START
    started_on = START


class LabelProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabelProgramme

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Label {n}")
    badge = factory.django.FileField(filename="badge.png", data=png_bytes())


class LabelApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabelApplication

    programme = factory.SubFactory(LabelProgrammeFactory)
    initiative = factory.SubFactory(
        InitiativeFactory, team=factory.SelfAttribute("..programme.team")
    )
    applied_on = START


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Activiteit {n}")
    recurrence = Activity.Recurrence.WEEKLY


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory)
    date = START
    participants = 4
    volunteers = 4


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    initiative = factory.SubFactory(InitiativeFactory)
    title = "Folder"
    file = factory.LazyFunction(lambda: ContentFile(leaflet_pdf("Folder", []), name="folder.pdf"))
    content_type = "application/pdf"
    size = 100


class SuccessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Success

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Succes {n}")
    happened_on = START
    involved = "Mevrouw J."


def close_file(response):
    """Read a download to its end: the test client then closes the file with the database
    connection kept (response.close() would close that connection on PostgreSQL)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class SocialMapEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialMapEntry

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = SocialMapEntry.Kind.MEETING_PLACE
    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    what = "Koffie en ontmoeting"
    status = SocialMapEntry.Status.ACCEPTED
    themes = ",loneliness,"
