"""Who holds a post: the documents answer only where they write the post beside what it is a
post of (:mod:`bot.lookup.search.posts`), read on the real corpus."""

from __future__ import annotations

from bot.lookup.library import Library


async def _unheld(library: Library, question: str) -> str | None:
    return (await library.searcher.support(question)).unheld_name


async def test_a_post_the_documents_never_name_beside_its_organisation_is_unheld(
    library: Library,
) -> None:
    # The AIIB is named, and 行长 (央行行长), never together: no president of the AIIB.
    assert await _unheld(library, "亚投行现任行长是谁？") == "亚投行行长"
    assert await _unheld(library, "亞投行現任行長是誰") == "亚投行行长"  # traditional script
    # 总干事 occurs nowhere at all.
    assert await _unheld(library, "世界贸易组织现任总干事是谁") == "世界贸易组织总干事"
    english = "Who is the president of the Asian Infrastructure Investment Bank?"
    assert await _unheld(library, english) == "asian infrastructure investment bank president"


async def test_a_post_the_documents_name_beside_its_holder_is_left_alone(
    library: Library,
) -> None:
    # 001: 在会见联合国秘书长古特雷斯时的谈话; 南非总统拉马福萨.
    assert await _unheld(library, "联合国秘书长是谁") is None
    assert await _unheld(library, "南非总统是谁") is None


async def test_only_a_question_asking_who_is_read_so(library: Library) -> None:
    # Keywords, or another question about the post, do not ask who holds it.
    assert await _unheld(library, "亚投行行长") is None
    assert await _unheld(library, "亚投行行长怎么评价金砖合作") is None
