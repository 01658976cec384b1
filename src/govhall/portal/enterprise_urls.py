"""URL stub; filled by the identity work (see its module docstring when written)."""

urlpatterns: list = []
