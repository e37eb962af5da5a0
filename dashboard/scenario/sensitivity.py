"""Which assumptions drive a headline figure: each parameter at its low and high end, the rest central.

All swings are computed in one vectorised run: column 0 is the central case, then one column per parameter
end (the model is vectorised over "draws", and a tornado is just a designed set of draws).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.scenario.model import Pools, central_parameters, headline_draws, simulate
from dashboard.scenario.params import PARAMETERS
from dashboard.scenario.spec import Scenario


def relevant_parameters(scenario: Scenario) -> list[str]:
    """The global parameters plus those of the levers in the package."""
    return [pid for pid, p in PARAMETERS.items() if p.lever is None or p.lever in scenario.levers]


def tornado(scenario: Scenario, pools: Pools, metric: str = "cum_returns") -> pd.DataFrame:
    """What the package adds to `metric` (vs its baseline) with each parameter at its low and high end.

    param, low_value, high_value, central_value, swing: sorted by swing, largest first; zero swings dropped.
    """
    ids = relevant_parameters(scenario)
    values = central_parameters(1 + 2 * len(ids))
    for i, pid in enumerate(ids):
        values[pid] = values[pid].copy()
        values[pid][1 + 2 * i] = PARAMETERS[pid].low
        values[pid][2 + 2 * i] = PARAMETERS[pid].high
    result = headline_draws(simulate(scenario, pools, values), added=True)[metric]
    central = float(result[0])
    low, high = result[1::2], result[2::2]
    frame = pd.DataFrame({"param": ids, "low_value": low, "high_value": high, "central_value": central})
    frame["swing"] = np.abs(frame["high_value"] - frame["low_value"])
    frame = frame[frame["swing"].fillna(0) > 1e-9 * max(abs(central), 1.0)]
    return frame.sort_values("swing", ascending=False, ignore_index=True)
