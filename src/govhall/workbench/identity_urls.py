"""Window real-name service (实名核验) under /workbench/identity/; names ``workbench:realname_*``.

No URL carries a person id or an ID number: the person looked up stays in the clerk's session.
"""

from django.urls import path

from .views import realname

urlpatterns = [
    path("realname/", realname.realname_search, name="realname_search"),
    path("realname/person/", realname.realname_person, name="realname_person"),
    path("realname/person/verify/", realname.realname_verify, name="realname_verify"),
    path("realname/person/reveal/", realname.realname_reveal, name="realname_reveal"),
]
