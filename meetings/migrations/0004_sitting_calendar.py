# Calendar identity and versioning of sittings, and the tombstones of deleted sittings.

import uuid

import django.db.models.deletion
import django.utils.timezone
import meetings.translations
from django.db import migrations, models


def give_each_sitting_a_uid(apps, schema_editor):
    # A callable default is evaluated once for AddField, so existing rows get theirs here.
    Sitting = apps.get_model("meetings", "Sitting")
    for sitting in Sitting.objects.only("pk"):
        sitting.uid = uuid.uuid4()
        sitting.save(update_fields=["uid"])


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_secretariat_and_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='sitting',
            name='uid',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_sitting_a_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='sitting',
            name='uid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name='sitting',
            name='sequence',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='sitting',
            name='changed_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.CreateModel(
            name='RemovedSitting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('session_number', models.PositiveIntegerField()),
                ('session_title', meetings.translations.TranslatedTextField(blank=True, default=dict)),
                ('original_language', models.CharField(choices=[('ar', 'Arabic'), ('zh', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], default='en', max_length=2)),
                ('uid', models.UUIDField(unique=True)),
                ('number', models.PositiveIntegerField()),
                ('date', models.DateField()),
                ('start_time', models.TimeField(blank=True, null=True)),
                ('end_time', models.TimeField(blank=True, null=True)),
                ('time_zone', models.CharField(max_length=64)),
                ('sequence', models.PositiveIntegerField()),
                ('removed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('body', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='removed_sittings', to='meetings.body')),
            ],
            options={
                'ordering': ['date', 'start_time', 'number'],
                'indexes': [models.Index(fields=['body', 'session_number'], name='meetings_re_body_id_8783c1_idx')],
            },
        ),
    ]
