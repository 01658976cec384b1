"""URL stub; filled by the identity work."""

urlpatterns: list = []
