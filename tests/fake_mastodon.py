"""A Mastodon instance's REST API as a loopback fake (docs.joinmastodon.org/methods): instance
limits, media upload, statuses with Idempotency-Key, the account's statuses, delete."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from typing import Any

import regex
from apifake import Answer, ApiFake, Call

TOKEN = "mastodonFAKEtoken_0123456789abcdefghijklmnop"
ACCOUNT = {
    "id": "109876543210",
    "username": "ptedomex",
    "acct": "ptedomex",
    "display_name": "PT Estado de México",
    "locked": False,
    "bot": False,
    "created_at": "2024-01-01T00:00:00.000Z",
    "note": "",
    "url": "https://mastodon.example.org/@ptedomex",
    "avatar": "https://mastodon.example.org/avatars/original/missing.png",
    "followers_count": 10,
    "following_count": 1,
    "statuses_count": 1,
    "fields": [],
    "emojis": [],
}


def length(text: str, per_url: int) -> int:
    """How Mastodon's StatusLengthValidator counts: grapheme clusters, each link as `per_url`."""
    links = re.findall(r"https?://\S+", text)
    rest = re.sub(r"https?://\S+", "", text)
    return len(regex.findall(r"\X", rest)) + per_url * len(links)


class MastodonFake(ApiFake):
    routes = [
        ("GET", r"/api/v2/instance/?", "instance", "instance"),
        ("GET", r"/api/v1/accounts/verify_credentials", "me", "me"),
        ("POST", r"/api/v2/media", "media", "upload"),
        ("POST", r"/api/v1/statuses", "post", "status"),
        ("GET", r"/api/v1/accounts/(?P<id>\d+)/statuses", "statuses", "statuses"),
        ("DELETE", r"/api/v1/statuses/(?P<id>\d+)", "delete", "delete"),
    ]

    def __init__(self, max_characters: int = 500, per_url: int = 23) -> None:
        super().__init__()
        self.max_characters, self.per_url = max_characters, per_url
        self.ids = itertools.count(113000000000000001)
        self.keys: dict[str, dict[str, Any]] = {}
        self.media: dict[str, dict[str, Any]] = {}
        self.deleted: list[str] = []

    def refuse(self, call: Call) -> Answer | None:
        if call.headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {"error": "The access token is invalid"}, {}
        return None

    def instance(self, call: Call) -> Answer:
        statuses = {
            "max_characters": self.max_characters,
            "max_media_attachments": 4,
            "characters_reserved_per_url": self.per_url,
        }
        return (
            200,
            {
                "domain": "mastodon.example.org",
                "title": "Mastodon de ejemplo",
                "version": "4.3.0",
                "configuration": {"statuses": statuses},
            },
            {},
        )

    def me(self, call: Call) -> Answer:
        return self.refuse(call) or (200, ACCOUNT, {})

    def upload(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        if "file" not in call.files:
            return 422, {"error": "Validation failed: File can't be blank"}, {}
        media_id = str(next(self.ids))
        self.media[media_id] = {"size": len(call.files["file"]), "description": call.form.get("description")}
        attachment = {
            "id": media_id,
            "type": "image",
            "url": f"https://mastodon.example.org/m/{media_id}.jpg",
            "preview_url": f"https://mastodon.example.org/m/{media_id}-s.jpg",
            "description": call.form.get("description"),
            "blurhash": None,
            "meta": {},
        }
        return 200, attachment, {}

    def status(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        key = call.headers.get("idempotency-key")
        if key and key in self.keys:
            return 200, self.keys[key], {}
        text = call.form.get("status", "")
        if length(text, self.per_url) > self.max_characters:
            return (
                422,
                {"error": f"Validation failed: Text character limit of {self.max_characters} exceeded"},
                {},
            )
        status_id = str(next(self.ids))
        media_ids = [v for k, v in call.form.items() if k.startswith("media_ids")]
        status = {
            "id": status_id,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "uri": f"https://mastodon.example.org/users/ptedomex/statuses/{status_id}",
            "url": f"https://mastodon.example.org/@ptedomex/{status_id}",
            "content": "<p>" + html.escape(text).replace("\n", "<br />") + "</p>",
            "visibility": call.form.get("visibility", "public"),
            "language": call.form.get("language"),
            "sensitive": False,
            "spoiler_text": "",
            "account": ACCOUNT,
            "media_attachments": [{"id": m, "type": "image", **self.media.get(m, {})} for m in media_ids],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
        }
        if key:
            self.keys[key] = status
        self.created.append({**status, "text": text, "idempotency_key": key})
        return 200, status, {}

    def statuses(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        shown = [
            {k: v for k, v in s.items() if k not in ("text", "idempotency_key")}
            for s in reversed(self.created)
            if s["id"] not in self.deleted
        ]
        return 200, shown[: int(call.query.get("limit", 20))], {}

    def delete(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        assert call.match is not None
        found = next((s for s in self.created if s["id"] == call.match["id"]), None)
        if found is None or found["id"] in self.deleted:
            return 404, {"error": "Record not found"}, {}
        self.deleted.append(found["id"])
        return 200, {**found, "text": found["text"]}, {}
