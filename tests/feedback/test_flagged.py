"""The bench's feedback figure: flagged questions the current build answers, and the 👎
questions as development-set candidates."""

from __future__ import annotations

from pathlib import Path

from bot.app.state import Store
from bot.feedback.flagged import disliked_as_dev_lines, flagged_figures
from bot.feedback.store import AnswerRef, FeedbackStore
from bot.lookup.library import Library
from bot.state.sqlite import SqliteState
from devtools.bench.feedback import feedback_figures, feedback_rows


async def test_flagged_questions_run_through_todays_search(
    library: Library, tmp_path: Path
) -> None:
    state = await SqliteState.open(tmp_path / "state.sqlite3")
    try:
        store = FeedbackStore(state)
        await store.record_empty("search", "qzxwvkjh", -100, 1)
        await store.record_empty("search", "新开发银行 贷款", -100, 1)  # found now
        top = (await library.search("金砖扩员", 1)).hits[0].passage_id
        for pids in ((top,), ("d0.p1",)):  # two disliked answers, one led with today's top
            saved = await Store(state).save_query("search", "金砖扩员", -100, 3, pids)
            await store.vote(AnswerRef(saved.id, "search", "金砖扩员", -100, pids), 7, -1)
        figures = await flagged_figures(store, library)
        assert (figures.flagged, figures.empty, figures.empty_answered_now) == (3, 2, 1)
        assert (figures.disliked, figures.disliked_changed_now) == (1, 0)  # top was disliked
        assert await store.add_note(-100, 7, "扩员的具体年份")
        assert not await store.add_note(-100, 8, "no dislike of theirs")
        lines = await disliked_as_dev_lines(store)
        assert [(line["query"], line["note"][:4]) for line in lines] == [("金砖扩员", "👎 ×2")]
        assert lines[0]["wanted"] == ["扩员的具体年份"]
    finally:
        await state.close()
    found = await feedback_figures(library, tmp_path / "state.sqlite3")
    assert found is not None
    assert "1 of 3" in "\n".join(feedback_rows({"feedback": found}))
    assert await feedback_figures(library, None) is None
