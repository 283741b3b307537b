from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots")

    def ready(self):
        from collectief.access import Capability
        from collectief.registry import registry
        from pilots import demo, generate, panels

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
        registry.register_home_panel("pilots/_home_panel.html", panels.home_panel, order=50)
        registry.register_demo_loader(demo.load_pilots, order=50)
        registry.register_generator(generate.generate_pilots, order=50)
