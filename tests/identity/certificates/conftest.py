from tests.identity.certificates.pki import pki  # noqa: F401 - fixture
