"""Search index: SearchDocument rows plus the full-text engine (FTS5 on SQLite, tsvector + GIN on PostgreSQL)."""

import django.db.models.deletion
from django.db import migrations, models


# The full-text engine next to catalog_searchdocument, for the database in use (see docs/search.md).
# SQLite: two contentless FTS5 tables kept in step by triggers — the name index (tier 1 of the
# ranking, scored with bm25) and the whole-document index (names + other elements) — both
# with the filter facets, rowid = catalog_searchdocument.id.
FTS_TABLES = {
    "catalog_search_fts": {
        "name_terms": "{row}.name_terms",
        "char_terms": "{row}.char_terms",
        "pinyin_terms": "{row}.pinyin_terms",
        "facet_terms": "{row}.facet_terms",
    },
    "catalog_search_all_fts": {
        "all_terms": "{row}.name_terms || ' ' || {row}.char_terms || ' ' || {row}.body_terms",
        "pinyin_terms": "{row}.pinyin_terms",
        "facet_terms": "{row}.facet_terms",
    },
}
FTS_OPTIONS = "content='', tokenize='unicode61 remove_diacritics 0', prefix='2 3'"


def _fts_insert(table, columns, row):
    values = ", ".join(source.format(row=row) for source in columns.values())
    return f"INSERT INTO {table}(rowid, {', '.join(columns)}) VALUES ({row}.id, {values});"


def _fts_delete(table, columns, row):
    values = ", ".join(source.format(row=row) for source in columns.values())
    return f"INSERT INTO {table}({table}, rowid, {', '.join(columns)}) VALUES ('delete', {row}.id, {values});"


def _sqlite_create():
    statements = [f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, {FTS_OPTIONS})"
                  for table, columns in FTS_TABLES.items()]
    inserts = " ".join(_fts_insert(t, c, "new") for t, c in FTS_TABLES.items())
    deletes = " ".join(_fts_delete(t, c, "old") for t, c in FTS_TABLES.items())
    statements += [
        f"CREATE TRIGGER catalog_search_fts_ai AFTER INSERT ON catalog_searchdocument BEGIN {inserts} END",
        f"CREATE TRIGGER catalog_search_fts_ad AFTER DELETE ON catalog_searchdocument BEGIN {deletes} END",
        f"CREATE TRIGGER catalog_search_fts_au AFTER UPDATE ON catalog_searchdocument BEGIN {deletes} {inserts} END",
    ]
    return statements


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalog_search_fts_au",
    "DROP TRIGGER IF EXISTS catalog_search_fts_ad",
    "DROP TRIGGER IF EXISTS catalog_search_fts_ai",
    *(f"DROP TABLE IF EXISTS {table}" for table in FTS_TABLES),
]
# PostgreSQL: three generated tsvector columns ('simple' configuration over the pre-segmented
# tokens), each with a GIN index — the name (words, characters, pinyin: tier 1 of the ranking),
# the whole document (name words and characters with every other element) and the filter
# facets. Queries carry no weight labels, so GIN answers them exactly without rechecking rows.
POSTGRESQL_VECTORS = {
    "name_vector": "name_terms || ' ' || char_terms || ' ' || pinyin_terms",
    "all_vector": "name_terms || ' ' || char_terms || ' ' || body_terms",
    "facet_vector": "facet_terms",
}
POSTGRESQL_CREATE = [
    statement
    for column, source in POSTGRESQL_VECTORS.items()
    for statement in (
        f"ALTER TABLE catalog_searchdocument ADD COLUMN {column} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {source})) STORED",
        f"CREATE INDEX catalog_search_{column}_gin ON catalog_searchdocument USING gin ({column})",
    )
]
POSTGRESQL_DROP = [
    statement
    for column in POSTGRESQL_VECTORS
    for statement in (
        f"DROP INDEX IF EXISTS catalog_search_{column}_gin",
        f"ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS {column}",
    )
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def engine_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, _sqlite_create())
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_CREATE)


def engine_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)



class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(max_length=48, verbose_name='实施编码')),
                ('name', models.CharField(max_length=420, verbose_name='事项名称')),
                ('catalog_name', models.CharField(max_length=200, verbose_name='基本目录事项名称')),
                ('department_name', models.CharField(max_length=100, verbose_name='实施主体')),
                ('department_credit_code', models.CharField(max_length=18, verbose_name='实施主体统一社会信用代码')),
                ('region_code', models.CharField(max_length=12, verbose_name='实施区划代码')),
                ('region_name', models.CharField(max_length=60, verbose_name='实施区划')),
                ('region_path', models.CharField(max_length=70, verbose_name='区划路径')),
                ('item_type', models.CharField(max_length=2, verbose_name='事项类型')),
                ('audiences', models.JSONField(default=list, verbose_name='服务对象')),
                ('theme_codes', models.JSONField(default=list, verbose_name='主题')),
                ('online_depth', models.PositiveSmallIntegerField(verbose_name='网办深度')),
                ('max_visits', models.PositiveSmallIntegerField(verbose_name='到现场次数')),
                ('popularity', models.PositiveIntegerField(default=0, verbose_name='热度')),
                ('boost', models.FloatField(default=1.0, verbose_name='热度加权')),
                ('name_terms', models.TextField(verbose_name='名称分词')),
                ('char_terms', models.TextField(verbose_name='名称单字')),
                ('pinyin_terms', models.TextField(verbose_name='名称拼音')),
                ('body_terms', models.TextField(verbose_name='其他要素分词')),
                ('facet_terms', models.TextField(verbose_name='筛选标记')),
                ('implementation', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='search_document', to='catalog.itemimplementation')),
            ],
            options={
                'verbose_name': '搜索文档',
                'verbose_name_plural': '搜索文档',
                'indexes': [models.Index(fields=['-popularity', 'code'], name='search_doc_popularity'), models.Index(fields=['region_code'], name='search_doc_region')],
            },
        ),
        migrations.RunPython(engine_create, engine_drop, elidable=False),
    ]
