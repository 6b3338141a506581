from django import template

from frirum.questionnaires.selectors import contact_feedback

register = template.Library()


@register.simple_tag
def contact_feedback_for(contact) -> dict:
    """The contact page's questionnaire panel data; the contact was resolved by its access helper."""
    return contact_feedback(contact)
