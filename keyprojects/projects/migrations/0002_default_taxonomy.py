from django.db import migrations

from keyprojects.projects.taxonomy import DEFAULT_CHAINS, DEFAULT_DOMAINS


def install(apps, schema_editor):
    Domain = apps.get_model("projects", "Domain")
    Industry = apps.get_model("projects", "Industry")
    IndustryChain = apps.get_model("projects", "IndustryChain")
    for order, (domain_name, industries) in enumerate(DEFAULT_DOMAINS.items(), start=1):
        domain, _ = Domain.objects.get_or_create(name=domain_name, defaults={"sort_order": order})
        for position, name in enumerate(industries, start=1):
            Industry.objects.get_or_create(domain=domain, name=name, defaults={"sort_order": position})
    for order, name in enumerate(DEFAULT_CHAINS, start=1):
        IndustryChain.objects.get_or_create(name=name, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
