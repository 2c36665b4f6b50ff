"""Events in a sentence: which clause a date opens, what is planned, what refers back."""

from __future__ import annotations

from bot.lookup.corpus.summits import SummitTable
from bot.lookup.text.script import fold
from bot.lookup.timeline.chronology import short_event
from bot.lookup.timeline.dates import Ymd, extract_dates
from bot.lookup.timeline.events import Context, EventSpan, clauses, sentence_events
from bot.lookup.timeline.plans import kind_of
from tests.conftest import CORPUS

SUMMITS = SummitTable.load(CORPUS)

NOW_001: Ymd = (2023, 7, None)  # 001 was written about July 2023
NOW_002: Ymd = (2025, 6, None)


def events(text: str, ctx: Context | None = None) -> list[EventSpan]:
    return sentence_events(
        fold(text), ctx if ctx is not None else Context(summits=SUMMITS, now=NOW_002)
    )


def dates(text: str, ctx: Context | None = None) -> list[Ymd]:
    return [e.date for e in events(text, ctx)]


def clause_of(text: str, span: EventSpan) -> str:
    return fold(text)[span.text_start : span.end]


def test_one_sentence_three_events() -> None:
    text = (
        "值得强调的是，2020年 5月 19 日，厦门市政府与工信部正式签署《共建金砖国家新工业伙伴关系"
        "创新基地合作协议》，5 月 28 日，厦门市工信局与工信部国际经济技术合作中心签订《推进金砖国家"
        "新工业革命伙伴关系创新基地建设合作协议》，6 月，金砖创新基地成功纳入金砖国家工业部长会议"
        "宣言。"
    )
    found = events(text, Context(summits=SUMMITS, now=NOW_001))
    assert [e.date for e in found] == [(2020, 5, 19), (2020, 5, 28), (2020, 6, None)]
    assert clause_of(text, found[1]).startswith("厦门市工信局")


def test_comparisons_open_no_event() -> None:
    text = (
        "從合作趨勢看,2018—2021年金磚國家高技術產業經貿往來活躍,金磚國家間高技術產品貿易規模不斷擴"
        "大;2021年金磚國家間高技術產品出口規模為1137.59億美元,較2018年增長了42.34%。"
    )
    assert dates(text) == [(2018, None, None), (2021, None, None)]
    assert dates(
        "2013—2022年,金磚成員國間合著論文數量由2013年的1.41萬篇增長至2022年的9.02萬篇。"
    ) == [(2013, None, None)]


def test_a_name_after_a_year_is_no_figure_of_that_year() -> None:
    # 的约 opened a comparison (由2013年的约1.41万篇) even before 约翰内斯堡: the 2018 summit
    # was no event. 约, 近 and 超 compare only before a figure.
    text = (
        "厦门会晤的次年，即2018年的约翰内斯堡会晤时，就直接以“金砖国家在非洲：在第四次工业革命中"
        "共谋包容增长和共同繁荣”为主题。"
    )
    found = events(text)
    assert [e.date for e in found] == [(2018, None, None)]
    assert clause_of(text, found[0]).startswith("约翰内斯堡会晤时")
    assert dates("合著論文數量由2013年的约1.41萬篇增長至2022年的近9.02萬篇。") == []


def test_figures_in_an_aside_open_no_event() -> None:
    text = (
        "据世行2022年6月发表的《全球经济展望》报告指出，预计新兴国家经济增长放缓，降至3.4%（2021年"
        "6.6%，2011—2019年间平均增长4.8%）。"
    )
    assert dates(text, Context(summits=SUMMITS, now=NOW_001)) == [(2022, 6, None)]


def test_each_year_of_an_enumeration_is_an_event() -> None:
    assert dates("2017 年、2019 年和 2024 年，中哈地方合作论坛陆续成功举办。") == [
        (2017, None, None),
        (2019, None, None),
        (2024, None, None),
    ]


def test_each_dated_item_joined_by_and_is_an_event_without_the_joining_word() -> None:
    # The 2020 clash was told as part of 2017's event; the 、 or 和 joining the items belongs
    # to neither.
    text = "2017年的洞朗对峙和2020年的加勒万河谷冲突使中印双边关系经历严峻考验。"
    found = events(text)
    assert [e.date for e in found] == [(2017, None, None), (2020, None, None)]
    assert [clause_of(text, e) for e in found] == [
        "洞朗对峙",
        "加勒万河谷冲突使中印双边关系经历严峻考验。",
    ]
    listed = (
        "中国还通过1996年建立的“上海五国”机制、2001年成立的上海合作组织与中亚国家发展友好合作关系。"
    )
    items = events(listed)
    assert [e.date[0] for e in items] == [1996, 2001]
    assert clause_of(listed, items[0]) == "中国还通过1996年建立的“上海五国”机制"
    # 2022年10月和2023年10月 is one group of dates: one clause tells both.
    assert dates("2022年10月和2023年10月，美国先后出台了出口管制措施。") == [
        (2022, 10, None),
        (2023, 10, None),
    ]


def test_the_author_speaking_of_the_text_is_no_event() -> None:
    # The clause that says how the text reads the speeches goes; the events it introduces
    # stay, and a report that a document says something is not the author's voice.
    text = (
        "通过梳理习主席自2017年厦门金砖峰会以来的历次金砖领导人会晤上的重要讲话，不难发现，"
        "到2020年12月厦门金砖创新基地正式启动，期间凝聚着习主席的殷切心血。"
    )
    assert dates(text) == [(2020, 12, None)]
    assert dates("下面拟以2022年金砖中国年中，厦门金砖创新基地建设工作为例展开论述。") == []
    assert dates("在2023年的政府工作报告中可以看到，金砖创新基地建设的成效更加显著。") == [
        (2023, None, None)
    ]


def test_a_date_alone_in_its_clause_carries_the_next_clause() -> None:
    text = (
        "同年 12 月 8日，由工业和信息化部、厦门市人民政府、金砖国家智库合作中方理事会共同主办的 20"
        "20金砖国家新工业革命伙伴关系论坛在厦门举办。"
    )
    found = events(text, Context(summits=SUMMITS, now=NOW_001, anchor=2020))
    assert [e.date for e in found] == [(2020, 12, 8)]
    assert clause_of(text, found[0]).startswith("由工业和信息化部")


def test_summit_number_after_the_year_is_the_same_event() -> None:
    found = events(
        "2023年8月，金砖国家领导人第十五次会晤在南非约翰内斯堡举行，作出金砖扩员的决定。"
    )
    assert [(e.date, e.ordinals) for e in found] == [((2023, 8, None), (15,))]
    assert found[0].summit


def test_host_city_names_the_summit() -> None:
    found = events("到 2021年的新德里会晤，印度也提出金砖国家新工业革命伙伴关系创业活动的倡议。")
    assert found[0].ordinals == (13,)
    assert (
        events("2015年，习近平主席出席联合国发展峰会期间宣布中国出资设立“南南合作援助基金”。")[
            0
        ].summit
        is False
    )
    assert events("直到 2015 年乌法会晤时，金砖国家签署了政府间文化合作协议。")[0].summit


def test_a_year_that_contradicts_the_summit_number() -> None:
    text = (
        "不难发现，从2017 年 9月金砖国家领导人第十次会晤成功在厦门举办，到2020年 12月厦门金砖创新"
        "基地正式启动，期间凝聚着习主席的殷切心血。"
    )
    found = events(text, Context(summits=SUMMITS, now=NOW_001))
    assert (found[0].date, found[0].year_conflict) == ((2017, 9, None), 2018)
    assert found[1].year_conflict is None


def test_planned_events() -> None:
    assert events("中国将于 2027 年主办第三届中国—中亚峰会。")[0].kind == "planned"
    both = events(
        "早在 2022 年 2 月，欧盟就提出了关于“欧盟空间交通管理方法”的倡议，呼吁欧盟自主研发自动防撞"
        "技术，"
        "并计划在 2025 年开始在太空部署新的跟踪设备。"
    )
    assert [(e.date[0], e.kind) for e in both] == [(2022, "past"), (2025, "planned")]
    assert (
        events(
            "但第二阶段原定于 2022 年 9月开展的欧空局火星车和俄罗斯着陆平台的发射任务则被迫终止。"
        )[0].kind
        == "planned"
    )
    assert (
        events("預計到2030年,金磚國家在生成式人工智能領域經濟影響力將達到3500億—6000億美元。")[
            0
        ].kind
        == "planned"
    )
    assert events("中方愿在 2025 年向中亚国家提供 15 亿元人民币无偿援助。")[0].kind == "planned"
    # A summit still ahead when 001 was written (July 2023; the 15th met in August).
    upcoming = events(
        "关注在南非召开的金砖国家领导人第十五次会晤中有关金砖合作中的去美元化、以及金砖扩员等新议"
        "题与新特点。",
        Context(summits=SUMMITS, now=NOW_001),
    )
    assert [(e.date, e.kind) for e in upcoming] == [((2023, None, None), "planned")]


def test_past_events_are_not_planned_by_a_ba_construction() -> None:
    found = events(
        "2024 年，俄罗斯担任金砖机制主席国，将当年在喀山举行的金砖峰会主题确定为“加强多边主义，促"
        "进全球公平发展与安全”。"
    )
    assert [(e.date, e.kind) for e in found] == [((2024, None, None), "past")]
    old = events(
        "从 2004 年开始，G7开始邀请中国财长参与 G7财长会，2005 年 G7又将邀请范围扩大至中国、俄罗斯"
        "。",
        Context(summits=SUMMITS, now=NOW_001),
    )
    assert [e.kind for e in old] == ["past", "past"]


def test_as_of_statements_are_events_of_that_date() -> None:
    found = events("截至2025年6月，金砖国家反恐工作组已召开十次会议。")
    assert [(e.date, e.as_of, e.kind) for e in found] == [((2025, 6, None), True, "past")]


def test_deictic_dates_lean_on_the_document_and_on_a_reported_speech() -> None:
    ctx = Context(summits=SUMMITS, now=NOW_001)
    first = events(
        "2021年 9 月 9 日，习近平主席在金砖国家领导人第十三次会晤上发表题为《携手金砖合作 应对共同"
        "挑战》的重要讲话。",
        ctx,
    )
    assert [e.date for e in first] == [(2021, 9, 9)]
    events(
        "习主席强调坚定信念、加强团结，推动金砖务实合作朝着更高质量方向前进，并提了5点倡议。", ctx
    )
    later = events(
        "在这次讲话中，习主席格外提到金砖国家新工业革命伙伴关系厦门创新基地已经正式启用，举办了人"
        "才培训、"
        "智库研讨会、工业创新大赛，明年还将开展工业互联网与数字制造发展论坛等活动。",
        ctx,
    )
    assert [(e.date, e.kind) for e in later] == [
        ((2021, 9, 9), "past"),
        ((2022, None, None), "planned"),
    ]
    news = Context(summits=SUMMITS, now=(2022, 6, None))  # 004
    assert dates(
        "今年1月,“全球發展倡議之友小組”在聯合國總部成立,迄今已有50多國加入“之友小組”。", news
    ) == [(2022, 1, None)]
    assert dates(
        "6月22日至24日,習近平主席出席金磚國家工商論壇開幕式,主持金磚國家領導人第十四次會晤、全球發"
        "展高層對話會。",
        news,
    ) == [(2022, 6, 22)]


def test_same_year_leans_on_the_previous_sentence() -> None:
    ctx = Context(summits=SUMMITS, now=NOW_002)
    events("2024 年，普京就任新一届俄罗斯总统后，对外出访首站选择中国。", ctx)
    assert dates(
        "同年 9 月，马来西亚总理安瓦尔应邀出席东方经济论坛，俄表示支持马来西亚加入金砖机制。", ctx
    ) == [(2024, 9, None)]
    assert (
        dates(
            "同年 9 月，马来西亚总理安瓦尔应邀出席东方经济论坛。",
            Context(summits=SUMMITS, now=NOW_002),
        )
        == []
    )


def test_a_sentence_that_refers_back_takes_the_previous_date() -> None:
    ctx = Context(summits=SUMMITS, now=NOW_002)
    events(
        "2023 年 9 月，首届俄罗斯—拉丁美洲国际议会会议在莫斯科举行，拉丁美洲一半以上国家的代表参加"
        "了会议。",
        ctx,
    )
    assert dates(
        "普京在开幕式上指出，俄罗斯希望与拉美国家深化合作，并欢迎其加入金砖机制。", ctx
    ) == [(2023, 9, None)]
    assert (
        dates(
            "习近平总书记在厦门会晤期间共发表了两次讲话。",
            Context(summits=SUMMITS, now=NOW_001, last=(2022, None, None)),
        )
        == []
    )


def test_text_about_itself_citations_and_captions_are_not_events() -> None:
    assert (
        events(
            "本文選取2013—2021年為分析時段,采用知識產權服務出口占服務總出口比例和進出口差額作為衡"
            "量指標。"
        )
        == []
    )
    assert events("課題自2025年春啟動以來,歷時數月采訪、調研、撰寫、修改、審校完成。") == []
    assert (
        events(
            "【加】阿米塔·阿查亚著，姚远、叶晓静译，《建构全球秩序》，上海人民出版社，2021年2月，"
            "第9页。"
        )
        == []
    )
    assert events("2013-2022 年习近平历年金砖主张主要内容") == []


def test_clauses_cover_the_sentence() -> None:
    text = fold("2011年，南非正式加入金砖国家；2024年，沙特阿拉伯成为金砖国家正式成员。")
    parts = clauses(text)
    assert parts[0] == (0, 6)
    assert parts[-1][1] == len(text)
    assert "".join(text[a:b] for a, b in parts) == text


def test_short_event_keeps_whole_clauses_of_the_source() -> None:
    text = (
        "金砖国家领导人在俄罗斯举行首次会晤，并逐步构建以领导人会晤为引领、以安全事务高级代表会议"
        "、外长会晤等部长级会议为支撑，在各类领域开展务实合作的多层次架构。"
    )
    short = short_event(text)
    assert short == (
        "金砖国家领导人在俄罗斯举行首次会晤，并逐步构建以领导人会晤为引领、以安全事务高级代表"
        "会议、外长会晤等部长级会议为支撑"
    )
    assert len(short) <= 60
    long_clause = (
        "在法律机制层面尽管除拉脱维亚外的所有欧洲国家都是外层空间条约的缔约国但当前影响欧盟太空安"
        "全的国际法律框架仍存在明显不足之处而且各国立场分歧严重"
    )
    cut = short_event(long_clause)
    assert len(cut) <= 60
    assert cut.endswith("…")
    assert long_clause.startswith(cut[:-1])


def test_a_second_date_after_a_list_mark_opens_its_own_event() -> None:
    text = (
        "此外，中国还通过 1996 年建立的“上海五国”机制、2001 年成立的上海合作组织与中亚国家"
        "发展友好合作关系。"
    )
    found = events(text)
    assert [e.date[0] for e in found] == [1996, 2001]
    assert clause_of(text, found[1]).startswith("成立的上海合作组织")


def test_a_plan_inside_a_dated_clause_is_its_own_planned_event() -> None:
    text = (
        "欧盟委员会 2025 年 2 月公布的年度工作计划明确年内将推出《欧洲太空法》，同时强调发展太空经"
        "济。"
    )
    found = events(text)
    assert [(e.date, e.kind) for e in found] == [
        ((2025, 2, None), "past"),
        ((2025, None, None), "planned"),
    ]
    assert clause_of(text, found[1]).startswith("将推出《欧洲太空法》")


def test_a_summit_is_planned_only_until_its_month() -> None:
    text = fold("关注在南非召开的金砖国家领导人第十五次会晤中有关金砖合作中的去美元化")
    summit = next(e for e in extract_dates(text, SUMMITS) if e.kind == "ordinal")
    assert kind_of((2023, None, None), (2023, 7, None), text, summit, SUMMITS) == "planned"
    assert kind_of((2023, None, None), (2023, 9, None), text, summit, SUMMITS) == "past"
    assert kind_of((2024, None, None), None, text, summit, SUMMITS) == "past"  # no document date


def test_short_event_ends_before_a_clause_that_only_announces_a_quotation() -> None:
    # d1.p149: the quotation itself is longer than an event text can be.
    text = (
        "伊朗外交部在新闻发布会上宣布伊朗已经提交申请加入金砖国家合作机制，中国外交部在回应此问题时"
        "表示：“金砖国家一致认为要加强同其他新兴市场和发展中国家合作，进一步提升金砖机制的代表性”"
    )
    assert short_event(text) == "伊朗外交部在新闻发布会上宣布伊朗已经提交申请加入金砖国家合作机制"
    # A quotation that fits stays with the words that announce it.
    assert short_event("习近平指出：“金砖国家要合作”") == "习近平指出：“金砖国家要合作”"


def test_short_event_does_not_end_on_a_word_that_opens_the_clause_left_out() -> None:
    # d2.a2.p22: the 1997 event is the proposal; 如今 opens what happened since, cut away.
    text = (
        "正式提出的中吉乌铁路项目曾经历20多年的艰难谈判，如今，其作为共建“一带一路”合作的标志性"
        "工程和中国中亚互联互通的战略性项目已经启动"
    )
    assert short_event(text) == "正式提出的中吉乌铁路项目曾经历20多年的艰难谈判"
    connective = "金砖国家外长在纽约举行会晤并发表联合新闻公报，此外，" + "各方还就" * 12
    assert short_event(connective) == "金砖国家外长在纽约举行会晤并发表联合新闻公报"
    # The same words inside a clause, or a clause that is the whole text, are left alone.
    assert short_event("该机制运行至今，成效显著") == "该机制运行至今，成效显著"
    assert short_event("中方在会上阐述了立场，当时的会议议程也作了调整") == (
        "中方在会上阐述了立场，当时的会议议程也作了调整"
    )


def test_an_event_does_not_open_with_a_connective_tied_to_a_clause_not_shown() -> None:
    assert short_event("而在此次会晤中，习近平总书记宣布将在厦门建立创新基地") == (
        "在此次会晤中，习近平总书记宣布将在厦门建立创新基地"
    )
    assert short_event("加上2022年9月习近平主席访问中亚之际中哈命运共同体顺利推进") == (
        "2022年9月习近平主席访问中亚之际中哈命运共同体顺利推进"
    )
    assert short_event("但第二阶段原定于2022年9月开展的发射任务被迫推迟") == (
        "第二阶段原定于2022年9月开展的发射任务被迫推迟"
    )


def test_a_word_that_starts_like_a_connective_and_a_pointer_back_stay() -> None:
    kept = (
        "而今金砖国家已经成为全球南方合作的重要平台",  # 而今: nowadays
        "但凡涉及发展中国家的议题都要协商一致",  # 但凡: whenever
        "其2022年底修订的国家安全保障战略将中国定位为挑战",  # 其: points back, kept
        "随着2023年3月中沙伊三方联合声明发表关系改善",  # subordinating, kept
        "并未提到与金砖相关的内容和任何具体安排",  # 并 is not dropped
    )
    for text in kept:
        assert short_event(text) == text
    # Nothing left worth showing without it: kept whole.
    assert short_event("而且会议举行") == "而且会议举行"
