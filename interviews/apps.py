from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Resident conversations")

    def ready(self):
        from collectief.access import Capability
        from collectief.registry import registry
        from interviews import demo, generate, panels, rollups

        registry.register_nav(
            _("Conversations"),
            "interviews:list",
            Capability.VIEW_PERSONAL_DATA,
            order=20,
            group=_("Conversations"),
        )
        registry.register_nav(
            _("Rounds"),
            "interviews:round_list",
            Capability.VIEW_FIGURES,
            order=21,
            group=_("Conversations"),
        )
        registry.register_home_panel("interviews/_home_panel.html", panels.home_panel, order=20)
        registry.register_demo_loader(demo.load_interviews, order=20)
        registry.register_generator(generate.generate_interviews, order=20)
        registry.register_rollup(rollups.refresh)
        rollups.connect()
