"""(placeholder: filled by the area's pages)"""

urlpatterns: list = []
