"""A fake Telegram Bot API for tests and the offline console (real PTB objects).

One core, :class:`FakeTelegram`, reached in-process (``fake.request()``, no socket) or over
HTTP on 127.0.0.1 (:class:`HttpFront`, for a bot that runs as a process of its own).
"""

from devtools.fakeapi.forms import decode_params
from devtools.fakeapi.http import HttpFront
from devtools.fakeapi.server import Call, FakeTelegram
from devtools.fakeapi.updates import Updates

__all__ = ["Call", "FakeTelegram", "HttpFront", "Updates", "decode_params"]
