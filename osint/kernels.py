"""A Jupyter kernel kept warm across the reports of a batch, wiped clean between them.

Starting a kernel and importing pandas, matplotlib and the package costs more than running a
short report; a batch therefore keeps one kernel per worker. Before each report the user
namespace is deleted (IPython's ``reset``), figures are closed, matplotlib, pandas and
warnings settings are restored to what they were when the kernel started, and the working
folder is set to the notebook's, so no report sees another's variables or settings.
Imported modules stay loaded: that is the saving, and they hold no report's data.

Example:
    >>> with WarmKernel() as kernel:                  # doctest: +SKIP
    ...     kernel.reset(Path("notebooks"))
    ...     papermill.execute_notebook(src, out, km=kernel.km)
"""

from __future__ import annotations

from pathlib import Path

#: Modules imported once per kernel: every report uses them.
PRELOAD = "import osint, osint.tables, osint.analysis, osint.timeline, matplotlib.pyplot, pandas"


class KernelError(RuntimeError):
    """The warm kernel could not be started or reset."""


def remember_state() -> None:
    """In the kernel: note the settings that :func:`restore_state` puts back."""
    import sys
    import warnings

    import matplotlib

    sys.modules[__name__]._pristine = {  # type: ignore[attr-defined]
        "rc": matplotlib.rcParams.copy(),
        "warnings": list(warnings.filters),
    }


def restore_state(cwd: str) -> None:
    """In the kernel: forget the previous report (variables, figures, settings)."""
    import gc
    import os
    import sys
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    saved = sys.modules[__name__]._pristine  # type: ignore[attr-defined]
    shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=False)
    plt.close("all")
    matplotlib.rcParams.clear()
    matplotlib.rcParams.update(saved["rc"])
    warnings.filters[:] = saved["warnings"]
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.chdir(cwd)
    gc.collect()


class WarmKernel:
    """A ``python3`` kernel with the workbook's modules imported, reusable across reports."""

    def __init__(self, kernel_name: str = "python3", cwd: Path | None = None, timeout: float = 120):
        from jupyter_client.manager import KernelManager

        self.timeout = timeout
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel(cwd=str(cwd or Path.cwd()))
        self.kc = self.km.blocking_client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=timeout)
        self.run(f"{PRELOAD}\n__import__('osint.kernels').kernels.remember_state()")
        self.reports = 0

    def run(self, code: str) -> None:
        """Run ``code`` silently in the kernel; raise KernelError if it fails."""
        reply = self.kc.execute_interactive(code, silent=True, store_history=False, timeout=self.timeout, output_hook=lambda msg: None)
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self, cwd: Path) -> None:
        """Prepare for the next report: a clean namespace, working in ``cwd``."""
        if not self.km.is_alive():
            raise KernelError("the kernel has died")
        self.run(f"__import__('osint.kernels').kernels.restore_state({str(cwd)!r})")
        self.reports += 1

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def __enter__(self) -> "WarmKernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
