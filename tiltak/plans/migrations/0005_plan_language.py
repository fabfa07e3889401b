"""A plan's written Norwegian (bokmål or nynorsk); existing plans read from their stored text."""

from typing import Any

from django.db import migrations, models

from tiltak.documents.language import detect_language


def detect_stored(apps: Any, schema_editor: Any) -> None:
    """Plans whose titles, chapters and measures are nynorsk become «nn»; the rest stay «nb»."""
    Plan = apps.get_model("plans", "Plan")
    for plan in Plan.objects.all().iterator():
        texts = [plan.title, plan.subtitle]
        texts += list(plan.chapters.values_list("title", flat=True))
        texts += list(plan.measures.values_list("title", flat=True)[:500])
        if detect_language(" ".join(texts)) == "nn":
            Plan.objects.filter(pk=plan.pk).update(language="nn")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_round_models_to_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="language",
            field=models.CharField(
                choices=[("nb", "Bokmål"), ("nn", "Nynorsk")],
                default="nb",
                help_text="Målformen planen er skrevet på; de offentlige sidene viser statusene i den.",
                max_length=2,
                verbose_name="målform",
            ),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.CheckConstraint(
                condition=models.Q(("language__in", ["nb", "nn"])), name="plan_language_valid"
            ),
        ),
        migrations.RunPython(detect_stored, migrations.RunPython.noop),
    ]
