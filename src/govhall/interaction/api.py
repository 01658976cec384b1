"""(placeholder: the interaction API — 12345 hotline intake)"""

urlpatterns: list = []
