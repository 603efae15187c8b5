#!/bin/sh
# Validates Folio's score on a public churn data set (issue 15), by hand:
#   scripts/churn-dataset/validate.sh bigml [churn-bigml-80.csv churn-bigml-20.csv]
#   scripts/churn-dataset/validate.sh iranian [Customer_Churn.csv]
#   scripts/churn-dataset/validate.sh bank [Churn_Modelling.csv]
# Without files it downloads them (curl) from the GitHub repositories named in README.md, at a
# pinned commit, into a temporary directory; nothing is kept in the repository.
# Converts the set with the churn label left out (to-folio.py), imports it, runs the daily run
# on the as-of day, imports the outcomes kept apart, and prints the default profile's AUC
# (folio model backtest), a fitted profile's held-out AUC (folio model fit) and a
# logistic-regression baseline's on the same columns (baseline.py, numpy only).
# FOLIO=path/to/folio picks the binary (default: the debug build).
set -eu
format=${1:?usage: validate.sh bigml|bank|iranian [FILES…]}; shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
folio=${FOLIO:-$root/.build/debug/folio}
work=$(mktemp -d /tmp/folio-churn-XXXXXX)
as_of=2026-03-01

if [ $# -eq 0 ]; then
  case $format in
    bigml) base=https://raw.githubusercontent.com/ABKevin/Customer-churn-dataset/69b54539f4964dd79d680e2d8cec1e2101addbfc
           names="churn-bigml-80.csv churn-bigml-20.csv" ;;
    iranian) base=https://raw.githubusercontent.com/Sabreen-Nazar/Iranian_Churn/5e7a7632b1efe30aff8417cb78cf01c3f017ac75
           names="Customer_Churn.csv" ;;
    bank)  base=https://raw.githubusercontent.com/AaronMbuzi/BankChurn-Analytics/ae5410118dad4d4d87456680bd6b74fa78386e4b
           names="Churn_Modelling.csv" ;;
    *) echo "validate.sh: unknown set '$format' (bigml, bank or iranian)" >&2; exit 64 ;;
  esac
  mkdir -p "$work/source"
  for name in $names; do
    curl -fsSL "$base/$name" -o "$work/source/$name"
    set -- "$@" "$work/source/$name"
  done
fi

python3 "$here/to-folio.py" "$format" "$work" "$@" --as-of $as_of
db="$work/folio.db"
files="$work/users.csv $work/accounts.csv"
[ -f "$work/cases.csv" ] && files="$files $work/cases.csv"
[ -f "$work/usage.csv" ] && files="$files $work/usage.csv"
# shellcheck disable=SC2086
"$folio" import $files --db "$db" --user lead >/dev/null
"$folio" tick --db "$db" --as-of $as_of >/dev/null
"$folio" import "$work/label/outcomes.csv" --db "$db" --user lead >/dev/null
"$folio" model backtest --db "$db" --user lead --as-of $as_of --json > "$work/backtest.json"
"$folio" model fit --db "$db" --user lead --as-of $as_of --out "$work/fitted.yaml" --json > "$work/fit.json"
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
python3 "$here/baseline.py" "$work/label/features.csv"
echo "files in $work (fitted profile: $work/fitted.yaml)"
