"""Arabic-Indic digits inside plotly figures, applied once to a finished figure (builders need not know).

plotly.js formats numbers with Western digits only. With Arabic-Indic digits chosen, `localise_figure` gives
every numeric axis and colour bar explicit ticks whose labels are localised, moves the numbers a hover label
shows into pre-formatted `customdata` columns, and localises the digits of titles, annotations and text labels.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import plotly.graph_objects as go

from dashboard.i18n import DEFAULT_LANGUAGE, Digits, localise_digits

_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
_PLACEHOLDER = re.compile(r"%\{(x|y|z|text|hovertext|customdata(?:\[(\d+)\])?)(?::([^}]*))?\}")


def localise_numbers(text: str, digits: Digits) -> str:
    """The numbers inside `text` in `digits` (their separators too); other full stops and commas are kept."""
    return _NUMBER.sub(lambda m: localise_digits(m.group(0), digits), text)


def _localise_label(text: str, digits: Digits) -> str:
    """A ready-made hover label in `digits`: its numbers, and the percent sign as format_value writes it."""
    text = localise_numbers(text, digits)
    return text.replace("%", "٪") if digits == "arabic" else text


def nice_step(span: float, target: int = 7) -> float:
    """A round distance between ticks (1, 2, 2.5 or 5 times a power of ten) giving about `target` ticks over
    a positive `span`."""
    raw = span / max(target - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def nice_ticks(low: float, high: float, target: int = 7) -> list[float]:
    """Round tick values covering [low, high], about `target` of them (see nice_step)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high < low:
        low, high = high, low
    if high == low:
        return [low]
    step = nice_step(high - low, target)
    start, stop = math.floor(low / step) * step, math.ceil(high / step) * step
    count = round((stop - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)]


def format_value(value: object, spec: str | None, digits: Digits) -> str:
    """`value` formatted like plotly's d3 spec (the common subset Python shares), then digit-localised."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    text = str(value)
    if spec and isinstance(value, int | float):
        try:
            text = format(value, spec)
        except ValueError:
            text = str(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    text = localise_digits(text, digits)
    return text.replace("%", "٪") if digits == "arabic" else text


def _decoded(values: object) -> object:
    """`values` as an array when plotly holds them as a typed array ({"dtype": "f8", "bdata": ...}: a figure
    that went through a cache comes back so), else as they are."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values.get("dtype", "f8")))
        shape = values.get("shape")
        if isinstance(shape, str):   # plotly writes a 2-d shape as "rows, columns"
            shape = [int(n) for n in shape.split(",")]
        return array.reshape(shape) if shape else array
    return values


def _numeric(values: object) -> np.ndarray | None:
    values = _decoded(values)
    if values is None or isinstance(values, str):
        return None
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    array = array[np.isfinite(array)]
    return array if array.size else None


def _axis_ticks(axis, values: np.ndarray, include_zero: bool) -> list[float]:
    low, high = float(values.min()), float(values.max())
    if include_zero or axis.rangemode == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    if axis.range is not None and all(v is not None for v in axis.range):
        low, high = sorted(float(v) for v in axis.range)
    if axis.dtick is not None and isinstance(axis.dtick, int | float):
        step = float(axis.dtick)
        base = float(axis.tick0) if isinstance(axis.tick0, int | float) else 0.0
        first = base + math.ceil((low - base) / step) * step
        return list(np.arange(first, high + step / 2, step))
    return nice_ticks(low, high)


def _tick_spec(axis, ticks: Sequence[float]) -> str:
    if axis.tickformat:
        whole_percent = re.fullmatch(r"(,?)\.0%", axis.tickformat)
        if whole_percent and any(not math.isclose(v * 100, round(v * 100), abs_tol=1e-9) for v in ticks):
            return f"{whole_percent.group(1)}.1%"   # ticks 2.5% apart: "2.5%", not "2%" and "8%" for 7.5%
        return axis.tickformat
    if all(float(v).is_integer() for v in ticks):
        return ",.0f" if max(abs(v) for v in ticks) >= 10000 else ".0f"
    return ",g"


def _axis_values(fig: go.Figure) -> tuple[dict[str, list[np.ndarray]], set[str]]:
    """Numeric data per cartesian axis ("xaxis", "yaxis2", ...), and the axes that bars start from zero on."""
    values: dict[str, list[np.ndarray]] = {}
    zero: set[str] = set()
    for trace in fig.data:
        for letter in ("x", "y"):
            if not hasattr(trace, letter) or getattr(trace, letter) is None:
                continue
            ref = getattr(trace, f"{letter}axis", None) or letter
            name = f"{letter}axis{ref[1:]}"
            array = _numeric(getattr(trace, letter))
            if array is not None:
                values.setdefault(name, []).append(array)
                if trace.type == "bar" and (trace.orientation == "h") == (letter == "x"):
                    zero.add(name)
    return values, zero


def _localise_axes(fig: go.Figure, digits: Digits) -> None:
    values, zero = _axis_values(fig)
    for name, arrays in values.items():
        axis = fig.layout[name]
        if axis.type in ("log", "date", "category", "multicategory"):
            continue
        if axis.ticktext is not None:
            axis.ticktext = [localise_numbers(str(v), digits) for v in axis.ticktext]
            continue
        ticks = _axis_ticks(axis, np.concatenate(arrays), name in zero)
        if ticks:
            spec = _tick_spec(axis, ticks)
            axis.update(tickmode="array", tickvals=ticks, ticktext=[format_value(v, spec, digits) for v in ticks])
    for name in fig.layout:
        if re.fullmatch(r"[xy]axis\d*", name) and name not in values:
            axis = fig.layout[name]
            if axis.ticktext is not None:
                axis.ticktext = [localise_numbers(str(v), digits) for v in axis.ticktext]


def _localise_colorbar(colorbar, z: np.ndarray | None, zmin, zmax, digits: Digits) -> None:
    if colorbar is None:
        return
    if colorbar.ticktext is not None:
        colorbar.ticktext = [localise_numbers(str(v), digits) for v in colorbar.ticktext]
        return
    if z is None:
        return
    low = float(zmin) if zmin is not None else float(z.min())
    high = float(zmax) if zmax is not None else float(z.max())
    ticks = [v for v in nice_ticks(low, high) if low <= v <= high] or [low, high]
    spec = colorbar.tickformat or (",.0f" if all(float(v).is_integer() for v in ticks) else ",g")
    colorbar.update(tickmode="array", tickvals=ticks, ticktext=[format_value(v, spec, digits) for v in ticks])


def _columns(customdata: object, n: int) -> list[list[object]]:
    """Existing customdata as a list of n rows (each a list), so new columns can be appended."""
    if customdata is None:
        return [[] for _ in range(n)]
    rows = list(customdata)
    return [list(row) if isinstance(row, list | tuple | np.ndarray) else [row] for row in rows]


def _point_count(trace) -> int:
    for attr in ("x", "y", "z", "locations", "lat", "labels", "values"):
        value = getattr(trace, attr, None) if hasattr(trace, attr) else None
        if value is not None and not isinstance(value, str):
            return len(value)
    return 0


def _localise_hover(trace, digits: Digits) -> None:
    template = getattr(trace, "hovertemplate", None) if hasattr(trace, "hovertemplate") else None
    if not isinstance(template, str) or not _PLACEHOLDER.search(template):
        return
    n = _point_count(trace)
    if not n:
        return
    original = trace.customdata
    one_dimensional = original is not None and all(
        not isinstance(row, list | tuple | np.ndarray) for row in original)
    rows = _columns(original, n)
    if len(rows) != n:
        return
    base = len(rows[0]) if rows else 0
    added: dict[tuple[str, str | None, str | None], int] = {}
    in_place: dict[str, list] = {}  # ready-made labels: localised where they are, never copied (sent once)

    def replace(match: re.Match) -> str:
        name, index, spec = match.group(1), match.group(2), match.group(3)
        if name.startswith("customdata"):
            column = int(index) if index is not None else 0
            if index is None and not one_dimensional and base:
                return match.group(0)
            source: Iterable = [row[column] if column < len(row) else None for row in rows]
            if not spec and not any(isinstance(v, int | float | np.number) for v in source):
                return match.group(0)   # already text (builders that format their own numbers)
        else:
            source = _decoded(getattr(trace, name, None))
            if source is None or isinstance(source, str):
                return match.group(0)
            if name in ("text", "hovertext") and not spec and all(v is None or isinstance(v, str) for v in source):
                in_place[name] = [v if v is None else _localise_label(v, digits) for v in source]
                return match.group(0)
            if name == "z" and trace.type == "heatmap":
                return match.group(0)
            source = list(np.asarray(source, dtype=object).ravel())
            if len(source) != n:
                return match.group(0)
        key = (name, index, spec)
        if key not in added:
            formatted = [format_value(v, spec, digits) for v in source]
            for row, text in zip(rows, formatted, strict=True):
                row.append(text)
            added[key] = base + len(added)
        return "%{customdata[" + str(added[key]) + "]}"

    new_template = _PLACEHOLDER.sub(replace, template)
    for name, labels in in_place.items():
        setattr(trace, name, labels)
    if one_dimensional:
        new_template = re.sub(r"%\{customdata(:[^}]*)?\}", "%{customdata[0]\\1}", new_template)
    if added:
        trace.customdata = rows
        trace.hovertemplate = new_template


def _no_si_suffixes(out: go.Figure) -> go.Figure:
    """Plain grouped numbers on every axis and colour bar (in place): plotly's SI suffixes (2.5M, 500k) are
    Latin letters."""
    out.update_xaxes(exponentformat="none")
    out.update_yaxes(exponentformat="none")
    for name, arrays in _axis_values(out)[0].items():   # group thousands, but not in years (1990, 2020)
        if float(np.abs(np.concatenate(arrays)).max()) >= 10_000:
            out.layout[name].separatethousands = True
    for trace in out.data:
        if hasattr(trace, "colorbar") and trace.colorbar is not None:
            trace.colorbar.update(exponentformat="none", separatethousands=True)
    for name in [n for n in out.layout if n.startswith("coloraxis")]:
        out.layout[name].colorbar.update(exponentformat="none", separatethousands=True)
    return out


def localise_figure(fig: go.Figure, digits: Digits, lang: str = DEFAULT_LANGUAGE) -> go.Figure:
    """A copy of `fig` whose visible numbers use `digits` and, outside English, carry no SI suffix letters;
    the figure itself for English with Western digits."""
    if lang == DEFAULT_LANGUAGE and digits != "arabic":
        return fig
    out = go.Figure(fig)  # one copy (copying a figure validates all of it again)
    if lang != DEFAULT_LANGUAGE:
        _no_si_suffixes(out)
    if digits != "arabic":
        return out
    _localise_axes(out, digits)
    for trace in out.data:
        _localise_hover(trace, digits)
        if hasattr(trace, "text") and trace.text is not None and not isinstance(trace.text, str):
            values = list(trace.text)
            if all(isinstance(v, str) for v in values):
                trace.text = [localise_numbers(v, digits) for v in values]
        if (hasattr(trace, "colorbar") and hasattr(trace, "z") and not getattr(trace, "coloraxis", None)
                and trace.showscale is not False):
            _localise_colorbar(trace.colorbar, _numeric(trace.z), trace.zmin, trace.zmax, digits)
    for coloraxis_name in [name for name in out.layout if name.startswith("coloraxis")]:
        coloraxis = out.layout[coloraxis_name]
        z = [_numeric(t.z) for t in out.data if hasattr(t, "z") and t.coloraxis == coloraxis_name]
        z = [a for a in z if a is not None]
        _localise_colorbar(coloraxis.colorbar, np.concatenate(z) if z else None, coloraxis.cmin, coloraxis.cmax,
                           digits)
    if out.layout.title.text:
        out.layout.title.text = localise_numbers(out.layout.title.text, digits)
    for annotation in out.layout.annotations or ():
        if annotation.text:
            annotation.text = localise_numbers(annotation.text, digits)
    return out
