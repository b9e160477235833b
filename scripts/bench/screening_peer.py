#!/usr/bin/python3
"""numpy/OpenBLAS side of scripts/bench/screening.mjs: the screening as a researcher writes it.

    /usr/bin/python3 scripts/bench/screening_peer.py UNITS.f32 M THRESHOLD [BLOCK]

Reads raw little-endian float32 unit directions (n x M), then times, in-process:
blocked upper-triangle Gram  G = U[i0:i0+B] @ U[i0:].T  (float32 sgemm), and the
threshold |G| > THRESHOLD on the pairs i < j (np.nonzero). Prints JSON:
{"seconds", "gramSeconds", "pairs", "blas": threadpoolctl's kernel, "numpy"}.

OpenBLAS picks its kernel from OPENBLAS_CORETYPE when set (this machine sets it for
old builds' sake, which slows a current numpy): the caller runs this script both
with the environment as it is and with both OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset, and the "blas" field says which kernel ran.
"""
import json
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info


def main():
    path, m, threshold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    block = int(sys.argv[4]) if len(sys.argv) > 4 else 2048
    U = np.fromfile(path, dtype='<f4').reshape(-1, m)
    n = U.shape[0]
    gram = 0.0
    t0 = time.perf_counter()
    I, J = [], []
    for i0 in range(0, n, block):
        t1 = time.perf_counter()
        G = U[i0:i0 + block] @ U[i0:].T
        gram += time.perf_counter() - t1
        np.abs(G, out=G)
        # Only j > i: the lower part of the diagonal block is masked out.
        G[np.tril_indices(min(block, n - i0), 0, G.shape[1])] = 0
        ii, jj = np.nonzero(G > threshold)
        I.append(ii + i0)
        J.append(jj + i0)
    pairs = int(sum(len(x) for x in I))
    seconds = time.perf_counter() - t0
    blas = [f"{x['internal_api']} {x['version']} {x['architecture']} x{x['num_threads']}" for x in threadpool_info() if x['user_api'] == 'blas']
    print(json.dumps({'seconds': seconds, 'gramSeconds': gram, 'pairs': pairs, 'blas': ', '.join(blas), 'numpy': np.__version__}))


if __name__ == '__main__':
    main()
