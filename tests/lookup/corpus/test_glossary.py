"""The English glossary derived from CC-CEDICT and the corpus's words."""

from __future__ import annotations

from bot.lookup.corpus.glossary import build, translations


def test_a_corpus_word_is_found_by_the_english_words_that_gloss_it() -> None:
    glossary = build(["主办", "风电", "参加", "家庭", "发展中国家"])
    assert "主办" in glossary["host"]  # /to host (a conference)/
    assert "风电" in glossary["wind power"]  # a phrase of two words
    assert "参加" in glossary["take part"]
    assert "家庭" in glossary["household"]


def test_only_words_the_corpus_writes_and_never_a_lone_character() -> None:
    glossary = build(["主办", "风"])
    assert all(forms == ["主办"] for forms in glossary.values())
    assert "wind" not in glossary  # 风 alone would match inside 风险


def test_an_inflected_word_finds_its_base_form() -> None:
    glossary = {"household": ["家庭"], "country": ["国家"], "host": ["主办"], "sign": ["签署"]}
    assert translations(glossary, "households") == ["家庭"]
    assert translations(glossary, "countries") == ["国家"]
    assert translations(glossary, "hosted") == ["主办"]
    assert translations(glossary, "signing") == ["签署"]
    assert translations(glossary, "unknown") == []


def test_a_past_form_a_british_spelling_or_a_place_s_adjective_finds_its_entry() -> None:
    glossary = {
        "hold": ["举行"],
        "take part": ["参加"],
        "program": ["计划"],
        "asia": ["亚洲"],
        "iran": ["伊朗"],
        "japan": ["日本"],
    }
    assert translations(glossary, "held") == ["举行"]
    assert translations(glossary, "took part") == ["参加"]
    assert translations(glossary, "programmes") == ["计划"]
    assert translations(glossary, "asian") == ["亚洲"]
    assert translations(glossary, "iranian") == ["伊朗"]
    assert translations(glossary, "japanese") == ["日本"]
    # The word's own entry comes first: "found" is to found (建立) before it is "find".
    assert translations({"found": ["建立"], "find": ["发现"]}, "found") == ["建立"]
