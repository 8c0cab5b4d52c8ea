"""Widgets for long choice lists.

Django renders every <option> of a Select through a template of its own: for the 2,000 groups
of a filter that is most of a page's time (0.4 s a list at national scale). `LongSelect`
writes the same HTML in Python, the attributes through the same flatatt, in a few
milliseconds. Use it for selects of groups, bodies and other lists that grow with the data.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                f'<option value="{conditional_escape(str(option["value"]))}"'
                f"{flatatt(option['attrs'])}>{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))
