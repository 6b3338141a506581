from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share (0-1) as a whole percentage for people to read; the figure itself stays exact."""
    if share is None:
        return "\u2013"  # an en dash: no figure
    return f"{number_format(round(share * 100), 0)} %"


@register.filter
def bar_width(share) -> int:
    """A share as a width in percent for a CSS bar; 0 when there is nothing to show."""
    if not share:
        return 0
    return max(0, min(100, round(share * 100)))
