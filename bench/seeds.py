"""How long the README's first build takes: the seeds, from an empty folder.

    .venv/bin/python bench/seeds.py        # 3 runs
    .venv/bin/python bench/seeds.py 5      # 5 runs

Each run is the whole command in a fresh process, as a user types it
(``newskg build seeds -o OUT``, model load included), into a new folder.
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


def one_build() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newskg.cli", "build", str(ROOT / "seeds"), "-o", str(Path(tmp) / "out"),
                        "--quiet"], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t


def main(runs: int) -> None:
    load = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M")
    walls = [one_build() for _ in range(runs)]
    record({"kind": "seeds", "started": started, "load_before": load, "machine": machine(), "command": COMMAND,
            "walls": walls})
    print(" ".join(f"{w:.2f}" for w in walls))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
