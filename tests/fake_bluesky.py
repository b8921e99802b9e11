"""A Bluesky PDS's XRPC endpoints as a loopback fake (atproto.com/specs/xrpc and the
com.atproto.* lexicons): sessions with expiring access tokens, uploadBlob, createRecord with a
given rkey, getRecord, deleteRecord (a no-op for a record that is not there, as on a PDS). It
checks what a PDS checks of a post: at most 300 graphemes, facets whose UTF-8 byte ranges land on
what they claim."""

from __future__ import annotations

import base64
import hashlib
import json
import time
from typing import Any

import regex
from apifake import Answer, ApiFake, Call

HANDLE = "ptedomex.example.org"
DID = "did:plc:ptedomexfake0000000000000"
PASSWORD = "abcd-efgh-ijkl-mnop"
COLLECTION = "app.bsky.feed.post"


def cid(data: bytes, codec: int = 0x71) -> str:
    """A CIDv1 (sha2-256) in base32, as a PDS returns for records (dag-cbor) and blobs (raw)."""
    raw = bytes([0x01, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(raw).decode().lower().rstrip("=")


def jwt(scope: str, serial: int) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    now = int(time.time())
    claims = {
        "scope": scope,
        "sub": DID,
        "aud": "did:web:pds.example.org",
        "iat": now,
        "exp": now + 7200,
        "jti": str(serial),
    }
    signature = base64.urlsafe_b64encode(f"firma-{serial}".encode()).decode().rstrip("=")
    return f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(claims)}.{signature}"


def xrpc_error(status: int, name: str, message: str) -> Answer:
    return status, {"error": name, "message": message}, {}


class BlueskyFake(ApiFake):
    routes = [
        ("POST", r"/xrpc/com\.atproto\.server\.createSession", "login", "create_session"),
        ("POST", r"/xrpc/com\.atproto\.server\.refreshSession", "refresh", "refresh_session"),
        ("POST", r"/xrpc/com\.atproto\.repo\.uploadBlob", "blob", "upload_blob"),
        ("POST", r"/xrpc/com\.atproto\.repo\.createRecord", "post", "create_record"),
        ("GET", r"/xrpc/com\.atproto\.repo\.getRecord", "get", "get_record"),
        ("POST", r"/xrpc/com\.atproto\.repo\.deleteRecord", "delete", "delete_record"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.serial = 0
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.records: dict[str, dict[str, Any]] = {}
        self.blobs: dict[str, bytes] = {}
        self.deleted: list[str] = []
        self.expire_after: int | None = None  # posts after which the access tokens expire

    def session(self) -> dict[str, Any]:
        self.serial += 1
        access, refresh = jwt("com.atproto.appPass", self.serial), jwt("com.atproto.refresh", self.serial)
        self.access.add(access)
        self.refresh.add(refresh)
        return {"did": DID, "handle": HANDLE, "accessJwt": access, "refreshJwt": refresh, "active": True}

    def expire(self) -> None:
        """Every access token issued so far expires (the server says so; the token's own exp does not)."""
        self.access.clear()

    def authorized(self, call: Call) -> Answer | None:
        token = call.headers.get("authorization", "").removeprefix("Bearer ")
        if token in self.access:
            return None
        if token.count(".") == 2:
            return xrpc_error(400, "ExpiredToken", "Token has expired")
        return xrpc_error(401, "AuthMissing", "Authentication Required")

    def create_session(self, call: Call) -> Answer:
        if call.form.get("identifier") not in (HANDLE, DID) or call.form.get("password") != PASSWORD:
            return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
        return 200, self.session(), {}

    def refresh_session(self, call: Call) -> Answer:
        token = call.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.refresh:
            return xrpc_error(400, "ExpiredToken", "Token has expired")
        self.refresh.discard(token)
        return 200, self.session(), {}

    def upload_blob(self, call: Call) -> Answer:
        refused = self.authorized(call)
        if refused:
            return refused
        link = cid(call.body, 0x55)
        self.blobs[link] = call.body
        mime = call.headers.get("content-type", "")
        return (
            200,
            {"blob": {"$type": "blob", "ref": {"$link": link}, "mimeType": mime, "size": len(call.body)}},
            {},
        )

    def create_record(self, call: Call) -> Answer:
        refused = self.authorized(call)
        if refused:
            return refused
        rkey, record = call.form.get("rkey"), call.form.get("record", {})
        if call.form.get("repo") != DID or call.form.get("collection") != "app.bsky.feed.post" or not rkey:
            return xrpc_error(400, "InvalidRequest", "Input/repo, collection and rkey are required here")
        if rkey in self.records:
            return xrpc_error(
                400, "InvalidRequest", f"Record already exists: at://{DID}/app.bsky.feed.post/{rkey}"
            )
        problem = self.invalid(record)
        if problem:
            return xrpc_error(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}")
        uri = f"at://{DID}/app.bsky.feed.post/{rkey}"
        self.records[rkey] = record
        self.created.append({"uri": uri, "rkey": rkey, **record})
        if self.expire_after == len(self.created):
            self.expire()
        return 200, {"uri": uri, "cid": cid(json.dumps(record).encode()), "validationStatus": "valid"}, {}

    def invalid(self, record: dict[str, Any]) -> str | None:
        text = record.get("text", "")
        if len(regex.findall(r"\X", text)) > 300:
            return "Record/text must not be longer than 300 graphemes"
        encoded = text.encode("utf-8")
        for facet in record.get("facets", []):
            start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
            feature = facet["features"][0]
            covered = encoded[start:end].decode("utf-8", errors="strict")
            if feature["$type"].endswith("#link") and covered != feature["uri"]:
                return f"link facet covers {covered!r}"
            if feature["$type"].endswith("#tag") and covered != "#" + feature["tag"]:
                return f"tag facet covers {covered!r}"
        thumb = ((record.get("embed") or {}).get("external") or {}).get("thumb")
        if thumb and thumb["ref"]["$link"] not in self.blobs:
            return "Could not find blob for thumbnail"
        return None

    def get_record(self, call: Call) -> Answer:
        rkey = call.query.get("rkey", "")
        if rkey not in self.records or rkey in self.deleted:
            return xrpc_error(
                400, "RecordNotFound", f"Could not locate record: at://{DID}/app.bsky.feed.post/{rkey}"
            )
        uri = f"at://{DID}/app.bsky.feed.post/{rkey}"
        return (
            200,
            {"uri": uri, "cid": cid(json.dumps(self.records[rkey]).encode()), "value": self.records[rkey]},
            {},
        )

    def delete_record(self, call: Call) -> Answer:
        refused = self.authorized(call)
        if refused:
            return refused
        repo, rkey = call.form.get("repo"), call.form.get("rkey", "")
        if repo not in (DID, HANDLE):
            return xrpc_error(400, "InvalidRequest", f"Could not find repo: {repo}")
        if call.form.get("collection") != COLLECTION or rkey not in self.records or rkey in self.deleted:
            return 200, {}, {}  # a record that is not there: a no-op, no commit
        self.deleted.append(rkey)
        return 200, {"commit": {"cid": cid(b"commit"), "rev": "3l"}}, {}
