"""Haarlem demo data for the core: areas, neighbourhoods, partners, teams and one login per role.

Every person and resident in the demo data is fictional. Loaders only create what is missing
(get_or_create), so running load_demo twice changes nothing.
"""

from django.contrib.auth import get_user_model

from collectief.models import (
    Area,
    AreaConnector,
    Membership,
    Neighbourhood,
    Organisation,
    Role,
    Team,
)

DEMO_PASSWORD = "wijkteam-demo-2026"  # documented in the README as demo-only

AREAS = {
    "Centrum": ["Rozenprieel", "Centrum"],
    "Oost": ["Amsterdamse buurt", "Slachthuisbuurt", "Parkwijk", "Van Zeggelenbuurt"],
    "Noord": ["Noord-Noord", "Transvaalbuurt"],
    "Schalkwijk": ["Boerhaavewijk", "Meerwijk", "Molenwijk"],
    "Zuid-West": ["Leidsebuurt", "Ramplaankwartier"],
}

K = Organisation.Kind
ORGANISATIONS = [
    ("Gemeente Haarlem", K.MUNICIPALITY, "Municipality; area connectors and policy staff."),
    ("Dock", K.WELFARE, "Community work (opbouwwerk) in Oost and Noord."),
    ("Haarlem Effect", K.WELFARE, "Welfare and community work in Centrum."),
    ("Humanitas", K.DEBT_SUPPORT, "Volunteers for home administration and debts."),
    ("Stem in de stad", K.FAITH, "Diaconal centre: meals, debt help, meeting place."),
    ("MEE & De Wering", K.CARE, "Support for people with a disability."),
    ("Hartekamp Groep", K.CARE, "Care for people with an intellectual disability."),
    ("SIG Kennemerland", K.CARE, "Day activities and support."),
    ("Hogeschool Inholland", K.EDUCATION, "University of applied sciences; social work."),
    ("Zorgbalans", K.CARE, "District nursing (wijkverpleging)."),
    ("Protestantse Gemeente Haarlem-Oost", K.FAITH, "Church with a weekly open table."),
    ("Wijkraad Amsterdamse buurt", K.ASSOCIATION, "Residents' association."),
]

TEAMS = {
    "SWT Rozenprieel-Centrum": ("Centrum", ["Rozenprieel", "Centrum"]),
    "SWT Oost 1": ("Oost", ["Amsterdamse buurt", "Slachthuisbuurt"]),
    "SWT Oost 2": ("Oost", ["Parkwijk", "Van Zeggelenbuurt"]),
    "SWT Noord": ("Noord", ["Noord-Noord", "Transvaalbuurt"]),
    "SWT Schalkwijk": ("Schalkwijk", ["Boerhaavewijk", "Meerwijk", "Molenwijk"]),
    "SWT Zuid-West": ("Zuid-West", ["Leidsebuurt", "Ramplaankwartier"]),
}

# username, first name, last name, team, role, organisation, hours per week
MEMBERS = [
    (
        "fatima",
        "Fatima",
        "El Amrani",
        "SWT Rozenprieel-Centrum",
        Role.COMMUNITY_WORKER,
        "Haarlem Effect",
        24,
    ),
    ("eva", "Eva", "Smit", "SWT Rozenprieel-Centrum", Role.LEAD, "Gemeente Haarlem", 32),
    ("lotte", "Lotte", "Mulder", "SWT Rozenprieel-Centrum", Role.MEMBER, "Zorgbalans", 28),
    (
        "mohammed",
        "Mohammed",
        "Yilmaz",
        "SWT Rozenprieel-Centrum",
        Role.MEMBER,
        "MEE & De Wering",
        32,
    ),
    ("pieter", "Pieter", "Jansen", "SWT Rozenprieel-Centrum", Role.MEMBER, "Gemeente Haarlem", 36),
    ("sandra", "Sandra", "Bakker", "SWT Oost 1", Role.LEAD, "Gemeente Haarlem", 32),
    ("ruud", "Ruud", "de Vries", "SWT Oost 1", Role.MEMBER, "Zorgbalans", 32),
    ("karin", "Karin", "Hoekstra", "SWT Oost 1", Role.MEMBER, "Gemeente Haarlem", 28),
    ("youssef", "Youssef", "Amrani", "SWT Oost 1", Role.COMMUNITY_WORKER, "Dock", 20),
    ("ilse", "Ilse", "Verbeek", "SWT Oost 1", Role.MEMBER, "Hartekamp Groep", 24),
    ("henk", "Henk", "Visser", "SWT Noord", Role.LEAD, "Gemeente Haarlem", 32),
    ("naima", "Naima", "Bouzid", "SWT Noord", Role.COMMUNITY_WORKER, "Dock", 24),
    ("tom", "Tom", "van Dijk", "SWT Noord", Role.MEMBER, "SIG Kennemerland", 32),
    ("marieke", "Marieke", "Kok", "SWT Oost 2", Role.LEAD, "Gemeente Haarlem", 32),
    ("daan", "Daan", "Peters", "SWT Oost 2", Role.MEMBER, "Zorgbalans", 28),
    ("sevda", "Sevda", "Kaya", "SWT Schalkwijk", Role.LEAD, "Gemeente Haarlem", 32),
    ("bas", "Bas", "Willems", "SWT Schalkwijk", Role.COMMUNITY_WORKER, "Dock", 20),
    ("joyce", "Joyce", "Meijer", "SWT Zuid-West", Role.LEAD, "Gemeente Haarlem", 32),
    ("wim", "Wim", "de Graaf", "SWT Zuid-West", Role.MEMBER, "MEE & De Wering", 24),
]

# The logins the README lists, one per role.
DEMO_LOGINS = {
    "team member": "ruud",
    "community worker": "fatima",
    "team lead": "sandra",
    "area connector": "jeroen",
    "municipality staff": "mirjam",
    "administrator": "admin",
}


def _person(username, first_name, last_name, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@demo.collectief.invalid",
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def load_core(stdout):
    areas = {name: Area.objects.get_or_create(name=name)[0] for name in AREAS}
    neighbourhoods = {}
    for area_name, names in AREAS.items():
        for name in names:
            neighbourhoods[name] = Neighbourhood.objects.get_or_create(
                name=name, defaults={"area": areas[area_name]}
            )[0]
    organisations = {
        name: Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "description": description}
        )[0]
        for name, kind, description in ORGANISATIONS
    }
    teams = {}
    for name, (area_name, covered) in TEAMS.items():
        team, created = Team.objects.get_or_create(name=name, defaults={"area": areas[area_name]})
        if created:
            team.neighbourhoods.set(neighbourhoods[n] for n in covered)
        teams[name] = team
    for username, first, last, team_name, role, organisation, hours in MEMBERS:
        Membership.objects.get_or_create(
            user=_person(username, first, last),
            team=teams[team_name],
            defaults={
                "role": role,
                "organisation": organisations[organisation],
                "hours_per_week": hours,
            },
        )
    jeroen = _person("jeroen", "Jeroen", "Visser")
    AreaConnector.objects.get_or_create(user=jeroen, area=areas["Oost"])
    _person("mirjam", "Mirjam", "de Jong", is_municipality_staff=True)
    _person("admin", "Beheer", "Collectief", is_staff=True, is_superuser=True)
    stdout.write(f"Core: {len(teams)} teams, {len(MEMBERS) + 3} demo logins.")
