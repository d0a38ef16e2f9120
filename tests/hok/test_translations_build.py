"""What `make messages` tells a newcomer about the two catalogues."""

import re
from pathlib import Path

import pytest

from hok import compile_translations


def test_the_swedish_catalogue_is_reported_as_the_source_not_untranslated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for language in ("sv", "en"):
        source = compile_translations.LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "django.po").write_bytes(source.read_bytes())
    monkeypatch.setattr(compile_translations, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(compile_translations, "OVERRIDES_DIR", tmp_path / "no-overrides")

    compile_translations.main()

    lines = capsys.readouterr().out.splitlines()
    assert any("sv" in line and "source language" in line for line in lines)
    assert not any("(0 % translated)" in line for line in lines)
    assert any(re.search(r"en/LC_MESSAGES/django\.po \(100 % translated\)", line) for line in lines)
    assert (tmp_path / "sv" / "LC_MESSAGES" / "django.mo").exists()


def test_the_makefile_tells_where_it_put_uv() -> None:
    makefile = (compile_translations.LOCALE_DIR.parent / "Makefile").read_text()
    recipe = makefile.split("$(UV):", 1)[1].split("\n\n", 1)[0]
    assert "pip install --user" in recipe
    assert 'export PATH="$$HOME/.local/bin:$$PATH"' in recipe
