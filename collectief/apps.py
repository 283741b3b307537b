from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _framework_about(row):
    return _("version %s") % row.version


class CollectiefConfig(AppConfig):
    name = "collectief"
    verbose_name = _("Collectief core")

    def ready(self):
        from collectief import (  # noqa: F401  (object perms, signals)
            collective_demo,
            collective_generate,
            collective_views,
            demo,
            figure_definitions,
            generate,
            rollups,
            rules_predicates,
            security,
        )
        from collectief.access import Capability
        from collectief.registry import registry

        registry.register_nav(_("Teams"), "teams:list", Capability.VIEW_FIGURES, order=10)
        registry.register_nav(
            _("Balance"),
            "collective:balance",
            Capability.VIEW_FIGURES,
            order=40,
            group=_("Collective work"),
        )
        registry.register_nav(
            _("Interventions"),
            "collective:interventions",
            Capability.VIEW_TEAM,
            order=41,
            group=_("Collective work"),
        )
        registry.register_nav(
            _("Signals"),
            "collective:signals",
            Capability.VIEW_PERSONAL_DATA,
            order=42,
            group=_("Collective work"),
        )
        registry.register_nav(
            _("My hours"),
            "collective:hours",
            Capability.RECORD_HOURS,
            order=43,
            group=_("Collective work"),
        )
        registry.register_home_panel(
            "collectief/_candidates_panel.html", collective_views.home_panel, order=40
        )
        registry.register_demo_loader(demo.load_core, order=0)
        registry.register_generator(generate.generate_core, order=0)
        registry.register_demo_loader(collective_demo.load_collective, order=40)
        registry.register_history("collectief.Framework", "team", _framework_about, order=40)
        registry.register_generator(collective_generate.generate_collective, order=40)
        registry.register_rollup(rollups.refresh_hours)
        figure_definitions.register(registry)
