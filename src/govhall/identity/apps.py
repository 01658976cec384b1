from django.apps import AppConfig


class IdentityConfig(AppConfig):
    verbose_name = "统一身份认证"
    name = "govhall.identity"
    label = "identity"

    def ready(self) -> None:
        from govhall.core.personal_data import sealed_column_register

        sealed_column_register("identity.Person", "id_number_sealed", "id_number")
        sealed_column_register("identity.Person", "phone_sealed", "phone")
        sealed_column_register("identity.UpstreamProvider", "client_secret_sealed", "upstream_client_secret")
