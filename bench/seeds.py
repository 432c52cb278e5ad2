"""How long the README's first build takes: the seeds, from an empty folder.

    .venv/bin/python bench/seeds.py        # 3 runs
    .venv/bin/python bench/seeds.py 5      # 5 runs

Each run is the whole command in a fresh process, as a user types it
(``newskg build seeds -o OUT``, model load included), into a new folder,
after one build that is not counted (the first build after an install
derives the gazetteer's tables into the user's cache, once). Wall and CPU
time are both kept: on a shared machine the CPU time is the steady one.
The row goes to ``bench/results.json`` (kind ``seeds``) and the figure to
``docs/benchmarks.md`` (region ``seeds-build``), which the README and
docs/building.md point to.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

from bench import machine  # noqa: E402
from bench_report import record  # noqa: E402

COMMAND = "newskg build seeds -o out"


def one_build() -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one build, as a user runs it."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newskg.cli", "build", str(ROOT / "seeds"), "-o", str(Path(tmp) / "out"),
                        "--quiet"], check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main(runs: int) -> None:
    load = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M")
    one_build()  # not counted: the first build after an install derives the gazetteer's tables
    walls, cpus = zip(*(one_build() for _ in range(runs)))
    record({"kind": "seeds", "started": started, "load_before": load, "machine": machine(), "command": COMMAND,
            "walls": list(walls), "cpus": list(cpus)})
    print(" ".join(f"{w:.2f}" for w in walls), "wall;", " ".join(f"{c:.2f}" for c in cpus), "CPU")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
