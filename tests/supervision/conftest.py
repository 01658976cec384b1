import pytest

from ..case_records import desk_build


@pytest.fixture
def desk(world):
    return desk_build(world)
