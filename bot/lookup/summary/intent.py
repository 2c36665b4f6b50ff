"""What a summary request asks for, apart from its topic.

People frame a topic: "金砖扩员的来龙去脉", "新开发银行发展历程", "喀山宣言的主要内容",
"金砖扩员有什么意义". The framing words are not the topic: no passage needs to contain
"来龙去脉" to be about the expansion, and as rare words they would otherwise outweigh the
topic and empty the summary. They are taken out of the topic and kept as the *intent*:

* ``progression`` (发展历程, 来龙去脉, 沿革…): a dated progression, earliest first;
* ``significance`` (意义, 作用, 影响…): sentences that say what the topic brings;
* ``record`` (成果, 成就…): what was done, with its dates and figures;
* ``overview`` (概况, 简介…) and no framing at all: the topic's key facts.

The word lists below are the one place these words live (the summary is their only
reader). A phrase is matched on the parser's own terms, whole terms only, so "影响" is
framing in "扩员的影响" but not in "影响力", and "发展" only inside "发展历程".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.lookup.search.query import Concept

Kind = Literal["overview", "progression", "significance", "record"]

# Words that ask for a summary rather than name its subject (总结一下这篇文章).
ASKING = frozenset(
    """
    总结 概括 概述 简述 综述 摘要 提要 要点 大意 观点 主要观点 讲 讲了 写 写了 说了
    这篇 该文 一文 论文 篇 这篇文章 篇文章 文章 summary summarize summarise summarized
    overview gist abstract brief briefly main points article paper
    """.split()
)
# Framing phrases by intent, as the parser's terms they are made of, joined (发展 + 历程);
# question words (主要, 内容, 情况, 什么, 介绍…) are dropped by the parser before this.
_FRAMING: dict[Kind, frozenset[str]] = {
    "progression": frozenset(
        """
        发展历程 历程 历史沿革 沿革 来龙去脉 始末 演变 演进 变迁 发展过程 发展脉络 脉络
        大事记 起源 history timeline evolution origins
        """.split()
    ),
    "significance": frozenset(
        """
        意义 重要意义 历史意义 现实意义 时代意义 战略意义 有何意义 作用 重要作用 影响
        重要性 价值 启示 好处 significance importance impact
        """.split()
    ),
    "record": frozenset(
        """
        成果 成就 成效 取得 进展 新进展 最新进展 achievements results progress
        """.split()
    ),
    # An overview, or how someone sees the topic (看待, 评价): what the texts say is the answer.
    "overview": frozenset(
        """
        基本 概况 简介 详情 全貌 怎么回事 背景 看待 看法 评价 background
        """.split()
    ),
}
_LONGEST = 3  # terms a framing phrase may span (发展 + 历程, 历史 + 意义)


@dataclass(frozen=True, slots=True)
class Intent:
    """The framing of a request: what kind of summary, and which terms were framing."""

    kind: Kind = "overview"
    framing: frozenset[str] = frozenset()  # the terms taken out of the topic


def read_intent(concepts: Sequence[Concept]) -> tuple[Intent, list[Concept]]:
    """Split a request's concepts into its intent and its topic.

    Args:
        concepts: The parsed concepts, in query order.

    Returns:
        The intent and the topic's concepts; the topic is empty when every concept is
        framing ("意义" alone), and the caller decides what that means.
    """
    terms = [c.term for c in concepts]
    found: dict[int, Kind] = {}
    i = 0
    while i < len(terms):
        for size in range(min(_LONGEST, len(terms) - i), 0, -1):
            kind = _kind("".join(terms[i : i + size]))
            if kind is not None:
                found.update(dict.fromkeys(range(i, i + size), kind))
                i += size
                break
        else:
            i += 1
    topic = [c for n, c in enumerate(concepts) if n not in found]
    if not found:
        return Intent(), topic
    # The last framing phrase speaks for the request (…的背景和意义: significance).
    kind = found[max(found)]
    return Intent(kind, frozenset(terms[n] for n in found)), topic


def _kind(phrase: str) -> Kind | None:
    for kind, words in _FRAMING.items():
        if phrase in words:
            return kind
    return None
