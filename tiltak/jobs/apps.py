from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "tiltak.jobs"
    label = "jobs"
    verbose_name = "Bakgrunnsjobber"
