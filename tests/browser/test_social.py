import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_area_connector_adds_a_priority_and_a_visitor_opens_the_public_label_page(
    page, phone_page, demo_data
):
    from collectief.models import Team
    from initiatives.models import LabelProgramme
    from tests.collective.factories import CollectiveIssueFactory

    CollectiveIssueFactory(
        team=Team.objects.get(name="SWT Oost 1"), title="Eenzaamheid in de Slachthuisbuurt"
    )
    log_in(page, "jeroen")
    page.goto("/pilots/agenda/")
    expect(page.get_by_role("heading", name="Gezamenlijke sociale agenda")).to_be_visible()
    page.get_by_role("link", name="Speerpunt toevoegen").click()
    page.get_by_role("textbox", name="Speerpunt").fill("Minder eenzaamheid in de Slachthuisbuurt")
    page.get_by_label("Waarom").fill("Signalen van het team en het stakeholdersoverleg.")
    page.get_by_label("Eenzaamheid in de Slachthuisbuurt (SWT Oost 1)").check()
    page.get_by_label("Wie draagt het").fill("Team, opbouwwerk van Dock en de gebiedsverbinder")
    page.get_by_role("button", name="Opslaan").click()
    card = page.get_by_role("article").filter(has_text="Minder eenzaamheid in de Slachthuisbuurt")
    expect(card).to_contain_text("Eenzaamheid in de Slachthuisbuurt")

    label = LabelProgramme.objects.get(name="De Wijkfabriek")
    phone_page.goto(f"/public/labels/{label.pk}/")  # a visitor without login
    expect(phone_page.get_by_role("heading", name="De Wijkfabriek", level=1)).to_be_visible()
    expect(phone_page.get_by_role("heading", name="Bakkie in de Slachthuisbuurt")).to_be_visible()
    expect(
        phone_page.get_by_role("heading", name="Kunstenaars van de Slachthuisbuurt")
    ).to_have_count(0)
    expect(phone_page.get_by_text("Kom gewoon langs")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone_page.get_by_role("link", name="English").click()
    expect(
        phone_page.get_by_role("heading", name="Initiatives carrying this label")
    ).to_be_visible()
