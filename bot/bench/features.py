"""Figures of the summary, timeline, quote and quote-check features."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.lookup.library import Library


async def feature_figures(library: Library, data: Path) -> dict[str, Any]:
    return {}
