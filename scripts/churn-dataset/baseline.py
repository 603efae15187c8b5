#!/usr/bin/env python3
"""The logistic-regression baseline for a converted churn set: every source column of
label/features.csv (numbers standardised, words one-hot), 5-fold stratified cross-validation,
ROC AUC out of fold. What a fitted Folio profile is measured against (issue 15: within 0.03).

Only numpy: the model is fitted by Newton's method (iteratively reweighted least squares)
with a light ridge penalty (lambda 1, the intercept unpenalised), which is what
scikit-learn's default LogisticRegression computes, so the figure needs no other package.
Standardising and the word columns are learnt on each training fold only.

Usage: scripts/churn-dataset/baseline.py OUT_DIR/label/features.csv
"""
import csv
import sys

import numpy as np


def fit(X, y, ridge=1.0, iterations=50):
    """Penalised maximum likelihood by Newton steps; X has the intercept column first."""
    w = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(X @ w)))
        gradient = X.T @ (p - y) + penalty * w
        hessian = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def auc(y, score):
    """ROC AUC as the Mann–Whitney statistic, ties counted half (average ranks)."""
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    i = 0
    while i < len(score):
        j = i
        while j + 1 < len(score) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = y.sum()
    negatives = len(y) - positives
    return (ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def stratified_folds(y, k=5, seed=0):
    """Fold number per row: each class shuffled and dealt round the folds."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(y), dtype=int)
    for label in (0, 1):
        rows = np.flatnonzero(y == label)
        rng.shuffle(rows)
        folds[rows] = np.arange(len(rows)) % k
    return folds


def design(rows, numeric, words, training):
    """The model's columns, learnt on the training rows: z-scores, then one-hot words (a word
    not seen in training gets all zeros, like handle_unknown='ignore')."""
    columns = [np.ones(len(rows))]
    for c in numeric:
        values = np.array([float(r[c]) if r[c] != "" else np.nan for r in rows])
        mean = np.nanmean(values[training])
        values = np.where(np.isnan(values), mean, values)
        sd = values[training].std() or 1.0
        columns.append((values - mean) / sd)
    for c in words:
        seen = sorted({rows[i][c] for i in np.flatnonzero(training)})
        for word in seen:
            columns.append(np.array([1.0 if r[c] == word else 0.0 for r in rows]))
    return np.column_stack(columns)


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
    y = np.array([int(r["churned"]) for r in rows])
    folds = stratified_folds(y)
    predicted = np.empty(len(rows))
    for fold in range(5):
        training = folds != fold
        X = design(rows, numeric, words, training)
        w = fit(X[training], y[training])
        predicted[~training] = X[~training] @ w
    print(f"logistic regression on {len(columns)} columns ({len(numeric)} numbers, {len(words)} words), "
          f"{len(rows)} accounts, {y.sum()} churned: 5-fold ROC AUC {auc(y, predicted):.3f}")


if __name__ == "__main__":
    main()
