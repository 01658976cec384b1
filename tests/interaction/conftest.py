import pytest

from .records import Desk, desk_build


@pytest.fixture
def desk(world) -> Desk:
    return desk_build(world)
