from __future__ import annotations

import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"{statement}; import sys; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_lookup_core_does_not_import_telegram() -> None:
    assert "telegram" not in _modules_after("import bot.lookup.library")


def test_rendering_does_not_import_telegram() -> None:
    loaded = _modules_after(
        "import bot.render.replies, bot.render.answers, bot.render.inline, bot.app.state"
    )
    assert "telegram" not in loaded


def test_building_blocks_import_nothing_heavy() -> None:
    loaded = _modules_after("import bot.app.application")
    assert not {"jieba", "opencc"} & loaded
