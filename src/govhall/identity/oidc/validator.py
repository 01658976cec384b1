"""Claims for department systems (placeholder until the OIDC work lands; see docs/sso.md)."""

from oauth2_provider.oauth2_validators import OAuth2Validator


class GovhallOAuth2Validator(OAuth2Validator):
    pass
