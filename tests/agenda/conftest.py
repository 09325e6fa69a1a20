import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings.models import Session
from tests import factories


@pytest.fixture
def draft():
    """A session being prepared: its agenda can still be reshaped."""
    return factories.session(status=Session.Status.DRAFT)


@pytest.fixture
def editor(client, draft):
    """A member of the draft session's secretariat, logged in with ``client``."""
    user = User.objects.create_user("editor")
    draft.body.secretariat.add(user)
    client.force_login(user)
    return user


def edit_url(name, session, *args) -> str:
    return reverse(name, args=[session.body.slug, session.number, *args])
