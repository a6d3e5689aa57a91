"""Reports: parameterized notebooks run by papermill and shared as offline HTML.

One module per job, and the path of a parameter through them:

* :mod:`~osint.reporting.types`     the annotation types a notebook's parameters cell uses
  (``LedgerPath``, ``IsoDate``, ``Measures``, ``Range[...]``, ``RunFolder``; ``typing.Literal[...]``);
* :mod:`~osint.reporting.spec`      :func:`read_spec`: the notebook read once into a
  :class:`ReportSpec` of typed :class:`Parameter` s, which converts, checks and documents
  values and names the report;
* :mod:`~osint.reporting.execute`   :func:`run_report` / :func:`run_job`: lock, run folder,
  papermill in a warm kernel (:mod:`~osint.reporting.kernels`), the stable report;
* :mod:`~osint.reporting.render`    nbconvert with the offline template (no script, no network);
* :mod:`~osint.reporting.records`   run folders, manifests, ledger snapshots, the index page;
* :mod:`~osint.reporting.schedule`  batches of reports from a TOML schedule, on all cores.

Importing this package does not import pandas: the command line checks parameters and starts
the kernel before anything heavy is loaded.

Example:
    >>> spec = read_spec("claims_timeline")
    >>> spec.parameters["scale"].choices
    ('linear', 'log')
    >>> result = run_report("briefing", {"start": "2024-10-01"})   # doctest: +SKIP
"""

from __future__ import annotations

from ..errors import AlreadyRunning, KernelError, ParameterError
from .execute import Job, ReportResult, run_job, run_report
from .records import load_manifests, write_index
from .render import render_html
from .schedule import JobResult, load_schedule, run_batch
from .spec import Parameter, ReportSpec, available_reports, notebook_path, read_spec

__all__ = [
    "AlreadyRunning",
    "Job",
    "JobResult",
    "KernelError",
    "Parameter",
    "ParameterError",
    "ReportResult",
    "ReportSpec",
    "available_reports",
    "load_manifests",
    "load_schedule",
    "notebook_path",
    "read_spec",
    "render_html",
    "run_batch",
    "run_job",
    "run_report",
    "write_index",
]
