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
  iranian  The Iranian telecom churn set (UCI 563, "Customer Churn.csv", 3,150 customers): Call
         Failure, Complains, Subscription Length (months), Charge Amount, Seconds of Use,
         Frequency of use, Frequency of SMS, Distinct Called Numbers, Age Group, Tariff Plan
         (1 pay-as-you-go, 2 contractual), Status (1 active, 2 non-active), Age, Customer Value,
         Churn. Subscription length gives the contract start; the tariff plan the term (1 or 12
         months); a complaint is a support case in the last 90 days; the status the active users
         of a one-seat account over the last 4 weeks (with the calls per week as key actions);
         the customer value the ARR; the rest are attributes.
  bank   The bank customer churn set (Churn_Modelling.csv, 10,000 customers): CreditScore,
         Geography, Gender, Age, Tenure (years), Balance, NumOfProducts, HasCrCard,
         IsActiveMember, EstimatedSalary, Exited. Tenure gives the contract start, the balance
         the ARR, IsActiveMember the active users of a one-seat account over the last 4 weeks;
         the rest are attributes. (Its derived columns — BalanceSalaryRatio,
         IsHighValueCustomer, AgeGroup — are left out: they repeat the others.)

No churn date is in either set: a churner's churn is dated within the 90 days after the
as-of day (spread by a hash of the id), so a 90-day horizon sees every one; the others get a
`renewed` outcome after it.

Usage: scripts/churn-dataset/to-folio.py bigml OUT_DIR churn-bigml-80.csv churn-bigml-20.csv
       scripts/churn-dataset/to-folio.py bank OUT_DIR Churn_Modelling.csv [--as-of 2026-03-01]
       scripts/churn-dataset/to-folio.py iranian OUT_DIR "Customer Churn.csv"
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
        accounts.append((cid, f"Customer {k + 1}", round(monthly * 12, 2), start, renewal, None, attributes, None))
        for n in range(int(r["Customer service calls"])):
            opened = as_of - datetime.timedelta(days=spread(f"{cid}-{n}", 89))
            cases.append((f"{cid}-C{n + 1}", cid, "low", opened, min(as_of, opened + datetime.timedelta(days=2))))
        churned = r["Churn"].strip().lower() in ("true", "1", "yes")
        features.append((cid, {**{"account_length": length, "customer_service_calls": r["Customer service calls"]}, **attributes}, churned))
    return accounts, cases, [], features


def last_weeks(as_of, n=4):
    """The Mondays of the last n complete weeks before the as-of day, oldest first."""
    monday = as_of - datetime.timedelta(days=as_of.weekday())
    if monday + datetime.timedelta(days=7) > as_of:
        monday -= datetime.timedelta(days=7)
    return [monday - datetime.timedelta(days=7 * k) for k in range(n - 1, -1, -1)]


def next_anniversary(start, as_of, months):
    """The first day after as_of that is a whole number of `months` after start."""
    year, month, k = start.year, start.month, 0
    while True:
        k += months
        y, m = year + (month - 1 + k) // 12, (month - 1 + k) % 12 + 1
        day = datetime.date(y, m, min(start.day, 28))
        if day > as_of:
            return day


def iranian(rows, as_of):
    accounts, cases, usage, features = [], [], [], []
    weeks = last_weeks(as_of)
    for k, r in enumerate(rows):
        r = {" ".join(key.split()): value for key, value in r.items()}  # the file doubles some spaces
        cid = f"I{k + 1:05d}"
        months = int(r["Subscription Length"])
        start = as_of - datetime.timedelta(days=int(months * 30.44) + spread(cid, 29) - 15)
        term = 12 if r["Tariff Plan"].strip() == "2" else 1
        active = r["Status"].strip() == "1"
        attributes = {
            "call_failures": r["Call Failure"], "charge_amount": r["Charge Amount"], "seconds_of_use": r["Seconds of Use"],
            "frequency_of_use": r["Frequency of use"], "frequency_of_sms": r["Frequency of SMS"],
            "distinct_called_numbers": r["Distinct Called Numbers"], "age_group": r["Age Group"], "age": r["Age"],
            "tariff_plan": "contractual" if term == 12 else "pay-as-you-go", "status": "active" if active else "non-active",
            "customer_value": r["Customer Value"],
        }
        accounts.append((cid, f"Subscriber {k + 1}", float(r["Customer Value"]), start, next_anniversary(start, as_of, term),
                         term, attributes, 1))
        if r["Complains"].strip() == "1":
            opened = as_of - datetime.timedelta(days=spread(f"{cid}-complaint", 89))
            cases.append((f"{cid}-C1", cid, "medium", opened, min(as_of, opened + datetime.timedelta(days=3))))
        # Nine months of calls, as calls per week; a non-active subscriber had none of late.
        per_week = round(int(r["Frequency of use"]) / 39) if active else 0
        for week in weeks:
            usage.append((cid, week, 1 if active else 0, per_week))
        features.append((cid, {**{"complains": r["Complains"], "subscription_length": months}, **attributes},
                         r["Churn"].strip() == "1"))
    return accounts, cases, usage, features


def bank(rows, as_of):
    accounts, usage, features = [], [], []
    weeks = last_weeks(as_of)
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
        accounts.append((cid, f"{r['Surname']} {r['CustomerId']}", float(r["Balance"]), start, anniversary, 12, attributes, 1))
        # "Active member": the one customer used the bank's services of late, or did not.
        active = r["IsActiveMember"].strip() == "1"
        for week in weeks:
            usage.append((cid, week, 1 if active else 0, 1 if active else 0))
        features.append((cid, {**{"tenure": years}, **attributes}, r["Exited"].strip() == "1"))
    return accounts, [], usage, features


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("format", choices=["bigml", "bank", "iranian"])
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--as-of", default="2026-03-01")
    args = parser.parse_args()
    as_of = datetime.date.fromisoformat(args.as_of)
    rows = []
    for path in args.files:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows.extend(csv.DictReader(f))
    accounts, cases, usage, features = {"bigml": bigml, "bank": bank, "iranian": iranian}[args.format](rows, as_of)
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
        # No seats where the set has no usage: seat utilisation stays "no data" too.
        with_term = any(a[5] is not None for a in accounts)
        with_seats = any(a[7] is not None for a in accounts)
        w.writerow(["id", "name", "tier", "owner", "arr", "contract_start", "renewal_date"] + (["term_months"] if with_term else [])
                   + (["seats"] if with_seats else []) + [f"attribute.{n}" for n in names])
        for cid, name, arr, start, renewal, term, attributes, seats in accounts:
            w.writerow([cid, name, "smb", "csm", f"{arr:.2f}", start.isoformat(), renewal.isoformat()]
                       + ([term] if with_term else []) + ([seats] if with_seats else []) + [attributes.get(n, "") for n in names])

    if cases:
        with open(os.path.join(args.out, "cases.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "account_id", "priority", "opened", "closed"])
            for cid, account, priority, opened, closed in cases:
                w.writerow([cid, account, priority, opened.isoformat(), closed.isoformat()])

    if usage:
        with open(os.path.join(args.out, "usage.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["account_id", "week", "active_users", "key_actions"])
            for cid, week, active_users, key_actions in usage:
                w.writerow([cid, week.isoformat(), active_users, key_actions])

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
    print(f"{args.out}: {len(accounts)} accounts, {len(cases)} cases, {len(usage)} usage weeks, {sum(1 for f in features if f[2])} churners (kept apart in label/)")


if __name__ == "__main__":
    main()
