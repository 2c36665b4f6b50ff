"""Date expressions on real corpus sentences (CORPUS_NOTES §1.4–5.4), and what is not a date."""

from __future__ import annotations

import pytest

from bot.lookup.corpus.summits import SummitTable
from bot.lookup.text.script import fold
from bot.lookup.timeline import dates
from bot.lookup.timeline.dates import (
    DateExpr,
    cn_number,
    format_date,
    parse_date,
    resolve,
    valid_date,
    year_value,
)
from tests.conftest import CORPUS

Found = tuple[str, str, int | None, int | None, int | None]
SUMMITS = SummitTable.load(CORPUS)


def extract_dates(folded: str) -> list[DateExpr]:
    """The date expressions of ``folded`` with the corpus's summits, as the library reads them."""
    return dates.extract_dates(folded, SUMMITS)


def found(text: str) -> list[Found]:
    """(surface, kind, year-or-offset, month, day) of every expression in ``text``."""
    folded = fold(text)
    return [
        (folded[e.start : e.end], e.kind, e.year, e.month, e.day) for e in extract_dates(folded)
    ]


def only(text: str) -> DateExpr:
    exprs = extract_dates(fold(text))
    assert len(exprs) == 1, exprs
    return exprs[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 000 §1.4: bare years, year-month with spaces, as-of, ranges.
        (
            "2006年，巴西、俄罗斯、印度、中国外长举行金砖国家首次外长会晤",
            [("2006年", "absolute", 2006, None, None)],
        ),
        (
            "2023年 10月巴以冲突升级之后，金砖国家在南非主持下召开特别视频峰会",
            [("2023年10月", "absolute", 2023, 10, None)],
        ),
        (
            "2024 年，沙特阿拉伯、埃及、阿联酋、伊朗、埃塞俄比亚成为金砖国家正式成员",
            [("2024年", "absolute", 2024, None, None)],
        ),
        # 001 §2.4: full dates written with stray spaces, split across old line breaks.
        (
            "即在 2020 年 11 月 17日，习近平总书记在金砖国家领导人第十二次会晤的视频会议中发表讲话",
            [
                ("2020年11月17日", "absolute", 2020, 11, 17),
                ("第十二次会晤", "ordinal", 2020, None, None),
            ],
        ),
        (
            "2023年4 月 24 日的报道，南非的亚洲及金砖事务特使苏克拉尔",
            [("2023年4月24日", "absolute", 2023, 4, 24)],
        ),
        # 003 §4.4 (traditional script, ASCII commas).
        (
            "2024年10月,習近平主席在“金磚+”領導人對話會上指出",
            [("2024年10月", "absolute", 2024, 10, None)],
        ),
    ],
)
def test_written_out_dates(text: str, expected: list[Found]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "year", "month", "day"),
    [
        ("2013—2022年,金磚國家科技創新產出規模不斷擴大", "2013—2022年", 2013, None, None),
        ("在该行第二个五年战略（2022年—2026年）中提出", "2022年—2026年", 2022, None, None),
        ("从2017年-2023年的《厦门市政府工作报告》中可以看到", "2017年-2023年", 2017, None, None),
        ("各方宣布 2025 至 2026年为“中国—中亚合作高质量发展年”", "2025至2026年", 2025, None, None),
        (
            "2018 年 7月 25日-27日，金砖国家领导人第十次会晤在南非约翰内斯堡举行",
            "2018年7月25日-27日",
            2018,
            7,
            25,
        ),
        ("在2025年4月28—29日召開的金磚國家外長會晤上", "2025年4月28—29日", 2025, 4, 28),
        (
            "2022年 6-7月以来，世界银行等机构不断对2022年全球经济增长率作出悲观预测",
            "2022年6-7月",
            2022,
            6,
            None,
        ),
    ],
)
def test_ranges_keep_their_start(
    text: str, surface: str, year: int, month: int | None, day: int | None
) -> None:
    first = extract_dates(fold(text))[0]
    assert (fold(text)[first.start : first.end], first.year, first.month, first.day) == (
        surface,
        year,
        month,
        day,
    )
    assert first.qualifier == "range"


def test_a_day_range_without_a_year_is_partial() -> None:
    expr = extract_dates(fold("6月22日至24日,習近平主席出席金磚國家工商論壇開幕式"))[0]
    assert (expr.kind, expr.month, expr.day, expr.qualifier) == ("partial", 6, 22, "range")


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("2024年底,金磚機制已涵蓋10個正式成員國和9個金磚國家伙伴國。", "end"),
        ("新工業革命伙伴關系創新基地于2020年末正式啟動", "end"),
        ("位于瑞典北部的欧盟首个卫星发射中心于 2023 年初正式启用", "start"),
        ("课题自 2025 年春启动以来，历时数月采访", "season"),
        ("截至2025年6月，金砖国家反恐工作组已召开十次会议。", "as_of"),
        ("2010 年以来，欧盟太空政策的战略性目标主要强调太空基础设施安全", "since"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    assert extract_dates(fold(text))[0].qualifier == qualifier


def test_year_end_is_december_and_year_start_stays_a_year() -> None:
    # 年底/年末 close the year: December, so 截至2021年底 sorts after 2021年8月 (a reader
    # dates it so too); 年初 spans the first months and keeps the year's precision.
    assert only("2024年底,金磚機制已涵蓋10個正式成員國").month == 12
    assert only("新工業革命伙伴關系創新基地于2020年末正式啟動").month == 12
    assert only("卫星发射中心于 2023 年初正式启用").month is None
    assert only("截至2024年底,金磚機制已涵蓋").qualifier == "as_of"


def test_chinese_numeral_years() -> None:
    # 001 footnote L309 writes 二 0一七 with a space and an ASCII zero.
    expr = only("在接见二 0一七年度驻外使节工作会议与会使节时的讲话")
    assert (expr.kind, expr.year) == ("absolute", 2017)
    assert year_value("二〇三五") == 2035
    assert year_value("二0一七") == 2017


@pytest.mark.parametrize(
    ("text", "number", "year"),
    [
        ("习近平主席在金砖国家领导人第十四次会晤讲话再次强调", 14, 2022),
        (
            "2020年 11月，习近平主席在第 12次金砖峰会上宣布，在中国厦门设立金砖新工业革命伙伴创新"
            "基地",
            12,
            2020,
        ),
        ("在 2022年金砖国家领导人十四次会晤期间，习近平主席多次呼吁", 14, 2022),
        ("金砖国家第十五次领导人峰会召开前夕", 15, 2023),
        ("习主席在第十四次金砖国家领导人会晤上的重要讲话", 14, 2022),
        ("2017年，在厦门举行的金砖国家领导人第九次会务期间", 9, 2017),  # source typo 会务
        ("2009年，金砖国家领导人在俄罗斯举行首次会晤", 1, 2009),
        ("在金磚國家領導人第十四次會晤中,習近平主席強調", 14, 2022),
    ],
)
def test_summit_numbers_date_the_summit(text: str, number: int, year: int) -> None:
    ordinals = [e for e in extract_dates(fold(text)) if e.kind == "ordinal"]
    assert [(e.ordinal, e.year) for e in ordinals] == [(number, year)]


@pytest.mark.parametrize(
    "text",
    [
        "到第二次会晤时，则形成了十几项合作倡议与行动计划",  # no year for the 2nd summit
        "2018年在第26次“基础四国”气候变化部长级会议发表的联合声明中",
        "去年9月21日,在第七十六屆聯合國大會一般性辯論中",
        "到目前为止，习近平总书记总共参加了十次金砖国家领导人会晤",
        "2006年，巴西、俄罗斯、印度、中国外长举行金砖国家首次外长会晤",
        "2024年喀山金磚峰會是金磚擴員后的首次峰會",
    ],
)
def test_other_numbered_meetings_are_not_summits(text: str) -> None:
    assert not [e for e in extract_dates(fold(text)) if e.kind == "ordinal"]


@pytest.mark.parametrize(
    ("text", "kind", "offset", "month", "day"),
    [
        ("今年1月,“全球發展倡議之友小組”在聯合國總部成立", "deictic", 0, 1, None),
        (
            "去年9月21日,在第七十六屆聯合國大會一般性辯論中,習近平主席提出全球發展倡議。",
            "deictic",
            -1,
            9,
            21,
        ),
        (
            "五年前,金磚廈門會晤期間,習近平主席主持新興市場國家與發展中國家對話會",
            "deictic",
            -5,
            None,
            None,
        ),
        ("幾天前,中國發布了《全球發展報告》", "deictic", 0, None, None),
        ("不久前,習近平主席提出全球安全倡議", "deictic", 0, None, None),
        (
            "同年6月，在俄罗斯举办的金砖国家运动会吸引了来自近100个国家和地区的3000多名运动员参加"
            "。",
            "relative",
            0,
            6,
            None,
        ),
        ("同年 12 月 8日，由工业和信息化部、厦门市人民政府", "relative", 0, 12, 8),
        ("將當年在喀山舉行的金磚峰會主題確定為", "relative", 0, None, None),
        (
            "欧盟委员会2025年2月公布的年度工作计划明确年内将推出《欧洲太空法》",
            "relative",
            0,
            None,
            None,
        ),
    ],
)
def test_relative_dates(
    text: str, kind: str, offset: int, month: int | None, day: int | None
) -> None:
    expr = next(e for e in extract_dates(fold(text)) if e.kind in ("relative", "deictic"))
    assert (expr.kind, expr.year, expr.month, expr.day) == (kind, offset, month, day)


def test_next_year_then_the_explicit_year() -> None:
    kinds = [
        (kind, year) for _, kind, year, _, _ in found("厦门会晤的次年，即 2018年的约翰内斯堡会晤时")
    ]
    assert kinds == [("relative", 1), ("absolute", 2018)]


@pytest.mark.parametrize(
    "text",
    [
        "全球发展倡议自提出以来，已有100多国表示支持。",  # 以来 with no date
        "从8个方面对落实2030年可持续发展议程提出政策建议。",  # a programme's name
        "强调聯合國2030年可持續發展議程的普遍性和包容性",
        "纳入“十四五”主要战略任务和二〇三五年远景目标之中",
        "数字经济是《金砖国家经济伙伴战略 2025》的重点合作领域。",  # inside a title
        "《全球文明倡议：携手共绘现代化新图景》，《北京日报》2023 年 3 月 34 日。",  # impossible
        "http://xm.fjsen.com/2021-08/19/content_30814712.htm.2023-5-17.",  # numeric dates
        "中国人民大学出版社2022/12/26",
        "https://www.mfa.gov.cn/web/202206/t20220623_10709036.shtml，最后访问时间：2023 年 4 月 20"
        " 日。",
        "- 2025年07月01日 22:08:32",  # web sidebar timestamp
        "从 1992 年建交到 2000 年代",  # the decade goes, the year stays (checked below)
        "《国际问题研究》2025 年第 3 期",
        "李峰：《“金砖+”合作模式研究》，北京：中国经济出版社 2019 年版",
        "金砖国家年研发投入大于全球总量的1/6",
        "使得金砖国家优质特色商品的销售额比去年同期增长133.5%。",
        "全球太空经济可能会在未来十年内增长两倍",
        "百年前，一个民族的兴与衰建立在弱肉强食的丛林法则之上",
        "推动厦门产权交易中心完成首批2000吨金砖国家的核证碳减排交易。",
        "31 марта 2023 г.",
        "“Joint Declaration on EU-NATO Cooperation,” January 10, 2023",
    ],
)
def test_not_dates(text: str) -> None:
    years = [e.year for e in extract_dates(fold(text)) if e.kind == "absolute"]
    assert years in ([], [1992])


def test_edition_years_are_kept_outside_citations() -> None:
    assert [
        e.year for e in extract_dates(fold("日本 2023 年版《外交蓝皮书》首次使用“全球南方”"))
    ] == [2023]


def test_bare_year_before_an_event_name() -> None:
    assert [e.year for e in extract_dates(fold("举办 2022金砖国家工业创新大赛、职业技能大赛"))] == [
        2022
    ]


def test_enumerations_share_a_group() -> None:
    exprs = extract_dates(fold("2017 年、2019 年和 2024 年，中哈地方合作论坛陆续成功举办。"))
    assert [e.year for e in exprs] == [2017, 2019, 2024]
    assert len({e.group for e in exprs}) == 1
    assert exprs[0].group >= 0
    pair = extract_dates(fold("到 2014、2015年时，习总则明确指出了"))
    assert [e.year for e in pair] == [2014, 2015]
    assert pair[0].group == pair[1].group >= 0


def test_resolve_against_the_document_date_and_the_last_year() -> None:
    now = (2022, 6, None)  # 004 is dated 2022-06
    assert resolve(only("今年1月,“全球發展倡議之友小組”成立"), None, now) == (2022, 1, None)
    assert resolve(only("去年9月21日,在第七十六屆聯合國大會"), None, now) == (2021, 9, 21)
    assert resolve(only("五年前,金磚廈門會晤期間"), None, now) == (2017, None, None)
    assert resolve(only("幾天前,中國發布了《全球發展報告》"), None, now) == (2022, 6, None)
    assert resolve(only("不久前,習近平主席提出全球安全倡議"), None, now) == (2022, None, None)
    assert resolve(only("同年12月，该项目启动仪式在吉尔吉斯斯坦贾拉拉巴德市举行"), 2024, None) == (
        2024,
        12,
        None,
    )
    assert resolve(only("厦门会晤的次年"), 2017, None) == (2018, None, None)


def test_unanchored_relative_dates_are_dropped() -> None:
    assert (
        resolve(only("同年9月，马来西亚总理安瓦尔应邀出席东方经济论坛"), None, (2025, 6, None))
        is None
    )
    assert resolve(only("今年，中國將主辦170多場各領域金磚活動"), None, None) is None
    assert (
        resolve(only("5 月 28 日，厦门市工信局与工信部国际经济技术合作中心签订"), None, None)
        is None
    )


def test_calendar_helpers() -> None:
    assert valid_date(2024, 2, 29)
    assert not valid_date(2023, 2, 29)
    assert not valid_date(2023, 3, 34)
    assert not valid_date(2023, 13, None)
    assert format_date(2020) == "2020"
    assert format_date(2020, 12, 8) == "2020-12-08"
    assert parse_date("2022-06") == (2022, 6, None)
    assert parse_date(None) is None
    assert parse_date("June 2022") is None
    assert cn_number("十四") == 14
    assert cn_number("十") == 10
    assert cn_number("二十") == 20
    assert cn_number("五") == 5
    assert cn_number("12") == 12
    assert cn_number("百") is None
