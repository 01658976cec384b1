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
    # 办件 — in-site message and SMS at each change the applicant must know about.
    "case_submitted": Template(
        subject="申请已提交", body="【{site}】您申请的{item}已提交，办件编号{number}，请留意受理结果。"
    ),
    "case_accepted": Template(
        subject="申请已受理", body="【{site}】办件{number}（{item}）已受理，承诺办结日期{due}。"
    ),
    "case_correction": Template(
        subject="请补正材料",
        body="【{site}】办件{number}（{item}）需要补正材料，请登录查看一次性补正告知并提交。",
    ),
    "case_refused": Template(
        subject="不予受理", body="【{site}】办件{number}（{item}）不予受理，请登录查看不予受理通知书。"
    ),
    "case_special": Template(
        subject="进入特别程序",
        body="【{site}】办件{number}（{item}）进入{procedure}程序，所需时间不计入办理时限。",
    ),
    "case_extended": Template(
        subject="办理时限延长", body="【{site}】办件{number}（{item}）经批准延期，新的办结日期{due}。"
    ),
    "case_decided": Template(subject="审批结果", body="【{site}】办件{number}（{item}）已办结：{result}。"),
    "case_result_ready": Template(
        subject="结果已送达",
        body="【{site}】办件{number}（{item}）的{document}已签发，可在“我的证照”下载或到窗口领取。",
    ),
    # 电子监察 — supervision notices to the department's staff and answers back to the issuer (in-site only).
    "supervision_notice": Template(
        subject="督办通知", body="【{site}】{number}：请就“{subject}”于{due}前回复督办意见。"
    ),
    "supervision_answered": Template(
        subject="督办已回复", body="【{site}】{number}（{subject}）已由{department}回复。"
    ),
    # 互动 — consultations and complaints: the asker hears of the answer (in-site message and SMS).
    "consultation_answered": Template(
        subject="咨询已答复", body="【{site}】您的咨询“{title}”已答复，请登录查看。"
    ),
    "complaint_replied": Template(
        subject="投诉举报已答复", body="【{site}】您的{kind}“{title}”已答复，请登录查看并确认是否满意。"
    ),
    "complaint_rejected": Template(
        subject="投诉举报不予受理", body="【{site}】您的{kind}“{title}”不予受理，请登录查看理由。"
    ),
    # 好差评 — the rating invitation (SMS link) and the follow-up of a poor rating.
    "rating_invite": Template(
        subject="邀请您评价",
        body="【{site}】办件{number}（{item}）已{stage}，请对我们的服务评价：{link}（{days}天内有效）",
    ),
    "rating_rectified": Template(
        subject="差评整改完成",
        body="【{site}】您对办件{number}（{item}）的评价，{department}已整改：{action}。您可以再次评价。",
    ),
    "rating_return_visit": Template(
        subject="评价回访",
        body="【{site}】{department}已就您对办件{number}（{item}）的评价进行回访（{method}），感谢您的监督。",
    ),
    "rating_appeal_decided": Template(
        subject="评价申诉复核结果",
        body="【{site}】{department}对您就办件{number}（{item}）所作评价的申诉，复核结果：{outcome}。",
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
