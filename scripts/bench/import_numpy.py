#!/usr/bin/python3
"""Time numpy.load on one .npy file, in-process, for scripts/bench/import.mjs.

Usage: /usr/bin/python3 scripts/bench/import_numpy.py FILE REPS
Prints one JSON object of median seconds:
  load              np.load as users call it (numpy madvises huge pages for large arrays)
  load_astype_f64   np.load then .astype(np.float64): the same output tegum produces
  load_no_hugepage  np.load with numpy's huge-page madvise switched off, i.e. the
                    4 KiB page faults a Node process pays for fresh memory
"""
import json
import statistics
import sys
import time

import numpy as np


def median_seconds(fn, reps):
    fn()  # warm the page cache and allocator
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        del result
    return statistics.median(times)


def main():
    path, reps = sys.argv[1], int(sys.argv[2])
    out = {
        'numpy': np.__version__,
        'load': median_seconds(lambda: np.load(path), reps),
        'load_astype_f64': median_seconds(lambda: np.load(path).astype(np.float64), reps),
    }
    np.core.multiarray._set_madvise_hugepage(False)
    out['load_no_hugepage'] = median_seconds(lambda: np.load(path), reps)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
