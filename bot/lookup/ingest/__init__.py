"""Turn raw corpus files into clean, citable blocks (see ``pipeline.parse_document``)."""
