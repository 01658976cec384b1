from django.apps import AppConfig


class LicencesConfig(AppConfig):
    verbose_name = "电子证照"
    name = "govhall.licences"
    label = "licences"

    def ready(self) -> None:
        from govhall.core.personal_data import sealed_column_register

        # Seal private keys are re-sealed by ``personal_data_rekey`` like any other sealed column.
        sealed_column_register("licences.SealCertificate", "private_key_sealed", "seal_key")
