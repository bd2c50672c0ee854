"""Writes the benchmark's data sets with fixed folds, and scikit-learn's MLP defaults on those very folds.

Usage: /usr/bin/python3 prepare.py OUTPUT_DIRECTORY
For each data set: OUTPUT_DIRECTORY/<name>.csv (features f0..fN-1, label, fold) and one line per fold in
OUTPUT_DIRECTORY/sklearn.jsonl with scikit-learn's MLPClassifier / MLPRegressor defaults (features standardized
on the training folds; regression targets standardized too, as the benchmark compares like with like).
Needs Debian's python3-sklearn and python3-numpy.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn import datasets
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FOLDS = 5


def data_sets():
    yield "iris", "multiclass", *datasets.load_iris(return_X_y=True)
    yield "wine", "multiclass", *datasets.load_wine(return_X_y=True)
    yield "breast_cancer", "binary", *datasets.load_breast_cancer(return_X_y=True)
    yield "digits", "multiclass", *datasets.load_digits(return_X_y=True)
    yield "diabetes", "regression", *datasets.load_diabetes(return_X_y=True)
    x, y = datasets.make_friedman1(n_samples=1000, noise=1.0, random_state=0)
    yield "friedman1", "regression", x, y
    # Offsets the target to mean ~150 (like diabetes): a model that does not standardize the target suffers.
    x, y = datasets.make_regression(n_samples=800, n_features=12, n_informative=8, noise=10.0, random_state=0)
    yield "linear_offset", "regression", x, y + 150.0
    x, y = datasets.make_classification(n_samples=2000, n_features=20, n_informative=8, n_redundant=4,
                                        n_classes=2, flip_y=0.05, class_sep=0.8, random_state=0)
    yield "noisy_binary", "binary", x, y


def folds_of(task, x, y):
    splitter = KFold(FOLDS, shuffle=True, random_state=0) if task == "regression" \
        else StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    fold = np.empty(len(y), dtype=int)
    for index, (_, test) in enumerate(splitter.split(x, y)):
        fold[test] = index
    return fold


def write_csv(path, task, x, y, fold):
    with open(path, "w") as out:
        out.write(",".join([f"f{j}" for j in range(x.shape[1])] + ["label", "fold"]) + "\n")
        for row, target, f in zip(x, y, fold):
            label = ("true" if target == 1 else "false") if task == "binary" \
                else (str(int(target)) if task == "multiclass" else repr(float(target)))
            out.write(",".join(repr(float(v)) for v in row) + f",{label},{f}\n")


def sklearn_fold(task, x, y, fold, k):
    train, test = fold != k, fold == k
    if task == "regression":
        model = TransformedTargetRegressor(make_pipeline(StandardScaler(), MLPRegressor(random_state=k)),
                                           transformer=StandardScaler())
    else:
        model = make_pipeline(StandardScaler(), MLPClassifier(random_state=k))
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x[train], y[train])
    seconds = time.perf_counter() - started
    if task == "regression":
        predicted = model.predict(x[test])
        return {"r2": r2_score(y[test], predicted), "rmse": mean_squared_error(y[test], predicted) ** 0.5, "seconds": seconds}
    probabilities = model.predict_proba(x[test])
    return {"accuracy": accuracy_score(y[test], model.predict(x[test])),
            "log_loss": log_loss(y[test], probabilities, labels=model.classes_), "seconds": seconds}


def main(directory):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "sklearn.jsonl"), "w") as results:
        for name, task, x, y in data_sets():
            fold = folds_of(task, x, y)
            write_csv(os.path.join(directory, f"{name}.csv"), task, x, y, fold)
            for k in range(FOLDS):
                line = {"dataset": name, "task": task, "fold": k, **sklearn_fold(task, x, y, fold, k)}
                results.write(json.dumps(line) + "\n")
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
