"""Inline SVG charts for the HTML report (no scripts, no external assets)."""

from __future__ import annotations

from html import escape

PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")
ROW_H = 18
LABEL_W = 190
BAR_W = 300


def _fmt(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"


def grouped_bars(title: str, groups: dict[str, dict[str, float | None]], models: list[str], scale: float = 1.0) -> str:
    """Return a horizontal grouped bar chart: one group per metric, one bar per model."""
    scale = scale or 1.0
    rows = sum(len(models) for _ in groups) + len(groups)
    height = 30 + rows * ROW_H + 10
    width = LABEL_W + BAR_W + 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    y = 30
    for group, values in groups.items():
        parts.append(f'<text x="0" y="{y + 13}" font-size="12">{escape(group)}</text>')
        y += ROW_H
        for i, model in enumerate(models):
            value = values.get(model)
            w = 0 if value is None else max(0.0, min(1.0, value / scale)) * BAR_W
            color = PALETTE[i % len(PALETTE)]
            parts.append(
                f'<text x="12" y="{y + 12}" font-size="11" fill="#555">{escape(model)}</text>'
                f'<rect x="{LABEL_W}" y="{y + 2}" width="{w:.1f}" height="{ROW_H - 5}" fill="{color}"/>'
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + 12}" font-size="11">{escape(_fmt(value))}</text>'
            )
            y += ROW_H
    parts.append("</svg>")
    return "".join(parts)


def legend(models: list[str]) -> str:
    """Return an HTML legend mapping each model to its bar colour."""
    items = "".join(
        f'<span class="lg"><span class="sw" style="background:{PALETTE[i % len(PALETTE)]}"></span>{escape(m)}</span>'
        for i, m in enumerate(models)
    )
    return f'<div class="legend">{items}</div>'
