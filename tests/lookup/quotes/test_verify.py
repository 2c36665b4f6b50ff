"""Quote checks: verbatim across script and punctuation, close with a diff, not found."""

from __future__ import annotations

from bot.lookup.library import Library
from bot.lookup.quotes.align import align, diff_markup, letters, settle
from bot.lookup.quotes.verify import MAX_CLAIM, claim_variants, clean_claim, verify_claim
from devtools.bench.quotes_eval import evaluate_verify, read_jsonl
from tests.conftest import ROOT

ACTION_TEAM = "金砖国家不是碌碌无为的清谈馆，而是知行合一的行动队。"  # 001, 习近平
MATCH_KEYS = {"text", "passage_id", "doc", "title", "score", "kind", "speaker"}
NEAREST_KEYS = {"text", "passage_id", "doc", "title", "score"}


def test_letters_fold_script_width_punctuation_and_spaces() -> None:
    simple = letters("中国同中亚五国 30 年合作的成功密码，在于“互利共赢”。")
    other = letters("中國同中亞五國30年合作的成功密碼,在於互利共贏")
    assert simple.letters == other.letters
    # Every letter points back at its character in the display text.
    assert [simple.display[i] for i in simple.where[:3]] == ["中", "国", "同"]


def test_align_measures_a_dropped_phrase_against_the_whole_stretch() -> None:
    source = letters(
        "正如习近平在会见时强调的：“世界上只有一个体系，就是以联合国为核心的国际体系；只有一套规则，"
        "就是以联合国宪章为基础的国际关系基本准则。”因此，坚定维护现行世界秩序。"
    )
    claim = letters("世界上只有一个体系；只有一套规则，就是以联合国宪章为基础的国际关系基本准则。")
    aligned = align(claim.letters, source.letters)
    assert 74 < aligned.score < 100
    stretch = source.letters[aligned.start : aligned.end]
    assert stretch.startswith("世界上只有一个体系")
    assert stretch.endswith("基本准则")


def test_diff_markup_marks_only_real_differences() -> None:
    source = letters("2023年8月，金砖国家领导人第十五次会晤在南非约翰内斯堡举行。")
    claim = letters("2023年8月,金砖国家领导人第十四次会晤在南非约翰内斯堡举行")
    aligned = align(claim.letters, source.letters)
    diff = diff_markup(source, aligned.start, aligned.end, claim)
    assert diff == "2023年8月，金砖国家领导人第十[五→四]次会晤在南非约翰内斯堡举行"


def test_settle_gives_a_replaced_word_its_source_within_the_sentence() -> None:
    source = letters("金砖国家不是碌碌无为的清谈馆，而是知行合一的行动队。金砖国家新开发银行")
    claim = letters("而是知行合一的实干家")
    settled = settle(source, claim, align(claim.letters, source.letters))
    assert diff_markup(source, settled.start, settled.end, claim) == "而是知行合一的[行动队→实干家]"
    # Words the claim adds at the end are not matched with the next sentence.
    longer = letters("而是知行合一的行动队和实干家")
    kept = settle(source, longer, align(longer.letters, source.letters))
    assert diff_markup(source, kept.start, kept.end, longer) == "而是知行合一的行动队[→和实干家]"


def test_claim_cleaning_and_variants() -> None:
    assert clean_claim("  <b>金砖</b>&amp;\x00合作\n\n ") == "金砖 & 合作"
    assert len(clean_claim("金" * 5000)) == MAX_CLAIM
    variants = claim_variants("奥尼尔说：“我从未想过金砖国家能结合成为一个政治体。”")
    assert variants[0] == "我从未想过金砖国家能结合成为一个政治体。"
    assert variants[-1].startswith("奥尼尔说")
    # A clause that happens to end in a comma is not a speaker prefix.
    assert claim_variants("有15个国家正式要求加入，另外有6个国家非正式要求加入。") == [
        "有15个国家正式要求加入，另外有6个国家非正式要求加入。"
    ]


async def test_verbatim_in_either_script_and_punctuation(library: Library) -> None:
    plain = await verify_claim(library, ACTION_TEAM)
    assert plain.verdict == "verbatim"
    assert plain.match is not None
    assert set(plain.match) == MATCH_KEYS
    assert ACTION_TEAM in plain.match["text"]
    assert plain.match["doc"].startswith("001_")
    assert plain.diff is None

    traditional = await verify_claim(library, "金磚國家不是碌碌無為的清談館,而是知行合一的行動隊")
    assert traditional.verdict == "verbatim"
    assert traditional.match == plain.match

    # A simplified claim for a traditional source: the match is shown as the source has it.
    source_traditional = await verify_claim(
        library, "全球发展倡议自提出以来，已有100多国表示支持。"
    )
    assert source_traditional.verdict == "verbatim"
    assert source_traditional.match is not None
    assert "全球發展倡議自提出以來" in source_traditional.match["text"]

    chat = await verify_claim(library, "奥尼尔说：“我从未想过金砖国家能结合成为一个政治体。”")
    assert chat.verdict == "verbatim"


async def test_close_claims_come_with_a_readable_diff(library: Library) -> None:
    word = await verify_claim(library, "金砖国家不是碌碌无为的清谈馆，而是知行合一的实干家。")
    assert word.verdict == "close"
    assert word.match is not None
    assert "行动队" in word.match["text"]
    assert word.diff is not None
    assert word.diff == "金砖国家不是碌碌无为的清谈馆，而是知行合一的[行动队→实干家]"
    assert 0.74 <= word.match["score"] < 1

    number = await verify_claim(library, "有15个国家正式要求加入，另外有6个国家非正式要求加入。")
    assert number.verdict == "close"
    assert number.diff is not None
    assert "[3→5]" in number.diff

    negation = await verify_claim(library, "金砖国家是封闭的俱乐部，也是排外的‘小圈子’")
    assert negation.verdict == "close"
    assert negation.diff == "金砖国家[不→]是封闭的俱乐部，也[不→]是排外的‘小圈子’"


async def test_invented_claims_are_not_found_with_the_nearest_passages(library: Library) -> None:
    result = await verify_claim(library, "普京表示，俄罗斯将退出金砖机制，转而加入七国集团。")
    assert result.verdict == "not_found"
    assert result.match is None
    assert result.diff is None
    assert 1 <= len(result.nearest) <= 3
    assert all(set(n) == NEAREST_KEYS for n in result.nearest)
    assert all(n["score"] < 0.74 for n in result.nearest)
    assert [n["score"] for n in result.nearest] == sorted(
        (n["score"] for n in result.nearest), reverse=True
    )


async def test_footnotes_are_never_matched(library: Library) -> None:
    rows = await library.conn.execute_fetchall(
        "SELECT text FROM passages WHERE kind = 'footnote' AND length(text) > 40 ORDER BY id"
    )
    body = "".join(
        r[0]
        for r in await library.conn.execute_fetchall(
            "SELECT text FROM passages WHERE kind != 'footnote'"
        )
    )
    note = next(r[0] for r in rows if letters(r[0]).letters not in letters(body).letters)
    result = await verify_claim(library, note)
    assert result.verdict != "verbatim"
    assert all(not n["passage_id"].split(".")[-1].startswith("n") for n in result.nearest)


async def test_odd_input_never_fails(library: Library) -> None:
    empty = await verify_claim(library, "")
    assert (empty.verdict, empty.match, empty.diff, empty.nearest) == ("not_found", None, None, [])
    blank = await verify_claim(library, " \n\t“”，。")
    assert (blank.verdict, blank.nearest) == ("not_found", [])

    long = await verify_claim(library, ACTION_TEAM * 200)
    assert len(long.claim) == MAX_CLAIM
    assert long.verdict in {"close", "not_found"}

    emoji = await verify_claim(library, "😀🇨🇳🎉 金砖 🚀")
    assert emoji.verdict == "not_found"

    tagged = await verify_claim(library, f"<blockquote>{ACTION_TEAM}</blockquote>&nbsp;")
    assert tagged.verdict == "verbatim"

    as_dict = (await verify_claim(library, "金砖国家将在2030年前建立统一的共同货币。")).to_dict()
    assert set(as_dict) == {"claim", "verdict", "match", "diff", "nearest"}


async def test_development_set_target(library: Library) -> None:
    report = await evaluate_verify(library, ROOT / "tests/data/verify.jsonl")
    assert report["cases"] == 73
    assert report["accuracy"] >= 0.95, report["wrong"]
    assert min(report["by_verdict"].values()) >= 0.9, report["by_verdict"]


async def test_a_match_says_whose_words_and_how_the_corpus_gives_them(library: Library) -> None:
    rows = [r for r in read_jsonl(ROOT / "tests/data/verify.jsonl") if "match_kind" in r]
    assert len(rows) >= 5
    for row in rows:
        result = await verify_claim(library, row["claim"])
        assert result.match is not None, row["claim"]
        assert result.match["kind"] == row["match_kind"], row["claim"]
    plain = await verify_claim(library, "全球发展倡议自提出以来，已有100多国表示支持。")
    assert plain.match is not None
    assert (plain.match["kind"], plain.match["speaker"]) == (None, None)


async def test_words_both_quoted_and_reported_are_shown_where_they_are_quoted(
    library: Library,
) -> None:
    # 001 gives 清谈馆…行动队 as reported speech (习近平主席对此强调指出，…) and, later, in
    # quotation marks; the check shows the quotation.
    result = await verify_claim(library, ACTION_TEAM)
    assert result.match is not None
    assert (result.match["kind"], result.match["speaker"]) == ("direct", "习近平")
    assert "“" + ACTION_TEAM[:-1] in result.match["text"]
