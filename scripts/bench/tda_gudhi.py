#!/usr/bin/python3
"""gudhi side of scripts/bench/tda.mjs.

    /usr/bin/python3 scripts/bench/tda_gudhi.py CLOUD.f64 DIM THRESHOLD [REPEATS]

Reads the raw little-endian float64 cloud and times, in-process, gudhi's
RipsComplex(points, max_edge_length=THRESHOLD) + create_simplex_tree(max_dimension=3)
+ persistence(homology_coeff_field=2) (median of REPEATS, default 1). Prints JSON:
{"seconds", "version", "simplices", "diagrams": [[[birth, death|null], ...] x 3]}.
"""
import json
import sys
import time

import gudhi
import numpy as np


def main():
    path, dim, threshold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    X = np.fromfile(path, dtype='<f8').reshape(-1, dim)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        st = gudhi.RipsComplex(points=X, max_edge_length=threshold).create_simplex_tree(max_dimension=3)
        st.persistence(homology_coeff_field=2)
        times.append(time.perf_counter() - t0)
    diagrams = [[[float(b), None if np.isinf(e) else float(e)] for b, e in st.persistence_intervals_in_dimension(d)] for d in range(3)]
    print(json.dumps({'seconds': float(np.median(times)), 'version': gudhi.__version__, 'simplices': st.num_simplices(), 'diagrams': diagrams}))


if __name__ == '__main__':
    main()
