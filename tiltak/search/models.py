"""The search index: one document per status entry (a measure's title and narrative in a round).

On SQLite the FTS5 table `search_fts` indexes the `title` and `narrative` columns (stemmed
words) and `scope` (the token r<round id>, so FTS5 itself keeps to the rounds searched) of this
table as its external content, kept in step by triggers (migration 0001). On PostgreSQL the
column `vector` (tsvector, GIN-indexed, added by the same migration) holds the weighted words
and `title`, `narrative` and `scope` stay empty. Write only through `services`.
Note: altering this table on SQLite remakes it and drops the triggers; recreate them then.
"""

from __future__ import annotations

from django.db import models

from tiltak.rounds.models import ReportingRound, StatusEntry


class SearchDocument(models.Model):
    """The indexed text of one status entry."""

    entry = models.OneToOneField(
        StatusEntry,
        verbose_name="tiltaksstatus",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    round = models.ForeignKey(
        ReportingRound,
        verbose_name="rapporteringsrunde",
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    digest = models.CharField("kildens sjekksum", max_length=40)
    title = models.TextField("tittel (stammer)", blank=True)
    narrative = models.TextField("omtale (stammer)", blank=True)
    scope = models.CharField("avgrensning", max_length=40, blank=True)

    class Meta:
        verbose_name = "søkedokument"
        verbose_name_plural = "søkedokumenter"

    def __str__(self) -> str:
        return f"search document of entry {self.entry_id}"


class SearchWord(models.Model):
    """A word of a round's indexed texts and how often it occurs there: the vocabulary that
    "Mente du …" suggestions and compound splitting draw on, the same on both databases.
    """

    round = models.ForeignKey(
        ReportingRound,
        verbose_name="rapporteringsrunde",
        on_delete=models.CASCADE,
        related_name="search_words",
    )
    word = models.CharField("ord", max_length=60)
    stem = models.CharField("stamme", max_length=60, db_index=True)
    count = models.PositiveIntegerField("forekomster")

    class Meta:
        verbose_name = "søkeord"
        verbose_name_plural = "søkeord"
        constraints = [
            models.UniqueConstraint(fields=["round", "word"], name="search_word_unique_in_round")
        ]

    def __str__(self) -> str:
        return f"{self.word} ({self.count})"


class SearchImpact(models.Model):
    """How much one stem weighs in one document of a plan's latest public round: the champion
    lists that bound the work of a search over all plans (PostgreSQL only; see selectors).

    Derived from `SearchDocument.vector` by `services.refresh_impacts`; a round's rows are
    dropped when its documents are rewritten or it stops being its plan's latest public round.
    """

    pk = models.CompositePrimaryKey("entry", "stem")
    entry = models.ForeignKey(
        StatusEntry,
        verbose_name="tiltaksstatus",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the primary key (entry, stem) serves lookups by entry
    )
    stem = models.TextField("stamme")
    impact = models.FloatField("vekt")

    class Meta:
        verbose_name = "ordvekt"
        verbose_name_plural = "ordvekter"
        # entry_id in the index: the lists are read from it alone (index-only scans)
        indexes = [
            models.Index(
                fields=["stem", "-impact"], include=["entry"], name="search_impact_champions"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stem} in entry {self.entry_id}: {self.impact:.3f}"


class ImpactedRound(models.Model):
    """A round whose champion-list rows (`SearchImpact`) are built and current."""

    round = models.OneToOneField(
        ReportingRound,
        verbose_name="rapporteringsrunde",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = "runde med ordvekter"
        verbose_name_plural = "runder med ordvekter"

    def __str__(self) -> str:
        return f"impacts of round {self.round_id}"
