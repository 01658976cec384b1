from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    verbose_name = "消息通知"
    name = "govhall.notifications"
    label = "notifications"

    def ready(self) -> None:
        from govhall.core.personal_data import sealed_column_register

        sealed_column_register("notifications.Message", "recipient_sealed", "notification_recipient")
