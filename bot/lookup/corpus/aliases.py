"""The alias table (``corpus/aliases.toml``) and paraphrase groups (``corpus/synonyms.toml``).

Entities have a canonical name and variants (other scripts, abbreviations, English names);
terms map English topic words to Chinese; synonym groups hold words that mean the same in
this corpus. All matching forms are folded to simplified script so one lookup serves
queries in either script.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.lookup.corpus.catalog import read_toml
from bot.lookup.text.script import to_simplified


def _norm(text: str) -> str:
    return to_simplified(text.strip()).lower()


@dataclass(slots=True)
class AliasTable:
    """Variant -> canonical names, English -> Chinese terms, and synonym groups."""

    canonical: dict[str, str] = field(default_factory=dict)  # variant (folded) -> canonical
    variants: dict[str, list[str]] = field(default_factory=dict)  # canonical -> its forms
    kinds: dict[str, str] = field(default_factory=dict)  # canonical -> kind
    english: dict[str, list[str]] = field(default_factory=dict)  # english phrase -> zh words
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # word -> its group
    # canonical -> wordings of running text that speak of the entity without naming it
    # (加入金砖 for 金砖扩员): not names, so neither segmentation nor search uses them.
    mentions: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, corpus_dir: Path) -> AliasTable:
        """Read ``aliases.toml`` and ``synonyms.toml`` from ``corpus_dir`` (each optional)."""
        table = cls()
        aliases = corpus_dir / "aliases.toml"
        if aliases.exists():
            data = read_toml(aliases)
            for entity in data.get("entity", []):
                table._add_entity(entity)
            for term in data.get("term", []):
                table._add_term(term.get("en", []), term.get("zh", []))
        synonyms = corpus_dir / "synonyms.toml"
        if synonyms.exists():
            data = read_toml(synonyms)
            for group in data.get("group", []):
                table._add_synonyms(group.get("words", []))
        return table

    def _add_entity(self, entity: dict[str, object]) -> None:
        canonical = _norm(str(entity["canonical"]))
        forms = [canonical]
        for key in ("variants", "en"):
            values = entity.get(key, [])
            if isinstance(values, list):
                forms.extend(_norm(str(v)) for v in values if str(v).strip())
        unique = list(dict.fromkeys(f for f in forms if f))
        self.variants[canonical] = unique
        self.kinds[canonical] = str(entity.get("kind", ""))
        mentions = entity.get("mentions", [])
        if isinstance(mentions, list):
            self.mentions[canonical] = [_norm(str(m)) for m in mentions if str(m).strip()]
        for form in unique:
            # The first entity that claims a form keeps it: an ambiguous short form such as
            # a bare abbreviation should not silently change meaning later in the file.
            self.canonical.setdefault(form, canonical)
        en = entity.get("en", [])
        if isinstance(en, list):
            for phrase in en:
                self.english.setdefault(_norm(str(phrase)), []).append(canonical)

    def _add_term(self, english: Iterable[str], chinese: Iterable[str]) -> None:
        zh = [_norm(w) for w in chinese if w.strip()]
        for phrase in english:
            self.english.setdefault(_norm(phrase), []).extend(zh)

    def _add_synonyms(self, words: Iterable[str]) -> None:
        group = list(dict.fromkeys(_norm(w) for w in words if w.strip()))
        for word in group:
            merged = self.synonyms.setdefault(word, [])
            merged.extend(w for w in group if w not in merged)

    def dictionary_words(self) -> list[str]:
        """Chinese names that word segmentation must keep whole (longest first)."""
        words = {f for forms in self.variants.values() for f in forms if _has_cjk(f)}
        words.update(w for group in self.synonyms.values() for w in group if _has_cjk(w))
        words.update(w for zh in self.english.values() for w in zh if _has_cjk(w))
        return sorted(words, key=lambda w: (-len(w), w))

    def expand(self, word: str) -> list[str]:
        """All forms that should match ``word``: alias forms and synonyms, ``word`` first."""
        folded = _norm(word)
        out = [folded]
        canonical = self.canonical.get(folded)
        if canonical:
            out.extend(self.variants[canonical])
        out.extend(self.synonyms.get(folded, []))
        return list(dict.fromkeys(out))

    def mentioned(self, forms: list[str]) -> list[str]:
        """Wordings of running text that speak of the entity ``forms`` name without naming
        it (``mentions``: 加入金砖 for 金砖扩员); empty for anything else."""
        names = dict.fromkeys(self.canonical.get(form) for form in forms)
        return [m for name in names if name for m in self.mentions.get(name, [])]

    def english_phrases(self) -> list[str]:
        """English phrases known to the table, longest first (for greedy matching)."""
        return sorted(self.english, key=lambda p: (-len(p), p))


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)
