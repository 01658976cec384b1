"""Process definitions (流程定义): the BPMN a case runs. The standard one ships with the platform."""

from django.conf import settings
from django.db import models


class ProcessDefinition(models.Model):
    """One uploaded (or shipped) BPMN 2.0 document, immutable once saved; a new upload is a new row."""

    key = models.SlugField("流程标识", max_length=60, unique=True)
    name = models.CharField("流程名称", max_length=100)
    description = models.TextField("说明", blank=True)
    bpmn_xml = models.TextField("BPMN 2.0 XML")
    process_id = models.CharField("可执行流程 ID", max_length=100)
    sha256 = models.CharField(max_length=64)
    is_builtin = models.BooleanField("平台内置", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "流程定义"
        ordering = ["-is_builtin", "key"]

    def __str__(self) -> str:
        return f"{self.name}（{self.key}）"
