"""Fact cards, the pure parts: permission decisions, content rules, the /card grammar, HTML."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.cards.errors import CardError
from bot.cards.model import Card, CardContent, Pin, Source, StaleSource
from bot.cards.parse import (
    CardVerb,
    CiteCard,
    Draft,
    EditCard,
    NewCard,
    RestoreCard,
    Usage,
    answer_title,
    card_mark,
    cited_pids,
    edit_command,
    parse_card,
)
from bot.cards.rules import Action, check_content, check_fact_number, decide
from bot.render import callbacks as cb
from bot.render.cards import card_panel, card_text, changed_window, message_link, stale_notice
from bot.render.chathtml import measure
from bot.render.replies import View
from tests.lint_telegram import lint_html

CONTENT = CardContent(
    "新开发银行",
    ("2015年金砖国家新开发银行成立。", "新开发银行优先支持可再生能源与低碳基础设施项目。"),
    "为金砖国家及其他新兴经济体和发展中国家的基础设施建设动员资源",
    "金砖国家新开发银行",
    "d1.p109",
    ("d1.p107", "d0.p26", "d1.p109"),
)
SOURCES = tuple(
    Source(pid, "“金砖合作”推动全球南方携手共进", "0" * 16, "……") for pid in CONTENT.sources
)
DRAFT = Card(7, -1001234567890, 3, CONTENT, SOURCES)
PINNED = Card(7, -1001234567890, 3, CONTENT, SOURCES, pin=Pin(-1001234567890, 55, 1, "x"))
VIEW = View("zh-Hans", group=True)
WRITES: tuple[Action, ...] = ("create", "edit", "pin", "unpin", "lock", "unlock", "delete", "log")


# -- who may do what ------------------------------------------------------------------------


@pytest.mark.parametrize("action", WRITES)
def test_members_may_only_read(action: Action) -> None:
    assert decide("read", moderator=False, card=DRAFT).allowed
    refused = decide(action, moderator=False, card=DRAFT)
    assert not refused.allowed
    assert refused.reason == "cards.moderators_only"


def test_a_locked_card_takes_no_edits_and_no_deletion_but_can_be_pinned() -> None:
    locked = Card(7, 1, 1, CONTENT, locked=True)
    assert decide("edit", moderator=True, card=locked).reason == "cards.locked"
    assert decide("delete", moderator=True, card=locked).reason == "cards.locked"
    assert decide("pin", moderator=True, card=locked).allowed
    assert decide("unlock", moderator=True, card=locked).allowed
    assert decide("lock", moderator=True, card=locked).reason == "cards.already_locked"


def test_a_deleted_card_takes_only_an_undelete() -> None:
    deleted = Card(7, 1, 1, CONTENT, deleted=True)
    for action in ("edit", "pin", "lock", "delete"):
        assert decide(action, moderator=True, card=deleted).reason == "cards.deleted"
    assert decide("undelete", moderator=True, card=deleted).allowed
    assert decide("undelete", moderator=True, card=DRAFT).reason == "cards.not_deleted"


def test_pinning_twice_or_unpinning_a_draft_is_refused() -> None:
    assert decide("pin", moderator=True, card=PINNED).reason == "cards.already_pinned"
    assert decide("unpin", moderator=True, card=DRAFT).reason == "cards.not_pinned"
    assert decide("unpin", moderator=True, card=PINNED).allowed


# -- what a card may hold --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (CardContent("", ("x",)), "cards.no_title"),
        (CardContent("t", ()), "cards.no_facts"),
        (CardContent("t", ("a", "b", "c", "d")), "cards.too_many_facts"),
        (CardContent("t" * 61, ("a",)), "cards.too_long"),
        (CardContent("t", ("a" * 201,)), "cards.too_long"),
        (
            CardContent("t", ("a",), sources=tuple(f"d0.p{i}" for i in range(6))),
            "cards.too_many_sources",
        ),
    ],
)
def test_content_that_does_not_fit_a_card_is_refused(content: CardContent, key: str) -> None:
    with pytest.raises(CardError) as raised:
        check_content(content)
    assert raised.value.key == key


def test_fact_numbers_name_a_fact_or_the_next_free_one() -> None:
    check_fact_number(CONTENT, 3, removing=False)  # adds a third fact
    for number, removing in ((4, False), (0, False), (3, True)):
        with pytest.raises(CardError, match=r"cards.bad_fact_number"):
            check_fact_number(CONTENT, number, removing=removing)
    with pytest.raises(CardError, match=r"cards.no_facts"):
        check_fact_number(CardContent("t", ("only",)), 1, removing=True)


def test_content_parts_are_replaced_added_and_removed() -> None:
    assert CONTENT.with_part("fact", 3, "第三条").facts[-1] == "第三条"
    assert CONTENT.with_part("fact", 1, None).facts == CONTENT.facts[1:]
    no_quote = CONTENT.with_part("quote", 0, None)
    assert (no_quote.quote, no_quote.quote_pid, no_quote.sources) == (None, None, CONTENT.sources)
    dropped = CONTENT.without("d1.p109")
    assert dropped.quote is None
    assert "d1.p109" not in dropped.sources
    assert CardContent.from_json(CONTENT.to_json()) == CONTENT


# -- the /card grammar -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("新开发银行", Draft("新开发银行")),
        ("New Development Bank", Draft("New Development Bank")),  # "new" without a |
        ("pin the facts", Draft("pin the facts")),
        ("", Draft("")),  # the answer replied to, or else the card help
        ("help", Usage("card")),
        ("HELP", Usage("card")),
        ("帮助", Usage("card")),
        ("幫助", Usage("card")),
        ("？", Usage("card")),
        ("help edit", Usage("edit")),
        ("help new", Usage("new")),
        ("help desk 金砖", Draft("help desk 金砖")),  # not a sub-command: a topic
        ("new", Usage("new")),
        ("new 标题 | 事实一 | 事实二", NewCard("标题", ("事实一", "事实二"))),
        ("new 标题 |", Usage("new")),
        ("edit 12 title 新标题", EditCard(12, None, "title", 0, "新标题")),
        ("edit #12@3 fact 2 新 事实", EditCard(12, 3, "fact", 2, "新 事实")),
        ("edit 事实 1 -", EditCard(None, None, "fact", 1, None)),
        ("edit 12 引文 原话", EditCard(12, None, "quote", 0, "原话")),
        ("edit 12 fact two words", Usage("edit")),
        ("edit 12 colour red", Usage("edit")),
        ("cite 12 D0-P26", CiteCard(12, "d0.p26")),
        ("uncite d2.a6.p41", CiteCard(None, "d2.a6.p41", remove=True)),
        ("cite 12 nonsense", Usage("cite")),
        ("restore 12 3", RestoreCard(12, 3)),
        ("restore 12@v3", RestoreCard(12, 3)),
        ("restore 3", RestoreCard(None, 3)),
        ("restore twelve", Usage("restore")),
        ("pin 12", CardVerb("pin", 12)),
        ("UNPIN", CardVerb("unpin", None)),
        ("history #4", CardVerb("history", 4)),
        ("#4", CardVerb("show", 4)),
    ],
)
def test_card_sub_commands(argument: str, expected: object) -> None:
    assert parse_card(argument) == expected


def test_an_outdated_edit_can_be_repeated_against_the_current_version() -> None:
    request = EditCard(12, 3, "fact", 2, "新事实")
    assert edit_command(12, 5, request) == "/card edit 12@5 fact 2 新事实"
    assert parse_card(edit_command(12, 5, request).split(" ", 1)[1]) == EditCard(
        12, 5, "fact", 2, "新事实"
    )


def test_what_a_replied_message_refers_to() -> None:
    assert card_mark(card_text(DRAFT, VIEW).replace("<i>", "").replace("</i>", "")) == (7, 3)
    assert card_mark("🔎 金砖\n1. 文字") is None
    answer = "📝 金砖扩员：原文摘要\n……[1]\n[1] 📎 题目 · d0.p37\n[2] 📎 题目 · d2.a7.p4"
    assert cited_pids(answer) == ["d0.p37", "d2.a7.p4"]
    assert answer_title(answer) == "金砖扩员"
    assert answer_title("🔎 New Development Bank · page 2\n…") == "New Development Bank"
    assert answer_title("金砖国家是……") is None


# -- rendering ------------------------------------------------------------------------------


def test_a_card_is_valid_html_that_fits_one_screen() -> None:
    pids = tuple(f"d2.a{i}.p{i}99" for i in range(1, 6))
    long = CardContent(
        "题" * 60, tuple("事" * 200 for _ in range(3)), "引" * 400, "人" * 50, pids[0], pids
    )
    sources = tuple(Source(pid, "文" * 80, "0" * 16, "……") for pid in pids)
    text = card_text(Card(1, -100, 1, long, sources), VIEW)
    assert lint_html(text) == []
    length, entities = measure(text)
    assert length <= 620
    assert entities < 20
    assert text.count("\n") <= 13


def test_citations_link_to_the_passage_in_the_private_chat() -> None:
    text = card_text(DRAFT, VIEW)
    assert '<a href="https://t.me/ZhikuBot?start=p_d1-p107">d1.p107</a>' in text
    assert "🗂 #7 · v3" in text


def test_card_buttons_follow_its_state() -> None:
    def verbs(card: Card) -> list[str]:
        rows = card_panel(card, VIEW).keyboard
        return [str(cb.parse(b.data)) for row in rows for b in row]

    assert verbs(DRAFT) == [str(cb.CardAction(v, 7)) for v in ("pin", "edit", "disc")]
    assert verbs(PINNED) == [str(cb.CardAction(v, 7)) for v in ("edit", "unpin")]
    locked = Card(7, 1, 1, CONTENT, locked=True)
    assert verbs(locked) == [str(cb.CardAction("pin", 7))]
    assert card_panel(Card(7, 1, 1, CONTENT, deleted=True), VIEW).keyboard == ()


def test_card_callback_data_round_trips_and_rejects_forgeries() -> None:
    data = cb.encode(cb.CardAction("disc", 123456789))
    assert cb.parse(data) == cb.CardAction("disc", 123456789)
    for forged in ("v1:cd:boom:1", "v1:cd:pin:0", "v1:cd:pin:-3", "v1:cd:pin:1234567890"):
        assert cb.parse(forged) is None


def test_message_links_exist_for_supergroups_only() -> None:
    assert message_link(-1001234567890, 55) == "https://t.me/c/1234567890/55"
    assert message_link(-4321, 55) is None
    assert message_link(501, 55) is None


def test_a_changed_source_shows_what_changed() -> None:
    old = "新开发银行作为金砖国家绿色合作的核心平台，优先支持可再生能源与低碳基础设施项目。"
    new = old.replace("优先", "重点")
    was, now = changed_window(old, new)
    assert "<s>优先</s>" in was
    assert "<u>重点</u>" in now
    gone = StaleSource("d0.p26", "题目", old, None, "")
    changed = StaleSource("d1.p107", "题目", old, new, "abc")
    reply = stale_notice(DRAFT, (changed, gone), VIEW)
    assert lint_html(reply.text) == []
    assert "<code>/card cite 7 d1.p107</code>" in reply.text
    assert "已不在语料中" in reply.text


def test_the_card_core_and_its_rendering_do_not_import_telegram() -> None:
    code = (
        "import bot.cards.desk, bot.cards.stale, bot.cards.parse, bot.render.cards, "
        "bot.render.cardlists, sys; print('telegram' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
