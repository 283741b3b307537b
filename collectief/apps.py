from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiefConfig(AppConfig):
    name = "collectief"
    verbose_name = _("Collectief core")

    def ready(self):
        from collectief import demo, rules_predicates, security  # noqa: F401  (perms, signals)
        from collectief.access import Capability
        from collectief.registry import registry

        registry.register_nav(_("Teams"), "teams:list", Capability.VIEW_FIGURES, order=10)
        registry.register_demo_loader(demo.load_core, order=0)
