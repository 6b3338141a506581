from django import template

from frirum.trash.access import can_delete_records

register = template.Library()


@register.filter
def may_delete(user, site) -> bool:
    """{% if request.user|may_delete:site %}: show a delete button only to who may use it."""
    return can_delete_records(user, site)


@register.simple_tag
def retention_days() -> int:
    from frirum.trash.actions import retention_days as days

    return days()
