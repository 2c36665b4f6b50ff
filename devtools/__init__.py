"""Development tools, never imported by the runtime: the fake Bot API (in-process and over
HTTP), the console that drives the real bot through it, and the benchmark.

Only :mod:`bot.cli` reaches them, lazily, for the ``console``, ``bench`` and token-less
``run`` commands.
"""
