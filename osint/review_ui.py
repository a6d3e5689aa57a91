"""The review queue's widgets: the candidate, an edit form and the decision buttons.

Built by :meth:`osint.review.Review.ui`; all state and every write stay in the
:class:`~osint.review.Review` it is given.

Example:
    >>> review = Review("data/candidates.csv", "data/claims.csv")  # doctest: +SKIP
    >>> ReviewUI(review).show()  # doctest: +SKIP
"""

from __future__ import annotations

import html
from typing import Any

from .atomic import FileChanged
from .schema import (
    CLAIMANT_TYPES,
    COLUMNS,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    MEASURES,
    PERSONNEL,
    QUALIFIERS,
    RELIABILITY_GRADES,
    REQUIRED_COLUMNS,
    STANCES,
    LedgerError,
)

__all__ = ["CHOICES", "ReviewUI"]

#: Allowed values of the enumerated ledger columns, for the edit form.
CHOICES: dict[str, tuple[str, ...]] = {
    "date_precision": DATE_PRECISIONS,
    "claimant_type": CLAIMANT_TYPES,
    "stance": STANCES,
    "measure": MEASURES,
    "personnel": PERSONNEL,
    "qualifier": QUALIFIERS,
    "geo_precision": GEO_PRECISIONS,
    "reliability": RELIABILITY_GRADES,
    "credibility": ("1", "2", "3", "4", "5", "6"),
}


class ReviewUI:
    """Widgets for a :class:`Review`: the candidate, an edit form and the decision buttons.

    The buttons call the review's methods; problems (an invalid edit, a missing reason)
    are shown in ``status`` and nothing is written.
    """

    #: Columns shown in the edit form, in this order (claim_id is given on accept).
    FORM_COLUMNS = tuple(c for c in COLUMNS if c != "claim_id")

    def __init__(self, review: Any):  # an osint.review.Review (not imported: it builds this)
        import ipywidgets as w

        self.review = review
        self.candidate = w.HTML()
        self.status = w.HTML()
        self.fields: dict[str, Any] = {}
        for column in self.FORM_COLUMNS:
            label = column.replace("_", " ") + (" *" if column in REQUIRED_COLUMNS else "")
            style = {"description_width": "120px"}
            if column in CHOICES:
                optional = [""] if column not in REQUIRED_COLUMNS else []
                widget = w.Dropdown(
                    options=optional + list(CHOICES[column]),
                    description=label,
                    style=style,
                    layout=w.Layout(width="340px"),
                )
            elif column in ("quote", "notes"):
                widget = w.Textarea(description=label, style=style, layout=w.Layout(width="680px", height="60px"))
            else:
                widget = w.Text(description=label, style=style, layout=w.Layout(width="340px"))
            self.fields[column] = widget
        self.accept_button = w.Button(description="Accept", button_style="success", icon="check")
        self.reject_reason = w.Text(placeholder="why it stays out (required)", layout=w.Layout(width="320px"))
        self.reject_button = w.Button(description="Reject", button_style="danger", icon="times")
        self.repeat_of = w.Combobox(
            placeholder="claim_id it repeats", ensure_option=False, layout=w.Layout(width="200px")
        )
        self.repeat_button = w.Button(description="Add as repeat of", icon="clone", layout=w.Layout(width="auto"))
        self.duplicate_button = w.Button(description="Already in ledger", icon="ban", layout=w.Layout(width="auto"))
        self.skip_button = w.Button(description="Skip", icon="forward")
        self.back_button = w.Button(description="Back", icon="backward")
        self.accept_button.on_click(lambda _b: self._do(self._accept))
        self.reject_button.on_click(lambda _b: self._do(lambda: self.review.reject(self.reject_reason.value)))
        self.repeat_button.on_click(
            lambda _b: self._do(lambda: self.review.mark_repeat(self.repeat_of.value, self.edits()))
        )
        self.duplicate_button.on_click(
            lambda _b: self._do(lambda: self.review.mark_repeat(self.repeat_of.value, add_row=False))
        )
        self.skip_button.on_click(lambda _b: self._do(self.review.skip))
        self.back_button.on_click(lambda _b: self._do(self.review.previous))
        form = [self.fields[c] for c in self.FORM_COLUMNS]
        pairs = [
            w.HBox(form[i : i + 2])
            for i in range(0, len(form), 2)
            if not any(isinstance(f, w.Textarea) for f in form[i : i + 2])
        ]
        areas = [f for f in form if isinstance(f, w.Textarea)]
        self.form = w.Accordion(children=[w.VBox(pairs + areas)], titles=("Edit fields before accepting",))
        self.form.selected_index = 0
        buttons = w.VBox(
            [
                w.HBox([self.accept_button, self.skip_button, self.back_button]),
                w.HBox([self.reject_reason, self.reject_button]),
                w.HBox([self.repeat_button, self.repeat_of, self.duplicate_button]),
            ]
        )
        mode = (
            "<p><strong>Dry run:</strong> decisions go to a scratch copy of the ledger "
            f"(<code>{html.escape(str(review.ledger_path))}</code>); the real ledger is not touched.</p>"
            if review.dry_run
            else f"<p>Accepted claims are added to <code>{html.escape(str(review.ledger_path))}</code>.</p>"
        )
        self.widget = w.VBox([w.HTML(mode), self.candidate, self.form, buttons, self.status])
        self.widget.add_class("osint-review")
        self.show()

    def edits(self) -> dict[str, str]:
        """Form values that differ from the row the candidate would become unedited."""
        current = self.review.current
        if current is None:
            return {}
        base = self.review.row_for(current)
        return {c: str(f.value).strip() for c, f in self.fields.items() if str(f.value).strip() != base.get(c, "")}

    def _accept(self) -> None:
        self.review.accept(self.edits())

    def _do(self, action) -> None:
        try:
            action()
        except LedgerError as exc:
            items = "".join(
                f"<li>{html.escape(str(i.column))}: got {html.escape(repr(i.value))}, expected "
                f"{html.escape(i.expected)}</li>"
                for i in exc.issues
            )
            self.status.value = f"<p style='color:#a00'>Not written; fix these first:</p><ul>{items}</ul>"
            return
        except (ValueError, KeyError, LookupError, FileChanged) as exc:
            self.status.value = f"<p style='color:#a00'>{html.escape(str(exc).strip(chr(39)))}</p>"
            return
        self.status.value = f"<p>{html.escape(self.review.last_message)}</p>" if self.review.last_message else ""

    def show(self) -> None:
        """Show the current candidate and fill the form with the row it would become."""
        review = self.review
        self.candidate.value = review.candidate_html()
        current = review.current
        self.reject_reason.value = ""
        done = current is None
        for button in (
            self.accept_button,
            self.reject_button,
            self.repeat_button,
            self.duplicate_button,
            self.skip_button,
            self.back_button,
        ):
            button.disabled = done
        if done or current is None:
            return
        row = review.row_for(current)
        for column, field in self.fields.items():
            value = row.get(column, "")
            if hasattr(field, "options") and value not in field.options:
                field.options = list(field.options) + [value]
            field.value = value
        similar = [r.get("claim_id", "") for r in review.similar_claims(current)]
        self.repeat_of.options = similar
        # a suggestion from osint.extract.mark_repeats or osint import
        self.repeat_of.value = current.get("repeats") or current.get("likely_repeat_of", "")
