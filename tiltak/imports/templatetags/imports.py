"""The review table's cells, rendered in Python: a long plan has over a thousand inputs, and
Django's template-based widgets took most of the page's time."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def cell(field: Any, label: str, what: str, row_no: Any = "") -> SafeString:
    """A visually hidden (on wide screens) label, the control, and its error."""
    suffix = f"{what} {row_no}".strip()
    html = format_html(
        '<label class="cell-label" for="{}">{}<span class="ds-sr-only">, {}</span></label>{}',
        field.auto_id,
        label,
        suffix,
        _control(field),
    )
    if field.errors:
        html += format_html(
            '<p class="ds-validation-message" data-size="sm" id="{}-{}-feil">{}</p>',
            field.form.prefix,
            field.name,
            " ".join(field.errors),
        )
    return html


def _attrs(field: Any) -> SafeString:
    attrs = {"name": field.html_name, "id": field.auto_id, **field.field.widget.attrs}
    if getattr(field.field, "max_length", None):
        attrs["maxlength"] = field.field.max_length
    if field.field.required:
        attrs["required"] = True
    return format_html_join(
        " ",
        "{}",
        ((format_html('{}="{}"', k, v) if v is not True else k,) for k, v in attrs.items()),
    )


def _control(field: Any) -> SafeString:
    widget = field.field.widget
    value = field.value()
    if isinstance(widget, forms.CheckboxInput):
        checked = " checked" if value else ""
        return format_html('<input type="checkbox" {}{}>', _attrs(field), checked)
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((k, " selected" if str(k) == chosen else "", v) for k, v in field.field.choices),
        )
        return format_html("<select {}>{}</select>", _attrs(field), options)
    text = "" if value is None else str(value)
    if isinstance(widget, forms.Textarea):
        return format_html("<textarea {}>\n{}</textarea>", _attrs(field), text)
    return format_html('<input type="text" {} value="{}">', _attrs(field), text)
