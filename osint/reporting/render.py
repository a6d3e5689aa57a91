"""Rendering an executed notebook as a shareable HTML report (nbconvert, the offline template).

The report is the JupyterLab look with require.js, MathJax, Mermaid and the widget renderer
removed, a Content-Security-Policy that forbids scripts and remote loads, code cells hidden,
images inline and cells tagged ``notebook-only`` left out: it opens without a network.

Example:
    >>> html = render_html(executed_notebook, title="briefing")      # doctest: +SKIP
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from .spec import NOTEBOOK_ONLY_TAG

__all__ = ["TEMPLATES_DIR", "html_exporter", "render_html", "warm_html_exporter"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def html_exporter() -> Any:
    """nbconvert's HTMLExporter with the package's ``offline`` template, built once."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NOTEBOOK_ONLY_TAG}), enabled=True)
    return exporter


def render_html(notebook: Any, title: str | None = None) -> str:
    """HTML of an executed notebook (an nbformat node): code hidden, images inline, no script."""
    resources = {"metadata": {"name": title or "report"}}
    body, _ = html_exporter().from_notebook_node(notebook, resources=resources)
    return body


def warm_html_exporter() -> threading.Thread:
    """Import nbconvert and compile the template in a thread, while a notebook runs.

    The parent process mostly waits on the kernel during execution, so this costs no
    wall time on a machine with a core to spare.
    """

    def warm() -> None:
        import nbformat

        render_html(nbformat.v4.new_notebook(), title="warm-up")

    thread = threading.Thread(target=warm, name="warm-html-exporter", daemon=True)
    thread.start()
    return thread
