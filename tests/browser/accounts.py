"""Signing in through the login page, as people do."""

PASSWORD = "a-long-password-1"


def sign_in_to(page, base_url: str, body, path: str, username: str = "officer"):
    """A new member of ``body``'s secretariat, signed in on the login page, which then opens
    ``path``."""
    from django.contrib.auth.models import User

    user = User.objects.create_user(username, password=PASSWORD)
    body.secretariat.add(user)
    page.goto(f"{base_url}/accounts/login/?next={path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return user
