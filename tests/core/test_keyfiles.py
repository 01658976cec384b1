"""Generated secrets under var/ are created once, atomically, private — even when processes race."""

import stat
import threading

from govhall.core.keyfiles import file_once, file_replace


def test_file_once_creates_a_private_file_and_keeps_it(tmp_path):
    path = tmp_path / "key"

    first = file_once(path, lambda: b"first")
    second = file_once(path, lambda: b"second")

    assert first == second == b"first"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["key"]  # no temporary files left behind


def test_racing_creators_all_read_the_same_content(tmp_path):
    path = tmp_path / "key"
    barrier = threading.Barrier(12)
    results: list[bytes] = []

    def create(index: int) -> None:
        barrier.wait()
        results.append(file_once(path, lambda: f"value-{index}".encode()))

    threads = [threading.Thread(target=create, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 12 and len(set(results)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key"]


def test_file_replace_overwrites_atomically_and_privately(tmp_path):
    path = tmp_path / "handover.json"
    file_replace(path, b"old")
    file_replace(path, b"new")

    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
