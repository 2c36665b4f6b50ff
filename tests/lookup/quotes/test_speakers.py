"""Who said it: speakers named in the ways the corpus names them, on real corpus sentences."""

from __future__ import annotations

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.library import Library
from bot.lookup.quotes.find import find_quotes, quote_index, rank_quotes
from bot.lookup.quotes.spans import extract_quotes
from bot.lookup.quotes.speakers import SpeakerResolver, clean_phrase
from bot.lookup.search.query import QueryParser
from bot.lookup.text.sentences import split_sentences
from tests.conftest import CORPUS

ALIASES = AliasTable.load(CORPUS)
RESOLVER = SpeakerResolver(ALIASES)


def said(
    text: str, *, prev: str | None = None, resolver: SpeakerResolver = RESOLVER
) -> list[tuple[str, str, str]]:
    """(speaker, its first ten characters, kind) of each quotation of ``text``."""
    sentences = [[a, b, False] for a, b in split_sentences(text)]
    spans = extract_quotes(text, sentences, [], prev, resolver=resolver)
    return [(s.speaker, s.quote(text)[:10], s.kind) for s in spans]


def test_le_after_the_speech_verb_still_introduces_a_statement() -> None:
    # 001: 习总则明确指出了，…
    text = (
        "到2014、2015年时，习总则明确指出了，全球经济治理应当增加发展中国家代表性和发言权，"
        "确保各国在经济合作中机会平等、规则平等、权利平等。"
    )
    assert said(text) == [("习近平", "全球经济治理应当增加", "reported")]


def test_a_clause_of_time_alone_leaves_the_speaker_of_the_sentence_before() -> None:
    # 001: the paragraph goes on from 2016 to 2017 without naming 习近平 again.
    prev = "2016年，习近平总书记再次强调，公平正义的全球治理是实现各国共同发展的必要条件。"
    text = (
        "到2017年时，则更加完整地提出，金砖五国要更加积极地参与全球治理，"
        "应该坚定奉行多边主义和国际关系基本准则。"
    )
    assert said(text, prev=prev) == [("习近平", "金砖五国要更加积极地", "reported")]
    assert clean_phrase("到2017年时") == ""
    assert clean_phrase("到场的专家") == "到场的专家"


def test_a_sentence_whose_own_subject_is_unnamed_still_stops_the_search() -> None:
    prev = "2016年，习近平总书记再次强调，公平正义的全球治理是实现各国共同发展的必要条件。"
    text = "有研究指出，全球经济治理应当增加发展中国家代表性和发言权。"
    assert said(text, prev=prev) == []


def test_a_report_speaks_from_within_itself() -> None:
    # 001: 党的十八大报告中便指出，…，“…”
    text = (
        "党的十八大报告中便指出，在国际关系中倡导合作共赢，“就是要倡导人类命运共同体意识，"
        "在追求本国利益时兼顾他国合理关切，在谋求本国发展中促进各国共同发展”。"
    )
    assert said(text) == [("党的十八大报告", "就是要倡导人类命运共", "direct")]


def test_the_words_of_someone_are_that_ones_words() -> None:
    # 002: 美国地缘政治学者格雷（Colin S.Gray）的点评一针见血：“…”
    text = (
        "美国地缘政治学者格雷（Colin S.Gray）的点评一针见血：“地缘政治学成了一个无所不包的"
        "思想篮子，这一术语可以随时被不负责任地滥用。”"
    )
    assert said(text) == [("格雷", "地缘政治学成了一个无", "direct")]
    assert RESOLVER.resolve("美国地缘政治学者格雷的观点") == "格雷"
    assert RESOLVER.resolve("美国的话语体系") is None


def test_a_body_described_before_its_name_and_its_report() -> None:
    # 002: 国际信用评级机构穆迪发布报告称，…
    text = (
        "国际信用评级机构穆迪发布报告称，美国关税政策将导致全球经济增长放缓，"
        "其引发的贸易争端将给中亚经济带来多重间接风险。"
    )
    assert said(text) == [("穆迪", "美国关税政策将导致全", "reported")]
    assert RESOLVER.resolve("中国外交部") == "中国外交部"


def test_a_research_centre_and_a_leader_introduced_by_title_speak() -> None:
    # 002: a research centre with a Latin name; 001: 美国参议院领袖舒默 … 舒默表示，…
    centre = (
        "哈萨克斯坦 TALAP 研究中心指出，自2022年以来，哈公民对华好感度持续上升；"
        "2024年，对中国的正面评价甚至超过了美国和俄罗斯。"
    )
    assert said(centre)[0][0] == "哈萨克斯坦 TALAP 研究中心"
    intro = "4月13日美国参议院领袖舒默呼吁制定人工智能规则。"
    text = "舒默表示，新起草的监管规则概述了一种新的监管制度。"
    reader = RESOLVER.with_document(intro + text)
    assert said(text, resolver=reader) == [("舒默", "新起草的监管规则概述", "reported")]


async def test_who_said_a_scholars_words_is_answered(library: Library) -> None:
    result = await find_quotes(library, "格雷说地缘政治学成了什么", limit=5)
    assert result.quotes
    assert result.quotes[0].speaker == "格雷"
    assert "无所不包的思想篮子" in result.quotes[0].quote


async def test_a_speaker_asked_about_a_topic_in_the_words_that_mention_it(
    library: Library,
) -> None:
    # 004: “…不少国家提出希望加入金砖合作机制。引入新鲜血液…” never says 扩员.
    result = await find_quotes(library, "习近平关于金砖扩员怎么说", limit=5)
    assert any("引入新鮮血液" in q.quote and q.speaker == "习近平" for q in result.quotes)


async def test_a_quoted_foreigner_is_found_by_english_name(library: Library) -> None:
    result = await find_quotes(library, "What did Macron say about European defence", limit=5)
    assert result.quotes[0].speaker == "马克龙"
    assert "减少对美国的依赖" in result.quotes[0].quote


def test_a_statement_may_run_on_from_its_verb_without_a_comma() -> None:
    # 001: （6）在金砖国家工商论坛上的讲话中，习近平总书记指出金砖国家是…
    text = (
        "在金砖国家工商论坛上的讲话中，习近平总书记指出金砖国家是世界和平的维护者、"
        "国际安全秩序的建设者，并特别强调中国将坚定不移走和平发展道路。"
    )
    assert said(text)[0] == ("习近平", "金砖国家是世界和平的", "reported")
    assert all(speaker == "习近平" for speaker, _, _ in said(text))


def test_what_only_expresses_or_is_thought_by_nobody_runs_on_to_nothing() -> None:
    for text in (
        "南非总统拉马福萨在与沙特阿拉伯王储会谈后，中方也表示了欢迎和支持。",
        "中国国家主席习近平在会见时表示诚挚谢意和热烈祝贺，感谢各方对金砖合作的长期支持。",
        "但是，正如奥兰·扬所指出的人类世的到来，必然使得人类社会现存的手段及机制难以应对。",
        "“全球南方”被认为包括亚洲、非洲和拉丁美洲这些以前被称作第三世界的国家和地区。",
    ):
        assert said(text) == [], text


def test_a_sentence_opening_with_a_time_and_an_unnamed_subject_is_not_the_speakers() -> None:
    # 004: the bank announced, not the 习近平 of the sentence before.
    prev = "习近平主席主持新兴市场国家与发展中国家对话会，开启了“金砖+”合作新模式。"
    text = (
        "2021年，金磚國家新開發銀行兩次擴容，宣布批準阿聯酋、孟加拉國、烏拉圭和埃及為新的成員國。"
    )
    assert [s for s, _, _ in said(text, prev=prev)] == []


async def test_closeness_in_meaning_finds_a_quote_asked_in_other_words(library: Library) -> None:
    # Without the glossary's words (closed: 封闭, club: 俱乐部) the English ask shares only
    # "BRICS" with the quotation; the semantic layer's cosine (given here: its passage
    # closest, the rest spread below) brings it to the top.
    index = await quote_index(library)
    own = library.searcher.parser
    ask = "Who said BRICS is not a closed club"
    club = next(r for r in index.records if "封闭的俱乐部" in r.quote.quote)
    assert club.quote in rank_quotes(index.records, own.parse(ask), ALIASES)[:5]
    parser = QueryParser(own.segmenter, own.aliases, own.vocab, own.ranking)
    parsed = parser.parse(ask)
    rows = sorted({r.row for r in index.records})
    similarity = {row: 0.70 + 0.1 * n / len(rows) for n, row in enumerate(rows)}
    similarity[club.row] = 0.90
    lexical = rank_quotes(index.records, parsed, ALIASES)[:5]
    assert club.quote not in lexical
    ranked = rank_quotes(index.records, parsed, ALIASES, similarity)[:5]
    assert ranked[0].speaker == "习近平"
    assert "封闭的俱乐部" in ranked[0].quote


def test_a_short_quotation_after_a_verb_and_its_comma_is_a_statement() -> None:
    # 001: 党的二十大报告提出，“扩大金砖国家等合作机制影响力”…
    text = "党的二十大报告提出，“扩大金砖国家等合作机制影响力”，这是重要的实现路径。"
    assert said(text) == [("党的二十大报告", "扩大金砖国家等合作机", "direct")]
    label = "美国将中国定位为“国际秩序的修正主义者”，并据此调整对华政策。"
    assert said(label) == []


def test_a_person_opening_the_subject_is_the_speaker_whatever_predicate_follows() -> None:
    # 002: the subject is named in a clause of its own, before the verb's clause.
    text = (
        "石破茂就任首相后，基本承袭前任政府对“全球南方”的政策，在就职演说中明确表示"
        "将加强与“全球南方”的关系，外相岩屋毅更是将“全球南方”定位为日本外交的三大重点之一。"
    )
    assert said(text)[0][0] == "石破茂"
    assert RESOLVER.resolve("习近平主席着眼全局") == "习近平"
    assert RESOLVER.resolve("习近平的讲话") is None


def test_a_quoted_stage_name_is_not_a_quotation() -> None:
    prev = "到目前为止，习近平总书记总共参加了十次金砖国家领导人会晤。"
    text = (
        "以“厦门会晤”为转折点，其金砖主张大致可以分为“经济、政治双轨并进”阶段（2013-2016）"
        "和“经济、政治、人文三轮驱动”阶段（2017-2022）这两个阶段。"
    )
    assert said(text, prev=prev) == []


def test_a_surname_is_the_full_name_a_footnote_gives() -> None:
    # 001: 例如雷默认为…, the footnote citing him: 乔舒亚·雷默：《为什么要提出“北京共识”？》
    text = (
        "例如雷默认为中国采用的是“北京共识”，即通过自主创新和特区实验等具有中国特色的"
        "方式推动经济政策改革。"
    )
    note = "乔舒亚·雷默：《为什么要提出“北京共识”？》载俞可平、黄平、谢曙光等编著。"
    reader = RESOLVER.with_document(text, note)
    assert said(text, resolver=reader) == [("乔舒亚·雷默", "中国采用的是“北京共", "reported")]
    # Named in the body after a title, the full name is cut from the title.
    titled = RESOLVER.with_document("美国学者乔舒亚·雷默曾任《时代》周刊编辑。" + text)
    assert said(text, resolver=titled)[0][0] == "乔舒亚·雷默"
    # A surname the document never gives in full, or only inside a longer run of
    # characters that no title or clause start cuts into a name, stays unknown.
    assert said(text, resolver=RESOLVER.with_document(text)) == []
    run_on = RESOLVER.with_document("这一观点影响了后来乔舒亚·雷默的研究。" + text)
    assert said(text, resolver=run_on) == []


async def test_a_foreigner_is_asked_about_by_surname(library: Library) -> None:
    result = await find_quotes(library, "雷默怎么看北京共识", limit=5)
    assert result.quotes[0].speaker == "乔舒亚·雷默"
    assert "北京共识" in result.quotes[0].quote


def test_the_ministers_of_each_country_are_the_members_of_the_meeting_named() -> None:
    # 003 (traditional script): 在…召開的金磚國家外長會晤上，各國外長呼吁…
    text = (
        "在2025年4月28—29日召開的金磚國家外長會晤上，各國外長呼吁在聯合國框架下加強人工智能"
        "全球治理，鼓勵開展政策交流和對話。"
    )
    assert said(text) == [("金磚國家外長", "在聯合國框架下加強人", "reported")]
    # Without a meeting of the same ministers in the sentence, they stay as written.
    other = "在峰会期间，各国外长呼吁在联合国框架下加强人工智能全球治理，鼓励开展政策交流。"
    assert said(other) == [("各国外长", "在联合国框架下加强人", "reported")]


def test_a_statement_ends_where_someone_it_names_begins_to_speak() -> None:
    # 001: one sentence, two statements of Xi's joined by a semicolon.
    text = (
        "在政治方面，习近平总书记一直在强调和平与民主的重要性，致力于构建更加公平、正义、平等的国际秩序；"
        "在经济方面，习近平总书记一直强调开放与合作是促进共同发展的必要条件，对抗的是国际社会中保护主义、"
        "霸权主义愈演愈烈的问题。"
    )
    sentences = [[a, b, False] for a, b in split_sentences(text)]
    spans = extract_quotes(text, sentences, [], resolver=RESOLVER)
    assert [s.quote(text) for s in spans] == [
        "和平与民主的重要性，致力于构建更加公平、正义、平等的国际秩序",
        "开放与合作是促进共同发展的必要条件，对抗的是国际社会中保护主义、霸权主义愈演愈烈的问题",
    ]
