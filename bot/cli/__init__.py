"""The command line (``python -m bot``): lookup commands, ingest, run, and the entry points
of the development tools (console, bench), which it imports lazily and only for those commands.
"""
