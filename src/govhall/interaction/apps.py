from django.apps import AppConfig


class InteractionConfig(AppConfig):
    verbose_name = "互动交流"
    name = "govhall.interaction"
    label = "interaction"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govhall.core.personal_data import sealed_column_register

        # Contacts of askers and complainants are re-sealed by ``personal_data_rekey`` like any sealed column.
        sealed_column_register("interaction.Consultation", "contact_sealed", "interaction_contact")
        sealed_column_register("interaction.Complaint", "contact_sealed", "interaction_contact")
