"""Services over a built graph: SPARQL queries, the SPARQL endpoint, loading into Neo4j.

- :mod:`~newskg.service.graphs`: a graph file (or a build's output folder) read and checked;
- :mod:`~newskg.service.queries`: the named queries of ``queries/``, parameter binding, Oxigraph;
- :mod:`~newskg.service.serve`: ``newskg serve``, a read-only SPARQL 1.1 endpoint
  (its default host, port and limits in :mod:`~newskg.service.limits`);
- :mod:`~newskg.service.neo4j_load`: ``newskg neo4j``, a load through the official driver.

Imports no other room of newskg.
"""
