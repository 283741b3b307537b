from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots")

    def ready(self):
        from collectief.access import Capability
        from collectief.registry import registry
        from pilots import agenda_demo, demo, figure_definitions, generate, panels, snapshots

        registry.register_nav(
            _("Pilots"), "pilots:list", Capability.VIEW_TEAM, order=50, group=_("Pilots")
        )
        registry.register_nav(
            _("City dashboard"),
            "pilots:dashboard",
            Capability.VIEW_FIGURES,
            order=55,
            group=_("Pilots"),
        )
        registry.register_nav(
            _("Social agenda"), "pilots:agenda", Capability.VIEW_TEAM, order=51, group=_("Pilots")
        )
        registry.register_nav(
            _("Capacity"), "pilots:capacity", Capability.VIEW_FIGURES, order=56, group=_("Pilots")
        )
        registry.register_home_panel("pilots/_home_panel.html", panels.home_panel, order=50)
        registry.register_demo_loader(demo.load_pilots, order=50)
        registry.register_demo_loader(agenda_demo.load_agenda, order=61)
        registry.register_generator(generate.generate_pilots, order=50)
        # After the apps' rollups (installed before pilots), which the figures read.
        registry.register_rollup(snapshots.refresh)
        figure_definitions.register(registry)
        registry.register_health_check("figures_snapshot", snapshots.health)
