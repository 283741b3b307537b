"""The checklists of report §4.2 ("Werkzame factoren"), verbatim in Dutch: source data."""

from django.db import migrations

FACTORS = {
    "design": [
        "Het team moet bereid zijn om vragen en wensen van bewoners te inventariseren en zich "
        "daarmee te verbinden.",
        "Het team moet prioriteiten stellen en kans zien om een concrete kwestie als speerpunt "
        "naar voren te schuiven.",
        "Bereid zijn om daar energie en tijd in te stoppen, waarbij het team eventueel op zoek "
        "gaat naar tijdelijke extra capaciteit.",
        "Eager zijn om op korte termijn resultaten te laten zien.",
        "De bereidwilligheid om de eigen vakbekwaamheid te onderzoeken en de mindset op "
        "'collectiveren' te richten.",
        "Genegen om te werken aan visie, kennis en praktische vaardigheden.",
        "Er een uitdaging in zien om de positie en rol van het team te heroverwegen.",
    ],
    "contact": [
        "Kan ik aansluiten bij de motieven van initiatiefnemers of moet ik bijsturen?",
        "Kan ik gebruik maken van bestaande netwerken of moet ik de verbinding tussen bewoners, "
        "organisaties in de buurt en instanties versterken?",
        "Moet ik uitgaan van de logica van burgers of van de logica van organisaties?",
        "Het stellen van vragen werkt, het uitstellen van oordelen is een pré. Neem een open en "
        "onbevangen houding aan.",
        "Probeer zowel aan te sluiten bij bestaande onvrede onder bewoners als bij vernieuwende "
        "en creatieve ideeën.",
        "Probeer proactief contact met actieve bewoners en vrijwilligers te onderhouden.",
    ],
    "execute": [
        "Mag ik uitgaan van eigen kracht of moet ik vaardigheden en ondersteuning aanreiken?",
        "Toon ik als professional vooral betrokkenheid of dienstbaarheid?",
        "Hanteer gelijkwaardig partnerschap als norm voor onderlinge verhoudingen.",
        "Probeer via empowerment om gevoelens van onmacht om invloed uit te oefenen op de eigen "
        "omgeving te doorbreken.",
        "Ontwerp samen met deelnemers informele activiteiten en programma's en hanteer daarbij "
        "niet te veel en niet te weinig structuur.",
        "Verbindt meerdere partijen en maak dwarsverbindingen.",
        "Creativiteit versterkt en opent nieuwe mogelijkheden. Bedenk innovatieve oplossingen.",
        "Succes werkt, vergeet successen niet te vieren.",
    ],
}


def add_factors(apps, schema_editor):
    WorkingFactor = apps.get_model("pilots", "WorkingFactor")
    for phase, texts in FACTORS.items():
        for position, text in enumerate(texts, start=1):
            WorkingFactor.objects.get_or_create(
                phase=phase, position=position, defaults={"text": text}
            )


def remove_factors(apps, schema_editor):
    apps.get_model("pilots", "WorkingFactor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("pilots", "0001_pilots_journal_factors_lessons_workshops")]

    operations = [migrations.RunPython(add_factors, remove_factors)]
