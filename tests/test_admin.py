import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

DOMAIN_MODELS = [
    model for model in admin.site._registry if model._meta.app_label in {"meetings", "agenda"}
]


def test_every_domain_model_has_an_admin():
    assert sorted(m.__name__ for m in DOMAIN_MODELS) == [
        "AgendaItem",
        "Body",
        "Document",
        "PublishedVersion",
        "ScheduledItem",
        "Session",
        "Sitting",
        "Venue",
    ]


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_admin_list_add_and_change_pages_open(client, seeded, model):
    client.force_login(User.objects.create_superuser("admin", password="x"))
    opts = model._meta
    assert (
        client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code
        == 200
    )
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == (403 if model.__name__ == "PublishedVersion" else 200)  # records
    obj = model.objects.first()
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(url).status_code == 200


def test_published_versions_are_read_only_in_the_admin(client, seeded):
    from agenda.models import PublishedVersion

    client.force_login(User.objects.create_superuser("admin", password="x"))
    version = PublishedVersion.objects.first()
    url = reverse("admin:agenda_publishedversion_change", args=[version.pk])
    assert client.post(url, {"symbol": "X/1"}).status_code == 403
    delete = reverse("admin:agenda_publishedversion_delete", args=[version.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert PublishedVersion.objects.get(pk=version.pk).symbol == version.symbol
