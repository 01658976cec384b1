"""Item search benchmark (DESIGN.md: 200,000 implementations, p95 ≤ 50 ms on 2 cores).

Builds the catalog if it is smaller than asked (``govhall seed_scale --implementations N``; or,
with ``--own-generator``, a quick synthetic catalog written here), makes sure the search index
is complete, then runs 1,000 mixed queries — Chinese words, full pinyin, initials, mixed,
synonyms, one-character typos, with and without filters, region switches, filtered listings —
through ``item_search`` and prints p50/p95/max per query class and overall.

It measures SQLite (the database under ``GOVHALL_VAR_DIR``) and, when ``DATABASE_URL`` points at
PostgreSQL, PostgreSQL too, each in its own process::

    GOVHALL_VAR_DIR=/tmp/govhall-bench .venv/bin/python benchmarks/search.py --implementations 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench GOVHALL_VAR_DIR=/tmp/govhall-bench \\
        .venv/bin/python benchmarks/search.py --implementations 20000
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

QUERY_MIX = {  # class → share of the 1,000 queries
    "word": 0.20,
    "pinyin": 0.10,
    "initials": 0.15,
    "mixed": 0.05,
    "synonym": 0.05,
    "typo": 0.05,
    "region": 0.15,
    "filtered": 0.15,
    "listing": 0.10,
}
TYPO_CHARS = "招证件局科厅站所队"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--implementations", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument(
        "--own-generator",
        action="store_true",
        help="build the catalog with this script's synthetic generator instead of seed_scale",
    )
    parser.add_argument("--reindex", action="store_true", help="also time a full search_reindex")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="measure one backend only")
    parser.add_argument("--worker", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    database_url = os.environ.get("DATABASE_URL", "")
    backends = [("sqlite", {k: v for k, v in os.environ.items() if k != "DATABASE_URL"})]
    if database_url.startswith(("postgres://", "postgresql://")):
        backends.append(("postgresql", dict(os.environ)))
    for backend, env in backends:
        if args.only and backend != args.only:
            continue
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--implementations",
            str(args.implementations),
            "--queries",
            str(args.queries),
        ]
        command += ["--own-generator"] * args.own_generator + ["--reindex"] * args.reindex
        subprocess.run(command, env=env, check=True)  # noqa: S603


def worker(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govhall.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from govhall.catalog.models import SearchDocument
    from govhall.catalog.search.indexer import search_index_rebuild
    from govhall.catalog.selectors import implementation_live_list

    print(f"== {connection.vendor}: {connection.settings_dict['NAME']}", flush=True)
    call_command("migrate", verbosity=0)
    if implementation_live_list().count() < args.implementations:
        started = time.monotonic()
        if args.own_generator:
            catalog_generate(args.implementations)
        else:
            call_command("seed_scale", implementations=args.implementations)
        print(f"catalog built in {time.monotonic() - started:.1f} s", flush=True)
    live = implementation_live_list().count()
    if args.reindex or SearchDocument.objects.count() != live:
        started = time.monotonic()
        indexed = search_index_rebuild()
        elapsed = time.monotonic() - started
        print(
            f"search_reindex: {indexed} documents in {elapsed:.1f} s ({indexed / elapsed:.0f}/s)", flush=True
        )
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor
        ):  # fresh statistics and visibility map, as autovacuum would leave them
            cursor.execute("VACUUM ANALYZE catalog_searchdocument")
    print(f"{live} live implementations, {SearchDocument.objects.count()} search documents", flush=True)
    queries = queries_build(args.queries)
    measure(queries)


# --- the synthetic catalog behind --own-generator (bulk writes straight to the tables: a benchmark fixture,
# --- not a loader; the real one is ``govhall seed_scale``) ------------------------------------------------
OBJECTS = [
    "食品经营",
    "食品生产",
    "药品经营",
    "医疗器械经营",
    "建设工程",
    "建筑施工",
    "道路运输",
    "出租汽车",
    "危险化学品经营",
    "烟花爆竹经营",
    "特种设备",
    "排污",
    "取水",
    "林木采伐",
    "渔业捕捞",
    "动物防疫",
    "兽药经营",
    "农药经营",
    "种子生产经营",
    "民办学校",
    "教师资格",
    "执业医师",
    "护士执业",
    "母婴保健技术服务",
    "放射诊疗",
    "公共场所卫生",
    "生活饮用水",
    "城市道路占用",
    "户外广告设置",
    "燃气经营",
    "城市排水",
    "商品房预售",
    "不动产",
    "社会保险",
    "失业保险",
    "最低生活保障",
    "临时救助",
    "残疾人",
    "收养",
    "殡葬",
    "户口",
    "机动车",
    "出入境",
    "养老机构",
    "劳务派遣",
    "人力资源服务",
    "职业技能鉴定",
    "文物保护",
    "互联网上网服务营业场所",
    "营业性演出",
    "出版物经营",
    "广播电视节目制作经营",
    "旅行社",
    "导游",
    "宗教活动场所",
    "社会团体",
    "民办非企业单位",
    "律师执业",
    "公证",
    "法律援助",
    "消防安全检查",
    "气象",
    "测绘资质",
    "地质灾害防治",
    "水土保持方案",
    "河道采砂",
    "林地使用",
    "草原使用",
    "野生动物",
    "拍卖",
    "典当",
    "成品油零售",
    "粮食收购",
    "酒类经营",
    "生猪定点屠宰",
    "电影放映",
    "体育经营活动",
    "校车使用",
    "建筑节能",
    "人防工程",
    "港口经营",
    "船舶登记",
    "航道",
    "水路运输",
    "公路超限运输",
    "机动车维修",
    "驾驶员培训",
]
ACTIONS = {
    "01": ["许可", "审批", "核准", "许可证核发", "许可证延续", "许可证变更"],
    "07": ["登记", "认定", "确认"],
    "05": ["补贴发放", "救助金给付"],
    "06": ["监督检查"],
    "20": ["信息查询", "证明开具", "业务咨询", "预约办理"],
}
SPECIFIC = [
    ("居民身份证换领", "07"),
    ("婚姻登记", "07"),
    ("出生医学证明", "20"),
    ("住房公积金提取", "20"),
    ("社会保障卡申领", "20"),
    ("机动车驾驶证换证", "07"),
    ("户口迁移", "07"),
    ("个体工商户营业执照核发", "01"),
    ("企业设立登记", "07"),
    ("居民身份证补领", "07"),
    ("普通护照签发", "07"),
    ("往来港澳通行证签发", "07"),
]
DEPARTMENT_KINDS = [
    "市场监督管理局",
    "公安局",
    "民政局",
    "人力资源和社会保障局",
    "卫生健康委员会",
    "住房和城乡建设局",
    "交通运输局",
    "自然资源局",
    "生态环境局",
    "教育局",
    "文化和旅游局",
    "农业农村局",
]
CITIES = ["福州市", "厦门市", "莆田市", "三明市", "泉州市", "漳州市", "南平市", "龙岩市", "宁德市"]
CONDITIONS = [
    "申请人应当具有与{o}活动相适应的场所、设备和专业技术人员。",
    "申请人为依法设立的企业或者个体工商户，具备相应条件。",
    "符合国家和本省关于{o}的规定，材料齐全、符合法定形式。",
    "本人持有效居民身份证，在本地有合法稳定住所。",
]
NUMERALS = "一二三四五六七八九十"


def catalog_generate(count: int) -> None:
    """``count`` live implementations: ~2,000 basic items implemented in 100 regions by 12 kinds of department."""
    from django.db import transaction
    from stdnum.cn import uscc

    from govhall.catalog.models import (
        CatalogItem,
        ImplementationVersion,
        ItemImplementation,
        Material,
        Theme,
    )
    from govhall.catalog.search.indexer import search_index_refresh
    from govhall.directory.models import Department, Region

    rng = random.Random(7)  # noqa: S311
    province = Region.objects.get_or_create(
        code="350000000000", defaults={"name": "福建省", "level": 1, "path": "350000000000/"}
    )[0]
    regions = [province]
    for c, city_name in enumerate(CITIES, 1):
        code = f"35{c:02d}00000000"
        city = Region.objects.get_or_create(
            code=code,
            defaults={"name": city_name, "level": 2, "parent": province, "path": f"{province.path}{code}/"},
        )[0]
        regions.append(city)
        for k in range(1, 11):
            county_code = f"35{c:02d}{k:02d}000000"
            regions.append(
                Region.objects.get_or_create(
                    code=county_code,
                    defaults={
                        "name": f"{city_name[:-1]}{NUMERALS[k - 1]}区",
                        "level": 3,
                        "parent": city,
                        "path": f"{city.path}{county_code}/",
                    },
                )[0]
            )
    departments: dict[tuple[int, int], Department] = {}
    for r, region in enumerate(regions):
        for d, kind in enumerate(DEPARTMENT_KINDS):
            body = f"1135{r:05d}{d:02d}000000"[:17]
            departments[r, d] = Department.objects.get_or_create(
                credit_code=body + uscc.calc_check_digit(body),
                defaults={"name": f"{region.name}{kind}", "region": region, "level": region.level},
            )[0]
    themes = [
        Theme.objects.get_or_create(code=f"bench-{n}", defaults={"name": name, "audience": "person"})[0]
        for n, name in enumerate(["生育收养", "户籍办理", "婚姻登记", "社会保障", "就业创业", "开办企业"])
    ]
    names = [(name, item_type) for name, item_type in SPECIFIC]
    names += [(o + a, t) for o in OBJECTS for t, actions in ACTIONS.items() for a in actions]
    rng.shuffle(names)
    names = names[:2000]
    items = [
        CatalogItem.objects.get_or_create(
            code=f"{t}{n:010d}",
            defaults={"name": name, "item_type": t, "legal_basis": "《中华人民共和国行政许可法》"},
        )[0]
        for n, (name, t) in enumerate(names)
    ]
    existing = set(ItemImplementation.objects.values_list("code", flat=True))
    batch: list[tuple[CatalogItem, Department]] = []
    for k in range(count):
        item, r = items[k % len(items)], (k // len(items)) % len(regions)
        wrap = k // (len(items) * len(regions))  # past every (item, region) pair: another department kind
        batch.append((item, departments[r, (k * 7 + wrap) % len(DEPARTMENT_KINDS)]))
    for start in range(0, len(batch), 5000):
        with transaction.atomic():
            chunk = [
                (i, d)
                for i, d in batch[start : start + 5000]
                if f"{i.code}{d.region.code}{d.credit_code}" not in existing
            ]
            implementations = ItemImplementation.objects.bulk_create(
                ItemImplementation(
                    code=f"{i.code}{d.region.code}{d.credit_code}",
                    catalog_item=i,
                    region=d.region,
                    department=d,
                    status="published",
                    popularity=int(rng.paretovariate(1.2) * 10),
                )
                for i, d in chunk
            )
            versions = ImplementationVersion.objects.bulk_create(
                ImplementationVersion(
                    implementation=implementation,
                    number=1,
                    state="published",
                    audiences=rng.choice([["person"], ["legal_person"], ["legal_person", "person"]]),
                    conditions=rng.choice(CONDITIONS).format(o=implementation.catalog_item.name[:4]),
                    online_depth=rng.randint(1, 5),
                    max_visits=rng.randint(0, 2),
                    promised_limit=rng.randint(1, 20),
                    result_name=implementation.catalog_item.name + "决定书",
                )
                for implementation in implementations
            )
            Material.objects.bulk_create(
                Material(version=version, position=p, name=name)
                for version, implementation in zip(versions, implementations, strict=True)
                for p, name in enumerate(
                    [
                        f"{implementation.catalog_item.name}申请表",
                        "申请人身份证明",
                        rng.choice(["营业执照复印件", "场所使用证明", "委托书", "户口簿"]),
                    ],
                    1,
                )
            )
            ImplementationVersion.themes.through.objects.bulk_create(
                ImplementationVersion.themes.through(
                    implementationversion_id=version.pk, theme_id=rng.choice(themes).pk
                )
                for version in versions
                if rng.random() < 0.3
            )
            for implementation, version in zip(implementations, versions, strict=True):
                implementation.published_version = version
            ItemImplementation.objects.bulk_update(implementations, ["published_version"], batch_size=1000)
            search_index_refresh([implementation.pk for implementation in implementations])
        print(f"  generated {min(start + 5000, len(batch))}/{len(batch)}", flush=True)


def queries_build(count: int) -> list[tuple[str, dict]]:
    """``count`` (class, item_search arguments) drawn from the catalog that is actually loaded."""
    from govhall.catalog.models import SearchDocument, Theme
    from govhall.catalog.search.parsing import synonyms
    from govhall.catalog.search.segmentation import char_pinyin, tokenizer, words_precise
    from govhall.directory.models import Region

    rng = random.Random(20261123)  # noqa: S311 — reproducible, not secret
    names = sorted(set(SearchDocument.objects.values_list("catalog_name", flat=True)))
    words = sorted({word for name in names for word in words_precise(name) if len(word) >= 2})
    used_regions = set(SearchDocument.objects.values_list("region_code", flat=True).distinct())
    counties = list(Region.objects.filter(level__gte=3, code__in=used_regions).values_list("code", flat=True))
    counties = counties or list(used_regions)
    departments = list(
        SearchDocument.objects.values_list("department_credit_code", flat=True).distinct()[:500]
    )
    themes = list(Theme.objects.values_list("code", flat=True))

    def syllables(name: str) -> list[str]:
        """2–4 syllables of ``name`` from the start of one of its words (as a visitor types them)."""
        pinyin = char_pinyin(name)
        starts = sorted(
            {
                start
                for _, start, _ in tokenizer().tokenize(name, mode="search", HMM=False)
                if start < len(pinyin) - 1
            }
        ) or [0]
        start = rng.choice(starts)
        return [syllable for _, syllable in pinyin[start : start + rng.randint(2, 4)]]

    def typo(name: str) -> str:
        position = rng.randrange(1, len(name))
        replacement = rng.choice([c for c in TYPO_CHARS if c != name[position]])
        return name[:position] + replacement + name[position + 1 :]

    def filters() -> dict:
        choice = rng.choice(["audience", "item_type", "min_depth", "department", "theme"])
        return {
            "audience": {"audience": rng.choice(["person", "legal_person"])},
            "item_type": {"item_type": rng.choice(["01", "07", "20"])},
            "min_depth": {"min_depth": rng.randint(2, 5)},
            "department": {"department_code": rng.choice(departments)},
            "theme": {"theme": rng.choice(themes)} if themes else {"min_depth": 3},
        }[choice]

    makers = {
        "word": lambda: {"q": rng.choice(words + names)},
        "pinyin": lambda: {"q": "".join(syllables(rng.choice(names)))},
        "initials": lambda: {"q": "".join(s[0] for s in syllables(rng.choice(names)))},
        "mixed": lambda: {
            "q": (lambda n: n[:2] + " " + "".join(s[0] for s in char_pinyin(n)[2:5]))(
                rng.choice([n for n in names if len(n) >= 5] or names)
            )
        },
        "synonym": lambda: {"q": rng.choice(sorted(synonyms()))},
        "typo": lambda: {"q": typo(rng.choice([n for n in names if len(n) >= 4] or names))},
        "region": lambda: {"q": rng.choice(words + names), "region_code": rng.choice(counties)},
        "filtered": lambda: {"q": rng.choice(words), **filters()},
        "listing": lambda: {"region_code": rng.choice(counties), **filters()},
    }
    queries = [
        (kind, makers[kind]()) for kind, share in QUERY_MIX.items() for _ in range(round(share * count))
    ]
    rng.shuffle(queries)
    return queries


def measure(queries: list[tuple[str, dict]]) -> None:
    from govhall.catalog.search.query import item_search

    for _, arguments in queries[:20]:  # warm up: jieba dictionary, connection, page cache
        item_search(**arguments)
    timings: dict[str, list[float]] = defaultdict(list)
    hits: dict[str, list[int]] = defaultdict(list)
    slowest: list[tuple[float, str, dict]] = []
    for kind, arguments in queries:
        started = time.perf_counter()
        page = item_search(**arguments)
        elapsed = (time.perf_counter() - started) * 1000
        timings[kind].append(elapsed)
        hits[kind].append(page.total)
        slowest = sorted([*slowest, (elapsed, kind, arguments)], key=lambda entry: entry[0])[-5:]
    print(f"{'class':<10}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'median hits':>13}{'zero hits':>11}")
    everything = [t for kind in timings for t in timings[kind]]
    for kind in [*QUERY_MIX, "overall"]:
        values = everything if kind == "overall" else timings[kind]
        totals = [t for k in timings for t in hits[k]] if kind == "overall" else hits[kind]
        print(
            f"{kind:<10}{len(values):>6}{percentile(values, 50):>9.1f}{percentile(values, 95):>9.1f}"
            f"{max(values):>9.1f}{statistics.median(totals):>13.0f}{sum(1 for t in totals if t == 0):>11}"
        )
    print(
        "slowest:",
        "; ".join(f"{elapsed:.0f} ms {kind} {arguments}" for elapsed, kind, arguments in reversed(slowest)),
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
