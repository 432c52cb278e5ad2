"""Where things are: the repository, its seeds, the golden files and the annotation sets."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
GOLDEN = ROOT / "tests" / "golden"
ANNOTATION_SETS = ROOT / "tests" / "annotations"
TUNING = ANNOTATION_SETS / "tuning.jsonl"
