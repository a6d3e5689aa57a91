"""A Jupyter kernel kept warm across the reports of a batch, wiped clean between them.

Starting a kernel and importing pandas, matplotlib and the package costs more than running a
short report; a batch therefore keeps one kernel per worker. Before each report the user
namespace is deleted (IPython's ``reset``), figures are closed, matplotlib, pandas and
warnings settings are restored to what they were when the kernel started, and the working
folder is set to the notebook's, so no report sees another's variables or settings.
Imported modules stay loaded: that is the saving, and they hold no report's data.

The kernel talks to the runner over IPC (Unix sockets in a private 0700 folder), so no
port is open to other local users and ipykernel has no unencrypted TCP to warn about. The
folder is removed with the kernel; one left by a killed runner is removed by the next start.

Example:
    >>> with WarmKernel() as kernel:                  # doctest: +SKIP
    ...     kernel.reset(Path("notebooks"))
    ...     papermill.execute_notebook(src, out, km=kernel.km)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import KernelError

#: Modules imported once per kernel: every report uses them.
PRELOAD = (
    "import osint, osint.reporting.types, osint.tables, osint.analysis, osint.timeline, osint.maps, "
    "matplotlib.pyplot, pandas"
)


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
    warnings.filters[:] = saved["warnings"]  # type: ignore[index]
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    os.chdir(cwd)
    gc.collect()


#: Private folders of kernel sockets: ``<tmp>/osint-kernel-<random>/`` (mode 0700).
RUNTIME_PREFIX = "osint-kernel-"


def remove_dead_runtime_dirs() -> list[Path]:
    """Remove the socket folders of kernels whose runner was killed (its pid is gone).

    A folder holds ``runner.pid``; one whose runner is alive, or that cannot be read, is left.
    """
    import psutil

    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{RUNTIME_PREFIX}*"):
        try:
            if folder.stat().st_uid != os.getuid():
                continue
            pid = int((folder / "runner.pid").read_text(encoding="ascii"))
        except (OSError, ValueError, KeyError):
            continue
        if not psutil.pid_exists(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class WarmKernel:
    """A ``python3`` kernel with the workbook's modules imported, reusable across reports."""

    def __init__(self, kernel_name: str = "python3", cwd: Path | None = None, timeout: float = 120):
        """Start the kernel and ask it to import the workbook's modules, without waiting.

        The kernel boots and imports in its own process while the caller goes on (with
        two cores, while the caller imports papermill and nbconvert); :meth:`reset` waits
        for it.
        """
        from jupyter_client.manager import KernelManager

        self.timeout = timeout
        # IPC: the kernel's sockets are files in a folder only this user can open (0700),
        # not TCP ports any local process could connect to.
        remove_dead_runtime_dirs()
        self.runtime_dir = Path(tempfile.mkdtemp(prefix=RUNTIME_PREFIX))
        (self.runtime_dir / "runner.pid").write_text(str(os.getpid()), encoding="ascii")
        self.km = KernelManager(
            kernel_name=kernel_name, transport="ipc", connection_file=str(self.runtime_dir / "kernel.json")
        )
        try:
            self.km.start_kernel(cwd=str(cwd or Path.cwd()))
        except Exception as exc:  # noqa: BLE001 - any failure to start is the same for the user
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            raise KernelError(
                f"the kernel could not start ({type(exc).__name__}: {exc}): check that ipykernel is "
                "installed in this environment (`make env`), then run again"
            ) from None
        self.kc = self.km.blocking_client()
        self.kc.start_channels()
        self._preload: str | None = self.kc.execute(
            f"{PRELOAD}\n__import__('osint.reporting.kernels').reporting.kernels.remember_state()",
            silent=True,
            store_history=False,
        )
        self.reports = 0

    def _await_preload(self) -> None:
        import time
        from queue import Empty

        deadline = time.monotonic() + self.timeout
        while self._preload is not None:
            try:
                msg = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            except Empty:
                raise KernelError(
                    f"the kernel did not start within {self.timeout:.0f} s: check that ipykernel is "
                    "installed in this environment (`make env`), then run again"
                ) from None
            if msg["parent_header"].get("msg_id") != self._preload:
                continue
            content = msg["content"]
            if content.get("status") != "ok":
                raise KernelError(f"preparing the kernel failed: {content.get('ename')}: {content.get('evalue')}")
            self._preload = None

    def run(self, code: str) -> None:
        """Run ``code`` silently in the kernel; raise KernelError if it fails."""
        reply = self.kc.execute_interactive(
            code, silent=True, store_history=False, timeout=self.timeout, output_hook=lambda msg: None
        )
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")

    def reset(self, cwd: Path) -> None:
        """Prepare for the next report: a clean namespace, working in ``cwd``."""
        self._await_preload()
        if not self.km.is_alive():
            raise KernelError("the kernel has died: run the report again (a new kernel is started)")
        self.run(f"__import__('osint.reporting.kernels').reporting.kernels.restore_state({str(cwd)!r})")
        self.reports += 1

    def close(self) -> None:
        """Stop the kernel and remove its sockets and connection file."""
        try:
            self.kc.stop_channels()
            self.km.shutdown_kernel(now=True)
        finally:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self) -> "WarmKernel":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
