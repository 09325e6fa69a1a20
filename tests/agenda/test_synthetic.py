import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agenda import models
from agenda.synthetic import Scale, generate
from meetings.models import Body, Session, Sitting

SMALL = Scale(bodies=2, years=2, sessions_per_year=2, items=10, sittings=4, documents=3, seed=7)


def snapshot():
    return (
        list(
            models.AgendaItem.objects.order_by("pk").values_list(
                "title", "parent__position", "position"
            )
        ),
        list(Sitting.objects.order_by("pk").values_list("uid", "date", "start_time")),
        list(models.Document.objects.order_by("pk").values_list("symbol", "title")),
    )


def test_generates_the_scale_asked_for(db):
    bodies = generate(SMALL)
    assert [b.slug for b in bodies] == ["synthetic-1", "synthetic-2"]
    assert Session.objects.count() == 2 * 2 * 2
    assert models.AgendaItem.objects.count() == 8 * 10
    assert models.AgendaItem.objects.filter(parent__isnull=False).count() == 8 * 2
    assert models.Footnote.objects.count() == 8 * 10
    # each session's documents, and its agenda entered in the register when published
    assert (Sitting.objects.count(), models.Document.objects.count()) == (8 * 4, 8 * 3 + 8)
    assert models.DocumentLink.objects.count() == 8 * 3
    assert models.ScheduledItem.objects.count() == 8 * 4 * 2
    assert models.PublishedVersion.objects.filter(is_current=True, number=1).count() == 8
    # bulk-created documents are found by the register's search like any other
    assert models.Document.objects.filter(symbol_key="").count() == 0


def test_positions_are_0_to_n_minus_1_among_siblings(db):
    generate(SMALL)
    siblings = {}
    for item in models.AgendaItem.objects.all():
        siblings.setdefault((item.session_id, item.parent_id), []).append(item.position)
    assert all(sorted(p) == list(range(len(p))) for p in siblings.values())


def test_same_seed_same_rows(db):
    generate(SMALL)
    first = snapshot()
    for model in (models.Document, Session, Body):
        model.objects.all().delete()
    generate(SMALL)
    assert snapshot() == first


def test_generated_sessions_render_in_both_languages(client, db):
    generate(Scale(years=1, sessions_per_year=1, items=6, sittings=2, documents=2))
    page = client.get("/bodies/synthetic-1/sessions/1/?lang=zh")
    assert page.status_code == 200
    assert "刑事事项国际合作" in page.text or "秘书处" in page.text
    assert client.get("/bodies/synthetic-1/calendar.ics").status_code == 200


def test_command_refuses_an_existing_prefix(db):
    call_command("generate_synthetic", "--years", "1", "--items", "2", "--sittings", "1")
    with pytest.raises(CommandError, match="Bodies “synthetic-…” exist already"):
        call_command("generate_synthetic", "--years", "1")
