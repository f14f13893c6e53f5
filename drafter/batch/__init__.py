"""Batch drafting: read a round's spreadsheet, map and validate its rows, draft them concurrently."""
