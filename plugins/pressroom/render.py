"""Markdown body to safe HTML: editors' raw HTML is cleaned against an allowlist."""

from __future__ import annotations

import markdown
import nh3

EXTENSIONS = ["extra", "sane_lists"]

# What the theme styles. No img/iframe: photos and videos come from front matter, so the body can
# never make a reader's browser call a third party.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "mark",
    "small", "sub", "sup", "abbr", "cite", "q", "code", "pre", "kbd", "blockquote", "ul", "ol",
    "li", "dl", "dt", "dd", "a", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "figure", "figcaption", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def to_html(source: str) -> str:
    html = markdown.markdown(source, extensions=EXTENSIONS, output_format="html")
    # the page title is the only h1: an editor's '# Subtítulo' becomes a second-level heading
    html = html.replace("<h1", "<h2").replace("</h1>", "</h2>")
    return sanitize(html)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )
