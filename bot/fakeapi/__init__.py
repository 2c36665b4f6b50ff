"""A fake Telegram Bot API for tests and the offline console (no network, real PTB objects)."""

from bot.fakeapi.forms import decode_params
from bot.fakeapi.server import Call, FakeTelegram
from bot.fakeapi.updates import Updates

__all__ = ["Call", "FakeTelegram", "Updates", "decode_params"]
