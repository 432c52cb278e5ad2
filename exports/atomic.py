"""The exporters' atomic writers: :mod:`core.atomic` (shared with the index cache), under
the names the exporters and their callers have always imported from here."""
from __future__ import annotations

from core.atomic import write_binary, write_dir, write_text

__all__ = ["write_binary", "write_dir", "write_text"]
