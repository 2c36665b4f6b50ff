"""Terminal rendering of parsed Telegram messages: entities, UTF-16 offsets, buttons."""

from __future__ import annotations

from typing import Any

from bot.lookup.library import Library
from devtools.console.termview import (
    QUOTE_BAR,
    Button,
    buttons_of,
    python_index,
    render_buttons,
    render_inline_results,
    render_text,
)
from devtools.fakeapi.html import parse_html


def _show(markup: str, *, color: bool = False) -> str:
    text, entities = parse_html(markup)
    return render_text(text, entities, color=color)


def test_plain_rendering_keeps_text_links_and_quotes() -> None:
    shown = _show(
        '<b>新开发银行</b> 见 <a href="https://t.me/ZhikuBot?start=p_d0-p3">d0.p3</a>\n'
        "<blockquote>第一行\n第二行</blockquote>\n完"
    )
    assert shown == (
        "新开发银行 见 d0.p3 <https://t.me/ZhikuBot?start=p_d0-p3>\n"
        f"{QUOTE_BAR}第一行\n{QUOTE_BAR}第二行\n完"
    )


def test_text_after_a_quote_starts_a_new_line() -> None:
    assert _show("<blockquote>引文</blockquote>📎 d0.p1") == f"{QUOTE_BAR}引文\n📎 d0.p1"


def test_a_link_whose_text_is_its_url_is_not_repeated() -> None:
    assert _show('<a href="https://example.org">https://example.org</a>') == "https://example.org"


def test_color_rendering_uses_ansi_emphasis_and_closes_it() -> None:
    shown = _show("<b>金砖</b><i>扩员</i><code>d0.p1</code>", color=True)
    assert shown == "\x1b[1m金砖\x1b[22m\x1b[3m扩员\x1b[23m\x1b[36md0.p1\x1b[39m"


def test_utf16_offsets_after_astral_characters() -> None:
    # 𠀀 (Extension B) and 🎉 count two UTF-16 units each; the bold span must still land
    # on 银行, not two characters later.
    assert python_index("𠀀a🎉") == [0, 0, 1, 2, 2, 3]
    shown = _show("𠀀🎉<b>银行</b>。", color=True)
    assert shown == "𠀀🎉\x1b[1m银行\x1b[22m。"


async def test_a_real_passage_in_a_quote(library: Library) -> None:
    view = await library.passage("d0.p1")
    assert view is not None
    text = view.hit.text
    assert "金砖" in text
    shown = _show(f"<blockquote expandable>{_escape(text)}</blockquote>")
    assert shown.startswith(QUOTE_BAR)
    assert shown.replace(QUOTE_BAR, "") == text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


MESSAGE: dict[str, Any] = {
    "reply_markup": {
        "inline_keyboard": [
            [
                {"text": "‹ 上一页", "callback_data": "v1:pg:abcdef12:1"},
                {"text": "下一页 ›", "callback_data": "v1:pg:abcdef12:3"},
            ],
            [
                {"text": "原文", "url": "https://t.me/ZhikuBot?start=p_d0-p3"},
                {"text": "转发", "switch_inline_query": "金砖"},
                {"text": "复制", "copy_text": {"text": "d0.p3"}},
            ],
        ]
    }
}


def test_buttons_in_reading_order() -> None:
    assert buttons_of(MESSAGE) == [
        Button("‹ 上一页", "callback", "v1:pg:abcdef12:1"),
        Button("下一页 ›", "callback", "v1:pg:abcdef12:3"),
        Button("原文", "url", "https://t.me/ZhikuBot?start=p_d0-p3"),
        Button("转发", "inline", "金砖"),
        Button("复制", "copy", "d0.p3"),
    ]
    assert buttons_of({"text": "no keyboard"}) == []
    assert render_buttons(buttons_of(MESSAGE)) == (
        "[1] ‹ 上一页  [2] 下一页 ›  [3] 原文  [4] 转发\n[5] 复制"
    )


def test_inline_results_numbered() -> None:
    results = [
        {"id": "a", "title": "新开发银行", "description": "d0.p3 …"},
        {"id": "b", "title": "金砖扩员"},
    ]
    assert render_inline_results(results) == "[1] 新开发银行\n    d0.p3 …\n[2] 金砖扩员"
