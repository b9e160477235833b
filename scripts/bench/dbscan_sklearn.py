#!/usr/bin/python3
"""scikit-learn side of scripts/bench/dbscan.mjs.

    /usr/bin/python3 scripts/bench/dbscan_sklearn.py CLOUD.f64 DIM EPS MIN_SAMPLES [REPEATS]

Reads the raw little-endian float64 cloud, times DBSCAN(eps, min_samples,
algorithm='auto').fit(X) in-process (median of REPEATS), and prints JSON:
{"seconds", "algorithm", "version", "nClusters", "labels"}.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.neighbors import NearestNeighbors


def main():
    path, dim, eps, min_samples = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    X = np.fromfile(path, dtype='<f8').reshape(-1, dim)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        model = DBSCAN(eps=eps, min_samples=min_samples, algorithm='auto').fit(X)
        times.append(time.perf_counter() - t0)
    # Which index 'auto' picked, for the report (the same rule DBSCAN's NearestNeighbors applies).
    algorithm = NearestNeighbors(radius=eps, algorithm='auto').fit(X)._fit_method
    labels = model.labels_
    print(json.dumps({
        'seconds': float(np.median(times)),
        'algorithm': algorithm,
        'version': sklearn.__version__,
        'nClusters': int(labels.max() + 1),
        'labels': labels.tolist(),
    }))


if __name__ == '__main__':
    main()
