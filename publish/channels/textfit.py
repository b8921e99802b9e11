"""How each network counts a post's length, and cutting text on a word boundary to fit. Pure.

- X counts as twitter-text v3 does (config/v3.json of github.com/twitter/twitter-text): the text
  NFC-normalised; code points in four ranges weigh 1 and every other one 2; an emoji, even a
  sequence joined by zero-width joiners, weighs 2 as a whole; a link weighs 23 whatever its length.
- Mastodon counts grapheme clusters, with each link counted as `characters_reserved_per_url`.
- Bluesky counts grapheme clusters (300 at most), the link at its full length.
- Telegram counts UTF-16 code units of the text left after parsing the HTML entities.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import regex

X_LIMIT = 280
X_URL_WEIGHT = 23
# twitter-text v3: (first, last) code points that weigh 1 (scale 100: weight 100 of a default 200)
X_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))

URL = regex.compile(r"https?://[^\s<>\"]+")
# a bare domain such as edomex.gob.mx, which X may also turn into a 23-character link
BARE_DOMAIN = regex.compile(r"(?<![\w@/.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s]*)?(?![\w-])", regex.IGNORECASE)
GRAPHEME = regex.compile(r"\X")
EMOJI = regex.compile(r"\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3")

ELLIPSIS = "…"
TRAILING = " ,.;:—–-(\"'«“"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def graphemes(text: str) -> int:
    return len(GRAPHEME.findall(nfc(text)))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _x_plain_weight(text: str) -> int:
    weight = 0
    for cluster in GRAPHEME.findall(text):
        if EMOJI.search(cluster):
            weight += 2
            continue
        for char in cluster:
            code = ord(char)
            weight += 1 if any(first <= code <= last for first, last in X_LIGHT_RANGES) else 2
    return weight


def x_weight(text: str) -> int:
    """The weighted length X counts for a post (at most X_LIMIT is accepted).

    A bare domain (no http://) counts as the larger of 23 and its own weight, since X may or may
    not turn it into a link: the count is never below what X finds."""
    text = nfc(text)
    weight = 0
    position = 0
    for match in URL.finditer(text):
        weight += _x_rest_weight(text[position : match.start()]) + X_URL_WEIGHT
        position = match.end()
    return weight + _x_rest_weight(text[position:])


def _x_rest_weight(text: str) -> int:
    weight = 0
    position = 0
    for match in BARE_DOMAIN.finditer(text):
        weight += _x_plain_weight(text[position : match.start()])
        weight += max(X_URL_WEIGHT, _x_plain_weight(match.group()))
        position = match.end()
    return weight + _x_plain_weight(text[position:])


def mastodon_length(text: str, url_weight: int = 23) -> int:
    text = nfc(text)
    links = URL.findall(text)
    return graphemes(URL.sub("", text)) + url_weight * len(links)


def cuts(text: str) -> list[str]:
    """`text` whole, then shorter and shorter versions cut after a whole word, each ending in "…"."""
    text = nfc(text).strip()
    found = [text]
    words = [m.start() for m in regex.finditer(r"\s+", text)]
    for end in reversed(words):
        head = text[:end].rstrip(TRAILING)
        if head:
            found.append(head + ELLIPSIS)
    return found


def hard_cut(text: str, fits: Callable[[str], bool]) -> str:
    """The longest prefix (whole graphemes) plus "…" that fits; for a single endless word."""
    clusters = GRAPHEME.findall(nfc(text))
    low, high = 0, len(clusters)
    while low < high:
        middle = (low + high + 1) // 2
        if fits("".join(clusters[:middle]) + ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    return "".join(clusters[:low]) + ELLIPSIS if low else ""


def fit(text: str, fits: Callable[[str], bool]) -> str:
    """The longest of `cuts(text)` for which `fits` holds; a hard cut if no whole word fits."""
    for candidate in cuts(text):
        if fits(candidate):
            return candidate
    return hard_cut(text, fits)


def cut_to(text: str, limit: int, measure: Callable[[str], int] = graphemes) -> str:
    """`text` cut on a word boundary so that measure(result) <= limit."""
    return fit(text, lambda candidate: measure(candidate) <= limit)
