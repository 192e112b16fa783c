"""Reference for `ttest-xl analyze --equivalence X` and the BF10 column (tests/cli_equivalence.rs).

The survey workbooks of analyze.R are read and cleaned here again, independently of ttest-xl
(openpyxl; the same cleaning as analyze.R: full-width digits, numbers stored as text, Likert labels,
anything else missing; paired by an inner join on the ID), and per item:

  * statsmodels 0.15 `ttost_paired(second, first, -X, X)` or
    `ttost_ind(second, first, -X, X, usevar="unequal" | "pooled")`: p = the larger one-sided p;
    the 1 - 2 alpha interval from `DescrStatsW(second - first).tconfint_mean` or
    `CompareMeans(...).tconfint_diff(usevar=...)`;
  * statsmodels `multipletests(p, method="holm")` over the items: the adjusted equivalence p;
  * BF10: t from scipy (`ttest_rel(second, first)` or `ttest_ind(second, first, equal_var=True)`),
    then the JZS integral of Rouder et al. (2009) with mpmath at 30 digits (`ln_bf10` of
    bayes_factor.py), r = sqrt(2)/2, as BayesFactor::ttestBF(second, first, paired = ...).

The n of every item is checked against analyze.json (R's reading of the same workbooks).
Run from this directory: python3 analyze_equivalence.py   (pip install statsmodels mpmath openpyxl)
"""
import json
import math

import numpy as np
import openpyxl
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttost_ind, ttost_paired

from bayes_factor import ln_bf10

ALPHA = 0.05
LIKERT = {"全くそう思わない": 1, "そう思わない": 2, "どちらともいえない": 3, "そう思う": 4,
          "とてもそう思う": 5}
FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")


def clean(v):
    """analyze.R's clean(): text as readxl gives it, then as.numeric or a Likert label."""
    if v is None:
        return math.nan
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    s = str(v).translate(FULL).strip()
    if s in LIKERT:
        return float(LIKERT[s])
    try:
        x = float(s)
    except ValueError:
        return math.nan
    return x if math.isfinite(x) else math.nan


def sheet(path, name, header_row):
    # read_only: openxlsx writes a drawing relation without its part, which the full reader refuses.
    ws = openpyxl.load_workbook(path, data_only=True, read_only=True)[name]
    ws.reset_dimensions()  # openxlsx's dimension says A1 only
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = [h for h in rows[0]]
    # Rows end at their last cell: pad them to the header's width.
    body = [tuple(r) + (None,) * (len(head) - len(r)) for r in rows[1:]]
    return head, [r for r in body if any(c is not None for c in r)]


def r17(v):
    return float(f"{float(v):.17g}")


def item(first, second, test, bound):
    """One item: first/second as the analysis uses them (complete pairs for paired)."""
    first, second = np.asarray(first), np.asarray(second)
    conf = 1 - 2 * ALPHA
    if test == "paired":
        p, _, _ = ttost_paired(second, first, -bound, bound)
        ci = DescrStatsW(second - first).tconfint_mean(alpha=1 - conf)
        t = stats.ttest_rel(second, first).statistic
        ln_bf = ln_bf10(float(t), len(first), 0, math.sqrt(2) / 2)
    else:
        usevar = "pooled" if test == "student" else "unequal"
        p, _, _ = ttost_ind(second, first, -bound, bound, usevar=usevar)
        ci = CompareMeans(DescrStatsW(second), DescrStatsW(first)).tconfint_diff(
            alpha=1 - conf, usevar=usevar)
        t = stats.ttest_ind(second, first, equal_var=True).statistic
        ln_bf = ln_bf10(float(t), len(second), len(first), math.sqrt(2) / 2)
    return dict(n_1=len(first), n_2=len(second), equivalence_p_value=r17(p),
                equivalence_conf_low=r17(ci[0]), equivalence_conf_high=r17(ci[1]),
                bf10=r17(math.exp(float(ln_bf))))


def run(items, first, second, test, bound, r_run):
    out = []
    for name in items:
        a, b = np.asarray(first[name]), np.asarray(second[name])
        if test == "paired":
            ok = ~np.isnan(a) & ~np.isnan(b)
            a, b = a[ok], b[ok]
        else:
            a, b = a[~np.isnan(a)], b[~np.isnan(b)]
        r = item(a, b, test, bound)
        r["item"] = name
        out.append(r)
    holm = multipletests([r["equivalence_p_value"] for r in out], method="holm")[1]
    for r, q in zip(out, holm):
        r["equivalence_p_adjusted"] = r17(q)
        r["equivalent"] = bool(q < ALPHA)
    # Same reading as R: every n agrees with analyze.json.
    assert len(out) == len(r_run[0]["items"]) > 0
    for r, rr in zip(out, r_run[0]["items"]):
        assert (r["item"], r["n_1"], r["n_2"]) == (rr["item"], rr["n_1"], rr["n_2"]), (r, rr)
    call = ("ttost_paired(second, first, -X, X)" if test == "paired" else
            f"ttost_ind(second, first, -X, X, usevar={'pooled' if test == 'student' else 'unequal'})")
    return dict(test=test, bound=bound, alpha=ALPHA, call=call + "; multipletests(holm); "
                "mpmath JZS BF10 r = sqrt(2)/2", items=out)


def main():
    with open("analyze.json") as f:
        r_runs = json.load(f)["runs"]
    path = "../../examples/staff_survey.xlsx"
    hb, before = sheet(path, "事前", 3)
    ha, after = sheet(path, "事後", 3)
    items = hb[2:]
    col = {h: i for i, h in enumerate(hb)}
    cola = {h: i for i, h in enumerate(ha)}
    pre = {row[0]: row for row in before}
    post = {row[0]: row for row in after}
    ids = [i for i in pre if i in post]
    first = {it: [clean(pre[i][col[it]]) for i in ids] for it in items}
    second = {it: [clean(post[i][cola[it]]) for i in ids] for it in items}
    all_first = {it: [clean(r[col[it]]) for r in before] for it in items}
    all_second = {it: [clean(r[cola[it]]) for r in after] for it in items}
    runs = {
        "staff_paired": run(items, first, second, "paired", 0.3, r_runs["staff_paired"]),
        "staff_welch": run(items, all_first, all_second, "welch", 0.3, r_runs["staff_welch"]),
        "staff_student": run(items, all_first, all_second, "student", 0.25,
                             r_runs["staff_student"]),
    }
    hg, grows = sheet("analyze_groups.xlsx", "回答", 1)
    gcol = {h: i for i, h in enumerate(hg)}
    gitems = hg[2:]
    men = [r for r in grows if r[gcol["性別"]] == "男性"]
    women = [r for r in grows if r[gcol["性別"]] == "女性"]
    gf = {it: [clean(r[gcol[it]]) for r in men] for it in gitems}
    gs = {it: [clean(r[gcol[it]]) for r in women] for it in gitems}
    runs["groups_welch"] = run(gitems, gf, gs, "welch", 0.5, r_runs["groups_welch"])
    with open("analyze_equivalence.json", "w") as f:
        json.dump({"generator": "analyze_equivalence.py: statsmodels "
                   f"{statsmodels.__version__} ttost_*, multipletests; mpmath JZS integral",
                   "runs": runs}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
