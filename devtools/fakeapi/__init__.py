"""A fake Telegram Bot API for tests and the offline console (no network, real PTB objects)."""

from devtools.fakeapi.forms import decode_params
from devtools.fakeapi.server import Call, FakeTelegram
from devtools.fakeapi.updates import Updates

__all__ = ["Call", "FakeTelegram", "Updates", "decode_params"]
