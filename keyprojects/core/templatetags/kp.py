from django import template

from keyprojects.core import dates, numbers

register = template.Library()

register.filter("wan", numbers.format_wan)
register.filter("yi", numbers.format_yi)
register.filter("pct", numbers.format_rate)
register.filter("logged", dates.logged_value)  # a change-log value: ISO datetimes in Beijing time
