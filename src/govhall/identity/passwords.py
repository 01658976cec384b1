"""Password policy beyond Django's validators (length ≥ 10, not common/breached, not all digits, not like the name)."""

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """At least three of: lower-case letters, upper-case letters, digits, other characters."""

    def validate(self, password: str, user: object = None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < 3:
            raise ValidationError(
                "密码须至少包含小写字母、大写字母、数字、符号中的三类", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return "密码须至少包含小写字母、大写字母、数字、符号中的三类。"
