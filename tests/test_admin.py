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
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
    obj = model.objects.first()
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    assert client.get(url).status_code == 200
