"""The X API (v2 tweets and users, v1.1 media upload) as a fake, with the shapes of
docs.x.com: served on loopback (`api` setting) or through `responses` on X's fixed hosts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from typing import Any

import requests
import responses
from apifake import Answer, ApiFake, Call, parse
from urllib3.exceptions import ProtocolError

CREDENTIALS = {
    "X_API_KEY": "xkeyFAKEconsumer0123456789",
    "X_API_SECRET": "xsecretFAKEconsumer0123456789abcdefghijklmnopq",
    "X_ACCESS_TOKEN": "1234567890-xtokenFAKEaccess0123456789abcdef",
    "X_ACCESS_SECRET": "xaccesssecretFAKE0123456789abcdefghijklmnop",
}
USER = {"id": "2244994945", "name": "PT Edomex", "username": "PTEdomex"}


def problem(status: int, title: str, detail: str) -> dict[str, Any]:
    return {"title": title, "detail": detail, "type": "about:blank", "status": status}


DUPLICATE = problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")


class XFake(ApiFake):
    routes = [
        ("POST", r"/2/tweets", "post", "tweet"),
        ("DELETE", r"/2/tweets/(?P<id>\d+)", "delete", "delete"),
        ("GET", r"/2/users/me", "me", "me"),
        ("GET", r"/2/users/(?P<id>\d+)/tweets", "timeline", "timeline"),
        ("POST", r"/1\.1/media/upload\.json", "upload", "upload"),
        ("POST", r"/1\.1/media/metadata/create\.json", "alt", "alt"),
    ]

    def __init__(self, timeline_allowed: bool = True) -> None:
        super().__init__()
        self.ids = itertools.count(1861000000000000001)
        self.timeline_allowed = timeline_allowed
        self.media: dict[str, dict[str, Any]] = {}
        self.deleted: list[str] = []

    def refuse(self, call: Call) -> Answer | None:
        auth = call.headers.get("authorization", "")
        wanted = (
            f'oauth_consumer_key="{CREDENTIALS["X_API_KEY"]}"',
            f'oauth_token="{CREDENTIALS["X_ACCESS_TOKEN"]}"',
        )
        if not auth.startswith("OAuth ") or not all(part in auth for part in wanted):
            return 401, problem(401, "Unauthorized", "Unauthorized"), {}
        return None

    def tweet(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        text = call.form.get("text", "")
        if any(c["text"] == text for c in self.created if c["id"] not in self.deleted):
            return 403, DUPLICATE, {}
        media = (call.form.get("media") or {}).get("media_ids", [])
        if any(m not in self.media for m in media):
            return (
                400,
                problem(400, "Invalid Request", "One or more parameters to your request was invalid."),
                {},
            )
        tweet_id = str(next(self.ids))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.created.append({"id": tweet_id, "text": text, "media_ids": media, "created_at": now})
        return 201, {"data": {"id": tweet_id, "text": text, "edit_history_tweet_ids": [tweet_id]}}, {}

    def delete(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        assert call.match is not None
        self.deleted.append(call.match["id"])
        return 200, {"data": {"deleted": True}}, {}

    def me(self, call: Call) -> Answer:
        return self.refuse(call) or (200, {"data": USER}, {})

    def timeline(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        if not self.timeline_allowed:
            detail = "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project."
            return (
                403,
                {
                    "title": "Client Forbidden",
                    "detail": detail,
                    "reason": "client-not-enrolled",
                    "type": "https://api.twitter.com/2/problems/client-forbidden",
                },
                {},
            )
        data = []
        for c in reversed(self.created):
            if c["id"] in self.deleted:
                continue
            urls = [
                {"url": "https://t.co/abc", "expanded_url": u, "display_url": u.split("//")[1][:20]}
                for u in re.findall(r"https?://\S+", c["text"])
            ]
            data.append(
                {
                    "id": c["id"],
                    "text": c["text"],
                    "created_at": c["created_at"],
                    "entities": {"urls": urls},
                    "edit_history_tweet_ids": [c["id"]],
                }
            )
        return 200, {"data": data, "meta": {"result_count": len(data)}}, {}

    def upload(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        media_id = str(next(self.ids))
        self.media[media_id] = {"size": len(call.files.get("media", b""))}
        image = {"image_type": "image/jpeg", "w": 960, "h": 640}
        return (
            200,
            {
                "media_id": int(media_id),
                "media_id_string": media_id,
                "size": self.media[media_id]["size"],
                "expires_after_secs": 86400,
                "image": image,
            },
            {},
        )

    def alt(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        self.media[call.form["media_id"]]["alt"] = call.form["alt_text"]["text"]
        return 200, b"", {}

    def intercept(self, mock: responses.RequestsMock) -> None:
        """Answer for X's real hosts inside a `responses` mock (no socket opened)."""

        def callback(request: Any) -> tuple[int, dict[str, str], bytes]:
            body = request.body or b""
            body = body.encode() if isinstance(body, str) else body
            headers = {k.lower(): v for k, v in request.headers.items()}
            target = request.url.split("://", 1)[1].split("/", 1)[1]
            answer, fault = self.dispatch(parse(request.method, "/" + target, headers, body))
            if fault is not None:
                if fault.reset:  # what requests raises when the peer drops the connection mid-answer
                    reset = ConnectionResetError(104, "Connection reset by peer")
                    raise requests.ConnectionError(ProtocolError("Connection aborted.", reset))
                if fault.hang:
                    raise requests.ReadTimeout(
                        "HTTPSConnectionPool(host='api.twitter.com', port=443): Read timed out."
                    )
                answer = (fault.status, fault.body, fault.headers)
            assert answer is not None
            status, data, extra = answer
            payload = data if isinstance(data, bytes) else json.dumps(data).encode()
            return status, {"Content-Type": "application/json", **extra}, payload

        mock.add_passthru("http://127.0.0.1")  # the site's own verification goes through
        for host in ("https://api.twitter.com", "https://upload.twitter.com"):
            for method in ("GET", "POST", "DELETE"):
                mock.add_callback(method, re.compile(re.escape(host) + r"/.*"), callback=callback)
