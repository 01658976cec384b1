"""Demo staff accounts created by ``govhall load_demo`` (printed by the start-up banner).

Every account uses ``DEMO_PASSWORD`` and has a confirmed TOTP device (the workbench's second
factor) whose secret is derived from the username: ``HMAC-SHA256(DEMO_TOTP_SEED, username)``,
first 20 bytes, hex — the same on every demo installation, so ``govhall demo_totp <username>``
prints the current 6-digit code without an authenticator app. They exist only in demo databases:
``load_demo`` is never run against production data, and ``demo_totp`` refuses any device whose
secret is not the derived demo secret.
"""

import hashlib
import hmac
from dataclasses import dataclass

from govhall.identity.models import StaffRole

DEMO_PASSWORD = "Govhall-demo-2026"  # noqa: S105 — published demo password, demo databases only
# Published seed of the demo TOTP secrets (demo databases only; real staff enrol their own device).
DEMO_TOTP_SEED = b"govhall-demo-totp-2026"


def demo_totp_key(username: str) -> str:
    """The hex TOTP secret of a demo account: HMAC-SHA256(DEMO_TOTP_SEED, username)[:20]."""
    return hmac.new(DEMO_TOTP_SEED, username.encode(), hashlib.sha256).digest()[:20].hex()


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    display_name: str
    role: str  # a StaffRole value
    region: str  # 6-digit region code
    region_name: str
    department_kind: str  # kind key in govhall.demo.departments.KINDS
    note: str

    @property
    def role_label(self) -> str:
        return str(StaffRole(self.role).label)


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "fj_catalog",
        DEMO_PASSWORD,
        "郑敏",
        StaffRole.CATALOG_MANAGER,
        "350000",
        "福建省",
        "data",
        "省级事项管理员：维护基本目录，管理全省实施清单",
    ),
    DemoAccount(
        "ly_catalog",
        DEMO_PASSWORD,
        "黄志强",
        StaffRole.CATALOG_MANAGER,
        "350800",
        "龙岩市",
        "hall",
        "龙岩市事项管理员：管理本市及所辖县（市、区）实施清单",
    ),
    DemoAccount(
        "xl_catalog",
        DEMO_PASSWORD,
        "林晓",
        StaffRole.CATALOG_MANAGER,
        "350802",
        "新罗区",
        "hall",
        "新罗区事项管理员：编制并提交实施清单修订",
    ),
    DemoAccount(
        "xl_reviewer",
        DEMO_PASSWORD,
        "陈静",
        StaffRole.CATALOG_MANAGER,
        "350802",
        "新罗区",
        "hall",
        "新罗区事项管理员：审核他人提交的修订",
    ),
    DemoAccount(
        "xl_window",
        DEMO_PASSWORD,
        "吴丽",
        StaffRole.WINDOW_CLERK,
        "350802",
        "新罗区",
        "hall",
        "新罗区行政服务中心窗口人员：窗口实名核验、企业经办人授权",
    ),
    DemoAccount(
        "xl_scjg_window",
        DEMO_PASSWORD,
        "邱晓燕",
        StaffRole.WINDOW_CLERK,
        "350802",
        "新罗区",
        "market",
        "新罗区市场监督管理局窗口：受理、一次性告知补正、一窗受理、窗口出件",
    ),
    DemoAccount(
        "xl_scjg_review",
        DEMO_PASSWORD,
        "罗文彬",
        StaffRole.REVIEWER,
        "350802",
        "新罗区",
        "market",
        "新罗区市场监督管理局审批人员：审查、特别程序、申请延期",
    ),
    DemoAccount(
        "xl_scjg_head",
        DEMO_PASSWORD,
        "钟丽华",
        StaffRole.DEPARTMENT_HEAD,
        "350802",
        "新罗区",
        "market",
        "新罗区市场监督管理局负责人：作出许可决定、批准延期",
    ),
    DemoAccount(
        "ly_supervisor",
        DEMO_PASSWORD,
        "赖建国",
        StaffRole.SUPERVISOR,
        "350800",
        "龙岩市",
        "hall",
        "龙岩市效能监察人员：查看本市及所辖县（市、区）",
    ),
    DemoAccount(
        "fj_supervisor",
        DEMO_PASSWORD,
        "吴振华",
        StaffRole.SUPERVISOR,
        "350000",
        "福建省",
        "data",
        "福建省效能监察人员：全省监察看板，逐级下钻到设区市、县（市、区）和部门",
    ),
    DemoAccount(
        "fj_operator",
        DEMO_PASSWORD,
        "陈运维",
        StaffRole.OPERATOR,
        "350000",
        "福建省",
        "data",
        "省级运维人员：单点登录接入、消息模拟器",
    ),
)
