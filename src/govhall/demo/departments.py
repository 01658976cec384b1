"""Demo departments (实施主体) of Fujian: which bodies exist at each level, their names, credit codes and halls.

Everything is derived deterministically from the region list, so every run (and every
machine) produces the same departments with the same unified social credit codes:
``1`` (registered by 机构编制) + unit type (``1`` 机关, ``2`` 事业单位, ``3`` 群团) + the 6-digit
region code + a 9-character organisation code (8 characters + its GB 11714 check character),
and the GB 32100 check character computed by ``stdnum.cn.uscc``. Phones use the real area code
of each city; addresses and hours are plausible, not real.
"""

import zlib
from dataclasses import dataclass

from stdnum.cn import uscc

from govhall.directory.bulk import REGIONS_CSV_DIR, DepartmentRow, RegionRow, region_rows_from_csv

FUJIAN_REGIONS_CSV = REGIONS_CSV_DIR / "fujian_regions.csv"

# Telephone area codes by city (first four digits of the region code).
AREA_CODES = {
    "3501": "0591",
    "3502": "0592",
    "3503": "0594",
    "3504": "0598",
    "3505": "0595",
    "3506": "0596",
    "3507": "0599",
    "3508": "0597",
    "3509": "0593",
}
EIGHT_DIGIT_AREAS = {"0591", "0592", "0595"}

# 金门县 is in GB/T 2260 but not administered by the province: it has a region row, no departments.
COUNTIES_WITHOUT_DEPARTMENTS = {"350527"}

ROADS = (
    "人民路",
    "中山路",
    "府前路",
    "解放路",
    "建设路",
    "城南路",
    "滨江路",
    "新华路",
    "和平路",
    "东环路",
    "南环路",
    "北大路",
    "行政路",
    "政通路",
    "文化路",
    "迎宾路",
)
HOURS = (
    "周一至周五 上午8:00-12:00，下午14:30-17:30（法定节假日除外）",
    "周一至周五 上午8:30-12:00，下午14:30-17:30；周六上午9:00-12:00（延时服务）",
    "周一至周五 上午8:00-12:00，下午15:00-18:00（夏令时）/14:30-17:30（冬令时）",
    "周一至周五 9:00-17:00（午间不间断服务，法定节假日除外）",
)
PROVINCE_ADDRESS = "福州市鼓楼区湖东路"


@dataclass(frozen=True)
class Kind:
    """A kind of implementing body and what it is called at each level ("" = none at that level)."""

    key: str
    number: int
    window: str
    province: str = ""
    city: str = ""
    county: str = ""
    unit: str = "1"


KINDS: tuple[Kind, ...] = (
    Kind("market", 1, "市场监管", "福建省市场监督管理局", "市场监督管理局", "市场监督管理局"),
    Kind("police", 2, "公安", "福建省公安厅", "公安局", "公安局"),
    Kind("civil", 3, "民政", "福建省民政厅", "民政局", "民政局"),
    Kind("hrss", 4, "人社", "福建省人力资源和社会保障厅", "人力资源和社会保障局", "人力资源和社会保障局"),
    Kind("health", 5, "卫健", "福建省卫生健康委员会", "卫生健康委员会", "卫生健康局"),
    Kind("housing", 6, "住建", "福建省住房和城乡建设厅", "住房和城乡建设局", "住房和城乡建设局"),
    Kind("land", 7, "自然资源", "福建省自然资源厅", "自然资源局", "自然资源局"),
    Kind("transport", 8, "交通运输", "福建省交通运输厅", "交通运输局", "交通运输局"),
    Kind("medical", 9, "医保", "福建省医疗保障局", "医疗保障局", "医疗保障局"),
    Kind("ecology", 10, "生态环境", "福建省生态环境厅", "生态环境局", "生态环境局"),
    Kind("water", 11, "水利", "福建省水利厅", "水利局", "水利局"),
    Kind("forestry", 12, "林业", "福建省林业局", "林业局", "林业局"),
    Kind("education", 13, "教育", "福建省教育厅", "教育局", "教育局"),
    Kind("tax", 14, "税务", "国家税务总局福建省税务局", "税务局", "税务局"),
    Kind("disabled", 15, "残联", "福建省残疾人联合会", "残疾人联合会", "残疾人联合会", unit="3"),
    Kind("hall", 16, "综合受理", "", "行政服务中心管理委员会", "行政服务中心管理委员会"),
    Kind("data", 17, "数据管理", "福建省数据管理局", "数据管理局"),
    Kind("drugs", 18, "药品监管", "福建省药品监督管理局"),
    Kind("fund", 19, "公积金", "", "住房公积金中心", unit="2"),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
TOWNSHIP_CENTRE = "township"  # the kind key of 便民服务中心 (乡镇/街道)


@dataclass(frozen=True)
class Place:
    """A region as the demo sees it: its codes, names and the hall its departments sit in."""

    code: str  # customary short code (6 or 9 digits)
    name: str
    level: str  # province | city | county | township
    city_name: str = ""
    county_name: str = ""

    @property
    def area_code(self) -> str:
        return AREA_CODES.get(self.code[:4], "0591")

    @property
    def prefix(self) -> str:
        """How department names start: 龙岩市新罗区…, 长汀县…, 漳平市…, 龙岩市…."""
        if self.level == "city":
            return self.name
        if self.level == "county":
            return f"{self.city_name}{self.name}" if self.name.endswith("区") else self.name
        if self.level == "township":
            return f"{self.city_name}{self.county_name}{self.name}"
        return ""

    @property
    def hall(self) -> str:
        if self.level == "township":
            return f"{self.name}便民服务中心"
        if self.level == "province":
            return "福建省直机关办事大厅"
        return f"{self.prefix}行政服务中心"


def places() -> list[Place]:
    """Province, cities, counties and townships from the fixture CSV, parents first."""
    rows: list[RegionRow] = region_rows_from_csv(FUJIAN_REGIONS_CSV)
    names = {row.code: row.name for row in rows}
    result = []
    for row in rows:
        code = row.code
        if len(code) == 12:
            continue
        if code.endswith("0000"):
            result.append(Place(code, row.name, "province"))
        elif code.endswith("00") and len(code) == 6:
            result.append(Place(code, row.name, "city", city_name=row.name))
        elif len(code) == 6:
            result.append(Place(code, row.name, "county", city_name=names[code[:4] + "00"]))
        else:
            result.append(
                Place(
                    code, row.name, "township", city_name=names[code[:4] + "00"], county_name=names[code[:6]]
                )
            )
    return result


def department_name(kind: Kind, place: Place) -> str:
    """The real naming pattern: district police are 分局 of the city bureau, county ecology bureaus are
    branches of the city's, tax bureaus belong to 国家税务总局."""
    if place.level == "province":
        return kind.province
    if place.level == "city":
        return f"国家税务总局{place.name}税务局" if kind.key == "tax" else f"{place.name}{kind.city}"
    short = place.name[:-1]
    if kind.key == "police" and place.name.endswith("区"):
        return f"{place.city_name}公安局{short}分局"
    if kind.key == "ecology":
        return f"{place.city_name}{short}生态环境局"
    if kind.key == "tax":
        return f"国家税务总局{place.prefix}税务局"
    return f"{place.prefix}{kind.county}"


def organisation_code(body: str) -> str:
    """GB 11714: 8 characters + check character."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(char, 36) * weight for char, weight in zip(body, weights, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code_for(*, unit: str, region_code: str, serial: int) -> str:
    """A GB 32100 code: 1 + unit type + 6-digit region + organisation code + check character."""
    region6 = region_code[:6]
    body = f"1{unit}{region6}{organisation_code(f'{serial:04d}{region6[2:]}')}"
    return body + uscc.calc_check_digit(body)


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def phone_for(place: Place, key: str) -> str:
    digits = 8 if place.area_code in EIGHT_DIGIT_AREAS else 7
    number = str(_hash(key) % 10 ** (digits - 1)).zfill(digits - 1)
    return f"{place.area_code}-{'2345678'[_hash(place.code) % 7]}{number}"


def address_for(place: Place) -> str:
    if place.level == "province":
        return f"{PROVINCE_ADDRESS}{_hash(place.code) % 200 + 1}号"
    town = place.city_name if place.level == "city" else f"{place.city_name}{place.county_name or place.name}"
    road = ROADS[_hash(place.code) % len(ROADS)]
    return f"{town}{road}{_hash(place.code + road) % 300 + 1}号{place.hall}"


@dataclass(frozen=True)
class DemoDepartment:
    kind: str
    place: Place
    row: DepartmentRow
    window: str  # where the public is served, used as the guide's 办理地点

    @property
    def local_elements(self) -> tuple[tuple[str, str], ...]:
        """The guide elements that belong to this department (see catalog.services.bulk.LOCAL_ELEMENTS)."""
        return (
            ("service_location", self.window),
            ("service_hours", self.row.hours),
            ("consult_phone", self.row.phone),
            ("complaint_phone", self.row.complaint_phone),
        )


def demo_departments() -> list[DemoDepartment]:
    """Every demo department, parents (by level) first."""
    result: list[DemoDepartment] = []
    by_kind_and_place: dict[tuple[str, str], str] = {}
    for place in places():
        if place.level == "township":
            serial = 5000 + int(place.code[6:9])
            kinds = [(TOWNSHIP_CENTRE, f"{place.prefix}便民服务中心", "便民服务", "2", serial)]
            parent = by_kind_and_place.get(("hall", place.code[:6]), "")
        elif place.level == "county" and place.code in COUNTIES_WITHOUT_DEPARTMENTS:
            continue
        else:
            kinds = [
                (kind.key, department_name(kind, place), kind.window, kind.unit, kind.number)
                for kind in KINDS
                if getattr(kind, place.level)
            ]
            parent = ""
        for key, name, window, unit, serial in kinds:
            code = credit_code_for(unit=unit, region_code=place.code, serial=serial)
            if place.level != "township":
                upper = place.code[:2] + "0000" if place.level == "city" else place.code[:4] + "00"
                parent = by_kind_and_place.get((key, upper), "") if place.level != "province" else ""
            by_kind_and_place[(key, place.code)] = code
            floor = "一二三四"[serial % 4]
            row = DepartmentRow(
                credit_code=code,
                name=name,
                region_code=place.code,
                parent_credit_code=parent,
                short_name=window,
                phone=phone_for(place, code),
                complaint_phone=f"{place.area_code}-12345",
                address=address_for(place),
                hours=HOURS[_hash(place.code) % len(HOURS)],
            )
            result.append(DemoDepartment(key, place, row, f"{place.hall}{floor}楼{window}窗口"))
    return result
