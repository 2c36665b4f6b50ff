"""What the groups' feedback says about this build: flagged questions it now answers.

Read from the state store the bot runs with (``DATABASE_URL``, or the SQLite file), never
created; without one the figure is left out.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bot.feedback.flagged import flagged_figures
from bot.feedback.store import FeedbackStore
from bot.lookup.library import Library
from bot.state.open import StateConfig, open_state


async def feedback_figures(library: Library, state_path: Path | None) -> dict[str, Any] | None:
    """The flagged-question figures; ``state_path`` is an existing state file or None."""
    url = os.environ.get("DATABASE_URL") or None
    if url is None and state_path is None:
        return None
    state, _ = await open_state(StateConfig(state_path or Path(), url), known=None)
    try:
        return asdict(await flagged_figures(FeedbackStore(state), library))
    finally:
        await state.close()


def feedback_rows(figures: dict[str, Any]) -> list[str]:
    found = figures.get("feedback")
    if not found:
        return []
    return [
        "",
        "## Questions the groups flagged (the state store's feedback)",
        "",
        f"- flagged questions answered by this build: {found['answered_now']} of "
        f"{found['flagged']}",
        f"- found nothing or paged and left, now find a passage: "
        f"{found['empty_answered_now']} of {found['empty']}",
        f"- given 👎, now lead with a passage the disliked answer did not show: "
        f"{found['disliked_changed_now']} of {found['disliked']}",
    ]
