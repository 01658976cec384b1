"""(placeholder: the ratings API)"""

urlpatterns: list = []
