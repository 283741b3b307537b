from django import template
from django.utils.html import format_html_join

from collectief.formats import local_date
from collectief.links import uuid_link_maker

register = template.Library()

ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
    '<td class="text-end">{}</td></tr>'
)
ROW_WITH_ROUND = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{} – {}</td><td>{}</td><td>{}</td>'
    '<td class="text-end">{}</td></tr>'
)


@register.simple_tag
def conversation_rows(conversations, with_round=True):
    """The <tr>s of a list of conversations: ConversationQuerySet.for_list() rows annotated
    with referral_count, through services.add_list_details(); `with_round` adds the team and
    round (the list across rounds).

    Written in Python, as Django's admin writes the rows of its change lists: fifty rows of
    six cells through the template engine were the biggest part of the page.
    """
    conversation_url = uuid_link_maker("interviews:detail")
    rows = []
    for conversation in conversations:
        opening = (
            conversation_url(conversation.uuid),
            local_date(conversation.held_on, "j M Y"),
            conversation.resident_name,
        )
        rest = (
            conversation.neighbourhood_name,
            conversation.interviewer_names,
            conversation.referral_count,
        )
        round_ = (conversation.round.team.name, conversation.round) if with_round else ()
        rows.append((*opening, *round_, *rest))
    return format_html_join("\n", ROW_WITH_ROUND if with_round else ROW, rows)
