"""Page metadata from text: title by layout, dates, authors, journal labels, short leads."""

from __future__ import annotations

from bot.lookup.ingest.journallabels import (
    abstract_label,
    is_bare_label,
    journal_labels,
    metadata_from_labels,
)
from bot.lookup.ingest.pagemeta import (
    byline_authors,
    choose_title,
    dateline_reporters,
    is_citation_line,
    is_closing,
    is_keyword_list,
    is_short_lead,
    metadata_from_bar,
    names_line,
)


def test_title_is_the_first_short_headline_not_a_label_or_abstract() -> None:
    page = [
        None,
        "【摘要】全球南方的群体性崛起正在改变国际力量对比。",
        "（2023年8月22日，约翰内斯堡）",
        "新华社记者 赵某 王某",
        "全球南方崛起与金砖合作的新使命",
        "正文第一段。",
    ]
    assert choose_title(page) == 4


def test_a_section_heading_after_the_text_has_begun_is_no_title() -> None:
    page = [
        "金砖国家峰会召开后，成员国建立更加紧密的伙伴关系的战略目标进一步明晰，合作架构日趋完善。",
        "一、金砖机制应成为国际秩序的推动者",
        "短标题",
    ]
    assert choose_title(page) is None
    assert choose_title(["一、问题的提出", "金砖合作的新使命"]) == 1


def test_no_title_when_the_page_opens_with_text() -> None:
    assert (
        choose_title(["近年来，新兴市场国家的比重持续上升。金砖国家经济总量已占全球近三成。"])
        is None
    )
    assert choose_title(["Copyright notice: all rights reserved.", "南南合作助力共同发展"]) == 1


def test_date_prefers_publication_over_update() -> None:
    meta = metadata_from_bar(
        [("更新时间", "2023-12-28"), ("发布时间", "2023-12-27 09:15"), ("来源", "经济日报")]
    )
    assert meta == {"date": "2023-12-27", "date_label": "发布时间", "outlet": "经济日报"}
    assert metadata_from_bar([("作者", "王海 陈静"), ("责编", "李晓燕")]) == {
        "authors": "王海、陈静",
        "editor": "李晓燕",
    }
    assert metadata_from_bar([("日期时间", "")]) == {}


def test_journal_labels_and_author_notes() -> None:
    assert journal_labels("【关键词】全球南方；金砖合作") == [("关键词", "全球南方；金砖合作")]
    assert journal_labels("[中图分类号]D815 [文献标识码]A") == [
        ("中图分类号", "D815"),
        ("文献标识码", "A"),
    ]
    assert journal_labels("【關鍵詞】全球南方") == [("关键词", "全球南方")]
    meta = metadata_from_labels(
        [("作者简介", "赵明远，某大学教授；孙晓青，某大学博士研究生。"), ("关键词", "全球南方")]
    )
    assert meta["authors"] == "赵明远、孙晓青"
    assert meta["keywords"] == "全球南方"


def test_journal_labels_leave_text_alone() -> None:
    assert journal_labels("【新华时评】金砖合作正当时") == []
    assert journal_labels("关键词是合作，而非对抗。") == []
    assert journal_labels("[1]《世界经济展望》") == []


def test_abstract_label_offsets() -> None:
    line = "【内容摘要】全球南方的群体性崛起"
    label = abstract_label(line)
    assert label is not None
    assert line[label.start :] == "全球南方的群体性崛起"
    label = abstract_label("摘要：本文考察金砖合作")
    assert label is not None
    assert label.name == "摘要"
    assert abstract_label("摘要显示，金砖合作成果丰硕。") is None


def test_abstract_label_set_off_by_a_space() -> None:
    line = "內容提要 經濟合作一直是金磚合作的首要和重點領域,并已成為金磚合作的壓艙石。"
    label = abstract_label(line)
    assert label is not None
    assert line[label.start :].startswith("經濟合作")
    assert abstract_label("内容提要 见附件") is None  # too short to be an abstract


def test_citation_lines_and_bare_labels_are_no_titles() -> None:
    page = [
        "某某学报2026,Vol.34Issue(1):44-58,15.DOI:10.0000/j.xxxx.2026.01.004",
        "摘要",
        "重塑全球发展治理：金砖合作机制与“全球南方”的战略协同",
    ]
    assert choose_title(page) == 2
    assert is_bare_label("Abstract")
    assert is_bare_label("【关键词】")
    assert not is_bare_label("摘要显示")
    assert is_citation_line("《国际问题研究》2025年第3期")
    assert not is_citation_line("金砖国家第三次峰会")


def test_keyword_lists_and_name_lines() -> None:
    assert is_keyword_list("在线影视,免费高清,手机看片,彩票开奖,娱乐平台 ?")
    assert is_keyword_list("金砖 全球南方 新开发银行 扩员 峰会")
    assert not is_keyword_list("中国、俄罗斯、印度、巴西、南非五国领导人出席会晤。")
    assert not is_keyword_list("金砖国家：巴西、俄罗斯、印度、中国、南非")
    assert choose_title(["在线影视,免费高清,手机看片,彩票开奖,娱乐平台", "金砖扩员的新格局"]) == 1
    assert names_line("陈某某   蒋某某") == "陈某某、蒋某某"
    assert names_line("王海") == "王海"
    assert names_line("盧 靜") == "盧靜"  # a two-character name set with a space
    assert names_line("合作共赢") is None  # four characters alone: a phrase, not a name
    assert names_line("深化合作 共创未来") is None


def test_bylines() -> None:
    assert byline_authors("新华社记者 赵焱 陈威华 周永穗") == "赵焱、陈威华、周永穗"
    assert byline_authors("文/张三 李四") == "张三、李四"
    assert byline_authors("記者 王小明") == "王小明"
    assert byline_authors("记者在现场看到，会场座无虚席。") is None
    assert byline_authors("中華人民共和國主席 習近平") == "習近平"
    assert byline_authors("深化合作 共创未来") is None
    assert metadata_from_bar([("署名", "王某"), ("时间", "2014-11-14")])["authors"] == "王某"


def test_reporters_named_by_a_news_dateline() -> None:
    lines = [None, "某某社北京9月4日電(記者 徐某某 蘭某某)國家主席習近平4日主持會議。"]
    assert dateline_reporters(lines) == "徐某某、蘭某某"
    assert dateline_reporters(["记者会上，发言人表示将继续推进合作。"]) is None


def test_salutations_and_datelines_are_short_leads() -> None:
    for line in (
        "尊敬的拉馬福薩總統,",
        "女士们，先生们，朋友们：",
        "（2023年8月22日，約翰內斯堡）",
    ):
        assert is_short_lead(line), line
    for line in ("各位代表认为，金砖合作前景广阔。", "2023年8月22日至24日，会晤在约翰内斯堡举行。"):
        assert not is_short_lead(line), line
    assert is_short_lead("下午好！")
    assert is_short_lead("新华社约翰内斯堡8月23日电")
    assert choose_title(["新华社约翰内斯堡8月23日电", "携手同行 共创未来"]) == 1
    assert is_closing("謝謝大家!")
    assert not is_closing("谢谢各国朋友长期以来对金砖合作的支持。")


def test_reporters_with_transcribed_names() -> None:
    line = "新华社开普敦3月14日电（记者林某某　马克·范德某某）会议14日举行。"
    assert dateline_reporters([line]) == "林某某、马克·范德某某"
