from __future__ import annotations

import pytest

from bot.lookup.ingest.model import Span
from bot.lookup.ingest.mojibake import (
    PLACEHOLDER,
    find_mojibake,
    repair_candidate,
    repair_mojibake,
)
from bot.lookup.ingest.pinyin import strip_pinyin
from bot.lookup.text.script import to_simplified
from tests.lookup.ingest.rawtext import line, raw

# The eight known runs (CORPUS_NOTES 4.3, 5.3), as they read after pinyin stripping.
KNOWN = [
    ("003", 2, "??萍紕撔率墙鸫u"),
    ("003", 25, "??萍紕撔率菓獙θ蛐蕴魬鸬挠辛ξ淦?"),
    ("004", 4, "?!霸坪嫌啊币蕴厥獾姆绞接涗浵陆鸫u"),
    ("004", 8, "?!苯陙?"),
    ("004", 11, "?姨岢鱿M尤虢鸫u"),
    ("004", 11, "?!痹诮鸫u"),
    ("004", 29, "?!痹谌虬l"),
    ("004", 36, "?!?"),
]


def _document(prefix: str) -> str:
    return strip_pinyin(raw(prefix))[0] if prefix == "004" else raw(prefix)


def _flagged(prefix: str) -> list[str]:
    text = _document(prefix)
    return [text[s.start : s.end] for s in find_mojibake(text, "traditional")]


@pytest.mark.parametrize(("prefix", "number", "garbage"), KNOWN)
def test_known_runs_are_flagged_whole(prefix: str, number: int, garbage: str) -> None:
    assert garbage in _document(prefix).split("\n")[number - 1]
    assert garbage in _flagged(prefix)


def test_nothing_else_is_flagged_in_the_web_files() -> None:
    assert _flagged("003") == [g for p, _, g in KNOWN if p == "003"]
    assert _flagged("004") == [g for p, _, g in KNOWN if p == "004"] + ["/p>"]


def test_raw_004_lines_are_flagged_before_pinyin_stripping() -> None:
    text = raw("004")
    starts = {text.count("\n", 0, s.start) + 1 for s in find_mojibake(text, "traditional")}
    assert starts == {4, 8, 11, 29, 36}


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_simplified_files_have_no_spans(prefix: str) -> None:
    assert find_mojibake(raw(prefix), "simplified") == []


def test_question_marks_in_urls_are_not_flagged() -> None:
    assert raw("001").count("?") == 6
    assert raw("002").count("?") == 23
    assert find_mojibake(line("002", 3874), "simplified") == []


def test_rare_words_and_simplified_leftovers_are_left_alone() -> None:
    # 桎梏 is a rare pair but a word (002 L6744); 后/于/筑 are machine-conversion leftovers.
    assert "桎梏" in line("002", 6744)
    assert find_mojibake(line("002", 6744), "simplified") == []
    assert find_mojibake(line("003", 32), "traditional") == []
    assert find_mojibake(line("004", 40), "traditional") == []


def test_html_remnant_is_its_own_span() -> None:
    text = "“心合意同,謀無不成。”</p>"
    assert find_mojibake(text, "traditional") == [Span(12, 16, "html-remnant")]


def test_repair_of_003_l2() -> None:
    text = line("003", 2)
    fixed, spans = repair_mojibake(text, find_mojibake(text, "traditional"))
    assert "影響力持續增強。科技創新是金磚國家領導人會晤框架下的重要合作內容。" in fixed
    assert spans == [Span(spans[0].start, spans[0].start + 8, "repaired")]
    assert fixed[spans[0].start : spans[0].end] == "。科技創新是金磚"


def test_repairs_in_004_stay_flagged() -> None:
    text = _document("004")
    fixed, spans = repair_mojibake(text, find_mojibake(text, "traditional"))
    lines = fixed.split("\n")
    assert "留下了兩張珍貴的“云合影”。“云合影”以特殊的方式記錄下金磚伙伴的“合心”情誼" in lines[3]
    assert "代表性和影響力。”在金磚國家領導人第十四次會晤中" in lines[10]
    assert [fixed[s.start : s.end] for s in spans if s.reason == "repaired"] == [
        "。“云合影”以特殊的方式記錄下金磚",
        "。”在金磚",
    ]
    assert len(spans) == 7


def test_unverifiable_runs_become_a_visible_placeholder() -> None:
    # 003 L25: 全球 lost two bytes, so the shifted reading contains the rare 闰; no repair.
    text = line("003", 25)
    spans = find_mojibake(text, "traditional")
    fixed, new_spans = repair_mojibake(text, spans)
    garbage = "??萍紕撔率菓獙θ蛐蕴魬鸬挠辛ξ淦?"
    assert fixed == text.replace(garbage, PLACEHOLDER)
    assert "問題和公共利益的重視…。加強國際科技創新合作" in fixed
    assert [(s.reason, fixed[s.start : s.end]) for s in new_spans] == [("qmark-cjk", "…")]


def test_no_garbage_is_left_in_004() -> None:
    text = _document("004")
    fixed, spans = repair_mojibake(text, find_mojibake(text, "traditional"))
    assert "?" not in fixed
    assert "!" not in fixed
    lost = [fixed[s.start : s.end] for s in spans if s.reason not in ("repaired", "html-remnant")]
    assert lost == [PLACEHOLDER] * 4
    lines = fixed.split("\n")
    assert "“讓金磚的朋友圈越來越大,伙伴網越來越廣…,習近平主席" in lines[7]
    assert lines[10].startswith("“近年來,不少…合作機制。引入新鮮血液")
    assert "共同繁榮的發展格局…展高層對話會上" in lines[28]
    assert lines[35].startswith("“心合意同,謀無不成…")


def _misdecoded(repair: str) -> str:
    """What a repair turns into when its first byte is lost, as the web pages show it.

    The decoder leaves a ``?`` for the lost byte, reads the rest one byte out of step, and a
    later pass turns the full-width marks it produces into ASCII.
    """
    shifted = repair.encode("gbk")[1:].decode("gbk")
    return "?" + shifted.replace("？", "?").replace("！", "!")


@pytest.mark.parametrize(
    ("prefix", "number", "garbage", "repair"),
    [
        ("003", 2, "??萍紕撔率墙鸫u", "。科技創新是金磚"),
        ("004", 4, "?!霸坪嫌啊币蕴厥獾姆绞接涗浵陆鸫u", "。“云合影”以特殊的方式記錄下金磚"),
        ("004", 11, "?!痹诮鸫u", "。”在金磚"),
    ],
)
def test_each_repair_re_encodes_to_its_garbage(
    prefix: str, number: int, garbage: str, repair: str
) -> None:
    text = _document(prefix).split("\n")[number - 1]
    fixed, spans = repair_mojibake(text, find_mojibake(text, "traditional"))
    assert [fixed[s.start : s.end] for s in spans if s.reason == "repaired"] == [repair]
    assert _misdecoded(repair) == garbage
    # The repaired text runs on into the untouched text that follows the garbage.
    after = text[text.index(garbage) + len(garbage) :]
    assert fixed.endswith(repair + after)


@pytest.mark.parametrize(
    "text",
    [
        # A question closing a clause; the page turned ？ into ASCII (003 L2's wording).
        "金磚國家為什麼要擴員?這是因為金磚國家的代表性不斷擴大,影響力持續增強。",
        "擴員之后金磚合作會怎樣!科技創新是金磚國家領導人會晤框架下的重要合作內容。",
        # Inside a title, and in Latin text.
        "《金磚合作還能走多遠?》一文認為,金磚國家對外部技術過度依賴。",
        "Is BRICS still relevant?金磚國家對加強科技創新合作具有廣泛共識和強烈意願。",
        # A mixed cluster after a closed quotation is an exclamation, not a lost mark.
        "“金磚國家真的能做到嗎?!”金磚國家對加強科技創新合作具有廣泛共識。",
    ],
)
def test_real_question_and_exclamation_marks_are_not_flagged(text: str) -> None:
    assert find_mojibake(text, "traditional") == []
    assert find_mojibake(to_simplified(text), "simplified") == []


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_new_spans_map_back_to_the_old_text(prefix: str) -> None:
    text = _document(prefix)
    old = find_mojibake(text, "traditional")
    fixed, new = repair_mojibake(text, old)
    # Putting the original runs back into the new spans must give the original text.
    rebuilt, cursor = [], 0
    for before, after in zip(old, new, strict=True):
        rebuilt += [fixed[cursor : after.start], text[before.start : before.end]]
        cursor = after.end
    assert "".join([*rebuilt, fixed[cursor:]]) == text


@pytest.mark.parametrize(
    "garbage",
    ["?!痹谌虬l", "?!?", "為什麼?", "萍紕撔", "?"],
)
def test_repair_candidate_refuses_unverified_readings(garbage: str) -> None:
    assert repair_candidate(garbage) is None


def test_repair_candidate_accepts_verified_reading() -> None:
    assert repair_candidate("?!痹诮鸫u") == "。”在金磚"


def test_rare_run_and_lone_letter_seeds_in_simplified_text() -> None:
    # Garbage characters from 003 pasted into 000's opening sentence.
    head = line("000", 5)
    text = head + "撔獙" + line("000", 7)
    assert find_mojibake(text, "simplified") == [Span(len(head), len(head) + 2, "rare-chars")]
    lone = "金砖国家鸫u国家领导人"
    assert find_mojibake(lone, "simplified") == [Span(4, 6, "lone-latin")]
