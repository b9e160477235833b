#!/usr/bin/env python3
"""numpy's column of scripts/bench/linalg.mjs: the same matrices (float64 files
in the folder given, described by its manifest.json), timed per call as the
Node side times them (median of 5 batches of >= 40 ms after a warm-up), and the
answers the Node side compares against. Prints one JSON object."""
import json
import os
import sys
import time

import numpy as np


def timed(fn):
    fn()
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        if time.perf_counter() - t >= 0.04 or reps >= 1 << 20:
            break
        reps *= 2
    per = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        per.append((time.perf_counter() - t) / reps)
    return sorted(per)[2]


def load(folder, name, shape):
    return np.fromfile(os.path.join(folder, name), dtype=np.float64).reshape(shape)


def main(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    out = {"version": np.__version__, "eigen": [], "spectrum": [], "basis": [], "qr": []}
    for c in manifest["eigen"]:
        S = load(folder, c["file"], (c["k"], c["k"]))
        values = np.linalg.eigh(S)[0]
        out["eigen"].append({"seconds": timed(lambda: np.linalg.eigh(S)), "values": values.tolist()})
    for c in manifest["spectrum"]:
        A = load(folder, c["file"], (c["N"], c["m"]))
        # Singular values and the rows' principal coordinates U·Σ, what rowSpectrum returns.
        def spectrum():
            U, s, _ = np.linalg.svd(A, full_matrices=False)
            return U * s
        s = np.linalg.svd(A, compute_uv=False)
        out["spectrum"].append({"seconds": timed(spectrum), "singular": s.tolist()})
    for c in manifest["basis"]:
        W = load(folder, c["file"], (c["n"], c["m"]))
        X = W[np.array(c["subsets"])]  # (subsets, k, m)
        s = np.linalg.svd(X, compute_uv=False)
        k, m = X.shape[1], X.shape[2]
        ranks = (s > max(k, m) * s[:, :1] * np.finfo(np.float64).eps).sum(axis=1)
        seconds = timed(lambda: np.linalg.svd(X, full_matrices=False))
        out["basis"].append({"seconds": seconds, "singular": s.tolist(), "ranks": ranks.tolist()})
    for c in manifest["qr"]:
        A = load(folder, c["file"], (c["n"], c["m"]))
        R = np.linalg.qr(A, mode="r")
        out["qr"].append({"seconds": timed(lambda: np.linalg.qr(A, mode="r")), "R": R.ravel().tolist()})
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
