"""conversation_rows writes what the template loops it replaced wrote."""

import pytest
from django.db.models import Count
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from interviews.models import Conversation, Round
from interviews.services import add_list_details
from tests.interviews.factories import ConversationFactory, ReferralFactory, RoundFactory

pytestmark = pytest.mark.django_db

# The markup the tag replaced (conversation list; the round page without the round column).
TEMPLATE_ROWS = (
    "{% for conversation in conversations %}<tr>"
    '<td><a href="{{ conversation.get_absolute_url }}">{{ conversation.held_on|date:"j M Y" }}'
    "</a></td><td>{{ conversation.resident.name }}</td>"
    "{% if with_round %}<td>{{ conversation.round.team.name }} – {{ conversation.round }}</td>"
    "{% endif %}<td>{{ conversation.neighbourhood }}</td>"
    "<td>{% for person in conversation.interviewers.all %}{{ person }}{% if not forloop.last %}, "
    "{% endif %}{% endfor %}</td>"
    '<td class="text-end">{{ conversation.referral_count }}</td></tr>{% endfor %}'
)


@pytest.mark.parametrize("with_round", [True, False])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_conversation_rows_render_what_the_template_loop_rendered(world, with_round, language):
    round_ = RoundFactory(team=world.team)
    first = ConversationFactory(round=round_)
    first.resident.name = "Ans <b>& co</b>"
    first.resident.save()
    first.interviewers.add(world.people["lead"], world.people["member"])
    ReferralFactory(conversation=first)
    ReferralFactory(conversation=first)
    ConversationFactory(round=round_)
    conversations = add_list_details(
        Conversation.objects.for_list().annotate(referral_count=Count("referrals")).order_by("pk"),
        rounds=Round.objects.select_related("team") if with_round else (),
    )
    context = Context({"conversations": conversations, "with_round": with_round})
    tag = Template("{% load interviews_tags %}{% conversation_rows conversations with_round %}")
    with translation.override(language):
        written = tag.render(context)
        assert parse_html(written) == parse_html(Template(TEMPLATE_ROWS).render(context))
    assert "Ans &lt;b&gt;&amp; co&lt;/b&gt;" in written
    assert written.count("<tr>") == 2
