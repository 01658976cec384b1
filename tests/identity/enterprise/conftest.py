import pytest

from tests.identity.certificates.pki import pki  # noqa: F401 - fixture

from .helpers import Firm, firm_make


@pytest.fixture
def firm(db, pki) -> Firm:  # noqa: F811
    return firm_make(pki)
