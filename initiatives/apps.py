from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from collectief.access import Capability
        from collectief.registry import registry
        from initiatives import demo, generate, rollups
        from initiatives.panels import home_panel

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
        registry.register_home_panel("initiatives/_home_panel.html", home_panel, order=30)
        registry.register_demo_loader(demo.load_initiatives, order=30)
        registry.register_generator(generate.generate_initiatives, order=30)
        registry.register_rollup(rollups.refresh)
        rollups.connect()
