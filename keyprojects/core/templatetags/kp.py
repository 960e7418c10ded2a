from django import template

from keyprojects.core import numbers

register = template.Library()

register.filter("wan", numbers.format_wan)
register.filter("yi", numbers.format_yi)
register.filter("pct", numbers.format_rate)
