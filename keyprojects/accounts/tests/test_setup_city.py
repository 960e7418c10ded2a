import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from keyprojects.accounts.models import Region
from keyprojects.accounts.services import setup_city
from keyprojects.core.models import ChangeLogEntry


def test_setup_city_makes_chengdu_with_its_current_districts(db):
    city = setup_city(code="510100")
    counties = {region.code: region.name for region in city.children.all()}
    assert city.name == "成都市" and city.is_managed_city
    assert counties["510118"] == "新津区"  # 新津县 became 新津区 in 2020
    assert len(counties) == 20
    assert all(region.is_ranked for region in city.children.all())
    assert city.parent.name == "四川省"


def test_setup_city_twice_changes_nothing(db):
    setup_city(code="411000")
    regions, entries = Region.objects.count(), ChangeLogEntry.objects.count()
    setup_city(code="411000")
    assert Region.objects.count() == regions
    assert ChangeLogEntry.objects.count() == entries


def test_a_second_city_is_refused(db):
    setup_city(code="411000")
    with pytest.raises(ValidationError, match="已设置管理许昌市"):
        setup_city(code="510100")
    assert not Region.objects.filter(code="510100").exists()


def test_a_municipality_is_set_up_by_its_province_code(db):
    city = setup_city(code="110000")
    assert city.name == "北京市"
    assert city.children.filter(name="海淀区").exists()


def test_the_command_refuses_an_unknown_code_with_a_clear_message(db):
    with pytest.raises(CommandError, match="999999.*不是地级市"):
        call_command("setup-city", "999999")
    assert not Region.objects.exists()


def test_the_command_names_the_counties_it_set_up(db, capsys):
    call_command("setup-city", "411000")
    out = capsys.readouterr().out
    assert "许昌市（411000）" in out and "建安区" in out and "长葛市" in out
