"""Message templates (短信/邮件模板). Sensitive templates are stored in the outbox with blanks."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    sensitive: bool = False


TEMPLATES: dict[str, Template] = {
    "verification_code": Template(
        subject="验证码",
        body="【{site}】您的验证码为{code}，{minutes}分钟内有效，用于{purpose}。如非本人操作请忽略。",
        sensitive=True,
    ),
    "level_raised": Template(
        subject="实名认证完成",
        body="【{site}】您的账号已完成实名认证，认证等级：{level}。",
    ),
    "agent_authorised": Template(
        subject="经办人授权",
        body="【{site}】{enterprise}已授权您为经办人，有效期至{valid_until}。",
    ),
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    stored_body: str
    # Values of a sensitive template's secret parameters: they must not be stored anywhere else either.
    hidden: tuple[str, ...] = ()


def render_template(code: str, params: dict[str, str]) -> Rendered:
    template = TEMPLATES[code]
    values = {"site": settings.GOVHALL["SITE_NAME"], **params}
    body = template.body.format(**values)
    public = {"site", "purpose", "minutes"}
    stored = (
        template.body.format(**{k: ("******" if k not in public else v) for k, v in values.items()})
        if template.sensitive
        else body
    )
    hidden = (
        tuple(str(v) for k, v in values.items() if k not in public and str(v)) if template.sensitive else ()
    )
    return Rendered(subject=template.subject, body=body, stored_body=stored, hidden=hidden)
