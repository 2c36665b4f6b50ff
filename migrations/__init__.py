"""The numbered schema migrations (``NNNN_name.sql``), shipped as package data.

The folder is a package so that an installed Zhiku finds its schema through
``importlib.resources`` rather than a path relative to a checkout.
"""
