"""Parallel editors through the HTTP views (each thread its own client and connection): no 500,
one save wins, every other editor is told, with what the winner wrote."""

from django.test import Client
from django.urls import reverse

from agenda.models import AgendaItem, ScheduledItem
from meetings.models import Session
from tests import factories

EDITORS = 5


def signed_in_clients(session, count: int, name="editor") -> list[Client]:
    clients = []
    for n in range(count):
        user = factories.secretariat_member(session.body, f"{name}{n}")
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    return clients


def url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])


def test_parallel_saves_of_one_item(parallel):
    session = factories.session(status=Session.Status.DRAFT)
    item = factories.item(session, "Opening of the session")
    clients = signed_in_clients(session, EDITORS)
    edit = url("item-edit", session, item.pk) + "?lang=en"
    outcomes = parallel(
        *[
            lambda c=c, n=n: c.post(
                edit, {"title": f"Title by editor {n}", "annotation": "", "version": 1}
            )
            for n, c in enumerate(clients)
        ]
    )
    statuses = sorted(o.result.status_code for o in outcomes)
    assert statuses == [200] * (EDITORS - 1) + [302]
    item.refresh_from_db()
    told = [o.result for o in outcomes if o.result.status_code == 200]
    for response in told:
        assert "This item was changed by someone else while you were editing it." in response.text
        assert item.title["en"] in response.text  # their version, shown beside one's own
    assert item.version == 2


def test_parallel_assignments_through_the_organization_editor(parallel):
    session = factories.session(status=Session.Status.DRAFT)
    items = [factories.item(session, f"Item {n}") for n in range(EDITORS)]
    sitting = factories.sitting(session)
    clients = signed_in_clients(session, EDITORS)
    assign = url("sitting-assign", session, sitting.pk)
    late = signed_in_clients(session, 2, name="late")
    outcomes = parallel(
        *[
            lambda c=c, i=i: c.post(assign, {"item": i.pk})
            for c, i in zip(clients, items, strict=True)
        ],
        *[lambda c=c: c.post(assign, {"item": items[0].pk}) for c in late],
    )
    assert [o.result.status_code for o in outcomes] == [302] * (EDITORS + 2)
    # The page each editor is sent back to says what happened to their assignment.
    refusal = f"Meeting {sitting.number} already takes up that item."
    pages = [
        client.get(o.result["Location"]).text
        for client, o in zip(clients + late, outcomes, strict=True)
    ]
    assert sum(refusal in page for page in pages) == 2
    lines = ScheduledItem.objects.filter(sitting=sitting)
    assert sorted(lines.values_list("position", flat=True)) == list(range(EDITORS))
    assert AgendaItem.objects.filter(scheduled_in__sitting=sitting).count() == EDITORS
