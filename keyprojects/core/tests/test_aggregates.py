from decimal import Decimal

from keyprojects.core.aggregates import MoneySum, money
from keyprojects.projects.models import Project
from keyprojects.testing.factories import ProjectFactory


def test_a_sum_of_many_cents_is_exact(people):
    ProjectFactory.create_batch(300, region=people.county_a_region, total_investment=Decimal("0.10"))
    ProjectFactory(region=people.county_a_region, total_investment=Decimal("12345678901.23"))
    total = Project.objects.filter(region=people.county_a_region).aggregate(t=MoneySum("total_investment"))["t"]
    assert money(total) == Decimal("12345678931.23") + Decimal("10000.00")  # project A is 10,000.00


def test_a_filtered_sum_is_exact_too(people):
    from django.db.models import Q

    ProjectFactory.create_batch(3, region=people.county_b_region, total_investment=Decimal("0.01"))
    total = Project.objects.aggregate(t=MoneySum("total_investment", filter=Q(region=people.county_b_region)))["t"]
    assert money(total) == Decimal("10000.03")
