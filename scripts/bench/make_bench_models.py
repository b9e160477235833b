#!/usr/bin/python3
"""Trained Toy Models for `scripts/bench/analyze.mjs`, written as plain .npy
(one feature per row) into the directory given (default: the OS temp dir).

* n20_m5.npy: the committed fixture's sparsest-but-one instance (n=20, m=5,
  importance 0.7^i, p=0.01), the talk's model size;
* n200_m20.npy: n=200, m=20, importance 1, p = 20^(-19/19) = 0.05 (the
  Toy Models feature-geometry setting), trained here with the same official
  setup as scripts/fixtures/train_toy_models.py (10,000 steps; about a minute).

    /usr/bin/python3 scripts/bench/make_bench_models.py [DIR]
"""
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from train_toy_models import train  # noqa: E402  (the official setup, shared with the fixtures)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "tegum-bench-analyze")
    os.makedirs(out, exist_ok=True)
    fixture = np.load(os.path.join(HERE, "..", "..", "test", "fixtures", "toymodels", "n20_m5.npz"))
    np.save(os.path.join(out, "n20_m5.npy"), fixture["W"][4].astype(np.float64))
    path = os.path.join(out, "n200_m20.npy")
    if not os.path.exists(path):
        W, _, _ = train({"n": 200, "m": 20, "importance_base": 1.0, "p": [20 ** (-19 / 19)]})
        np.save(path, W[0].astype(np.float64))
    print(out)


if __name__ == "__main__":
    main()
