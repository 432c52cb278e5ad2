"""Evaluation: ``newskg eval``, extraction scored against annotated cases.

- :mod:`~newskg.evaluation.annotations`: the annotation format, the cases' articles and
  passages (corpora from ``--corpora`` or ``$NEWSKG_CORPORA``);
- :mod:`~newskg.evaluation.match`: when an expected item matches an extracted record;
- :mod:`~newskg.evaluation.evaluate`: extraction of the cases' passages, scores, reports.

Imports :mod:`newskg.reading`; never the API or the CLI.
"""
