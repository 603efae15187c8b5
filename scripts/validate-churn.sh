#!/bin/sh
# Validates Folio's score on a public churn data set (issue 15), by hand:
#   scripts/validate-churn.sh bigml churn-bigml-80.csv churn-bigml-20.csv
#   scripts/validate-churn.sh bank Churn_Modelling.csv
# Converts it with the churn label left out (scripts/churn-dataset-to-folio.py), imports it,
# runs the daily run on the as-of day, imports the outcomes kept apart, and prints the default
# profile's AUC (folio model backtest), a fitted profile's held-out AUC (folio model fit) and a
# logistic-regression baseline's (scripts/churn-baseline.py, scikit-learn).
set -eu
format=$1; shift
here=$(cd "$(dirname "$0")/.." && pwd)
folio=${FOLIO:-$here/.build/debug/folio}
work=$(mktemp -d /tmp/folio-churn-XXXXXX)
as_of=2026-03-01
python3 "$here/scripts/churn-dataset-to-folio.py" "$format" "$work" "$@" --as-of $as_of
db="$work/folio.db"
files="$work/users.csv $work/accounts.csv"
[ -f "$work/cases.csv" ] && files="$files $work/cases.csv"
# shellcheck disable=SC2086
"$folio" import $files --db "$db" --user lead >/dev/null
"$folio" tick --db "$db" --as-of $as_of >/dev/null
"$folio" import "$work/label/outcomes.csv" --db "$db" --user lead >/dev/null
"$folio" model backtest --db "$db" --as-of $as_of --json > "$work/backtest.json"
"$folio" model fit --db "$db" --as-of $as_of --out "$work/fitted.yaml" --json > "$work/fit.json"
python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
b = json.load(open(f"{w}/backtest.json")); f = json.load(open(f"{w}/fit.json"))
print(f"default profile: ROC AUC {b['auc']['auc']:.3f} ({b['auc']['low']:.3f}–{b['auc']['high']:.3f}), "
      f"{b['cases']} accounts, {b['churned']} churned; top-decile lift {b['topDecileLift']['lift']}")
print(f"fitted profile, held out ({f['folds']}-fold): ROC AUC {f['heldOutNew']['auc']:.3f} (default on the same folds {f['heldOutOld']['auc']:.3f})")
kept = [m for m in f['measures'] if m['kept']]
print("fitted measures: " + ", ".join(f"{m['name']} {m['weight']:g}" for m in sorted(kept, key=lambda m: -m['weight'])))
PY
python3 "$here/scripts/churn-baseline.py" "$work/label/features.csv"
echo "files in $work (fitted profile: $work/fitted.yaml)"
