#!/usr/bin/env python3
"""The logistic-regression baseline for a converted churn set: every source column of
label/features.csv (numbers standardised, words one-hot), 5-fold stratified cross-validation,
ROC AUC out of fold. What a fitted Folio profile is measured against (issue 15: within 0.03).

Usage: scripts/churn-baseline.py OUT_DIR/label/features.csv   (needs scikit-learn: pip install scikit-learn)
"""
import sys

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
import csv


def main():
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0] if c not in ("id", "churned")]
    numeric, words = [], []
    for c in columns:
        try:
            [float(r[c]) for r in rows if r[c] != ""]
            numeric.append(c)
        except ValueError:
            words.append(c)
    X = np.array([[r[c] for c in columns] for r in rows], dtype=object)
    for k, c in enumerate(columns):
        if c in numeric:
            X[:, k] = [float(v) if v != "" else 0.0 for v in X[:, k]]
    y = np.array([int(r["churned"]) for r in rows])
    transform = ColumnTransformer([
        ("numbers", StandardScaler(), [columns.index(c) for c in numeric]),
        ("words", OneHotEncoder(handle_unknown="ignore"), [columns.index(c) for c in words]),
    ])
    model = make_pipeline(transform, LogisticRegression(max_iter=2000))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    p = cross_val_predict(model, X, y, cv=folds, method="predict_proba")[:, 1]
    print(f"logistic regression on {len(columns)} columns ({len(numeric)} numbers, {len(words)} words), "
          f"{len(rows)} accounts, {y.sum()} churned: 5-fold ROC AUC {roc_auc_score(y, p):.3f}")


if __name__ == "__main__":
    main()
