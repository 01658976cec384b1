"""The platform as OpenID Connect provider (django-oauth-toolkit): claims, client policy, registration."""
