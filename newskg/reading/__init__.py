"""Reading: from files, folders and stdin to :class:`core.records.Article`.

- :mod:`~newskg.reading.sources`: folders, ``.txt`` and ``.jsonl`` files and stdin,
  every bad input reported as a :class:`core.errors.Problem`, not raised;
- :mod:`~newskg.reading.jsonl`: JSON Lines, streamed a line at a time when plain UTF-8;
- :mod:`~newskg.reading.checks`: what every article must pass (a calendar date, prose, size);
- :mod:`~newskg.reading.decoding`: bytes to text (UTF-8, UTF-16, Windows-1252, not text);
- :mod:`~newskg.reading.articles`: text and JSONL records to articles (metadata, content);
- :mod:`~newskg.reading.htmltext`: a saved HTML page to its article text;
- :mod:`~newskg.reading.language`: text that is not English.

Imports no other room of newskg.
"""
