#!/usr/bin/env python3
"""Converts a public churn data set into Folio's import files, with the churn label left out.

The label goes to outcomes.csv, kept apart: import the rest, run `folio tick` on the as-of
day, then import outcomes.csv and ask `folio model backtest` / `folio model fit` how well the
score ranks the churners. Every other source column is carried as an account attribute
(`attribute.NAME`), so a fit may use it, and so is written to features.csv (one row per
account, the label last) for the logistic-regression baseline (scripts/churn-dataset/baseline.py).

Formats:
  bigml  BigML's telecom churn set (churn-bigml-80.csv + churn-bigml-20.csv, 3,333 customers):
         State, Account length (days), Area code, International plan, Voice mail plan, …,
         Customer service calls, Churn. Account length gives the contract start; each customer
         service call is a support case opened in the last 90 days; usage totals are attributes.
  bank   The bank customer churn set (Churn_Modelling.csv, 10,000 customers): CreditScore,
         Geography, Gender, Age, Tenure (years), Balance, NumOfProducts, HasCrCard,
         IsActiveMember, EstimatedSalary, Exited. Tenure gives the contract start, the balance
         the ARR; the rest are attributes. (Its derived columns — BalanceSalaryRatio,
         IsHighValueCustomer, AgeGroup — are left out: they repeat the others.)

No churn date is in either set: a churner's churn is dated within the 90 days after the
as-of day (spread by a hash of the id), so a 90-day horizon sees every one; the others get a
`renewed` outcome after it.

Usage: scripts/churn-dataset/to-folio.py bigml OUT_DIR churn-bigml-80.csv churn-bigml-20.csv
       scripts/churn-dataset/to-folio.py bank OUT_DIR Churn_Modelling.csv [--as-of 2026-03-01]
"""
import argparse
import csv
import datetime
import hashlib
import os
import re


def slug(name):
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def spread(key, days):
    """A stable 1…days from the id, so reruns give the same dates."""
    return 1 + int(hashlib.sha256(key.encode()).hexdigest(), 16) % days


def bigml(rows, as_of):
    accounts, cases, features = [], [], []
    for k, r in enumerate(rows):
        cid = f"T{k + 1:05d}"
        length = int(r["Account length"])
        start = as_of - datetime.timedelta(days=length)
        # A monthly plan: the next monthly anniversary after the as-of day.
        renewal = as_of + datetime.timedelta(days=(30 - length % 30) or 30)
        monthly = sum(float(r[c]) for c in ["Total day charge", "Total eve charge", "Total night charge", "Total intl charge"])
        attributes = {
            "state": r["State"], "area_code": r["Area code"], "international_plan": r["International plan"].lower(),
            "voice_mail_plan": r["Voice mail plan"].lower(), "vmail_messages": r["Number vmail messages"],
            "day_minutes": r["Total day minutes"], "day_calls": r["Total day calls"], "eve_minutes": r["Total eve minutes"],
            "eve_calls": r["Total eve calls"], "night_minutes": r["Total night minutes"], "night_calls": r["Total night calls"],
            "intl_minutes": r["Total intl minutes"], "intl_calls": r["Total intl calls"],
        }
        accounts.append((cid, f"Customer {k + 1}", round(monthly * 12, 2), start, renewal, None, attributes))
        for n in range(int(r["Customer service calls"])):
            opened = as_of - datetime.timedelta(days=spread(f"{cid}-{n}", 89))
            cases.append((f"{cid}-C{n + 1}", cid, "low", opened, min(as_of, opened + datetime.timedelta(days=2))))
        churned = r["Churn"].strip().lower() in ("true", "1", "yes")
        features.append((cid, {**{"account_length": length, "customer_service_calls": r["Customer service calls"]}, **attributes}, churned))
    return accounts, cases, features


def bank(rows, as_of):
    accounts, features = [], []
    for r in rows:
        cid = f"B{r['CustomerId']}"
        years = int(r["Tenure"])
        # Tenure in whole years: a customer of "0 years" joined within the year.
        start = as_of - datetime.timedelta(days=int(365.25 * years) + spread(cid, 300))
        anniversary = start
        while anniversary <= as_of:
            anniversary = anniversary.replace(year=anniversary.year + 1) if not (anniversary.month == 2 and anniversary.day == 29) \
                else anniversary.replace(year=anniversary.year + 1, day=28)
        attributes = {
            "credit_score": r["CreditScore"], "geography": r["Geography"], "gender": r["Gender"], "age": r["Age"],
            "num_of_products": r["NumOfProducts"], "has_cr_card": r["HasCrCard"], "is_active_member": r["IsActiveMember"],
            "estimated_salary": r["EstimatedSalary"], "balance": r["Balance"],
        }
        accounts.append((cid, f"{r['Surname']} {r['CustomerId']}", float(r["Balance"]), start, anniversary, 12, attributes))
        features.append((cid, {**{"tenure": years}, **attributes}, r["Exited"].strip() == "1"))
    return accounts, [], features


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=["bigml", "bank"])
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--as-of", default="2026-03-01")
    args = parser.parse_args()
    as_of = datetime.date.fromisoformat(args.as_of)
    rows = []
    for path in args.files:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows.extend(csv.DictReader(f))
    accounts, cases, features = (bigml if args.format == "bigml" else bank)(rows, as_of)
    os.makedirs(args.out, exist_ok=True)

    with open(os.path.join(args.out, "users.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["login", "name", "email", "role", "manager"])
        w.writerow(["lead", "CS Lead", "lead@example.com", "manager", ""])
        w.writerow(["csm", "The CSM", "csm@example.com", "csm", "lead"])

    names = sorted({k for a in accounts for k in a[6]})
    with open(os.path.join(args.out, "accounts.csv"), "w", newline="") as f:
        w = csv.writer(f)
        # No term_months where the set does not say: the contract term stays "no data".
        with_term = any(a[5] is not None for a in accounts)
        w.writerow(["id", "name", "tier", "owner", "arr", "contract_start", "renewal_date"] + (["term_months"] if with_term else [])
                   + [f"attribute.{n}" for n in names])
        for cid, name, arr, start, renewal, term, attributes in accounts:
            w.writerow([cid, name, "smb", "csm", f"{arr:.2f}", start.isoformat(), renewal.isoformat()]
                       + ([term] if with_term else []) + [attributes.get(n, "") for n in names])

    if cases:
        with open(os.path.join(args.out, "cases.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "account_id", "priority", "opened", "closed"])
            for cid, account, priority, opened, closed in cases:
                w.writerow([cid, account, priority, opened.isoformat(), closed.isoformat()])

    # Kept apart: the label.
    os.makedirs(os.path.join(args.out, "label"), exist_ok=True)
    with open(os.path.join(args.out, "label", "outcomes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["account_id", "outcome", "date"])
        for cid, _, churned in features:
            if churned:
                w.writerow([cid, "churned", (as_of + datetime.timedelta(days=spread(cid, 60))).isoformat()])
            else:
                w.writerow([cid, "renewed", (as_of + datetime.timedelta(days=60 + spread(cid, 29))).isoformat()])

    columns = sorted({k for _, fs, _ in features for k in fs})
    with open(os.path.join(args.out, "label", "features.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id"] + columns + ["churned"])
        for cid, fs, churned in features:
            w.writerow([cid] + [fs.get(c, "") for c in columns] + [1 if churned else 0])
    print(f"{args.out}: {len(accounts)} accounts, {len(cases)} cases, {sum(1 for f in features if f[2])} churners (kept apart in label/)")


if __name__ == "__main__":
    main()
