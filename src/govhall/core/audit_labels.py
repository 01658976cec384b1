"""Chinese labels of audit actions, channels and login methods, for pages that show the audit trail.

Only display text lives here: an action without a label is shown as its code, so a new action
never breaks a page. Prefix labels (``identity.``) name the areas offered by the action filter.
"""

from __future__ import annotations

from typing import Any

ACTION_LABELS: dict[str, str] = {
    # Personal data (R-OPS.1): every reveal, release and use.
    "personal_data.reveal": "查看完整身份证号码",
    "personal_data.release": "向接入系统提供身份证号码",
    "personal_data.use": "系统使用个人数据（发送短信、生成查询凭据）",
    "personal_data.licence_download": "下载电子证照",
    "core.personal_data.rekeyed": "个人数据密钥轮换",
    # Working-day calendar (工作日历).
    "core.calendar_day_set": "更正工作日历",
    "core.calendar_day_reset": "撤销工作日历更正",
    "core.calendar_year_enter": "录入全年放假安排",
    "core.calendar_seed": "按 chinese-calendar 更新工作日历",
    # Identity: citizens, sessions, enterprises.
    "identity.login": "登录",
    "identity.logout": "退出登录",
    "identity.session_expired": "会话超时结束",
    "identity.person_register": "注册个人账号",
    "identity.person_lookup": "窗口查询个人账号",
    "identity.person_verify": "实名核验通过",
    "identity.person_verify_failed": "实名核验未通过",
    "identity.level_raise": "提升认证等级",
    "identity.credential_bind": "绑定登录方式",
    "identity.certificate_bind": "绑定数字证书",
    "identity.sms_code_send": "发送短信验证码",
    "identity.sms_code_used": "使用短信验证码",
    "identity.sms_code_failed": "短信验证码发送失败",
    "identity.sms_code_rejected": "短信验证码校验失败",
    "identity.registry_simulator_add": "人口库模拟器添加记录",
    "identity.enterprise_register": "登记企业",
    "identity.enterprise_level_raise": "提升企业认证等级",
    "identity.enterprise_account_create": "创建法人账号",
    "identity.mandate_grant": "授权经办人",
    "identity.mandate_revoke": "撤销经办人授权",
    "identity.act_for": "以企业身份办事",
    "identity.act_for_stop": "结束以企业身份办事",
    # Identity: staff accounts.
    "identity.staff_create": "创建工作人员账号",
    "identity.staff_update": "修改工作人员账号",
    "identity.staff_deactivate": "停用工作人员账号",
    "identity.staff_reactivate": "重新启用工作人员账号",
    "identity.staff_password_reset": "重置工作人员密码",
    "identity.staff_password_change": "修改密码",
    "identity.staff_lockout_clear": "解除登录锁定",
    "identity.totp_enrol_start": "开始绑定验证器",
    "identity.totp_enrol_confirm": "完成绑定验证器",
    "identity.totp_reset": "重置验证器",
    "identity.totp_demo_device": "创建演示验证器",
    # Single sign-on.
    "sso.client_register": "登记接入系统",
    "sso.client_secret_rotate": "更换接入系统密钥",
    "sso.client_disable": "停用接入系统",
    "sso.upstream_register": "登记上游身份提供方",
    # Catalog.
    "catalog.basic_item.created": "新建基本目录事项",
    "catalog.basic_item.updated": "修改基本目录事项",
    "catalog.handling_item.created": "新建办理项",
    "catalog.theme.saved": "保存主题分类",
    "catalog.implementation.created": "新建实施清单",
    "catalog.implementation.draft_opened": "开始修订实施清单",
    "catalog.implementation.draft_saved": "保存实施清单草稿",
    "catalog.implementation.submitted": "提交实施清单审核",
    "catalog.implementation.approved": "审核通过并发布实施清单",
    "catalog.implementation.rejected": "退回实施清单",
    "catalog.implementation.suspended": "暂停实施清单",
    "catalog.implementation.resumed": "恢复实施清单",
    "catalog.implementation.withdrawn": "取消实施清单",
    "catalog.implementation.imported": "导入实施清单",
    "catalog.implementation.material_file_attached": "上传材料样表",
    # Cases (办件).
    "case.submitted": "提交申请",
    "case.task_claimed": "签收待办",
    "case.task_released": "退回待办",
    "case.accepted": "受理",
    "case.deemed_accepted": "逾期视为受理",
    "case.refused": "不予受理",
    "case.correction_requested": "一次性告知补正",
    "case.corrected": "补正材料",
    "case.review_opinion": "审查意见",
    "case.countersign_opinion": "并联审批协办意见",
    "case.preliminary_opinion": "下级初审意见",
    "case.approved": "准予许可",
    "case.denied": "不予许可",
    "case.extension_requested": "申请延期",
    "case.extension_decided": "审批延期",
    "supervision.scanned": "预警扫描",
    "supervision.rule_saved": "保存预警规则",
    "supervision.notice_issued": "发出督办通知单",
    "supervision.notice_answered": "回复督办",
    "supervision.notice_closed": "办结督办",
    "supervision.indicators_rebuilt": "重建监察指标汇总",
    "case.special_started": "启动特别程序",
    "case.special_ended": "结束特别程序",
    "case.withdrawn": "申请人撤回",
    "case.visit": "登记到现场",
    "case.result_collected": "窗口领取结果",
    "case.material_viewed": "查看申请材料",
    "case.document_viewed": "查看办件文书",
    "case.list_exported": "导出办件清单",
    "cases.bulk_seeded": "生成规模测试办件",
    # 互动: consultations, complaints and reports, the 12345 hotline.
    "interaction.rule_set": "设置互动时限规则",
    "interaction.consultation_ask": "提交咨询",
    "interaction.consultation_answer": "答复咨询",
    "interaction.consultation_transfer": "转办咨询",
    "interaction.consultation_publish": "公开为常见问题",
    "interaction.consultation_unpublish": "撤回常见问题",
    "interaction.complaint_submit": "提交投诉举报",
    "interaction.complaint_triage": "分办投诉举报",
    "interaction.complaint_transfer": "转办投诉举报",
    "interaction.complaint_reply": "答复投诉举报",
    "interaction.complaint_confirm": "投诉人确认满意",
    "interaction.complaint_reopen": "投诉人要求重新办理",
    "interaction.complaint_close": "经回访办结投诉举报",
    "interaction.complaint_auto_close": "逾期未确认，自动办结投诉举报",
    "interaction.contact_reveal": "查看投诉举报人联系电话",
    "interaction.list_exported": "导出咨询投诉清单",
    "interaction.hotline_client_create": "新建12345热线接入方",
    "interaction.hotline_receive": "接收12345热线工单",
    # Licences (电子证照) and processes.
    "licences.licence_issue": "签发电子证照",
    "licences.licence_revoke": "撤销电子证照",
    "licences.licence_cancel": "注销电子证照",
    "licences.licence_import": "导入存量证照",
    "licences.licence_use": "授权使用电子证照作为申请材料",
    "licences.licence_verify": "核验电子证照",
    "licences.result_document_sign": "签章结果文书",
    "licences.seal_issue": "签发部门电子印章证书",
    "licences.seal_load": "导入部门电子印章证书",
    "licences.type_create": "新建证照类型",
    "licences.type_update": "修改证照类型",
    "workflow.process_definition.uploaded": "上传流程定义",
    "workflow.process_definition.builtin_created": "安装内置流程",
    # 好差评 (ratings).
    "rating.given": "评价办件",
    "rating.rerated": "整改后再次评价",
    "rating.rectification_opened": "差评下达整改",
    "rating.rectification_done": "登记差评整改情况",
    "rating.return_visit": "登记差评回访",
    "rating.appeal_filed": "对评价提出申诉",
    "rating.appeal_decided": "复核评价申诉",
    "rating.rule_saved": "设置好差评规则",
    "rating.invitation_sent": "发送评价邀请短信",
    "rating.device_registered": "登记评价器",
    "rating.device_deactivated": "停用评价器",
    # 意见征集、在线调查、问题与建议 (surveys).
    "surveys.solicitation_create": "新建意见征集",
    "surveys.solicitation_update": "修改意见征集",
    "surveys.solicitation_publish": "发布意见征集",
    "surveys.opinion_submit": "提交征集意见",
    "surveys.feedback_publish": "公布意见采纳情况",
    "surveys.opinions_export": "导出征集意见",
    "surveys.survey_create": "新建在线调查",
    "surveys.survey_update": "修改在线调查",
    "surveys.survey_questions": "编辑调查题目",
    "surveys.survey_publish": "发布在线调查",
    "surveys.survey_respond": "提交调查问卷",
    "surveys.results_export": "导出调查结果",
    "surveys.suggestion_submit": "提交问题与建议",
    "surveys.suggestion_reply": "答复问题与建议",
    "surveys.suggestion_route_set": "设置问题与建议分派",
    # The audit trail itself.
    "audit.verify": "校验审计链",
    "audit.export": "导出审计日志",
}

AREA_LABELS: dict[str, str] = {
    "personal_data.": "个人数据（查看、提供、使用）",
    "identity.": "统一身份认证",
    "sso.": "单点登录接入",
    "catalog.": "事项库",
    "case.": "办件",
    "licences.": "电子证照",
    "workflow.": "流程定义",
    "interaction.": "咨询投诉",
    "audit.": "审计日志",
    "core.calendar_": "工作日历",
    "rating.": "好差评",
    "surveys.": "意见征集与调查",
    "supervision.": "电子监察",
}

CHANNEL_LABELS: dict[str, str] = {
    "portal": "门户网站",
    "workbench": "工作台",
    "api": "接口",
    "oidc": "单点登录",
    "command": "命令行",
}

METHOD_LABELS: dict[str, str] = {
    "password": "密码",
    "sms": "短信验证码",
    "certificate": "数字证书",
    "totp": "密码 + 动态口令",
    "upstream": "互认身份提供方",
    "population_registry": "人口库核验",
    "window": "窗口人工核验",
}


def action_label(action: str) -> str:
    """The Chinese label of ``action``, or the code itself when none is known."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("catalog.implementation."):
        return "实施清单：" + action.removeprefix("catalog.implementation.")
    return action


def action_filter_choices() -> list[tuple[str, str]]:
    """Areas first (prefix filters), then every labelled action — for the filter's suggestion list."""
    return [*AREA_LABELS.items(), *sorted(ACTION_LABELS.items())]


SECRET_WORDS = ("password", "secret", "token")  # never expected in a summary; hidden if present
VALUE_LIMIT = 120


def _value_text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, dict) and set(value) == {"before", "after"}:
        return f"{_value_text(value['before'])} → {_value_text(value['after'])}"
    if isinstance(value, dict):
        return "，".join(f"{key}: {_value_text(inner)}" for key, inner in value.items())
    if isinstance(value, list):
        return "、".join(_value_text(item) for item in value)
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def summary_lines(summary: Any) -> list[str]:
    """A summary as short ``key: value`` lines (``before → after`` for changes), long values cut."""
    if not isinstance(summary, dict):
        return [_value_text(summary)[:VALUE_LIMIT]] if summary else []
    lines = []
    for key, value in summary.items():
        if any(word in str(key).lower() for word in SECRET_WORDS):
            text = "（已隐藏）"
        else:
            text = _value_text(value)
            if len(text) > VALUE_LIMIT:
                text = text[: VALUE_LIMIT - 1] + "…"
        lines.append(f"{key}: {text}")
    return lines
