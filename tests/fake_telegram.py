"""The Telegram Bot API as a loopback fake: the request and response shapes of core.telegram.org/bots/api."""

from __future__ import annotations

import html
import re
from typing import Any

from apifake import Answer, ApiFake, Call

TOKEN = "7700123456:AAHfakeTOKENforTESTSonly_abcdefghijk"
CHAT_ID = -1001234567890
BOT_ID = 7700123456


def visible(text: str) -> str:
    """The text Telegram shows after parsing HTML entities (what its length limits count)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class TelegramFake(ApiFake):
    routes = [
        ("POST", r"/bot(?P<token>[^/]+)/sendPhoto", "post", "send"),
        ("POST", r"/bot(?P<token>[^/]+)/sendMessage", "post", "send"),
        ("POST", r"/bot(?P<token>[^/]+)/deleteMessage", "delete", "delete"),
        ("POST", r"/bot(?P<token>[^/]+)/getMe", "getMe", "get_me"),
        ("POST", r"/bot(?P<token>[^/]+)/getChat", "getChat", "get_chat"),
        ("POST", r"/bot(?P<token>[^/]+)/getChatMember", "getChatMember", "get_member"),
    ]

    def __init__(self, token: str = TOKEN, chat: str = "@ptedomex") -> None:
        super().__init__()
        self.token, self.chat = token, chat
        self.deleted: list[int] = []

    def refuse(self, call: Call) -> Answer | None:
        assert call.match is not None
        if call.match["token"] != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}, {}
        if call.form.get("chat_id") not in (None, self.chat, CHAT_ID, str(CHAT_ID)):
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, {}
        return None

    def send(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        photo = call.path.endswith("sendPhoto")
        text = call.form.get("caption" if photo else "text", "")
        limit = 1024 if photo else 4096
        if call.form.get("parse_mode") != "HTML":
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: expected HTML"}, {}
        if utf16(visible(text)) > limit:
            what = "message caption is too long" if photo else "message is too long"
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {what}"}, {}
        message_id = len(self.created) + 100
        chat = {
            "id": CHAT_ID,
            "title": "PT Estado de México",
            "username": self.chat.lstrip("@"),
            "type": "channel",
        }
        result: dict[str, Any] = {
            "message_id": message_id,
            "sender_chat": chat,
            "chat": chat,
            "date": 1764088200,
        }
        if photo:
            result["photo"] = [{"file_id": "AgAC", "file_unique_id": "AQAD", "width": 960, "height": 640}]
            result["caption"] = visible(text)
        else:
            result["text"] = visible(text)
        self.created.append(
            {"method": "sendPhoto" if photo else "sendMessage", **call.form, "message_id": message_id}
        )
        return 200, {"ok": True, "result": result}, {}

    def delete(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        message_id = int(call.form.get("message_id") or 0)
        if message_id in self.deleted or all(c["message_id"] != message_id for c in self.created):
            not_found = "Bad Request: message to delete not found"
            return 400, {"ok": False, "error_code": 400, "description": not_found}, {}
        self.deleted.append(message_id)
        return 200, {"ok": True, "result": True}, {}

    def get_me(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        bot = {"id": BOT_ID, "is_bot": True, "first_name": "PT Edomex", "username": "ptedomex_bot"}
        return 200, {"ok": True, "result": bot}, {}

    def get_chat(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        chat = {
            "id": CHAT_ID,
            "title": "PT Estado de México",
            "username": self.chat.lstrip("@"),
            "type": "channel",
        }
        return 200, {"ok": True, "result": chat}, {}

    def get_member(self, call: Call) -> Answer:
        refused = self.refuse(call)
        if refused:
            return refused
        member = {
            "user": {"id": BOT_ID, "is_bot": True},
            "status": "administrator",
            "can_post_messages": True,
        }
        return 200, {"ok": True, "result": member}, {}
