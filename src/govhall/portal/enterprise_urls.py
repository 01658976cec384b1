"""Enterprise pages under /enterprise/ (namespace ``portal``): certificate login and binding, enterprise
registration, acting for an enterprise, and the representative's agent management."""

from django.urls import path

from .views import enterprise

urlpatterns = [
    path("certificate/login/", enterprise.certificate_login_page, name="certificate_login"),
    path("certificate/bind/", enterprise.certificate_bind_page, name="certificate_bind"),
    path("register/", enterprise.enterprise_register_page, name="enterprise_register"),
    path("", enterprise.enterprise_list, name="enterprise_list"),
    path("act/", enterprise.enterprise_act, name="enterprise_act"),
    path("act/stop/", enterprise.enterprise_act_stop_page, name="enterprise_act_stop"),
    path("<str:credit_code>/agents/", enterprise.enterprise_agents, name="enterprise_agents"),
    path(
        "<str:credit_code>/agents/<int:mandate_id>/revoke/",
        enterprise.enterprise_agent_revoke,
        name="enterprise_agent_revoke",
    ),
]
