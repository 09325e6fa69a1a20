from django.conf import settings


def site(request) -> dict:
    """The site's public address for absolute links (subscriptions to copy), never the
    request's Host header: a page that shows them can then be cached for everyone."""
    return {
        "SITE_URL": settings.SITE_URL,
        "WEBCAL_URL": "webcal://" + settings.SITE_URL.split("://", 1)[-1],
    }
