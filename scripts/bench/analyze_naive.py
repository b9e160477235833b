#!/usr/bin/python3
"""The talk's Hough-transform algorithm as written, in numpy + scikit-learn: the peer
that `scripts/bench/analyze.mjs` times tegum against.

For k = 1..K: every k-subset of all n features (no bundles, no pruning of the
enumeration), an orthonormal basis of its span (batched SVD, numpy's rank rule),
the projector P = UUᵀ vectorised as its upper triangle (off-diagonal ×√2), then
DBSCAN(eps, min_samples=2) over the projectors; 1-element clusters cannot occur
with min_samples=2, and pyramid clusters are dropped. Prints one JSON line:
{"n", "m", "K", "subsets", "seconds", "planes"}.

    /usr/bin/python3 scripts/bench/analyze_naive.py W.npy K [EPS]
"""
import itertools
import json
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN


def projector_embeddings(W, subsets, m):
    """W: n×m (one feature per row); subsets: (count, k) int array."""
    A = W[subsets]  # count × k × m
    U, s, _ = np.linalg.svd(np.transpose(A, (0, 2, 1)), full_matrices=False)  # U: count × m × k
    tol = s.max(axis=1, keepdims=True) * max(A.shape[1], m) * np.finfo(float).eps
    U = U * (s > tol)[:, None, :]
    P = U @ np.transpose(U, (0, 2, 1))
    iu = np.triu_indices(m)
    scale = np.where(iu[0] == iu[1], 1.0, np.sqrt(2.0))
    return P[:, iu[0], iu[1]] * scale, (s > tol).sum(axis=1)


def main():
    path, K = sys.argv[1], int(sys.argv[2])
    eps = float(sys.argv[3]) if len(sys.argv) > 3 else 0.25
    W = np.load(path).astype(np.float64)  # n×m, one feature per row
    n, m = W.shape
    t0 = time.perf_counter()
    planes, total, lines = [], 0, []
    below = []
    for k in range(1, K + 1):
        subsets = np.array(list(itertools.combinations(range(n), k)), dtype=np.int64)
        total += len(subsets)
        X, ranks = projector_embeddings(W, subsets, m)
        keep = ranks == k
        X, subsets = X[keep], subsets[keep]
        labels = DBSCAN(eps=eps, min_samples=2).fit(X).labels_
        clusters = [set(subsets[labels == c].ravel().tolist()) for c in range(labels.max() + 1)]
        if k == 1:
            lines = clusters
        for F in clusters:
            pyramid = any(G <= F and (len(F - G) == 1 or (len(F - G) == 2 and any(F - G <= L for L in lines))) for G in below)
            if len(F) > k and not pyramid:
                planes.append((k, sorted(F)))
        below = clusters
    seconds = time.perf_counter() - t0
    print(json.dumps({"n": n, "m": m, "K": K, "subsets": total, "seconds": seconds, "planes": len(planes)}))


if __name__ == "__main__":
    main()
