"""``govhall audit_verify``: recompute the audit hash chain; exit 1 when any entry was edited or deleted."""

from django.core.management.base import BaseCommand, CommandError

from govhall.core.audit import audit_chain_verify


class Command(BaseCommand):
    help = "校验审计链：发现被修改或删除的审计记录时以状态 1 退出。"

    def handle(self, *args, **options):
        count, problems = audit_chain_verify()
        if problems:
            for problem in problems:
                self.stderr.write(f"[{problem.kind}] {problem.message}")
            raise CommandError(f"审计链校验失败：共 {count} 条记录，发现 {len(problems)} 处问题")
        self.stdout.write(f"审计链完好：共 {count} 条记录，逐条校验通过")
