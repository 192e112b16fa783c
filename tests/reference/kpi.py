"""Cross-check of kpi.json's independent-share intervals with statsmodels (a second, independent
implementation of Newcombe's hybrid score interval): writes kpi_statsmodels.json.
Run from this directory: python3 kpi.py  (statsmodels 0.15)."""
import json

from statsmodels.stats.proportion import confint_proportions_2indep

cases = json.load(open("kpi.json"))["independent"]
out = []
for c in cases:
    # statsmodels compares count1/nobs1 - count2/nobs2: give it (second, first).
    low, high = confint_proportions_2indep(
        c["x2"], c["n2"], c["x1"], c["n1"], method="newcombe", compare="diff",
        alpha=1 - c["conf_level"])
    out.append({"x1": c["x1"], "n1": c["n1"], "x2": c["x2"], "n2": c["n2"],
                "conf_level": c["conf_level"], "conf_low": repr(float(low)),
                "conf_high": repr(float(high))})
with open("kpi_statsmodels.json", "w") as f:
    json.dump({"call": "confint_proportions_2indep(x2, n2, x1, n1, method='newcombe')",
               "independent": out}, f, indent=1)
print("wrote kpi_statsmodels.json")
