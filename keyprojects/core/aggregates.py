"""Aggregates that stay exact to the cent on every database.

PostgreSQL sums NUMERIC exactly. SQLite keeps decimals as binary floats and (before 3.43) sums
them naively, so a province-sized sum can drift by more than a cent. There each amount is turned
into whole cents before summing: integers add exactly, and the total divided by 100 is within
SQLite's 15 significant digits, which Django's converter restores exactly.
"""

from django.db.models import DecimalField, Sum

from keyprojects.core.numbers import round2


class MoneySum(Sum):
    """SUM of a 万元 amount (2 places), exact on SQLite and PostgreSQL. Quantize with `round2`."""

    output_field = DecimalField(max_digits=20, decimal_places=2)

    cents_template = "%(function)s(CAST(ROUND(%(distinct)s%(expressions)s * 100) AS INTEGER))"

    def as_sqlite(self, compiler, connection, **extra_context):
        # Set on a copy (not passed as template=) so that a FILTER (WHERE …) clause still follows SUM().
        cents = self.copy()
        cents.template = self.cents_template
        sql, params = cents.as_sql(compiler, connection, **extra_context)
        return f"({sql} / 100.0)", params


def money(value):
    """An aggregate's result as an exact 2-place Decimal; None stays None."""
    return None if value is None else round2(value)
