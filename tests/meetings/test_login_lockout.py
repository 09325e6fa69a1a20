"""Failed sign-ins are limited per user name and address (django-axes)."""

import pytest
from django.contrib.auth import get_user_model

LOGIN = "/accounts/login/"


@pytest.fixture
def lockout(settings, db):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return get_user_model().objects.create_user("clerk", password="the-right-password-42")


def attempt(client, password, address="203.0.113.7", username="clerk"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_lock_the_name_from_that_address_with_a_clear_page(client, lockout):
    for _ in range(2):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.text
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert "failed 3 times in a row, so it is blocked for 0:15:00" in locked.text
    # Even the right password is refused while locked, and nobody is signed in.
    assert attempt(client, "the-right-password-42").status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_per_user_name(client, lockout):
    for _ in range(3):
        attempt(client, "wrong")
    assert attempt(client, "the-right-password-42", address="198.51.100.2").status_code == 302
    get_user_model().objects.create_user("other", password="another-password-42")
    answer = attempt(client, "another-password-42", username="other")
    assert answer.status_code == 302


def test_a_successful_sign_in_resets_the_count(client, lockout):
    for _ in range(2):
        attempt(client, "wrong")
    assert attempt(client, "the-right-password-42").status_code == 302
    client.logout()
    for _ in range(2):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "the-right-password-42").status_code == 302
