"""A participant's venture becomes a link to the grants app's funded venture (an award).

Data: the old free text is kept only where it names exactly one award, by an exact
(case-sensitive, whole) match on the award's application name; any other text (no match,
or several awards of that name) is dropped, since a wrong link would be worse than none.
"""

from django.db import migrations, models
import django.db.models.deletion


def link_by_name(apps, schema_editor):
    Participant = apps.get_model("training", "Participant")
    Award = apps.get_model("grants", "Award")
    names = set(
        Participant.objects.exclude(venture_name="").values_list("venture_name", flat=True)
    )
    for name in names:
        awards = list(Award.objects.filter(application__name=name).values_list("pk", flat=True)[:2])
        if len(awards) == 1:
            Participant.objects.filter(venture_name=name).update(venture_id=awards[0])


def unlink(apps, schema_editor):
    Participant = apps.get_model("training", "Participant")
    for p in Participant.objects.filter(venture__isnull=False).select_related(
        "venture__application"
    ):
        p.venture_name = p.venture.application.name[:200]
        p.save(update_fields=["venture_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("grants", "0001_initial"),
        ("training", "0002_catalogue"),
    ]

    operations = [
        migrations.RenameField(
            model_name="participant", old_name="venture", new_name="venture_name"
        ),
        migrations.AddField(
            model_name="participant",
            name="venture",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="training_participants",
                to="grants.award",
                verbose_name="venture represented",
            ),
        ),
        migrations.RunPython(link_by_name, unlink),
        migrations.RemoveField(model_name="participant", name="venture_name"),
    ]
