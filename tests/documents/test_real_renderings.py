"""The development set (``corpus/real``) as users bring it: Word documents and PDFs exported from
Word or LibreOffice, made of the plain-text excerpts without changing their text.

Measured with LibreOffice 7.4 (``scripts/score_real_renderings.py``): every format reads 260 of
260 checked fields, no extra measure, no file refused, as the text does. Before the readers
learned typed list markers, written space glyphs and typed bullets without a hanging indent:
LibreOffice's DOCX 137/260 (6 files refused), the Word-like DOCX 137/260 (6 refused),
LibreOffice's PDF of the text and of its DOCX 62/280 (20 extra, 1 refused), the PDF of the
Word-like DOCX 222/264 (4 extra).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.render import PLAIN_TEXT_FORMATS
from tiltak.documents.evaluation import FileScore, ground_truth, score_path

# Below the measured 100 %: another LibreOffice version or font may wrap a line elsewhere.
REQUIRED = 0.98


@pytest.fixture(scope="module")
def rendered_scores(
    real_renderings: dict[str, dict[str, Path]], corpus_dir: Path
) -> dict[str, list[FileScore]]:
    truths = ground_truth(corpus_dir / "real")
    return {
        fmt: [score_path(name, real_renderings[fmt][name], truths[name]) for name in sorted(truths)]
        for fmt in PLAIN_TEXT_FORMATS
    }


@pytest.mark.parametrize("fmt", PLAIN_TEXT_FORMATS)
def test_rendering_reads_like_the_text(
    rendered_scores: dict[str, list[FileScore]], fmt: str
) -> None:
    scores = rendered_scores[fmt]
    right = sum(score.right for score in scores)
    total = sum(score.total for score in scores)
    misses = [f"{s.name}: {miss}" for s in scores for miss in s.misses]
    assert right / total >= REQUIRED, "\n".join(misses)


@pytest.mark.parametrize("fmt", PLAIN_TEXT_FORMATS)
def test_no_rendering_is_refused_or_grows_measures(
    rendered_scores: dict[str, list[FileScore]], fmt: str
) -> None:
    scores = rendered_scores[fmt]
    assert [(s.name, s.error) for s in scores if s.error] == []
    assert [(s.name, s.extra) for s in scores if s.extra] == []


@pytest.mark.parametrize("fmt", PLAIN_TEXT_FORMATS)
def test_every_rendered_file_scores_well(
    rendered_scores: dict[str, list[FileScore]], fmt: str
) -> None:
    # One file failing badly is a shape the reader loses, whatever the total says.
    assert [(s.name, f"{s.ratio:.0%}") for s in rendered_scores[fmt] if s.ratio < 0.9] == []
