import pytest


@pytest.fixture(autouse=True)
def _danish_by_default(settings):
    # Tests read the same defaults the users get; English is tested explicitly.
    settings.LANGUAGE_CODE = "da"
