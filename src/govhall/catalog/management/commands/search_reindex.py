"""``govhall search_reindex``: rebuild the item search index from the catalog, with progress output."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govhall.catalog.search.indexer import CHUNK_SIZE, search_index_rebuild


class Command(BaseCommand):
    help = "重建事项搜索索引：重新索引全部在用实施清单，删除其余事项的索引"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="每批处理的实施清单数")

    def handle(self, *args: Any, chunk_size: int, **options: Any) -> None:
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {done}/{total} 条实施清单（{elapsed:.1f} 秒）")

        indexed = search_index_rebuild(chunk_size=max(chunk_size, 1), progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"已索引 {indexed} 个在用实施清单，用时 {elapsed:.1f} 秒"))
