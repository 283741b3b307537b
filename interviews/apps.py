from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


# For the team's change history (module functions, so a second ready() registers nothing new).
def _resident_name(row):
    return row.name


def _resident_key(row):
    return row.uuid


def _conversation_about(row):
    return f"{row.resident.name}, {row.held_on:%d-%m-%Y}"


def _conversation_resident_key(row):
    return row.resident.uuid


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
        registry.register_history(
            "interviews.Resident",
            "team",
            _resident_name,
            residents=_resident_key,
            order=20,
        )
        registry.register_history(
            "interviews.Conversation",
            "round__team",
            _conversation_about,
            residents=_conversation_resident_key,
            select_related=("resident",),
            order=21,
        )
        registry.register_free_text("interviews.Wish", "conversation__team", ("text", "quote"))
        registry.register_free_text("interviews.Answer", "conversation__team", ("value",))
        registry.register_free_text("interviews.Conversation", "team", ("notes", "follow_up_what"))
        registry.register_free_text(
            "interviews.Referral", "conversation__team", ("how_to_reach", "relationship")
        )
        registry.register_generator(generate.generate_interviews, order=20)
        registry.register_rollup(rollups.refresh)
        rollups.connect()
