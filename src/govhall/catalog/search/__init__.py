"""Item search (jieba + pypinyin feeding SQLite FTS5 / PostgreSQL tsvector). See indexer.py and query.py."""
