"""Charts drawn by the build as inline SVG: seen without any script, printed as they are."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..format.history import History

BAR, GAP, LABEL, WIDTH = 22, 10, 120, 360  # px: a bar's height, the space between bars, the label column, the bar area
# The run's name beside its bar is in the page's text colour (currentColor: readable on the dark scheme as on paper);
# the words on a bar are black on its light grey.
FILL = {"go": "#43a047", "no-go": "#e53935", "pending": "#5c8dd6"}  # a bar's colour by the run's decision


def history_chart(h: History) -> Markup:
    """A horizontal bar per run: how much of its checklist was resolved, with its state and days from start to GO.

    >>> history_chart(History((), (), (), ()))
    Markup('')
    """
    if not h.runs:
        return Markup("")
    height = len(h.runs) * (BAR + GAP) + GAP
    rows = []
    for n, run in enumerate(h.runs):
        y = GAP + n * (BAR + GAP)
        length = round(WIDTH * run.counts.percent / 100)
        days = f" · start to GO {run.days_to_go:g} days" if run.days_to_go is not None else ""  # as the table's column says it
        text = f"{run.counts.percent}% resolved · {run.state}{days}"
        rows.append(
            f'<text x="{LABEL - 8}" y="{y + BAR * 0.7:.0f}" text-anchor="end" fill="currentColor">{escape(run.name)}</text>'
            f'<rect x="{LABEL}" y="{y}" width="{WIDTH}" height="{BAR}" fill="#e8e8e8"/>'
            f'<rect x="{LABEL}" y="{y}" width="{length}" height="{BAR}" fill="{FILL[run.decision.value]}"/>'
            f'<text x="{LABEL + 6}" y="{y + BAR * 0.7:.0f}" fill="#000">{escape(text)}</text>'
        )
    title = "Resolved items per run"
    return Markup(
        f'<svg class="cl-chart" role="img" aria-label="{title}" viewBox="0 0 {LABEL + WIDTH + 10} {height}" width="{LABEL + WIDTH + 10}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">{"".join(rows)}</svg>'
    )
