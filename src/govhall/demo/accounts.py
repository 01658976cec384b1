"""Demo staff accounts created by ``govhall load_demo`` (printed by the start-up banner).

Every account uses ``DEMO_PASSWORD``. They exist only in demo databases: ``load_demo`` is never
run against production data.
"""

from dataclasses import dataclass

from govhall.identity.models import StaffRole

DEMO_PASSWORD = "Govhall-demo-2026"  # noqa: S105 — published demo password, demo databases only


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
)
