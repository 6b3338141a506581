"""The select and checkbox/radio widgets' HTML, built in Python.

The same markup as the templates in frirum/templates/django/forms/widgets/ (select.html,
multiple_input.html, input.html, textarea.html, checkbox.html), which stay the reference:
tests/core/test_widget_html.py renders both ways and compares. A template loop costs a few
dozen lookups per option, and the registration form has several hundred options
(municipalities, counsellors, themes, bridging services): rendering them was most of the
form's time at a large centre. A plain input through its template (an include and the
attributes' loop) cost a fifth of a millisecond, as much as the rest of its field group.
"""

from django.utils.html import conditional_escape


def _text(value) -> str:
    # `{{ value|stringformat:'s' }}` and `{{ value }}` under autoescape.
    return conditional_escape(value)


def _attrs(attrs: dict, *, skip_class: bool) -> str:
    parts = []
    for name, value in attrs.items():
        if (skip_class and name == "class") or value is False:
            continue
        if value is True:
            parts.append(f" {_text(name)}")
        else:
            parts.append(f' {_text(name)}="{_text(value)}"')
    return "".join(parts)


def _class(cls: str, base: str, *, keep: bool) -> str:
    """The design system's class before the widget's own, as the templates write it; with
    `keep`, the widget's classes as they are (they name it already, or it takes none)."""
    if keep:
        return f' class="{_text(cls)}"' if cls else ""
    return f' class="{base}{" " + _text(cls) if cls else ""}"'


def render_select(widget: dict) -> str:
    attrs = widget["attrs"]
    cls = attrs.get("class") or ""
    out = [f'<select name="{_text(widget["name"])}"']
    out.append(_class(cls, "form-select", keep="form-select" in cls or attrs.get("multiple")))
    out.append(_attrs(attrs, skip_class=True))
    out.append(">")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{_text(option["value"])}"'
                f"{_attrs(option['attrs'], skip_class=False)}>{_text(option['label'])}</option>"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def render_multiple_input(widget: dict) -> str:
    attrs = widget["attrs"]
    out = ["<div"]
    if attrs.get("id"):
        out.append(f' id="{_text(attrs["id"])}"')
    if attrs.get("class"):
        out.append(f' class="{_text(attrs["class"])}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f'\n  <div><span class="form-label">{_text(group)}</span>')
        for option in options:
            kind = option["type"]
            option_attrs = option["attrs"]
            out.append(
                f'\n  <div class="form-group-{"radio" if kind == "radio" else "checkbox"}">'
                f'<input type="{_text(kind)}" name="{_text(option["name"])}"'
            )
            if option["value"] is not None:
                out.append(f' value="{_text(option["value"])}"')
            extra = option_attrs.get("class")
            out.append(f' class="form-{_text(kind)}{" " + _text(extra) if extra else ""}"')
            out.append(_attrs(option_attrs, skip_class=True))
            out.append(">")
            if option.get("wrap_label"):
                label_for = option_attrs.get("id")
                out.append(
                    f"<label{f' for={chr(34)}{_text(label_for)}{chr(34)}' if label_for else ''}>"
                    f"{_text(option['label'])}</label>"
                )
            out.append("</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def render_input(widget: dict) -> str:
    attrs = widget["attrs"]
    cls = attrs.get("class") or ""
    kind = widget["type"]
    out = [f'<input type="{_text(kind)}" name="{_text(widget["name"])}"']
    if widget["value"] is not None:
        out.append(f' value="{_text(widget["value"])}"')
    out.append(_class(cls, "form-input", keep=kind in ("hidden", "file") or "form-input" in cls))
    out.append(_attrs(attrs, skip_class=True))
    out.append(">")
    return "".join(out)


def render_textarea(widget: dict) -> str:
    attrs = widget["attrs"]
    cls = attrs.get("class") or ""
    out = [f'<textarea name="{_text(widget["name"])}"']
    out.append(_class(cls, "form-input", keep="form-input" in cls))
    out.append(_attrs(attrs, skip_class=True))
    out.append(">\n")
    if widget["value"]:
        out.append(_text(widget["value"]))
    out.append("</textarea>")
    return "".join(out)


def render_checkbox(widget: dict) -> str:
    attrs = widget["attrs"]
    cls = attrs.get("class") or ""
    out = [f'<input type="checkbox" name="{_text(widget["name"])}"']
    if widget["value"] is not None:
        out.append(f' value="{_text(widget["value"])}"')
    out.append(_class(cls, "form-checkbox", keep=False))
    out.append(_attrs(attrs, skip_class=True))
    out.append(">")
    return "".join(out)


# The widget templates that are input.html and nothing else (Django's own, unchanged).
INPUTS = ("text", "number", "email", "password", "hidden", "date", "time", "datetime")
INPUTS += ("search", "tel", "url", "color", "file", "input")

RENDERERS = {
    **{f"django/forms/widgets/{name}.html": render_input for name in INPUTS},
    "django/forms/widgets/textarea.html": render_textarea,
    "django/forms/widgets/checkbox.html": render_checkbox,
    "django/forms/widgets/select.html": render_select,
    "django/forms/widgets/radio.html": render_multiple_input,
    "django/forms/widgets/checkbox_select.html": render_multiple_input,
    "django/forms/widgets/multiple_input.html": render_multiple_input,
}
