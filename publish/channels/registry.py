"""Which adapter serves each channel `tipo`, imported only when a channel of that kind is configured.

Every adapter module defines `build(channel: ChannelConfig, config: Config) -> Channel`. It reads
its settings from `channel.settings` (the channel's TOML section) and its credentials from the
environment, and raises ConfigError (Spanish, naming the key) when something is missing or wrong.
`config.load()` builds every configured channel once, so a bad setting stops the run before
anything is deployed or sent.

A channel may also define `probe() -> str`: check the connection and credentials without posting
(`python -m publish probar CANAL`), returning a Spanish line on success and raising ChannelError
with what to fix otherwise.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import ChannelConfig, Config
    from .base import Channel

# tipo → module. A kind whose module does not exist yet is reported as "not available".
KINDS: dict[str, str] = {
    "bandeja": "publish.channels.outbox",
    "smtp": "publish.channels.smtp",
    "whatsapp": "publish.channels.whatsapp",
    "x": "publish.channels.x",
    "facebook": "publish.channels.facebook",
    "instagram": "publish.channels.instagram",
    "telegram": "publish.channels.telegram",
    "mastodon": "publish.channels.mastodon",
    "bluesky": "publish.channels.bluesky",
}


def available() -> list[str]:
    found = []
    for kind, module in KINDS.items():
        if importlib.util.find_spec(module) is not None:
            found.append(kind)
    return found


def build(channel: ChannelConfig, config: Config) -> Channel:
    module_name = KINDS.get(channel.kind)
    if module_name is None or importlib.util.find_spec(module_name) is None:
        raise ConfigError(
            f"'canales.{channel.name}.tipo' = '{channel.kind}' no está disponible; usa: {', '.join(available())}"
        )
    module = importlib.import_module(module_name)
    built: Channel = module.build(channel, config)
    return built
