"""``{% fixed_url 'name' %}`` and ``{% fixed_static 'path' %}``: ``{% url %}`` and
``{% static %}`` for the links every page has, worked out once (config.fixed_urls)."""

from django import template

from config import fixed_urls

register = template.Library()
register.simple_tag(fixed_urls.fixed_url, name="fixed_url")
register.simple_tag(fixed_urls.fixed_static, name="fixed_static")
