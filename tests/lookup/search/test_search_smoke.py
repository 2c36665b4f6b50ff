from __future__ import annotations

from bot.lookup.library import Library


async def test_search_finds_the_lesotho_loan(library: Library) -> None:
    result = await library.search("新开发银行给莱索托提供了多少贷款", 3)
    assert result.hits[0].passage_id.startswith("d0.")
    assert "莱索托" in result.hits[0].text
