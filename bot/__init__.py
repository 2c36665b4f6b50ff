"""Zhiku (智库): cited answers from a corpus of Chinese policy documents."""

__version__ = "0.1.0"
