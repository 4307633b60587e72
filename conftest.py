import pytest

from taawon.core.testing import build_personas


@pytest.fixture
def personas(db):
    return build_personas()
