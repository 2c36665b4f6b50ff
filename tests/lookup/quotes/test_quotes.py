"""Quotations: extraction on real corpus sentences (CORPUS_NOTES §1.5–5.5) and lookup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.lookup.corpus.aliases import AliasTable
from bot.lookup.index.snapshot import load_rows
from bot.lookup.ingest.mojibake import PLACEHOLDER
from bot.lookup.library import Library
from bot.lookup.quotes.coreference import goes_on
from bot.lookup.quotes.find import find_quotes, normalise, quote_index
from bot.lookup.quotes.spans import QuoteSpan, extract_quotes, mask, quote_pairs
from bot.lookup.quotes.speakers import SpeakerResolver, speaker_matches
from bot.lookup.text.sentences import split_sentences
from devtools.bench.quotes_eval import evaluate_quotes, read_jsonl
from tests.conftest import CORPUS, ROOT

ALIASES = AliasTable.load(CORPUS)
RESOLVER = SpeakerResolver(ALIASES)

# 001 L2828–2832 and L2846–2858 (unwrapped; one paragraph in the ingested text).
XI_CLUB = (
    "习近平主席明确指出“金砖国家不是封闭的俱乐部，也不是排外的‘小圈子’，而是守望相助的大家庭、"
    "合作共赢的好伙伴”。"
)
XI_NESTED = (
    "正是在这关键的历史时刻，习近平主席在2017年金砖国家工商论坛开幕式上的讲话中指出：“我们应该发挥自身"
    "优势和影响力，促进南南合作和南北对话，汇聚各国集体力量，联手应对风险挑战。我们应该扩大金砖合作的"
    "辐射和受益范围，推动“金砖+”合作模式，打造开放多元的发展伙伴网络，让更多新兴市场国家和发展中国家"
    "参与到团结合作、互利共赢的事业中来。”"
)
# 004 L29 with the mojibake repaired (CORPUS_NOTES §5.5 item 3): quote first, speaker after.
DIALOGUE = (
    "“這是一個充滿挑戰的時代，也是一個充滿希望的時代。我們要認清世界發展大勢，堅定信心，起而行之，"
    "擰成一股繩，鉚足一股勁，推動全球發展，共創普惠平衡、協調包容、合作共贏、共同繁榮的發展格局。”"
    "在全球發展高層對話會上，習近平主席這一宣示擲地有聲。"
)
# 000 L792–800: a document speaks, twice; no person may be credited.
KAZAN = (
    "正是由于文化交流日益展现的多重价值，2024年《喀山宣言》不仅“重申金砖国家人文交流对增进相互理解、"
    "友谊和合作的重要性”，还特别强调文化在可持续发展中的重要作用，“因为它极大地促进了经济增长、"
    "社会凝聚力和整体福祉”。"
)


def quotes_in(
    text: str,
    *,
    flags: list[list[object]] | None = None,
    flagged: bool = False,
    prev: str | None = None,
    epigraph: str | None = None,
) -> list[tuple[str, str, str]]:
    """(speaker, quote, shape) of each quotation ``extract_quotes`` finds in ``text``."""
    sentences = [[a, b, flagged] for a, b in split_sentences(text)]
    spans = extract_quotes(
        text, sentences, flags or [], prev, resolver=RESOLVER, epigraph_speaker=epigraph
    )
    return [(s.speaker, s.quote(text), s.shape) for s in spans]


def test_speaker_verb_quote_keeps_nested_single_quotes() -> None:
    assert quotes_in(XI_CLUB) == [
        (
            "习近平",
            "金砖国家不是封闭的俱乐部，也不是排外的‘小圈子’，而是守望相助的大家庭、合作共赢的好伙伴",
            "speaker-verb-quote",
        )
    ]


def test_nested_double_quotes_source_error_yields_the_whole_quote() -> None:
    [(speaker, quote, _)] = quotes_in(XI_NESTED)
    assert speaker == "习近平"
    assert quote.startswith("我们应该发挥自身优势和影响力")
    assert quote.endswith("互利共赢的事业中来。")
    assert "推动“金砖+”合作模式" in quote


def test_quote_first_then_speaker_keeps_the_display_script() -> None:
    [(speaker, quote, shape)] = quotes_in(DIALOGUE)
    assert (speaker, shape) == ("习近平", "quote-then-speaker")
    assert quote.startswith("這是一個充滿挑戰的時代")


def test_garbage_is_never_quoted() -> None:
    # 004 L29 as an index built before unrepairable runs became a placeholder holds it.
    raw = DIALOGUE.replace("發展格局。”在全球", "發展格局?!痹谌球")
    at = raw.index("?!")
    assert quotes_in(raw, flags=[[at, at + 6, "qmark-cjk"]], flagged=True) == []


def test_damage_elsewhere_in_the_sentence_does_not_block_a_quote() -> None:
    # A flagged sentence, or a proven repair inside the quotation, leaves its words intact.
    assert [s for s, _, _ in quotes_in(DIALOGUE, flagged=True)] == ["习近平"]
    assert [s for s, _, _ in quotes_in(DIALOGUE, flags=[[3, 5, "repaired"]])] == ["习近平"]


def test_damage_that_ate_the_closing_mark_ends_the_quote() -> None:
    # 004 L29 as ingested: 「。”在全球發」 is lost; the placeholder stands for it.
    text = DIALOGUE.replace("發展格局。”在全球發展", "發展格局…展")
    at = text.index("…")
    [(speaker, quote, shape)] = quotes_in(text, flags=[[at, at + 1, "qmark-cjk"]], flagged=True)
    assert (speaker, shape) == ("习近平", "quote-then-speaker")
    assert quote.startswith("這是一個充滿挑戰的時代")
    assert quote.endswith("共同繁榮的發展格局…")


def test_damage_inside_the_words_shows_as_the_placeholder() -> None:
    # 004 L11 as ingested: 「國家提出希望加入金磚」 is lost, the closing 。” was repaired.
    text = (
        "“近年來，不少…合作機制。引入新鮮血液，將為金磚合作帶來新活力，也將提升金磚國家代表性和"
        "影響力。”在金磚國家領導人第十四次會晤中，習近平主席強調，應該推進這一進程，讓志同道合的"
        "伙伴們早日加入金磚大家庭。"
    )
    at = text.index("…")
    repaired = text.index("。”在")
    flags: list[list[object]] = [[at, at + 1, "qmark-cjk"], [repaired, repaired + 5, "repaired"]]
    found = quotes_in(text, flags=flags, flagged=True)
    assert found[0] == (
        "习近平",
        "近年來，不少…合作機制。引入新鮮血液，將為金磚合作帶來新活力，也將提升金磚國家代表性和影響力。",
        "quote-then-speaker",
    )
    # Mostly lost words are not a quotation.
    short = "“近年來，不少…。”習近平主席強調。"
    at = short.index("…")
    assert quotes_in(short, flags=[[at, at + 1, "qmark-cjk"]]) == []


def test_unbalanced_quote_is_skipped_but_later_pairs_still_pair() -> None:
    text = "“讓金磚的朋友圈越來越大，伙伴網越來越廣?!苯陙?,習近平主席多次表達“金磚+”合作的初衷。"
    assert quote_pairs(text) == [(text.index("“金磚+"), text.index("”合作"))]
    assert quotes_in(text) == []
    placeholder = text.replace("?!苯陙?", "…")
    at = placeholder.index("…")
    assert quotes_in(placeholder, flags=[[at, at + 1, "qmark-cjk"]]) == [
        ("习近平", "讓金磚的朋友圈越來越大，伙伴網越來越廣…", "quote-then-speaker")
    ]


def kinds_in(text: str, resolver: SpeakerResolver = RESOLVER) -> list[tuple[str, str, str]]:
    """(speaker, words, kind) of each quotation in ``text``."""
    sentences = [[a, b, False] for a, b in split_sentences(text)]
    spans = extract_quotes(text, sentences, [], resolver=resolver)
    return [(s.speaker, s.quote(text), s.kind) for s in spans]


def test_reported_speech_after_a_quotation() -> None:
    # 004 L11 with the closing mark repaired: the quote, then what Xi stressed.
    text = (
        "“引入新鮮血液，將為金磚合作帶來新活力，也將提升金磚國家代表性和影響力。”在金磚國家領導人"
        "第十四次會晤中，習近平主席強調，應該推進這一進程，讓志同道合的伙伴們早日加入金磚大家庭。"
    )
    assert kinds_in(text) == [
        (
            "习近平",
            "引入新鮮血液，將為金磚合作帶來新活力，也將提升金磚國家代表性和影響力。",
            "direct",
        ),
        ("习近平", "應該推進這一進程，讓志同道合的伙伴們早日加入金磚大家庭", "reported"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # 002: a head of state, a place and an occasion before the verb
            "普京在开幕式上指出，俄罗斯希望与拉美国家深化合作，并欢迎其加入金砖机制。",
            ("普京", "俄罗斯希望与拉美国家深化合作，并欢迎其加入金砖机制", "reported"),
        ),
        (  # 000: a document reports too, credited as the document
            "金砖国家领导人第十六次会晤《喀山宣言》再次强调，金砖国家认识到打造便利、包容、安全的"
            "数字经济的重要性。",
            ("《喀山宣言》", "金砖国家认识到打造便利、包容、安全的数字经济的重要性", "reported"),
        ),
        (  # 001: 曾 — said at an earlier, unstated time; a quoted term inside is fine
            "习近平总书记曾指出，所谓的“中国模式”是中国人民在自己的奋斗实践中创造的中国特色社会主义道路。",
            (
                "习近平",
                "所谓的“中国模式”是中国人民在自己的奋斗实践中创造的中国特色社会主义道路",
                "indirect",
            ),
        ),
        (  # 002: the last title before the name is the one that names him
            "针对这个问题，法国总统马克龙曾表示，欧洲要在防务领域减少对美国的依赖，建立自己的防空系统。",
            ("马克龙", "欧洲要在防务领域减少对美国的依赖，建立自己的防空系统", "indirect"),
        ),
        (  # 002 L466: a verb with 道 (评价道), and 对此 between the speaker and the verb
            "巴基斯坦学者哈桑·达乌德对此评价道，中国长期稳健推进经济社会发展，不断迸发出新的增长活力，"
            "为世界经济发展作出重要贡献。",
            (
                "哈桑·达乌德",
                "中国长期稳健推进经济社会发展，不断迸发出新的增长活力，为世界经济发展作出重要贡献",
                "reported",
            ),
        ),
    ],
)
def test_reported_and_indirect_speech(text: str, expected: tuple[str, str, str]) -> None:
    assert kinds_in(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # 000 L205: the statement is a quotation; it is found as one, not as reported speech.
        "中国国家主席习近平在2021年金砖国家领导人第十三次会晤上强调，要“深化反恐合作，铲除恐怖主义根源”。",
        # Nobody is speaking.
        "可以说，金砖合作为中国特色大国外交探索了一条新路，是对习近平外交思想的丰富和发展。",
        "本文認為,金磚國家對外部技術過度依賴,在關鍵技術領域更易于被美西方國家“卡脖子”和掌控。",
        # 主张 as a noun; a clause that carries on the sentence (001 L…, 提出，并于…).
        "习近平在莫斯科国际关系学院的演讲中阐述了中国对国际关系的立场主张，明确强调了世界的命运共同体性质。",
        "该理念于2014年11月在中央外事工作会议上首次提出，并于2018年5月在中央外事工作委员会第一次会议上被系统论述。",
        # Too short to stand alone.
        "习近平主席指出，意义重大。",
        # 道 that is no speech: a source reports (据…报道), and 一道 is "together" (002).
        "2022年年底，据《华尔街日报》报道，欧盟朝着与美国就跨境数据流动敲定协议迈出重要一步。",
        "日本希望与作为全球增长中心的东盟一道，共同创造未来、守护未来，携手践行共同原则。",
    ],
)
def test_what_is_not_reported_speech(text: str) -> None:
    assert [k for _, _, k in kinds_in(text) if k != "direct"] == []


def test_bare_name_is_a_speaker_when_the_document_gives_it_a_title() -> None:
    # 002 L4723 and L5270: a title the first time, the bare name the second.
    first = (
        "欧盟首位国防和太空事务专员库比柳斯2025年1月在第17届欧洲航天大会上表示，"
        "太空对欧洲安全和经济发展意义重大。"
    )
    later = "库比柳斯2025年1月在欧洲航天大会上表示，全球太空经济可能会在未来十年内增长两倍。"
    # A table that does not know him: the document's introduction alone names him.
    unknown = SpeakerResolver(AliasTable())
    assert kinds_in(later, unknown) == []
    reader = unknown.with_document(first + later)
    assert kinds_in(later, reader) == [
        ("库比柳斯", "全球太空经济可能会在未来十年内增长两倍", "reported")
    ]
    assert reader.resolve("欧洲航天大会") is None


def test_epigraph_is_one_quote_by_the_attributed_person() -> None:
    text = (
        "金砖国家是塑造国际格局的重要力量。我们自主选择发展道路，共同捍卫发展权利，共同走向现代化，"
        "代表着人类社会前进方向，必将深刻影响世界发展进程。"
    )
    assert quotes_in(text, epigraph="中国国家主席习近平") == [(("习近平", text, "epigraph"))]


def test_short_terms_slogans_and_labels_are_not_quotations() -> None:
    assert (
        quotes_in(
            "2017年，在厦门举行的金砖国家领导人第九次会务期间，习近平主席提出“金砖+”合作理念。"
        )
        == []
    )
    assert (
        quotes_in("2022年乌克兰危机爆发后，中国倡导“战场不外溢、战事不升级、各方不拱火”三原则。")
        == []
    )
    labels = "给中国贴上“国际秩序的修正主义者”“国际法律规范破坏者”等负面标签。"
    assert quotes_in("多年以来，美国" + labels) == []
    topic = "“加强党对对外工作的统一集中领导”这一点，于2014年11月在中央外事工作会议上被强调指出。"
    assert quotes_in(topic) == []


def test_document_quotes_are_credited_to_the_document() -> None:
    found = quotes_in(KAZAN)
    assert [s for s, _, _ in found] == ["《喀山宣言》", "《喀山宣言》"]
    assert found[1][1] == "因为它极大地促进了经济增长、社会凝聚力和整体福祉"


def test_abbreviated_document_title_is_expanded() -> None:
    text = (
        "2023年3月颁布的第6版《俄罗斯联邦对外政策构想》（以下简称《构想》）首次提出：“几个世纪发展起来的"
        "确保不同民族以及种族、宗教、语言群体在共同领土上和谐共处的能力，确定了俄罗斯作为一个原始文明型国家。”"
    )
    assert [s for s, _, _ in quotes_in(text)] == ["《俄罗斯联邦对外政策构想》"]


def test_state_as_speaker_and_comma_after_verb() -> None:
    russia = (
        "俄认为，“世界应该是一个围绕不同文明构建的多极世界，而金砖国家恰好能够代表亚洲、伊斯兰、"
        "非洲和拉美文明。”"
    )
    assert [s for s, _, _ in quotes_in(russia)] == ["俄罗斯"]
    kishida = (
        "2023年1月，时任首相岸田文雄表示，“如果被作为国际社会重要组成部分的全球南方抛弃，我们将沦为少数派，"
        "许多世界性政策课题也将变得难以解决。”"
    )
    assert [s for s, _, _ in quotes_in(kishida)] == ["岸田文雄"]


def test_speaker_named_in_the_previous_sentence() -> None:
    text = (
        "2013年3月，习近平在莫斯科国际关系学院的演讲中阐述了中国对世界形势的看法和对国际关系的立场主张，"
        "明确强调了世界的命运共同体性质。这是中国领导人第一次在国际舞台上向世界传递了对命运共同体概念的理解："
        "“这个世界，各国相互联系、相互依存的程度空前加深，人类生活在同一个地球村里。”"
    )
    assert [s for s, _, _ in quotes_in(text)] == ["习近平"]


def test_pronoun_subject_is_the_person_named_before() -> None:
    text = (
        "时任外交部长王毅在第一时间就阐述了“金砖+”与南南合作的内在关系，他在第十二届全国人大五次会议"
        "新闻发布会答记者问时指出：“我们将探索‘金砖+’的拓展模式，扩大金砖的‘朋友圈’，把金砖合作打造成为"
        "当今世界最有影响力的南南合作平台。”"
    )
    assert [s for s, _, _ in quotes_in(text)] == ["王毅"]


def test_speaker_in_the_previous_passage() -> None:
    prev = (
        "会晤后发表的《金砖国家领导人第十一次会晤巴西利亚宣言》表示，金砖国家“认识到新工业革命是至关重要的"
        "发展机遇，所有国家都应从中平等获益，同时意识到它带来的挑战。”"
    )
    text = "宣布“通过新工业革命伙伴关系工作计划和新工业革命伙伴关系咨询组工作职责”，并开展合作。"
    assert [s for s, _, _ in quotes_in(text, prev=prev)] == [
        "《金砖国家领导人第十一次会晤巴西利亚宣言》"
    ]
    assert quotes_in(text) == []


def test_quote_rejoined_across_a_footnote_is_whole() -> None:
    # 001 L4948–4970: footnotes, a running head and a page number cut this quote in the PDF.
    text = (
        "正如习近平在金砖国家领导人第十四次会晤上指出，“金砖国家应该在涉及彼此核心利益问题上相互支持，"
        "践行真正的多边主义”。"
    )
    assert quotes_in(text) == [
        (
            "习近平",
            "金砖国家应该在涉及彼此核心利益问题上相互支持，践行真正的多边主义",
            "speaker-verb-quote",
        )
    ]


def test_so_said_construction_names_an_unlisted_speaker() -> None:
    text = (
        "正如考克斯所言，“国际制度使适用于维护世界权力结构的规范普世化了，权力结构正是通过对这些制度的支持来"
        "维持自身。”"
    )
    assert [s for s, _, _ in quotes_in(text)] == ["考克斯"]


def test_quote_span_offsets_index_the_passage() -> None:
    sentences = [[a, b, False] for a, b in split_sentences(XI_CLUB)]
    [span] = extract_quotes(XI_CLUB, sentences, [], resolver=RESOLVER)
    assert isinstance(span, QuoteSpan)
    assert XI_CLUB[span.start - 1] == "“"
    assert XI_CLUB[span.end] == "”"
    assert span.context == (0, len(XI_CLUB))


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [
        ("中国国家主席习近平", "习近平"),
        ("時任首相岸田文雄", "岸田文雄"),
        ("习总书记", "习近平"),
        ("金砖概念的创始人奥尼尔", "吉姆·奥尼尔"),
        ("新任加拿大总理马克·卡尼（Mark Carney）", "马克·卡尼"),
        ("2023年版《国家安全战略报告》", "《国家安全战略报告》"),
        ("俄", "俄罗斯"),
        ("欧盟委员会代表", "欧盟委员会代表"),
        ("国际调解院是中国外交贯彻落实习近平外交思想", None),
        ("近年来", None),
        ("美國總統國家安全顧問沙利文", "沙利文"),
        ("长期从事竞争力研究的迈克尔·波特", "迈克尔·波特"),
    ],
)
def test_speaker_resolution(phrase: str, speaker: str | None) -> None:
    assert RESOLVER.resolve(phrase) == speaker


def test_speaker_matching_for_scoring() -> None:
    assert speaker_matches("吉姆·奥尼尔", "奥尼尔", ALIASES)
    assert speaker_matches("中国外交部", "外交部", ALIASES)
    assert speaker_matches("《国家安全战略报告》", "美国《国家安全战略报告》", ALIASES)
    assert speaker_matches("《金砖国家领导人第十四次会晤北京宣言》", "北京宣言", ALIASES)
    assert not speaker_matches("习近平", "《喀山宣言》", ALIASES)
    assert not speaker_matches("普京", "俄罗斯", ALIASES)
    assert not speaker_matches(None, "习近平", ALIASES)


# --- through the indexed corpus -------------------------------------------------------


async def test_query_by_speaker_words_topic_and_all_three(library: Library) -> None:
    putin = await find_quotes(library, "普京", limit=3)
    assert putin.quotes[0].speaker == "普京"
    assert "殖民统治" in putin.quotes[0].quote

    words = await find_quotes(library, "金砖不是封闭的俱乐部")
    assert words.quotes[0].speaker == "习近平"
    assert "排外的‘小圈子’" in words.quotes[0].quote

    topic = await find_quotes(library, "多极世界 文明")
    assert topic.quotes[0].speaker == "俄罗斯"

    all_three = await find_quotes(library, "王毅 金砖 朋友圈")
    assert all_three.quotes[0].speaker == "王毅"
    assert "朋友圈" in all_three.quotes[0].quote

    # The four quotations of 岸田文雄 first; then passages that only mention him.
    english = await find_quotes(library, "Kishida", limit=5)
    assert [q.speaker for q in english.quotes[:4]] == ["岸田文雄"] * 4


async def test_reported_speech_is_found_and_ranks_after_the_same_words_quoted(
    library: Library,
) -> None:
    iran = await find_quotes(library, "普京 伊朗", limit=3)
    assert (iran.quotes[0].speaker, iran.quotes[0].kind) == ("普京", "reported")
    assert iran.quotes[0].quote == "同伊朗关系是俄当前优先事项"
    # 001 reports 清谈馆…行动队 (习近平主席对此强调指出，…) and later quotes it: one answer,
    # the quotation.
    team = await find_quotes(library, "清谈馆 行动队", limit=10)
    copies = [q for q in team.quotes if "清谈馆" in q.quote]
    assert [q.kind for q in copies] == ["direct"]


async def test_a_few_words_in_the_other_script_find_the_quotation(library: Library) -> None:
    # Queries fold like the index: script (夥/伙, 談/谈), width and punctuation are ignored.
    to_traditional = await find_quotes(library, "志同道合的夥伴們", limit=3)
    assert to_traditional.quotes[0].quote.startswith("應該推進這一進程")
    to_simplified = await find_quotes(library, "清談館,行動隊", limit=3)
    assert to_simplified.quotes[0].quote.startswith("金砖国家不是碌碌无为的清谈馆")
    assert normalise("讓金磚的朋友圈越來越大,伙伴網") == normalise("让金砖的朋友圈越来越大，伙伴网")


async def test_repeated_quotes_once_and_no_tail_of_loose_matches(library: Library) -> None:
    # 001 quotes “金砖合作是一个创新…” in its preface and again in section 5.
    repeated = await find_quotes(library, "习近平 结伴不结盟 金砖合作是一个创新", limit=10)
    copies = [q for q in repeated.quotes if q.quote.startswith("金砖合作是一个创新")]
    assert len(copies) == 1
    # Quotations sharing only 金砖国家 with the question are not listed after the answer.
    precise = await find_quotes(library, "谁说过我从未想过金砖国家能结合成为一个政治体", limit=10)
    assert [q.speaker for q in precise.quotes] == ["吉姆·奥尼尔"]


async def test_returned_quotes_are_verbatim_from_their_passage(library: Library) -> None:
    for query in ("习近平 金砖", "喀山宣言", "岸田", "全球发展倡议"):
        result = await find_quotes(library, query, limit=10)
        assert result.quotes, query
        for quote in result.quotes:
            view = await library.passage(quote.passage_id)
            assert view is not None
            assert view.kind != "footnote"
            assert quote.quote in quote.text
            assert quote.text in view.hit.text
            assert (quote.doc, quote.title) == (view.hit.doc, view.hit.title)


async def test_document_quotes_are_never_credited_to_a_person(library: Library) -> None:
    result = await find_quotes(library, "喀山宣言 社会凝聚力")
    kazan = [q for q in result.quotes if "社会凝聚力" in q.quote]
    assert kazan
    assert all(q.speaker == "《喀山宣言》" for q in kazan)


async def test_flagged_quotes_are_never_returned(library: Library) -> None:
    damaged = [row for row in read_jsonl(ROOT / "tests/data/quotes.jsonl") if row.get("flagged")]
    assert damaged
    for row in damaged:
        result = await find_quotes(library, row["query"], limit=50)
        evidence = normalise(row["quote_evidence"])
        assert all(evidence not in normalise(q.quote) for q in result.quotes)


async def test_no_quote_holds_garbage_or_comes_from_a_footnote(library: Library) -> None:
    rows = {row.pid: row for row in await load_rows(library.conn)}
    index = await quote_index(library)
    assert len(index.records) > 50
    for record in index.records:
        quote = record.quote
        assert not re.search(r"\.n\d+$", quote.passage_id)
        row = rows[quote.passage_id]
        start, end = record.span
        assert row.text[start:end] == quote.quote
        for f in row.flags:
            if f[0] < end and f[1] > start:
                assert f[2] == "repaired" or row.text[f[0] : f[1]] == PLACEHOLDER


async def test_004s_key_quotations_are_found_in_their_damaged_sentences(library: Library) -> None:
    result = await find_quotes(library, "让金砖的朋友圈越来越大", limit=3)
    assert result.quotes[0].speaker == "习近平"
    assert result.quotes[0].quote == "讓金磚的朋友圈越來越大，伙伴網越來越廣…"
    blood = await find_quotes(library, "习近平 新鲜血液", limit=3)
    assert blood.quotes[0].quote.startswith("近年來，不少…合作機制。引入新鮮血液")
    assert all("?" not in q.text and "!" not in q.text for q in blood.quotes)


async def test_odd_queries_do_not_fail(library: Library) -> None:
    assert (await find_quotes(library, "")).quotes == []
    # The markup adds nothing: what is left is the word "alert", which the corpus writes
    # in Chinese (警惕, 警示).
    script = await find_quotes(library, "<script>alert(1)</script>")
    assert script.quotes == (await find_quotes(library, "alert(1)")).quotes
    assert (await find_quotes(library, "习近平", limit=0)).quotes == []
    assert len((await find_quotes(library, "习近平", limit=3)).quotes) == 3
    assert (await find_quotes(library, "😀" * 300)).quotes == []


async def test_the_index_is_rebuilt_when_the_library_reloads(
    library: Library, jieba_cache: Path
) -> None:
    first = await quote_index(library)
    assert await quote_index(library) is first
    await library.load(jieba_cache)
    assert await quote_index(library) is not first


async def test_development_set_targets(library: Library) -> None:
    report = await evaluate_quotes(library, ROOT / "tests/data/quotes.jsonl")
    assert report["recall_at_5"] >= 0.9, report["misses"]
    assert report["speaker_accuracy"] >= 0.9, report["misses"]
    assert report["flagged"] == 1
    assert report["flagged_returned"] == 0


def test_a_long_title_still_ends_in_a_name_and_a_title_in_a_place_phrase_speaks_not() -> None:
    assert RESOLVER.resolve("欧盟外交与安全政策高级代表何塞普·博雷利") == "何塞普·博雷利"
    assert RESOLVER.resolve("习近平总书记在参观《复兴之路》展览时") == "习近平"
    assert RESOLVER.resolve("《喀山宣言》") == "《喀山宣言》"


async def test_a_reported_statement_may_open_with_a_quoted_term(library: Library) -> None:
    # 001: 习近平总书记在参观《复兴之路》展览时提出，“中国梦”就是实现中华民族的伟大复兴。
    result = await find_quotes(library, "习近平怎么定义中国梦", limit=5)
    hit = next(q for q in result.quotes if "实现中华民族的伟大复兴" in q.quote)
    assert hit.speaker == "习近平"
    assert hit.kind == "reported"


def test_an_adverb_before_the_verb_is_not_part_of_a_name() -> None:
    # 002: 特别 in a meeting's name stays; 001: 特别强调 is the verb, 习主席 its subject.
    assert RESOLVER.resolve("日本—东盟特别首脑会议") == "日本—东盟特别首脑会议"
    text = "习主席特别强调，要倡导并践行多边主义，深入推进金砖国家新工业革命伙伴关系。"
    assert [(s, k) for s, _, k in kinds_in(text)] == [("习近平", "reported")]


async def test_a_count_asked_in_chinese_numerals_finds_it_in_digits(library: Library) -> None:
    # 001: 习近平 … “…5年来，‘金砖+’模式不断深化拓展…”, asked with 五年.
    result = await find_quotes(library, "习近平回顾金砖+五年", limit=3)
    assert "5年来，‘金砖+’模式不断深化拓展" in result.quotes[0].quote


def test_a_bare_speech_verb_goes_on_with_the_speaker_of_the_quote_before() -> None:
    # 001: a stray “ inside the second quote leaves its words unmasked, so the third quote's
    # verb (进而强调) is many clauses from any subject; it goes on from the first quote.
    prev = "在讲话中，习主席提出“当今世界正面临百年未有之大变局。”"
    text = (
        "“对广大新兴市场国家和发展中国家而言，这个世界既充满机遇，也存在挑战”，呼吁“要在国际格局演变的"
        "历史进程中运筹金砖合作，在世界发展和金砖国家共同发展的历史进程中谋求自身发展，在“‘金色十年’"
        "里实现新的飞跃”，进而强调“未来10年，将是世界经济新旧动能转换的关键10年。”"
        "习主席这次重要发言，直接将推进新工业革命伙伴关系的重要性凸显出来。"
    )
    found = [(s, q[:7]) for s, q, _ in quotes_in(text, prev=prev)]
    assert found == [("习近平", "对广大新兴市场"), ("习近平", "未来10年，将")]
    # Across a sentence end, or with words of its own before the verb, a clause does not.
    for later in ("。进而强调", "，中方进而强调", "，其中"):
        text = f"习近平强调“这个世界既充满机遇，也存在挑战”{later}“未来10年，将是关键10年”"
        pairs = quote_pairs(text)
        assert not goes_on(mask(text, pairs), pairs[0][1], pairs[1][0]), later
    text = "习近平强调“这个世界既充满机遇，也存在挑战”，并进一步指出：“未来10年，将是关键10年”"
    pairs = quote_pairs(text)
    assert goes_on(mask(text, pairs), pairs[0][1], pairs[1][0])
