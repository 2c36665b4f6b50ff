"""The renderer on real corpus passages: escaping, bold terms, citations, limits, scripts."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.results import (
    CorpusInfo,
    Hit,
    Lead,
    PassageChange,
    Quote,
    Quotes,
    SearchResult,
    Summary,
    SummarySentence,
    Timeline,
    TimelineEvent,
    Verification,
)
from bot.lookup.text.sentences import split_sentences
from bot.render import answers as render_answers
from bot.render import inline as render_inline
from bot.render import replies as render
from bot.render.chathtml import MAX_ENTITIES, clip, clip_around, fit, highlight, measure
from bot.render.strings import EXAMPLES, Lang
from devtools.bench.scripts import mixes
from tests.lint_telegram import lint_html

ZH = render.View("zh-Hans")
GROUP = render.View("zh-Hans", group=True)


async def _hit(library: Library, pid: str, terms: list[str]) -> Hit:
    found = await library.passage(pid)
    assert found is not None
    hit = found.hit
    hit.terms = terms
    return hit


async def test_search_page_bolds_terms_and_cites_every_passage(library: Library) -> None:
    hits = [await _hit(library, pid, ["金砖"]) for pid in ("d0.p5", "d0.p36", "d0.p57")]
    reply = render.search_page(SearchResult("金砖", None, hits), ZH)
    assert lint_html(reply.text) == []
    assert "<b>金砖</b>" in reply.text
    for pid in ("d0.p5", "d0.p36", "d0.p57"):
        assert f"<code>{pid}</code>" in reply.text
    assert "“金砖合作”推动全球南方携手共进" in reply.text  # the document title
    assert [b.data for b in reply.keyboard[0]] == [
        "v1:src:d0.p5",
        "v1:src:d0.p36",
        "v1:src:d0.p57",
    ]


async def test_group_answer_is_short_and_links_to_the_private_chat(library: Library) -> None:
    hits = [await _hit(library, pid, ["金砖"]) for pid in ("d1.p5", "d1.p8", "d1.p10")]
    reply = render.search_page(
        SearchResult("金砖", None, hits), GROUP, has_next=True, state="AbCd1234"
    )
    length, _ = measure(reply.text)
    assert length < 700  # one phone screen
    urls = [b.url for row in reply.keyboard for b in row if b.url]
    assert "https://t.me/ZhikuBot?start=p_d1-p5" in urls
    assert "https://t.me/ZhikuBot?start=q_AbCd1234" in urls
    assert any(b.data == "v1:pg:AbCd1234:1" for row in reply.keyboard for b in row)


def test_user_text_is_escaped_everywhere() -> None:
    query = '<script>alert("x")</script> & <b>'
    for reply in (
        render.search_page(SearchResult(query, None, []), ZH),
        render.search_page(SearchResult(query, query, []), ZH),
        render.source_missing(ZH, query),
        render_answers.verification(Verification(query, "not_found", None, None), ZH),
    ):
        assert "<script>" not in reply.text
        assert lint_html(reply.text) == [], reply.text


def test_did_you_mean_is_shown_when_the_core_corrected_the_query() -> None:
    hit = Hit("d0.p1", "000.txt", "T", None, None, "金砖国家合作。", 1.0, ["金砖"])
    reply = render.search_page(SearchResult("金钻国家", "金砖国家", [hit]), ZH)
    assert "你是不是要找：<b>金砖国家</b>" in reply.text


def test_nothing_found_suggests_what_to_try() -> None:
    for lang in ("zh-Hans", "zh-Hant", "en"):
        reply = render.search_page(SearchResult("qwertyuiop", None, []), render.View(lang))
        assert "qwertyuiop" in reply.text
        assert "/docs" in reply.text
        assert EXAMPLES[lang][0] in reply.text


def test_an_abstention_says_the_documents_do_not_cover_the_question() -> None:
    said: dict[Lang, str] = {
        "zh-Hans": "收录的文献没有谈到「亚洲开发银行总部在哪」",
        "zh-Hant": "收錄的文獻沒有談到「亚洲开发银行总部在哪」",
        "en": "The indexed documents do not cover “亚洲开发银行总部在哪”",
    }
    for lang, text in said.items():
        result = SearchResult("亚洲开发银行总部在哪", None, [], uncovered=True)
        reply = render.search_page(result, render.View(lang))
        empty = SearchResult("亚洲开发银行总部在哪", None, [])
        assert text in reply.text
        assert "/docs" in reply.text
        assert EXAMPLES[lang][0] in reply.text
        assert text not in render.search_page(empty, render.View(lang)).text
        assert not reply.keyboard  # nothing close enough to point to


async def test_an_abstention_names_what_is_missing_and_points_where_the_documents_come_closest(
    library: Library,
) -> None:
    near = await _hit(library, "d0.p5", [])
    assert near.section is not None
    result = SearchResult(
        "亞洲開發銀行行長是誰",
        None,
        [],
        uncovered=True,
        missing="亞洲開發銀行",
        nearest=((near.passage_id, near.article or near.title, near.section),),
    )
    for view in (ZH, GROUP, render.View("zh-Hant", "traditional")):
        reply = render.search_page(result, view)
        lint_html(reply.text)
        heading = view.corpus(near.section.split(" > ")[-1])[:10]
        assert heading in reply.text  # its own heading, not the whole path
        assert " > " not in reply.text
        assert "提到「亞洲開發銀行」" in reply.text
        (buttons,) = reply.keyboard
        assert len(buttons) == 1
    # One script a reply: the fixed words too (文獻裡 came back from a round trip as 文獻裏).
    hant = render.search_page(result, render.View("zh-Hant", "traditional")).text
    assert not mixes(hant.replace("亞洲開發銀行行長是誰", ""), "traditional", set())
    simplified = render.search_page(result, render.View("zh-Hans", "simplified")).text
    assert not mixes(simplified.replace("亞洲開發銀行行長是誰", ""), "simplified", set())
    assert "没有提到「亚洲开发银行」" in simplified
    assert "最接近的是这几处" in simplified


async def test_traditional_chat_sees_simplified_corpus_text_converted(library: Library) -> None:
    hit = await _hit(library, "d0.p5", ["金砖国家"])
    reply = render.search_page(
        SearchResult("金砖国家", None, [hit]), render.View("zh-Hant", "traditional")
    )
    assert "<b>金磚國家</b>" in reply.text
    assert "推動全球南方" in reply.text


async def test_traditional_chat_sees_traditional_documents_as_written(library: Library) -> None:
    found = await library.passage("d3.p23")
    assert found is not None
    assert "金磚合作機制作為" in found.hit.text
    shown = render.passage(found, render.View("zh-Hant", "traditional")).text
    assert "金磚合作機制作為" in shown  # converting it again read 機製作為
    assert "轉換顯示" not in shown  # and nothing was converted
    # Simplified text still becomes traditional, phrase by phrase.
    assert render.View("zh-Hant", "traditional").corpus("金砖合作机制作为") == "金磚合作機制作爲"


async def test_simplified_chat_sees_traditional_documents_converted(library: Library) -> None:
    found = await library.passage("d3.p3")
    assert found is not None
    as_is = render.passage(found, ZH).text
    converted = render.passage(found, render.View("zh-Hans", "simplified")).text
    assert "擴員" in as_is
    assert "扩员" in converted
    assert "擴員" not in converted
    # The chat is told it reads a conversion, and a text shown as written says nothing.
    assert "原文为繁体，此处按本聊天的字体设置转换显示" in converted
    assert "转换显示" not in as_is
    simplified = await library.passage("d0.p5")
    assert simplified is not None
    assert "转换显示" not in render.passage(simplified, render.View("zh-Hans", "simplified")).text
    to_traditional = render.passage(simplified, render.View("zh-Hant", "traditional")).text
    assert "原文為簡體" in to_traditional


async def test_clip_cuts_on_sentence_boundaries(library: Library) -> None:
    found = await library.passage("d1.p5")
    assert found is not None
    text = found.hit.text
    ends = {text[:end].strip() for _, end in split_sentences(text)}
    snippet = clip(text, 150)
    assert len(snippet) <= 151
    assert snippet.rstrip("…") in ends


def test_clip_starts_at_the_sentence_with_the_matched_term() -> None:
    text = "第一句话说别的事情。" * 10 + "第二句提到莱索托的贷款。" + "后面的句子。" * 10
    snippet = clip(text, 40, ["莱索托"])
    assert snippet.startswith("…第二句提到莱索托")


def test_highlight_escapes_and_caps_bold_spans() -> None:
    html = highlight("<a> 金砖 & 金砖" + " 金砖" * 20, ["金砖"])
    assert html.startswith("&lt;a&gt; <b>金砖</b> &amp; <b>金砖</b>")
    assert html.count("<b>") == 6


def test_fit_keeps_within_length_and_entity_limits() -> None:
    blocks = [f"<b>{i}</b> <code>x</code> " + "字" * 50 for i in range(200)]
    text = fit(["<b>head</b>"], blocks, ["<i>tail</i>"])
    length, entities = measure(text)
    assert length <= 4096
    assert entities <= MAX_ENTITIES
    assert text.endswith("<i>tail</i>")
    assert lint_html(text) == []


async def test_source_view_has_footnotes_neighbours_and_document(library: Library) -> None:
    found = await library.passage("d1.p5")
    assert found is not None
    assert found.footnotes
    reply = render.passage(found, ZH)
    assert lint_html(reply.text) == []
    assert "<code>d1.n1</code>" in reply.text
    assert "📚 <b>习近平外交思想引领下的厦门金砖合作实践创新</b>" in reply.text
    assert {b.data for row in reply.keyboard for b in row} == {"v1:nav:d1.p4", "v1:nav:d1.p6"}


async def test_an_old_id_an_edit_retired_says_so_above_the_passage_now_in_its_place(
    library: Library,
) -> None:
    found = await library.passage("d1.p5")
    assert found is not None
    found.changed = PassageChange("d1.p99", "edited", "<原来的文字>" * 30)
    for view, said in ((ZH, "在重新收录时改动了"), (render.View("en"), "changed when")):
        reply = render.passage(found, view)
        assert lint_html(reply.text) == []
        first = reply.text.split("\n")[0]
        assert said in first
        assert "<code>d1.p99</code>" in first
        assert "<code>d1.p5</code>" in first
        assert "&lt;原来的文字&gt;" in first
        assert len(first) < 400
    found.changed = PassageChange("d1.p99", "removed", "删去的一段")
    assert "已从文献中删去" in render.passage(found, ZH).text.split("\n")[0]


async def test_every_passage_renders_within_limits(library: Library) -> None:
    rows = await library.conn.execute_fetchall(
        "SELECT pid FROM passages ORDER BY length(text) DESC LIMIT 40"
    )
    for (pid,) in rows:
        found = await library.passage(pid)
        assert found is not None
        for view in (ZH, GROUP, render.View("en", "traditional")):
            assert lint_html(render.passage(found, view).text) == [], pid


async def test_docs_and_about_render(library: Library) -> None:
    docs = render.documents(await library.documents(), ZH)
    assert lint_html(docs.text) == []
    assert "<code>d2.a1</code>" in docs.text
    about = render.about(await library.about(), render.View("en"))
    assert "5 documents" in about.text


def test_summary_numbers_sources_and_cites_them() -> None:
    sentences = [
        SummarySentence("金砖国家是重要力量。", "d0.p5", "000.txt", "报告"),
        SummarySentence("合作不断深化。", "d0.p6", "000.txt", "报告"),
        SummarySentence("同一段的另一句。", "d0.p5", "000.txt", "报告"),
    ]
    reply = render_answers.summary(Summary("金砖", "", sentences), GROUP, state="AbCd1234")
    assert "金砖国家是重要力量。[1]合作不断深化。[2]同一段的另一句。[1]" in reply.text
    assert reply.text.count("📎") == 2
    assert reply.keyboard[0][0].url == "https://t.me/ZhikuBot?start=q_AbCd1234"


def test_timeline_pages_eight_events_and_flags_conflicts() -> None:
    events = [
        TimelineEvent(f"20{10 + i}", f"事件{i}", f"事件{i}。", f"d0.p{i}", "000.txt", "报告")
        for i in range(10)
    ]
    events[0].conflict = "另一来源记为2011年"
    events[1].kind = "planned"
    first = render_answers.timeline(Timeline("金砖", events), ZH, state="AbCd1234")
    assert first.text.count("• ") == 8
    assert "⚠️ 来源不一致：另一来源记为2011年" in first.text
    assert "（计划）" in first.text
    second = render_answers.timeline(Timeline("金砖", events), ZH, page=1, state="AbCd1234")
    assert second.text.count("• ") == 2
    assert "第 2 页" in second.text
    # A chat reading traditional script gets the note in it too, not simplified inside it.
    hant = render_answers.timeline(Timeline("金砖", events), render.View("zh-Hant", "traditional"))
    assert "⚠️ 來源不一致：另一來源記爲2011年" in hant.text  # OpenCC writes 爲


def test_long_quotes_collapse_into_expandable_blockquotes() -> None:
    quote = Quote("习近平", "长" * 350, "长" * 350, "d0.p5", "000.txt", "报告")
    reply = render_answers.quotes(Quotes("习近平", [quote]), ZH)
    assert "<blockquote expandable>" in reply.text
    assert lint_html(reply.text) == []


def test_each_quote_shows_its_kind() -> None:
    # 004 L11: a quotation, then what the article reports Xi to have stressed.
    direct = Quote(
        "习近平", "引入新鮮血液，將為金磚合作帶來新活力", "…", "d4.p8", "004.txt", "學習關鍵詞"
    )
    reported = Quote(
        "习近平",
        "應該推進這一進程，讓志同道合的伙伴們早日加入金磚大家庭",
        "…",
        "d4.p8",
        "004.txt",
        "學習關鍵詞",
        "reported",
    )
    earlier = Quote(
        "马克龙", "欧洲要在防务领域减少对美国的依赖", "…", "d2.a6.p34", "002", "t", "indirect"
    )
    motto = Quote(
        "习近平", "金砖国家是塑造国际格局的重要力量", "…", "d0.p2", "000", "t", "epigraph"
    )
    found = Quotes("习近平", [direct, reported, earlier, motto])
    zh = render_answers.quotes(found, ZH).text
    assert "— 习近平</blockquote>" in zh  # a direct quotation needs no label
    assert "— 习近平（据报道，转述）" in zh
    assert "— 马克龙（转述其曾说的话）" in zh
    assert "— 习近平（题记）" in zh
    en = render_answers.quotes(found, render.View("en")).text
    assert "— 习近平 (reported)" in en
    assert "— 马克龙 (reported, said earlier)" in en
    assert lint_html(zh) == lint_html(en) == []


def test_verification_says_when_the_words_are_reported_speech() -> None:
    match = {
        "text": "普京指出，同伊朗关系是俄当前优先事项。",
        "passage_id": "d2.a5.p17",
        "doc": "002.txt",
        "title": "国际问题研究",
        "score": 1.0,
        "kind": "reported",
        "speaker": "普京",
    }
    reported = render_answers.verification(Verification("x", "verbatim", match, None), ZH).text
    assert "语料中这是对普京讲话的转述，没有引号，未必是原话" in reported
    own = render_answers.verification(
        Verification("x", "verbatim", {**match, "kind": "direct"}, None), render.View("en")
    ).text
    assert "These are 普京's own words (a direct quotation)." in own
    plain = {**match, "kind": None, "speaker": None}
    text = render_answers.verification(Verification("x", "verbatim", plain, None), ZH).text
    assert "原话" not in text.split("\n", 1)[1]
    assert lint_html(reported) == lint_html(own) == []


def test_verification_marks_the_differences() -> None:
    match = {
        "text": "金砖国家是重要力量。",
        "passage_id": "d0.p5",
        "doc": "000.txt",
        "title": "报告",
    }
    result = Verification("金砖国家是主要力量", "close", match, "金砖国家是[重要→主要]力量")
    reply = render_answers.verification(result, ZH)
    assert "<s>重要</s><u>主要</u>" in reply.text
    assert "<code>d0.p5</code>" in reply.text
    assert lint_html(reply.text) == []


def test_a_citation_names_the_authors_two_at_most() -> None:
    view = render.View("zh-Hans")
    one = render.citation(view, "d2.a1.p3", "中国式现代化助力世界现代化", None, "2025", ["朱旭"])
    assert "朱旭" in one
    many = render.citation(view, "d3.p1", "扩员背景下…", None, None, ["楊修", "陳海濤", "方慈"])
    assert "楊修、陳海濤等" in many
    assert "方慈" not in many
    bare = render.citation(view, "d0.p1", "报告", None, None)
    assert bare == "📎 报告 · <code>d0.p1</code>"


async def test_search_results_carry_the_article_byline(library: Library) -> None:
    result = await library.search("中国式现代化助力世界现代化 作者", 5)
    assert any(h.authors for h in result.hits)


def test_about_lists_skipped_files_for_moderators_only() -> None:
    info = CorpusInfo(
        "abc", 5, 12, 1400, 300, ("2009", "2025"), None, [("bad<1>.txt", "not valid UTF-8")]
    )
    view = render.View("zh-Hans")
    shown = render.about(info, view, moderator=True).text
    assert "bad&lt;1&gt;.txt" in shown
    assert "not valid UTF-8" in shown
    assert "bad" not in render.about(info, view).text
    lint_html(shown)


def test_the_one_line_answer_opens_the_first_page_only() -> None:
    hit = Hit("d0.p11", "000.txt", "T", None, None, "金砖国家反恐工作组已召开十次会议。", 1.0)
    found = Lead("d0.p11", "金砖国家反恐工作组已召开十次会议", "十次")
    reply = render.search_page(SearchResult("开过几次会", None, [hit], found), ZH)
    assert lint_html(reply.text) == []
    assert "💡 金砖国家反恐工作组已召开<b>十次</b>会议 <code>d0.p11</code>" in reply.text
    later = render.search_page(SearchResult("开过几次会", None, [hit], found), ZH, page=1)
    assert "💡" not in later.text
    traditional = render.View("zh-Hant", script="traditional")
    assert (
        "已召開<b>十次</b>會議"
        in render.search_page(SearchResult("开过几次会", None, [hit], found), traditional).text
    )


async def test_an_inline_result_s_line_shows_the_answer(library: Library) -> None:
    found = await library.search("金砖反恐工作组开过几次会了", 3)
    articles = render_inline.results(found, None, ZH)
    assert "十次" in articles[0].description


async def test_a_snippet_too_short_for_the_answer_sentence_shows_its_statement(
    library: Library,
) -> None:
    # 000 绿色金砖: the answer about Brazil is the second of three statements of a
    # 240-character sentence; a group's snippet shows that statement, a private chat's
    # (260 characters) the whole sentence as before.
    found = await library.passage("d0.p24")
    assert found is not None
    text = found.hit.text
    sentence = (
        text.index("在南非"),
        text.index("在埃及") + text[text.index("在埃及") :].index("。") + 1,
    )
    focus = (text.index("在巴西"), text.index("在埃及"))
    group = clip_around(text, 110, sentence, None, focus)
    assert group.startswith("…在巴西")
    assert "43万户" in group
    assert len(group) <= 112
    private = clip_around(text, 260, sentence, None, focus)
    assert private.startswith("…在南非")
    assert "在埃及" in private
    assert clip_around(text, 110, sentence).startswith("…在南非")
