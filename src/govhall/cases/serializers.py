"""Shapes of the cases API (``cases/api.py``): what applicants and staff send, and what they get back.

Output only names and masked numbers of people (never a full ID number), and to applicants only the
public part of a case's timeline, with departments rather than staff names. Input serializers check
shapes and sizes; every rule about what may happen to a draft or a case lives in the services.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from govhall.core.api import ChoiceLabelField, NamedChoiceField

from .models import (
    CaseResult,
    CaseStatus,
    Channel,
    Delivery,
    EventKind,
    MaterialSource,
    SpecialProcedureKind,
)

MAX_KEY = 100


# --- application forms -----------------------------------------------------------------------------


class FormFieldChildSerializer(serializers.Serializer):
    """A field inside a group or repeating group (its own ``children``, if any, as plain objects)."""

    key = serializers.CharField(help_text="字段名")
    path = serializers.CharField(help_text="字段路径（如 staff.name），校验错误按此路径返回")
    title = serializers.CharField(help_text="标题")
    widget = serializers.CharField(
        help_text="控件：text、textarea、number、date、choice、address、id_number、credit_code、group、repeat"
    )
    type = serializers.CharField(help_text="JSON 类型")
    required = serializers.BooleanField(help_text="是否必填")
    choices = serializers.ListField(child=serializers.JSONField(), help_text="可选值（choice 控件）")
    profile = serializers.CharField(help_text="取自实名账号的资料项（x-profile），空为申请人填写")
    readonly = serializers.BooleanField(help_text="只读（资料项由账号带出，不接受申请人填写）")
    help = serializers.CharField(help_text="填写说明")
    max_length = serializers.IntegerField(allow_null=True, help_text="最大长度")
    children = serializers.ListField(
        child=serializers.DictField(), help_text="下级字段（再下一层以对象列出）"
    )


class FormFieldSerializer(FormFieldChildSerializer):
    """One field (or section) of the application form, in display order."""

    children = FormFieldChildSerializer(many=True, help_text="分组或重复组的下级字段")
    min_items = serializers.IntegerField(allow_null=True, help_text="重复组最少条数")
    max_items = serializers.IntegerField(allow_null=True, help_text="重复组最多条数")


class ScenarioOptionSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="回答的取值")
    label = serializers.CharField(help_text="回答（中文）")


class ScenarioQuestionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="问题键")
    label = serializers.CharField(help_text="问题（中文）")
    options = ScenarioOptionSerializer(many=True)


class FormMaterialSerializer(serializers.Serializer):
    """An application material of the guide and how it can be provided."""

    position = serializers.IntegerField(help_text="材料序号（上传材料时使用）")
    name = serializers.CharField(help_text="材料名称")
    requirement = serializers.CharField(help_text="required 必要，conditional 容缺/情形，optional 非必要")
    required = serializers.BooleanField(help_text="提交前必须提供")
    exempt = serializers.BooleanField(help_text="免提交：由政府部门核发并共享获取，无需上传")
    licence_types = serializers.ListField(
        child=serializers.CharField(), help_text="可用电子证照代替的证照类型编码"
    )
    applies_when = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="适用情形 {问题键: [回答, …]}；空对象表示所有情形都需要",
    )
    condition_note = serializers.CharField(help_text="提交情形说明")


class ApplicationFormSerializer(serializers.Serializer):
    """申请表单 — the live guide version's form, questionnaire and the materials that apply."""

    implementation_code = serializers.CharField(help_text="实施编码")
    item_name = serializers.CharField(help_text="事项名称")
    version_number = serializers.IntegerField(help_text="在用指南版本号")
    required_level = serializers.CharField(help_text="认证等级需求（L1/L2/L3）")
    scenario = ScenarioQuestionSerializer(many=True, help_text="情形引导问题；没有则为空列表")
    answers = serializers.DictField(
        child=serializers.CharField(), allow_null=True, help_text="本次按哪些回答筛选；未给出回答时为 null"
    )
    form_schema = serializers.JSONField(help_text="表单定义（JSON Schema 2020-12，含 x- 界面提示）")
    fields = FormFieldSerializer(
        many=True, help_text="适用的字段（按回答去掉不适用的条件字段；未给回答时只列无条件字段）"
    )
    materials = FormMaterialSerializer(many=True, help_text="适用的材料；未给回答时列出全部材料及其适用情形")


# --- drafts -------------------------------------------------------------------------------------


class DraftOpenSerializer(serializers.Serializer):
    implementation_code = serializers.CharField(max_length=48, help_text="要申请事项的实施编码")


class DraftMaterialSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    material_position = serializers.IntegerField(read_only=True, help_text="材料序号")
    source = NamedChoiceField(MaterialSource, help_text="来源")
    source_label = ChoiceLabelField(MaterialSource, source="source", help_text="来源（中文）")
    original_name = serializers.CharField(read_only=True, help_text="文件名或证照名称")
    content_type = serializers.CharField(read_only=True, help_text="文件类型")
    size = serializers.IntegerField(read_only=True, help_text="字节数")
    licence_identifier = serializers.CharField(read_only=True, help_text="电子证照标识；上传的文件为空")
    created_at = serializers.DateTimeField(read_only=True)


class MaterialSlotSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="material.position", read_only=True, help_text="材料序号")
    name = serializers.CharField(source="material.name", read_only=True, help_text="材料名称")
    required = serializers.BooleanField(read_only=True, help_text="必要材料")
    exempt = serializers.BooleanField(read_only=True, help_text="免提交")
    satisfied = serializers.BooleanField(read_only=True, help_text="已提供（或免提交）")


class DraftSerializer(serializers.Serializer):
    """申报草稿."""

    id = serializers.UUIDField(read_only=True)
    implementation_code = serializers.CharField(read_only=True, help_text="实施编码")
    version_id = serializers.IntegerField(read_only=True, help_text="草稿所依据的指南版本")
    scenario_answers = serializers.DictField(
        child=serializers.CharField(), read_only=True, help_text="情形选择"
    )
    form_data = serializers.DictField(read_only=True, help_text="表单内容（尚未严格校验）")
    delivery = NamedChoiceField(Delivery, help_text="送达方式")
    delivery_label = ChoiceLabelField(Delivery, source="delivery", help_text="送达方式（中文）")
    delivery_address = serializers.CharField(read_only=True, help_text="邮寄地址")
    materials = serializers.SerializerMethodField(help_text="已提供的材料")
    slots = serializers.SerializerMethodField(help_text="按当前情形适用的材料及是否已提供")
    case_number = serializers.SerializerMethodField(help_text="已提交时的办件编号，未提交为 null")
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(DraftMaterialSerializer(many=True))
    def get_materials(self, draft: Any) -> Any:
        return DraftMaterialSerializer(draft.materials.all(), many=True).data

    @extend_schema_field(MaterialSlotSerializer(many=True))
    def get_slots(self, draft: Any) -> Any:
        return MaterialSlotSerializer(self.context.get("slots", []), many=True).data

    @extend_schema_field(OpenApiTypes.STR)
    def get_case_number(self, draft: Any) -> str | None:
        return draft.case.number if draft.case_id else None


class DraftUpdateSerializer(serializers.Serializer):
    """保存草稿 — any subset of the fields; what is given replaces what was saved."""

    scenario_answers = serializers.DictField(
        child=serializers.CharField(max_length=100), required=False, help_text="情形选择 {问题键: 回答}"
    )
    form_data = serializers.DictField(required=False, help_text="表单内容 {字段名: 值}（提交时才严格校验）")
    delivery = serializers.ChoiceField(choices=Delivery.choices, required=False, help_text="送达方式")
    delivery_address = serializers.CharField(
        max_length=300, required=False, allow_blank=True, help_text="邮寄地址（选择邮寄送达时填写）"
    )


class DraftMaterialAddSerializer(serializers.Serializer):
    """上传材料（multipart）或选用电子证照：``file`` 与 ``licence_identifier`` 二选一。"""

    position = serializers.IntegerField(min_value=1, max_value=999, help_text="材料序号")
    file = serializers.FileField(required=False, help_text="PDF、JPG 或 PNG，不超过 20 MB")
    licence_identifier = serializers.CharField(
        max_length=120, required=False, help_text="证照夹中电子证照的标识（选用即表示同意用作本次申请材料）"
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if bool(attrs.get("file")) == bool(attrs.get("licence_identifier")):
            raise serializers.ValidationError({"file": ["请上传文件或选择电子证照（二选一）"]})
        return attrs


class DraftSubmitSerializer(serializers.Serializer):
    preliminary_region = serializers.CharField(
        max_length=12, required=False, allow_blank=True, help_text="需要下级初审的事项：办理地区划代码"
    )


# --- cases --------------------------------------------------------------------------------------


class CaseSummarySerializer(serializers.Serializer):
    """A line of 我的办件."""

    number = serializers.CharField(read_only=True, help_text="办件编号")
    item_name = serializers.CharField(read_only=True, help_text="事项名称")
    implementation_code = serializers.CharField(read_only=True, help_text="实施编码")
    department_name = serializers.CharField(source="department.name", read_only=True, help_text="办理部门")
    status = NamedChoiceField(CaseStatus, help_text="状态")
    status_label = ChoiceLabelField(CaseStatus, source="status", help_text="状态（中文）")
    result = NamedChoiceField(CaseResult, help_text="办理结果；未办结为空字符串")
    result_label = ChoiceLabelField(CaseResult, source="result", help_text="办理结果（中文）")
    submitted_at = serializers.DateTimeField(read_only=True, help_text="申报时间")
    promised_due = serializers.DateField(
        read_only=True, allow_null=True, help_text="承诺办结日期（受理后才有）"
    )


class PublicEventSerializer(serializers.Serializer):
    """One public step of the timeline, in plain Chinese."""

    kind = NamedChoiceField(EventKind, help_text="环节类型")
    kind_label = ChoiceLabelField(EventKind, source="kind", help_text="环节（中文）")
    at = serializers.DateTimeField(read_only=True, help_text="时间")
    department_name = serializers.SerializerMethodField(help_text="办理部门；申请人本人的操作为 null")
    opinion = serializers.CharField(read_only=True, help_text="说明或意见")

    @extend_schema_field(OpenApiTypes.STR)
    def get_department_name(self, event: Any) -> str | None:
        return event.department.name if event.department_id else None


class StaffEventSerializer(PublicEventSerializer):
    """One step of the full timeline (全过程留痕), with who acted and whether the applicant sees it."""

    actor_label = serializers.CharField(read_only=True, help_text="办理人")
    public = serializers.BooleanField(read_only=True, help_text="申请人是否可见")
    data = serializers.DictField(read_only=True, help_text="附加信息（同意与否、延期天数等）")


class CaseMaterialSerializer(serializers.Serializer):
    material_position = serializers.IntegerField(read_only=True, help_text="材料序号")
    name = serializers.CharField(read_only=True, help_text="材料名称")
    source = NamedChoiceField(MaterialSource, help_text="来源")
    source_label = ChoiceLabelField(MaterialSource, source="source", help_text="来源（中文）")
    original_name = serializers.CharField(read_only=True, help_text="文件名或证照名称")
    size = serializers.IntegerField(read_only=True, help_text="字节数")
    licence_identifier = serializers.CharField(read_only=True, help_text="电子证照标识")
    round = serializers.IntegerField(read_only=True, help_text="补正轮次（0 为首次提交）")


class CorrectionItemSerializer(serializers.Serializer):
    material_position = serializers.IntegerField(help_text="材料序号")
    name = serializers.CharField(read_only=True, help_text="材料名称")
    problem = serializers.CharField(max_length=2000, help_text="需要补正的问题")


class CorrectionSerializer(serializers.Serializer):
    """一次性告知补正."""

    items = CorrectionItemSerializer(many=True, read_only=True, help_text="需要补正的全部材料")
    note = serializers.CharField(read_only=True, help_text="补充说明")
    requested_at = serializers.DateTimeField(read_only=True, help_text="告知时间")
    answered_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="补正时间；未补正为 null"
    )


class SpecialProcedureSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = NamedChoiceField(SpecialProcedureKind, help_text="特别程序")
    kind_label = ChoiceLabelField(SpecialProcedureKind, source="kind", help_text="特别程序（中文）")
    reason = serializers.CharField(read_only=True, help_text="事由")
    expected_days = serializers.IntegerField(read_only=True, allow_null=True, help_text="预计时长（工作日）")
    started_on = serializers.DateField(read_only=True)
    ended_on = serializers.DateField(read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True, help_text="结果")


class CaseSerializer(CaseSummarySerializer):
    """办件 as its applicant sees it: status, clocks, public timeline, materials, any open correction."""

    channel = NamedChoiceField(Channel, help_text="渠道")
    channel_label = ChoiceLabelField(Channel, source="channel", help_text="渠道（中文）")
    applicant_name = serializers.CharField(read_only=True, help_text="申请人（单位）名称")
    received_on = serializers.DateField(read_only=True, help_text="收件日期")
    accept_due = serializers.DateField(read_only=True, help_text="受理期限（收件后 5 个工作日）")
    accepted_on = serializers.DateField(read_only=True, allow_null=True, help_text="受理日期")
    deemed_accepted = serializers.BooleanField(
        read_only=True, help_text="逾期未作受理决定，自收件之日起视为受理"
    )
    statutory_due = serializers.DateField(read_only=True, allow_null=True, help_text="法定办结日期")
    extension_days = serializers.IntegerField(read_only=True, help_text="已批准延期（工作日）")
    paused = serializers.BooleanField(read_only=True, help_text="特别程序中（时限暂停计算）")
    completed_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="办结时间")
    delivery = NamedChoiceField(Delivery, help_text="送达方式")
    delivery_label = ChoiceLabelField(Delivery, source="delivery", help_text="送达方式（中文）")
    licence_identifier = serializers.CharField(read_only=True, help_text="电子证照标识；未发证为空字符串")
    visits = serializers.IntegerField(read_only=True, help_text="到现场次数")
    timeline = serializers.SerializerMethodField(help_text="办理进度（申请人可见的环节）")
    materials = serializers.SerializerMethodField(help_text="现行有效的申请材料")
    open_correction = serializers.SerializerMethodField(help_text="待补正的告知；没有则为 null")
    special_procedures = SpecialProcedureSerializer(many=True, read_only=True, help_text="特别程序")

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_timeline(self, case: Any) -> Any:
        return PublicEventSerializer(self.context["timeline"], many=True).data

    @extend_schema_field(CaseMaterialSerializer(many=True))
    def get_materials(self, case: Any) -> Any:
        return CaseMaterialSerializer(self.context["materials"], many=True).data

    @extend_schema_field(CorrectionSerializer(allow_null=True))
    def get_open_correction(self, case: Any) -> Any:
        correction = self.context.get("open_correction")
        return CorrectionSerializer(correction).data if correction is not None else None


class ProgressSerializer(serializers.Serializer):
    """进度查询 — what anyone holding the case number and the ID tail may see."""

    number = serializers.CharField(read_only=True, help_text="办件编号")
    item_name = serializers.CharField(read_only=True, help_text="事项名称")
    department_name = serializers.CharField(source="department.name", read_only=True, help_text="办理部门")
    applicant_name_masked = serializers.SerializerMethodField(help_text="申请人（脱敏）")
    status = NamedChoiceField(CaseStatus, help_text="状态")
    status_label = ChoiceLabelField(CaseStatus, source="status", help_text="状态（中文）")
    result = NamedChoiceField(CaseResult, help_text="办理结果；未办结为空字符串")
    result_label = ChoiceLabelField(CaseResult, source="result", help_text="办理结果（中文）")
    submitted_at = serializers.DateTimeField(read_only=True, help_text="申报时间")
    promised_due = serializers.DateField(read_only=True, allow_null=True, help_text="承诺办结日期")
    paused = serializers.BooleanField(read_only=True, help_text="特别程序中")
    timeline = serializers.SerializerMethodField(help_text="办理进度")

    @extend_schema_field(OpenApiTypes.STR)
    def get_applicant_name_masked(self, case: Any) -> str:
        name = case.applicant_name or ""
        return name[:1] + "*" * max(1, len(name) - 1) if len(name) <= 4 else name[:2] + "*" * 4 + name[-2:]

    @extend_schema_field(PublicEventSerializer(many=True))
    def get_timeline(self, case: Any) -> Any:
        return PublicEventSerializer(self.context["timeline"], many=True).data


class ProgressQuerySerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, help_text="办件编号，如 350802-20261123-000017-K")
    tail = serializers.CharField(
        min_length=6, max_length=6, help_text="申请人身份证号码或统一社会信用代码的后 6 位"
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="撤回原因")


class CorrectionAnswerSerializer(serializers.Serializer):
    """补正（multipart）：每项告知的材料以 ``file_<序号>`` 上传（可多个），或以 ``licence_<序号>`` 选用电子证照。"""

    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, help_text="补正说明")


# --- staff --------------------------------------------------------------------------------------


class InboxQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["accept", "preliminary", "review", "countersign", "decide"],
        required=False,
        help_text="环节：accept 受理，preliminary 下级初审，review 审查，countersign 并联审批，decide 决定",
    )
    mine = serializers.ChoiceField(
        choices=["mine", "unclaimed"], required=False, help_text="mine 我签收的，unclaimed 未签收的"
    )
    due = serializers.ChoiceField(
        choices=["overdue", "soon"], required=False, help_text="overdue 已超期，soon 两天内到期"
    )
    q = serializers.CharField(max_length=100, required=False, help_text="办件编号或事项名称")


class TaskSerializer(serializers.Serializer):
    """待办."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(
        read_only=True, help_text="环节类型：accept、preliminary、review、countersign、decide"
    )
    name = serializers.CharField(read_only=True, help_text="环节")
    case_number = serializers.CharField(source="case.number", read_only=True, help_text="办件编号")
    item_name = serializers.CharField(source="case.item_name", read_only=True, help_text="事项名称")
    applicant_name = serializers.CharField(source="case.applicant_name", read_only=True, help_text="申请人")
    role = serializers.CharField(read_only=True, help_text="办理角色")
    due_on = serializers.DateField(read_only=True, allow_null=True, help_text="期限")
    due_colour = serializers.SerializerMethodField(
        help_text="red 已超期，yellow 两天内到期，green 正常，none 无期限"
    )
    claimed = serializers.BooleanField(source="claimed_by_id", read_only=True, help_text="是否已签收")
    claimed_by_me = serializers.SerializerMethodField(help_text="是否由我签收")
    claimed_at = serializers.DateTimeField(read_only=True, allow_null=True)

    @extend_schema_field(serializers.ChoiceField(choices=["red", "yellow", "green", "none"]))
    def get_due_colour(self, task: Any) -> str:
        from .selectors import due_colour

        return due_colour(task.due_on)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_claimed_by_me(self, task: Any) -> bool:
        return task.claimed_by_id is not None and task.claimed_by_id == self.context.get("user_id")

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        data["claimed"] = instance.claimed_by_id is not None
        return data


class TaskReleaseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="退回原因")


class ExtensionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    days = serializers.IntegerField(read_only=True, help_text="延长（工作日）")
    reason = serializers.CharField(read_only=True, help_text="理由")
    requested_at = serializers.DateTimeField(read_only=True)
    approved = serializers.BooleanField(read_only=True, allow_null=True, help_text="是否批准；待审批为 null")
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)


class StaffCaseSerializer(CaseSerializer):
    """办件 as staff see it: the applicant (masked), the form, open tasks and the full timeline."""

    applicant = serializers.SerializerMethodField(help_text="申请人（姓名与脱敏证件号码；代办时含经办人）")
    scenario_answers = serializers.DictField(read_only=True, help_text="情形选择")
    form_data = serializers.DictField(read_only=True, help_text="表单内容")
    back_entry = serializers.BooleanField(read_only=True, help_text="补录（线下办理后补录，受监督）")
    tasks = serializers.SerializerMethodField(help_text="当前待办")
    extensions = ExtensionSerializer(many=True, read_only=True, help_text="延期申请")
    corrections = CorrectionSerializer(many=True, read_only=True, help_text="补正告知（全部）")

    @extend_schema_field(StaffEventSerializer(many=True))
    def get_timeline(self, case: Any) -> Any:
        return StaffEventSerializer(self.context["timeline"], many=True).data

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "number": {"type": "string"},
                "agent": {"type": "string"},
                "agent_id_masked": {"type": "string"},
            },
            "required": ["name", "number", "agent", "agent_id_masked"],
        }
    )
    def get_applicant(self, case: Any) -> dict[str, str]:
        from .selectors import case_applicant_view

        return case_applicant_view(case)

    @extend_schema_field(TaskSerializer(many=True))
    def get_tasks(self, case: Any) -> Any:
        return TaskSerializer(self.context["tasks"], many=True, context=self.context).data


class OpinionTextSerializer(serializers.Serializer):
    opinion = serializers.CharField(max_length=2000, required=False, allow_blank=True, help_text="意见")


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="不予受理的理由")


class CorrectionRequestSerializer(serializers.Serializer):
    items = CorrectionItemSerializer(many=True, help_text="需要补正的全部材料（一次性告知）")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, help_text="补充说明")


class OpinionSerializer(serializers.Serializer):
    task = serializers.IntegerField(help_text="待办 id（审查、并联审批或下级初审环节）")
    agree = serializers.BooleanField(help_text="是否同意")
    opinion = serializers.CharField(max_length=2000, help_text="意见")


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="true 准予许可，false 不予许可")
    opinion = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="决定意见；不予许可时必须写明理由"
    )


class ExtensionRequestSerializer(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=30, help_text="延长的工作日数（1–30）")
    reason = serializers.CharField(max_length=2000, help_text="延期理由")


class ExtensionDecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField(help_text="是否批准")
    opinion = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="意见；不批准时必须填写"
    )


class SpecialStartSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SpecialProcedureKind.choices, help_text="特别程序类型")
    reason = serializers.CharField(max_length=2000, help_text="启动事由")
    expected_days = serializers.IntegerField(
        min_value=1, max_value=365, required=False, allow_null=True, help_text="预计时长（工作日）"
    )


class SpecialEndSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=2000, help_text="特别程序结果")
