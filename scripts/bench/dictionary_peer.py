#!/usr/bin/python3
"""The numpy/scipy peer of the dictionary benchmark, written as a researcher would.

    /usr/bin/python3 scripts/bench/dictionary_peer.py W.npy [--truth truth.json] [--threshold T] [--block 2048] [--json]

1. unit-normalise the rows (features) of W, float32;
2. blocked Gram U[i:i+B] @ U.T (OpenBLAS), keep pairs with |cos| > T, where T is
   the random-direction baseline sqrt(2 ln(N^2) / m) (the Gaussian tail of the
   N^2/2 pair cosines, each ~ N(0, 1/m)) unless --threshold is given;
3. connected components of that graph (scipy.sparse.csgraph);
4. per component of >= 2 features: SVD rank (singular values > 0.1 sigma_1) in
   float64, and a label from scripts/fixtures/read_structures.py (ideal shape
   with the same vertex count and rank whose sorted Gram is within 0.1; else
   "irregular").
Prints the time and the structures; with --truth, how many planted structures
were found with exactly their features / their label, and false structures.
--json prints one JSON object on stdout (the benchmark harness reads it).
"""
import argparse
import json
import math
import os
import resource
import sys
import time

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
import read_structures  # noqa: E402


def find_structures(W, threshold=None, block=2048):
    N, m = W.shape
    U = W / np.linalg.norm(W, axis=1, keepdims=True)
    T = math.sqrt(2 * math.log(N * N) / m) if threshold is None else threshold
    rows, cols = [], []
    for i in range(0, N, block):
        G = U[i : i + block] @ U.T
        r, c = np.nonzero(np.abs(G) > T)
        keep = c > r + i  # each pair once, no diagonal
        rows.append(r[keep] + i)
        cols.append(c[keep])
    r, c = np.concatenate(rows), np.concatenate(cols)
    _, comp = connected_components(coo_matrix((np.ones(len(r)), (r, c)), shape=(N, N)), directed=False)
    sizes = np.bincount(comp)
    out = []
    for k in np.flatnonzero(sizes >= 2):
        feats = np.flatnonzero(comp == k)
        V = U[feats].astype(np.float64)
        s = np.linalg.svd(V, compute_uv=False)
        rank = int(np.sum(s > read_structures.RANK_REL * s[0]))
        label, ideal_rank, err = read_structures.label_group(V)
        if label is None or err > read_structures.LABEL_TOL or rank != ideal_rank:
            label = "irregular"
        out.append({"features": [int(f) for f in feats], "label": label, "dimension": rank})
    return out, T, len(r)


def score(found, truth):
    """Planted structures found with exactly their feature set, and with their label too; found sets matching nothing."""
    by_set = {frozenset(s["features"]): s for s in found}
    exact = labelled = 0
    missed = []
    for t in truth:
        f = by_set.get(frozenset(t["features"]))
        if f is None:
            missed.append(t["label"])
            continue
        exact += 1
        labelled += f["label"] == t["label"] and f["dimension"] == t["dimension"]
    truth_sets = {frozenset(t["features"]) for t in truth}
    false = [s for s in found if frozenset(s["features"]) not in truth_sets]
    return {"planted": len(truth), "exactFeatures": exact, "exactLabel": labelled, "missed": missed, "false": len(false), "falseSizes": sorted(len(s["features"]) for s in false)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--truth")
    ap.add_argument("--threshold", type=float, help="|cos| edge threshold (default: the random baseline)")
    ap.add_argument("--block", type=int, default=2048, help="rows per Gram block")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    t0 = time.perf_counter()
    W = np.load(a.file).astype(np.float32, copy=False)
    t1 = time.perf_counter()
    found, T, edges = find_structures(W, a.threshold, a.block)
    t2 = time.perf_counter()
    result = {"n": W.shape[0], "m": W.shape[1], "threshold": T, "edges": edges, "loadSeconds": t1 - t0, "findSeconds": t2 - t1, "structures": found}
    if a.truth:
        with open(a.truth) as f:
            result["score"] = score(found, json.load(f)["structures"])
    result["maxRssKB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    if a.json:
        print(json.dumps(result))
        return
    print(f"peer: {W.shape[0]} x {W.shape[1]}, |cos| > {T:.4f}: {edges} edges, {len(found)} structures in {t2 - t1:.2f} s (load {t1 - t0:.2f} s)")
    for s in found:
        print(f"  {s['label']} (dim {s['dimension']}): {len(s['features'])} features")
    if a.truth:
        print(f"vs truth: {result['score']}")


if __name__ == "__main__":
    main()
