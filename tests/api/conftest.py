import pytest


@pytest.fixture
def api(client):
    """GET an address of the read API; the answer's JSON as ``.data``."""

    def get(path: str, **headers):
        response = client.get(f"/api/v1/{path}", headers=headers)
        response.data = response.json() if response.content else None
        return response

    return get
