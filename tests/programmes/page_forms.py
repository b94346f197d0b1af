"""Read a page's main form the way a browser submits it: what is filled in, ticked and selected, nothing else."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import QueryDict


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = QueryDict(mutable=True)
        self.labels: dict[str, str] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict[str, str] | None = None
        self._option_text = ""
        self._textarea: str | None = None
        self._textarea_text = ""
        self._label_for: str | None = None
        self._label_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            if self.form_id is None:
                self.inside = "action" not in a or a["action"] == ""
            else:
                self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        if tag == "label" and a.get("for"):
            self._label_for, self._label_text = a["for"], ""
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data.appendlist(a["name"], a.get("value", "on"))
            else:
                self.data.appendlist(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a.get("name"), None, False
        elif tag == "option" and self._select:
            self._option, self._option_text = a, ""
        elif tag == "textarea":
            self._textarea, self._textarea_text = a.get("name"), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = " ".join(self._label_text.split())
            self._label_for = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", self._option_text.strip())
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option and not self._select_chosen:
                self.data.appendlist(self._select, value)
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.data.appendlist(self._select, self._select_first)  # a browser submits the first option
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.appendlist(self._textarea, self._textarea_text.removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data
        if self._textarea:
            self._textarea_text += data
        if self._label_for:
            self._label_text += data


def read_form(html: str, form_id: str | None = None) -> tuple[QueryDict, dict[str, str]]:
    """(what the page's form submits unchanged, label text by the id it is for). Without `form_id`: the POST form
    that posts to the page itself (no action)."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data, reader.labels
