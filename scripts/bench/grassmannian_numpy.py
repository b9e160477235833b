#!/usr/bin/python3
"""numpy baseline for the Grassmannian embedding benchmark.

For each size (n, m, K): all k-subsets of n Gaussian feature vectors in R^m,
k = 1..K; per subset an orthonormal basis (batched SVD), rank (numpy's
matrix_rank rule), projector P = U_r U_rᵀ and its upper-triangle embedding
(off-diagonal × √2) — the same work as tegum's embedSubsets. Subsets are
processed in chunks so memory stays bounded. Prints one JSON line per size:
{"impl": "numpy", n, m, K, subsets, passes, seconds, subsets_per_second}
(subsets counts all timed passes; a warm-up pass runs first, untimed).

Usage: /usr/bin/python3 scripts/bench/grassmannian_numpy.py [--sizes 20x5x3,40x16x3,100x64x3] [--chunk 2048] [--min-seconds 0.5]
Importable: run(n, m, K, chunk, min_seconds) returns the same dict.
"""
import argparse
import itertools
import json
import time

import numpy as np

DEFAULT_SIZES = [(20, 5, 3), (40, 16, 3), (100, 64, 3)]


def embed_chunk(W, idx, flat_iu, scale):
    """Embeddings (B × m(m+1)/2) and ranks of the subsets idx (B × k)."""
    m = W.shape[1]
    k = idx.shape[1]
    M = W[idx].transpose(0, 2, 1)                      # B × m × k stacked matrices
    U, s, _ = np.linalg.svd(M, full_matrices=False)    # stacked LAPACK gesdd
    tol = s[:, :1] * (max(m, k) * np.finfo(np.float64).eps)
    keep = s > tol                                     # numpy's matrix_rank rule
    U = U * keep[:, None, :]
    P = U @ U.transpose(0, 2, 1)
    # np.take on the flattened P beats 2-d fancy indexing by ~2x here.
    return np.take(P.reshape(len(idx), m * m), flat_iu, axis=1) * scale, keep.sum(axis=1)


def one_pass(W, K, chunk, flat_iu, scale):
    """Embeds all k-subsets, k = 1..K; returns how many there were."""
    n = W.shape[0]
    total = 0
    for k in range(1, K + 1):
        combos = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp)
        for start in range(0, len(combos), chunk):
            embed_chunk(W, combos[start:start + chunk], flat_iu, scale)
        total += len(combos)
    return total


def run(n, m, K, chunk=2048, min_seconds=0.5, seed=0):
    """Times the embedding of all k-subsets, k = 1..K, of n random features in
    R^m: one untimed warm-up pass, then whole passes until min_seconds."""
    W = np.random.default_rng(seed).standard_normal((n, m))
    iu = np.triu_indices(m)
    flat_iu = iu[0] * m + iu[1]
    scale = np.where(iu[0] == iu[1], 1.0, np.sqrt(2.0))
    one_pass(W, K, chunk, flat_iu, scale)
    subsets, passes = 0, 0
    t0 = time.perf_counter()
    while True:
        subsets += one_pass(W, K, chunk, flat_iu, scale)
        passes += 1
        seconds = time.perf_counter() - t0
        if seconds >= min_seconds:
            break
    return {'impl': 'numpy', 'n': n, 'm': m, 'K': K, 'subsets': subsets, 'passes': passes,
            'seconds': seconds, 'subsets_per_second': subsets / seconds}


def parse_sizes(text):
    return [tuple(int(v) for v in part.split('x')) for part in text.split(',')]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--sizes', type=parse_sizes, default=DEFAULT_SIZES, help='comma-separated nxmxK, e.g. 20x5x3,40x16x3')
    ap.add_argument('--chunk', type=int, default=2048, help='subsets per batched call')
    ap.add_argument('--min-seconds', type=float, default=0.5, help='repeat passes until this much time')
    args = ap.parse_args()
    for n, m, K in args.sizes:
        print(json.dumps(run(n, m, K, args.chunk, args.min_seconds)), flush=True)


if __name__ == '__main__':
    main()
