"""The pages the benchmark measures, with concrete URLs taken from the generated data."""

import datetime
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from collectief.generate import GENERATED_PASSWORD
from collectief.models import Membership, Role, Team


@dataclass
class Page:
    label: str
    role: str  # a key of login_pool(), or "anonymous"
    path: str
    weight: int = 1  # how often the city day visits it, relative to the others
    saturate: bool = False  # measured under 16 concurrent connections too
    form: callable = None  # for a POST: returns the form data of one submission
    extra: dict = field(default_factory=dict)

    @property
    def expected(self):
        """The status of a good answer: the page, or the redirect after a saved form."""
        return 200 if self.form is None else 302

    def send(self, client, base, **options):
        """One request with `client` (a requests.Session, or locust's FastHttpSession with its
        options such as name and catch_response)."""
        if self.form is None:
            return client.get(base + self.path, allow_redirects=False, **options)
        # Encoded here, lists as repeated fields, for both requests and locust's FastHttpSession.
        return client.post(
            base + self.path,
            data=urlencode(self.form(), doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": _csrf_token(cookie_jar(client)),
                "Referer": base + self.path,
            },
            allow_redirects=False,
            **options,
        )

    def send_in_process(self, client):
        """One request with a Django test client from in_process_clients()."""
        if self.form is None:
            return client.get(self.path)
        return client.post(self.path, self.form())


def in_process_clients():
    """A Django test client per role of login_pool() (logged in without the password hash,
    which would dominate an in-process measure), and one for "anonymous"."""
    from django.test import Client

    user_model = Team._meta.apps.get_model("collectief", "User")
    clients = {"anonymous": Client()}
    for role, (username, _password) in login_pool().items():
        clients[role] = Client()
        clients[role].force_login(user_model.objects.get(username=username))
    return clients


def cookie_jar(client):
    """The cookies of a requests.Session or of locust's FastHttpSession (`cookiejar`)."""
    return client.cookiejar if hasattr(client, "cookiejar") else client.cookies


def _csrf_token(cookies):
    # The latest one: a jar can hold the token set at login and a rotated one from the server.
    values = [cookie.value for cookie in cookies if cookie.name == "csrftoken"]
    return values[-1] if values else ""


def _generated_team():
    return Team.objects.filter(name__contains="fictief").order_by("pk").first()


def login_pool():
    """One generated person per role in the first generated team (or its area)."""
    team = _generated_team()
    members = Membership.objects.filter(team=team).select_related("user")

    def by_role(role):
        return members.filter(role=role).first().user.username

    connector = team.area.connectors.select_related("user").first().user.username
    municipality = (
        Team._meta.apps.get_model("collectief", "User")
        .objects.filter(is_municipality_staff=True, username__startswith="gen-")
        .first()
        .username
    )
    return {
        "member": (by_role(Role.MEMBER), GENERATED_PASSWORD),
        "community_worker": (by_role(Role.COMMUNITY_WORKER), GENERATED_PASSWORD),
        "lead": (by_role(Role.LEAD), GENERATED_PASSWORD),
        "area_connector": (connector, GENERATED_PASSWORD),
        "municipality": (municipality, GENERATED_PASSWORD),
    }


def _conversation_form(team, member):
    """A valid conversation with a known resident in the team's open round, and a referral."""
    from interviews.models import Resident, Round

    round_ = Round.objects.filter(team=team, closed_at__isnull=True).order_by("-number").first()
    neighbourhood = round_.neighbourhoods.order_by("pk").first()
    resident = Resident.objects.filter(team=team, neighbourhood=neighbourhood).order_by("pk")[0]
    held_on = min(datetime.date.today(), round_.ends_on).isoformat()
    path = reverse("interviews:create") + f"?round={round_.uuid}"

    def form():
        return {
            "submission_token": str(uuid.uuid4()),  # every request is a new conversation
            "held_on": held_on,
            "neighbourhood": neighbourhood.pk,
            "place_kind": "doorstep",
            "interviewers": [member.pk],
            "resident": resident.pk,
            "notes": "Benchmark: gesprek aan de deur",
            "referrals-TOTAL_FORMS": "1",
            "referrals-INITIAL_FORMS": "0",
            "referrals-MIN_NUM_FORMS": "0",
            "referrals-MAX_NUM_FORMS": "20",
            "referrals-0-name": "Buurvrouw (fictief)",
            "referrals-0-relationship": "buurvrouw",
        }

    return path, form


def _public_label_page(team):
    """Issue 10's public label page, once its URL exists (namespace `public`)."""
    from initiatives.models import LabelProgramme

    label = LabelProgramme.objects.filter(team=team).order_by("pk").first()
    try:
        path = reverse("public:label", args=[label.pk])
    except NoReverseMatch:
        return []
    return [Page("public label page (anonymous)", "anonymous", path, weight=2)]


def key_pages():
    from initiatives.models import Initiative
    from pilots.models import Pilot

    team = _generated_team()
    member = Membership.objects.filter(team=team, role=Role.MEMBER).order_by("pk")[0].user
    post_path, post_form = _conversation_form(team, member)
    initiative = Initiative.objects.filter(team=team, status="running").order_by("pk")[0]
    pilot = Pilot.objects.filter(team=team).order_by("pk")[0]
    return [
        Page("home (team member)", "member", reverse("home"), weight=3),
        Page("team list (municipality)", "municipality", reverse("teams:list")),
        Page("team detail (team lead)", "lead", team.get_absolute_url()),
        Page("log conversation POST (member)", "member", post_path, weight=6, form=post_form),
        Page(
            "conversation list (member)",
            "member",
            reverse("interviews:list"),
            weight=6,
            saturate=True,
        ),
        Page(
            "snowball view (team lead)", "lead", reverse("interviews:snowball_team", args=[team.pk])
        ),
        Page("initiative list (member)", "member", reverse("initiatives:list"), weight=3),
        Page("initiative detail (member)", "member", initiative.get_absolute_url(), weight=2),
        Page(
            "team balance (team lead)",
            "lead",
            reverse("collective:balance_team", args=[team.pk]),
        ),
        Page(
            "city dashboard (municipality)",
            "municipality",
            reverse("pilots:dashboard"),
            saturate=True,
        ),
        # The dashboard's figures computed afresh, as its "Recalculate now" button and a cold
        # snapshot do; not part of the city day, where the snapshot serves them.
        Page(
            "city dashboard recalculated POST (municipality)",
            "municipality",
            reverse("pilots:dashboard"),
            weight=0,
            form=dict,
        ),
        Page("pilot report (team lead)", "lead", reverse("pilots:report", args=[pilot.pk])),
        *_public_label_page(team),
    ]
