"""Building: articles to records (in the output's records cache) to one graph to exports.

- :mod:`~newskg.building.options`: :class:`BuildOptions`, what a user may choose;
- :mod:`~newskg.building.run`: the build run (update the cache, resolve, write each format);
- :mod:`~newskg.building.result`: :class:`BuildResult` and the graph's counts;
- :mod:`~newskg.building.executors`: where batches are parsed (in this process, a pool, Dask);
- :mod:`~newskg.building.extraction`: the work of one batch, in a worker;
- :mod:`~newskg.building.cache_key`: what records depend on besides the article;
- :mod:`~newskg.building.store`: the records cache (SQLite in ``OUT/.newskg/``).

Imports :mod:`newskg.reading`; never the API or the CLI.
"""
