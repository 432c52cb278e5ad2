"""The SPARQL query library: one ``.rq`` file per question analysts ask.

This package holds only the ``.rq`` files (installed as package data);
:mod:`newskg.service.queries` reads, lists and binds them. Each file starts with a
comment header: the first line says what the query answers, and each
``# @param NAME  description`` line declares a parameter (``NAME?`` if it
may be left out, meaning "any").
"""
