"""Text primitives shared by ingest and queries: script conversion and folding, the one
segmenter, sentence boundaries, pinyin keys. Depends on nothing else in the project.
"""
