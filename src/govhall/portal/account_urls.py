"""Citizens' account pages under /account/ (namespace ``portal``): register, log in, my account, upgrade to L2."""

from django.urls import path

from .views import access_log, account

urlpatterns = [
    path("register/", account.register, name="register"),
    path("login/", account.login, name="login"),
    path("sms-code/", account.sms_code, name="sms_code"),
    path("logout/", account.logout, name="logout"),
    path("", account.account, name="account"),
    path("upgrade/", account.account_upgrade, name="account_upgrade"),
    path("access-log/", access_log.account_access_log, name="account_access_log"),  # 数据查阅记录
]
