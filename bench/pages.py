"""The pages the benchmark measures, with concrete URLs taken from the generated data."""

from dataclasses import dataclass, field

from django.urls import reverse

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

    def send(self, client, base, name=None):
        """One request with `client` (a requests.Session or locust's HttpSession)."""
        options = {"name": name} if name else {}
        if self.form is None:
            return client.get(base + self.path, **options)
        return client.post(
            base + self.path,
            data=self.form(),
            headers={
                "X-CSRFToken": client.cookies.get("csrftoken", ""),
                "Referer": base + self.path,
            },
            allow_redirects=False,
            **options,
        )


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


def key_pages():
    team = _generated_team()
    return [
        Page("home (team member)", "member", reverse("home"), weight=3),
        Page("team list (municipality)", "municipality", reverse("teams:list")),
        Page("team detail (team lead)", "lead", team.get_absolute_url()),
    ]
