"""主题 — life events used to browse the catalog: for persons (个人办事) and for enterprises (法人办事)."""

# (code, name, audience)
PERSON_THEMES: tuple[tuple[str, str], ...] = (
    ("birth-adoption", "生育收养"),
    ("household", "户籍办理"),
    ("marriage", "婚姻登记"),
    ("social-security", "社会保障"),
    ("employment", "就业创业"),
    ("housing", "住房"),
    ("travel", "交通出行"),
    ("medical", "医疗卫生"),
    ("elderly", "养老服务"),
    ("exit-entry", "出入境"),
    ("assistance", "社会救助"),
)

ENTERPRISE_THEMES: tuple[tuple[str, str], ...] = (
    ("open-business", "开办企业"),
    ("construction", "工程建设"),
    ("market-access", "市场准入"),
    ("tax", "税务办理"),
    ("environment", "环保审批"),
    ("transport-business", "交通运输"),
)

THEMES: tuple[tuple[str, str, str], ...] = tuple(
    [(code, name, "person") for code, name in PERSON_THEMES]
    + [(code, name, "enterprise") for code, name in ENTERPRISE_THEMES]
)
