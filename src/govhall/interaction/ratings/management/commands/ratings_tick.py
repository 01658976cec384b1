"""``govhall ratings_tick`` — SMS invitations to rate and the regions' automatic ratings (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from govhall.core.audit import audit_context_use
from govhall.interaction.ratings.tick import ratings_tick


class Command(BaseCommand):
    help = "好差评定时任务：发送评价邀请短信，按区划规则给予默认评价（可重复运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        with audit_context_use(channel="command"):
            result = ratings_tick()
        self.stdout.write(f"评价邀请：{result['invited']} 条；默认评价：{result['auto_rated']} 条")
