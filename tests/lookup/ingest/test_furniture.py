"""Web page furniture: each pattern on what it removes and on real text it must leave alone.

The lines imitate the layout of Chinese news and journal pages; they are written for these
tests, in both scripts.
"""

from __future__ import annotations

import pytest

from bot.lookup.ingest.furniture import classify, iso_date


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("時間:2023-08-31瀏覽次數:", [("时间", "2023-08-31"), ("浏览次数", "")]),
        (
            "责编:李晓燕 发布时间:2023-09-26 10:20浏览次数:",
            [("责编", "李晓燕"), ("发布时间", "2023-09-26 10:20"), ("浏览次数", "")],
        ),
        ("日期时间:", [("日期时间", "")]),
        ("来源：新华网", [("来源", "新华网")]),
        ("作者：王友明", [("作者", "王友明")]),
        ("【字号：大 中 小】", [("字号", "大 中 小")]),
    ],
)
def test_information_bar_is_furniture_and_gives_its_fields(
    line: str, fields: list[tuple[str, str]]
) -> None:
    found = classify(line)
    assert (found.kind, found.rest, found.fields) == ("info-bar", None, fields)


def test_bar_glued_to_a_dateline_keeps_the_sentence() -> None:
    found = classify(
        "發佈時間:2023-08-23 | 來源:新華網 | 作者: | 責任編輯:王小明"
        "新華社約翰內斯堡8月23日電 國家主席習近平23日出席會議。"
    )
    assert found.rest == "新華社約翰內斯堡8月23日電 國家主席習近平23日出席會議。"
    assert ("责任编辑", "王小明") in found.fields
    assert ("来源", "新華網") in found.fields


@pytest.mark.parametrize(
    "line",
    [
        "资金来源：政府拨款占60%，其余来自社会捐助。",  # a label word inside a sentence
        "信息来源方面，银行将定期公布项目执行情况。",
        "会议时间定在2023年8月22日至24日，地点在约翰内斯堡。",
        "作者认为，金砖合作已进入新阶段。",
    ],
)
def test_label_words_in_sentences_are_left_alone(line: str) -> None:
    assert classify(line).kind == ""
    assert classify(line).rest == line


@pytest.mark.parametrize(
    "line",
    ["首頁 > 原創精品 > 成果首發 > 正文", "首页 > 新闻中心 > 国际 > 正文", "当前位置：首页 > 理论"],
)
def test_breadcrumbs(line: str) -> None:
    assert classify(line).kind == "breadcrumb"


def test_a_line_that_starts_at_the_home_page_is_a_trail() -> None:
    assert classify("首页 百科知识 国内金砖国家研究动态").kind == "breadcrumb"
    assert classify("首页 新闻 评论 图片 视频 专题").kind == "breadcrumb"
    assert classify("首页显示，金砖合作专题已更新。").kind == ""


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (
            "王某 · 2014-11-14 · 来源：某刊",
            [("署名", "王某"), ("时间", "2014-11-14"), ("来源", "某刊")],
        ),
        ("百科知识 · 2023-09-02", [("时间", "2023-09-02")]),  # four characters: a column
        ("www.example.cn  某某网  作者：王友明", [("作者", "王友明")]),
        ("www.example.cn 某某網 作者:王友明", [("作者", "王友明")]),
        ("时间:2023-09-02 百科知识 版权反馈", [("时间", "2023-09-02 百科知识 版权反馈")]),
    ],
)
def test_segmented_bars(line: str, fields: list[tuple[str, str]]) -> None:
    found = classify(line)
    assert (found.kind, found.rest, found.fields) == ("info-bar", None, fields)


@pytest.mark.parametrize(
    "line",
    [
        "金砖国家 · 全球南方 · 合作共赢",  # a slogan: no date, no label
        "2023年8月22日，金砖国家领导人第十五次会晤在约翰内斯堡举行。",
        "王友明  中国国际问题研究院发展中国家研究部主任、副研究员,研究领域:全球治理",
    ],
)
def test_segmented_text_is_left_alone(line: str) -> None:
    assert classify(line).kind == ""


@pytest.mark.parametrize("line", ["增长率 > 5%", "A > B", "从首页 > 进入，阅读全文。"])
def test_a_comparison_is_no_breadcrumb(line: str) -> None:
    assert classify(line).kind == ""


@pytest.mark.parametrize(
    "line",
    [
        "进入专题: 全球南方 金砖合作",
        "進入專題：金磚國家",
        "打印本页 关闭窗口",
        "相关新闻",
        "上一篇：南南合作",
    ],
)
def test_links_and_controls(line: str) -> None:
    assert classify(line).kind == "link"


@pytest.mark.parametrize("line", ["打印机出口增长", "相关新闻报道显示，金砖国家贸易额持续增长。"])
def test_link_words_opening_text_are_left_alone(line: str) -> None:
    assert classify(line).kind == ""


def test_navigation_and_keyword_lines() -> None:
    assert classify("新闻 评论 图片 视频 专题").kind == "nav"
    assert classify("国内 | 国际 | 财经").kind == "nav"
    assert classify("292 | 0 | 34 |").kind == "counter"
    assert classify("最新影视 免费观看 高清下载 手机看片 彩票开奖").kind == "nav"
    # Two or three items are a heading, and an enumeration has its 、.
    assert classify("深化合作 共创未来").kind == ""
    assert classify("一带一路 金砖 科技合作").kind == ""
    assert classify("中国、俄罗斯、印度、巴西、南非").kind == ""
    assert classify("| 巴西 | 2.1亿 | 4.1% |").kind == ""  # a table row of figures
    assert classify("Global South BRICS cooperation partners").kind == ""


def test_photo_caption_goes_and_a_credit_is_cut_from_text() -> None:
    caption = "这是9月25日在南非开普敦拍摄的会场外景。新华社发（陈某某 摄）"
    assert (classify(caption).kind, classify(caption).rest) == ("caption", None)
    text = "国家主席习近平出席会议并发表讲话。（新华社记者 李学仁 摄）"
    assert classify(text).rest == "国家主席习近平出席会议并发表讲话。"
    assert classify("圖為會議現場。（新華社記者 王某 攝）").rest is None


def test_other_credit_forms_and_captions_without_a_sentence() -> None:
    # A headline-like caption with a picture credit and a bar left by the page's table.
    assert classify("國家主席習近平主持會議並致辭(某某社圖片) |").rest is None
    assert classify("金砖国家领导人集体合影（新华社记者 王某 摄）").rest is None
    wire = "4月15日，四国领导人在会晤前合影。 新华社 发"
    assert classify(wire).rest == "4月15日，四国领导人在会晤前合影。"


@pytest.mark.parametrize(
    "line",
    [
        "摄影展在约翰内斯堡开幕，展出照片百余幅。",
        "这张照片（摄于1990年）记录了会议现场。",
        "该社发布的图片（见附件）显示，会场座无虚席。",
        "金砖国家新开发银行向成员国发",  # a wrapped line ending on 发 is no credit
    ],
)
def test_photography_in_text_is_left_alone(line: str) -> None:
    assert classify(line).rest == line


def test_full_text_announcements() -> None:
    for line in ("以下為致辭全文:", "以下是讲话全文：", "全文如下：", "讲话全文"):
        assert classify(line).kind == "full-text", line
    for line in ("全文共分五个部分。", "宣言全文共三十条，涵盖多个领域合作。"):
        assert classify(line).kind == "", line


def test_punctuation_and_timestamp_lines() -> None:
    assert classify("|").kind == "punct"
    assert classify("2023-09-26 10:30:00").kind == "timestamp"
    assert classify("2023年是金砖合作的重要一年。").kind == ""


def test_a_timestamp_with_names_glued_to_it() -> None:
    found = classify("2024-01-01 00:00:00戴某某周某某")
    assert (found.kind, found.rest) == ("info-bar", None)
    assert found.fields == [("时间", "2024-01-01 00:00:00"), ("署名", "戴某某周某某")]
    assert classify("2024年1月1日起，新规定正式施行。").kind == ""


def test_iso_date() -> None:
    assert iso_date("2023-09-26 10:32") == "2023-09-26"
    assert iso_date("2023年9月6日") == "2023-09-06"
    assert iso_date("2023/12/27") == "2023-12-27"
    assert iso_date("2023年13月1日") is None
    assert iso_date("") is None


def test_a_bar_that_opens_with_its_timestamp_and_full_width_spaces() -> None:
    found = classify("2024-06-02 09:15:00\u3000来源：某某网\u3000作者：\u3000责任编辑：郑某某")
    assert (found.kind, found.rest) == ("info-bar", None)
    assert ("来源", "某某网") in found.fields
    assert ("责任编辑", "郑某某") in found.fields
    assert ("时间", "2024-06-02") in found.fields


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("(责编：刘某、杨某)", [("责编", "刘某、杨某")]),
        ("（來源：某某日報）", [("来源", "某某日報")]),
    ],
)
def test_a_bar_in_parentheses(line: str, fields: list[tuple[str, str]]) -> None:
    found = classify(line)
    assert (found.kind, found.rest, found.fields) == ("info-bar", None, fields)


@pytest.mark.parametrize(
    "line",
    [
        "（来源于基层的经验表明，合作要从小处做起。）",
        "（作者认为，这一判断仍需更多数据支持。）",
    ],
)
def test_parenthesised_sentences_with_label_words_are_left_alone(line: str) -> None:
    assert classify(line).rest == line


def test_tool_bars_of_bracketed_commands() -> None:
    assert classify("【字号 大 中 小】【打印】【关闭】").kind == "toolbar"
    assert classify("【打印】 【关闭】").kind == "toolbar"
    found = classify("【纠错】 【責任編輯：周某某】")
    assert (found.kind, found.fields) == ("toolbar", [("责任编辑", "周某某")])
    # Bracketed labels followed by text, a single bracket, and brackets in a sentence stay.
    for line in (
        "【关键词】全球南方；国际秩序",
        "【专家观点】【政策解读】合作已进入新阶段。",
        "【编者按】",
        "【一】【二】两份文件，同日公布，意义不同。",
    ):
        assert classify(line).kind != "toolbar", line


def test_end_of_article_marks() -> None:
    assert (classify("（完）").kind, classify("（完）").rest) == ("end-mark", None)
    assert classify("(全文完)").kind == "end-mark"
    glued = classify("届时各方将审议专家组的报告。（完）")
    assert (glued.kind, glued.rest) == ("end-mark", "届时各方将审议专家组的报告。")
    for line in (
        "（完全按照协商一致原则）",
        "各方同意在年内完成评估（完）成员国",
        "项目已于去年底建成（完工）。",
    ):
        assert classify(line).rest == line, line


def test_short_controls_that_start_with_click() -> None:
    for line in ("点击播报本文，约", "点击查看大图", "扫码关注", "扫一扫在手机打开当前页"):
        assert classify(line).kind == "control", line
    for line in (
        "点击量突破一亿次，说明读者关注度很高。",
        "长按鼠标并拖动的操作方式，已经被越来越多的用户接受和熟悉起来了",
    ):
        assert classify(line).kind == "", line


def test_credits_without_parentheses() -> None:
    assert classify("圖：論壇開幕式現場。記者 蔡某某 攝").rest is None
    assert classify("图为会场外景。王某某 摄").rest is None
    for line in ("这是我们在会场外拍摄", "图：记者在现场采访时的拍摄"):
        assert classify(line).rest is not None, line
    assert classify("代表们在会场外合影留念。他们请记者帮忙拍摄").rest is not None


def test_a_headline_that_opens_with_its_date_is_no_by_line() -> None:
    assert classify("2025年5月13日外交部发言人主持例行记者会").kind == ""
    assert classify("2024-05-06 某某研究院发布年度全球发展报告").kind == ""
    assert classify("2024-01-01 10:00新华网").kind == "info-bar"


def test_a_date_after_a_value_is_the_bar_s_timestamp() -> None:
    found = classify("来源：某某日报\u3000\u30002024年11月12日 08:30")
    assert found.fields == [("来源", "某某日报"), ("时间", "2024年11月12日 08:30")]
    # A value that merely holds a number stays whole.
    assert classify("作者：王某 2024").fields == [("作者", "王某 2024")]
