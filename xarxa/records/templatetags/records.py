from django import template

from xarxa.records.selectors import case_list_for_person

register = template.Library()


@register.simple_tag(takes_context=True)
def person_cases(context, person):
    """The person's case files the signed-in user may open."""
    return case_list_for_person(context["request"].user, person)
