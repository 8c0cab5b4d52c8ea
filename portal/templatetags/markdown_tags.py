from django import template

from portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value) -> str:
    """Render a Markdown subset, sanitised: {{ section.body|markdown }}."""
    return render_markdown(str(value or ""))
