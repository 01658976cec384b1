"""搜索索引 — one denormalised row per live implementation, feeding the full-text engine.

The rows are written only by ``catalog.search.indexer``. The full-text index itself lives next
to this table and is created by migration ``0002_search_index`` for the database in use: two
contentless FTS5 tables (``catalog_search_fts`` for names, ``catalog_search_all_fts`` for the
whole document) kept in step by triggers on SQLite; generated tsvector columns
(``name_vector``, ``all_vector``, ``facet_vector``) with GIN indexes on PostgreSQL. Neither is a
model field. See docs/search.md.
"""

from django.db import models

from .implementation import ItemImplementation


class SearchDocument(models.Model):
    """搜索文档 — what the search engine indexes and what a results list shows, for one implementation.

    Display and filter columns come first; the ``*_terms`` columns hold space-separated tokens
    (jieba words, name characters, pinyin, filter facets) produced by ``catalog.search``.
    """

    implementation = models.OneToOneField(
        ItemImplementation, on_delete=models.CASCADE, related_name="search_document"
    )
    code = models.CharField("实施编码", max_length=48)
    name = models.CharField("事项名称", max_length=420)
    catalog_name = models.CharField("基本目录事项名称", max_length=200)
    department_name = models.CharField("实施主体", max_length=100)
    department_credit_code = models.CharField("实施主体统一社会信用代码", max_length=18)
    region_code = models.CharField("实施区划代码", max_length=12)
    region_name = models.CharField("实施区划", max_length=60)
    region_path = models.CharField("区划路径", max_length=70)
    item_type = models.CharField("事项类型", max_length=2)
    audiences = models.JSONField("服务对象", default=list)
    theme_codes = models.JSONField("主题", default=list)
    online_depth = models.PositiveSmallIntegerField("网办深度")
    max_visits = models.PositiveSmallIntegerField("到现场次数")
    popularity = models.PositiveIntegerField("热度", default=0)
    boost = models.FloatField("热度加权", default=1.0)
    name_terms = models.TextField("名称分词")
    char_terms = models.TextField("名称单字")
    pinyin_terms = models.TextField("名称拼音")
    body_terms = models.TextField("其他要素分词")
    facet_terms = models.TextField("筛选标记")

    class Meta:
        verbose_name = verbose_name_plural = "搜索文档"
        indexes = [
            models.Index(fields=["-popularity", "code"], name="search_doc_popularity"),
            models.Index(fields=["region_code"], name="search_doc_region"),
        ]

    def __str__(self) -> str:
        return self.name
