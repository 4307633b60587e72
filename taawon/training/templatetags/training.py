from django import template

register = template.Library()


@register.filter
def person(people: dict, person_id: int):
    """The person of `person_id` in a page's {id: Person} map."""
    return people.get(person_id)
