from django.core.management import call_command

from keyprojects.accounts.models import User
from keyprojects.projects.models import AnnualEntry, Project


def test_the_demo_city_has_every_role_and_a_366_project_annual_list(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    for username in ("city", "county", "dept", "owner", "leader", "invest"):
        assert User.objects.get(username=username).check_password("keyprojects")
        assert username in out
    assert AnnualEntry.objects.current().filter(year=2026).count() == 366
    assert Project.objects.filter(owner__users__username="owner").exists()
    assert Project.objects.filter(modules__isnull=False).distinct().count() == 2
    before = (Project.objects.count(), AnnualEntry.objects.count())
    call_command("demo")
    assert (Project.objects.count(), AnnualEntry.objects.count()) == before
