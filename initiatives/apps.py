from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _initiative_name(row):
    return row.name


def _initiative_starters_key(row):
    """The change history shows the starters' names: the access log records them."""
    return row.instance.starters_key if row.resident_starters else None


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from collectief.access import Capability
        from collectief.registry import registry
        from initiatives import demo, generate, rollups, social_demo
        from initiatives.panels import home_panel, issue_panel, themes_panel

        registry.register_nav(
            _("Initiatives"),
            "initiatives:list",
            Capability.VIEW_TEAM,
            order=30,
            group=_("Initiatives"),
        )
        registry.register_nav(
            _("Labels"),
            "initiatives:label_list",
            Capability.VIEW_TEAM,
            order=31,
            group=_("Initiatives"),
        )
        registry.register_nav(
            _("Successes"),
            "initiatives:success_list",
            Capability.VIEW_TEAM,
            order=32,
            group=_("Initiatives"),
        )
        registry.register_nav(
            _("Social map"),
            "initiatives:map",
            Capability.VIEW_TEAM,
            order=33,
            group=_("Initiatives"),
        )
        registry.register_home_panel("initiatives/_home_panel.html", home_panel, order=30)
        registry.register_demo_loader(demo.load_initiatives, order=30)
        registry.register_history(
            "initiatives.Initiative",
            "team",
            _initiative_name,
            residents=_initiative_starters_key,
            order=30,
        )

        # What initiatives answer, shown on the core's issue page and the interviews' themes page.
        registry.register_object_panel(
            "collective_issue", "initiatives/_issue_panel.html", issue_panel, order=30
        )
        registry.register_object_panel(
            "interviews_themes", "initiatives/_themes_panel.html", themes_panel, order=30
        )
        # After the conversations (20) and the collective issues (40) exist.
        registry.register_demo_loader(demo.load_links, order=45)
        registry.register_demo_loader(social_demo.load_social_map, order=60)
        registry.register_free_text("initiatives.Initiative", "team", ("resident_starters",))
        registry.register_free_text("initiatives.Success", "team", ("involved",))
        registry.register_free_text("initiatives.Session", "activity__initiative__team", ("note",))
        registry.register_generator(generate.generate_initiatives, order=30)
        registry.register_rollup(rollups.refresh)
        rollups.connect()
