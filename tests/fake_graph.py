"""Meta's Graph API (Facebook Page posts, Instagram content publishing) as a loopback fake, with
the request and response shapes of developers.facebook.com/docs/graph-api."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from apifake import Answer, ApiFake, Call

FACEBOOK_TOKEN = "EAAGfakePAGEtokenFORtests0123456789abcdef"
INSTAGRAM_TOKEN = "EAAGfakeINSTAGRAMtokenFORtests9876543210zyx"
PAGE = "104857600123456"
IG_USER = "17841400008460056"
V = r"/v\d+\.\d+"


def graph_error(
    code: int, message: str, subcode: int | None = None, kind: str = "OAuthException"
) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfGh123"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


EXPIRED = graph_error(190, "Error validating access token: Session has expired on Tuesday, 24-Nov-26.", 463)


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


class GraphFake(ApiFake):
    routes = [
        ("POST", rf"{V}/(?P<page>\d+)/feed", "post", "feed"),
        ("POST", rf"{V}/(?P<page>\d+)/photos", "post", "photos"),
        ("GET", rf"{V}/(?P<page>\d+)/posts", "posts", "list_posts"),
        ("POST", rf"{V}/(?P<user>\d+)/media", "container", "container"),
        ("POST", rf"{V}/(?P<user>\d+)/media_publish", "publish", "publish"),
        ("GET", rf"{V}/(?P<user>\d+)/media", "media", "list_media"),
        ("GET", rf"{V}/me", "me", "me"),
        ("GET", rf"{V}/(?P<object>[\w]+)", "object", "get_object"),
        ("DELETE", rf"{V}/(?P<object>[\w]+)", "delete", "delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ids = itertools.count(900000001)
        self.containers: dict[str, dict[str, Any]] = {}
        self.pending_polls = 0  # how many status checks answer IN_PROGRESS before FINISHED
        self.deleted: list[str] = []

    def token(self, call: Call) -> str:
        return call.headers.get("authorization", "").removeprefix("Bearer ")

    def refuse(self, call: Call, wanted: str) -> Answer | None:
        if self.token(call) != wanted:
            return 400, EXPIRED, {}
        return None

    # -- Facebook --
    def feed(self, call: Call) -> Answer:
        refused = self.refuse(call, FACEBOOK_TOKEN)
        if refused:
            return refused
        if not call.form.get("message") and not call.form.get("link"):
            return (
                400,
                graph_error(100, "(#100) Missing message or attachment", kind="GraphMethodException"),
                {},
            )
        post = f"{PAGE}_{next(self.ids)}"
        self.created.append({"kind": "feed", "id": post, "time": now(), **call.form})
        return 200, {"id": post}, {}

    def photos(self, call: Call) -> Answer:
        refused = self.refuse(call, FACEBOOK_TOKEN)
        if refused:
            return refused
        photo = str(next(self.ids))
        post = f"{PAGE}_{next(self.ids)}"
        self.created.append(
            {"kind": "photo", "id": post, "time": now(), "message": call.form.get("caption"), **call.form}
        )
        return 200, {"id": photo, "post_id": post}, {}

    def list_posts(self, call: Call) -> Answer:
        refused = self.refuse(call, FACEBOOK_TOKEN)
        if refused:
            return refused
        data = [
            {
                "id": c["id"],
                "message": c.get("message"),
                "created_time": c["time"],
                "permalink_url": f"https://www.facebook.com/{c['id']}",
            }
            for c in reversed(self.created)
            if c["id"] not in self.deleted
        ]
        return 200, {"data": data, "paging": {}}, {}

    def me(self, call: Call) -> Answer:
        refused = self.refuse(call, FACEBOOK_TOKEN)
        if refused:
            return refused
        return 200, {"id": PAGE, "name": "PT Estado de México"}, {}

    def delete(self, call: Call) -> Answer:
        refused = self.refuse(call, FACEBOOK_TOKEN)
        if refused:
            return refused
        assert call.match is not None
        post = call.match["object"]
        if post in self.deleted or not any(
            c["id"] == post and c["kind"] != "instagram" for c in self.created
        ):
            message = (
                f"Unsupported delete request. Object with ID '{post}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation. Please read the Graph API "
                "documentation at https://developers.facebook.com/docs/graph-api"
            )
            return 400, graph_error(100, message, 33, "GraphMethodException"), {}
        self.deleted.append(post)
        return 200, {"success": True}, {}

    # -- Instagram --
    def container(self, call: Call) -> Answer:
        refused = self.refuse(call, INSTAGRAM_TOKEN)
        if refused:
            return refused
        caption = call.form.get("caption", "")
        if len(caption) > 2200 or caption.count("#") > 30:
            return 400, graph_error(100, "The caption is too long or has too many hashtags", 2207010), {}
        container = str(next(self.ids))
        self.containers[container] = {**call.form, "polls": self.pending_polls}
        return 200, {"id": container}, {}

    def publish(self, call: Call) -> Answer:
        refused = self.refuse(call, INSTAGRAM_TOKEN)
        if refused:
            return refused
        container = self.containers.get(call.form.get("creation_id", ""))
        if container is None:
            return 400, graph_error(100, "Invalid creation_id", kind="GraphMethodException"), {}
        media = str(next(self.ids))
        self.created.append({"kind": "instagram", "id": media, "time": now(), **container})
        return 200, {"id": media}, {}

    def list_media(self, call: Call) -> Answer:
        refused = self.refuse(call, INSTAGRAM_TOKEN)
        if refused:
            return refused
        data = [
            {
                "id": c["id"],
                "caption": c.get("caption"),
                "timestamp": c["time"],
                "permalink": f"https://www.instagram.com/p/{c['id']}/",
            }
            for c in reversed(self.created)
            if c["kind"] == "instagram"
        ]
        return 200, {"data": data}, {}

    def get_object(self, call: Call) -> Answer:
        assert call.match is not None
        key = call.match["object"]
        if key == IG_USER:
            refused = self.refuse(call, INSTAGRAM_TOKEN)
            return refused or (200, {"id": IG_USER, "username": "ptedomex"}, {})
        if key in self.containers:
            container = self.containers[key]
            if container["polls"] > 0:
                container["polls"] -= 1
                return 200, {"id": key, "status_code": "IN_PROGRESS", "status": "In Progress"}, {}
            return 200, {"id": key, "status_code": "FINISHED", "status": "Finished"}, {}
        for created in self.created:
            if created["id"] == key:
                return 200, {"id": key, "permalink": f"https://www.instagram.com/p/{key}/"}, {}
        return 404, graph_error(100, "Unsupported get request.", 33, "GraphMethodException"), {}
