from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiefConfig(AppConfig):
    name = "collectief"
    verbose_name = _("Collectief core")

    def ready(self):
        from collectief import (  # noqa: F401  (object perms, signals)
            demo,
            generate,
            rules_predicates,
            security,
        )
        from collectief.access import Capability
        from collectief.registry import registry

        registry.register_nav(_("Teams"), "teams:list", Capability.VIEW_FIGURES, order=10)
        registry.register_demo_loader(demo.load_core, order=0)
        registry.register_generator(generate.generate_core, order=0)
