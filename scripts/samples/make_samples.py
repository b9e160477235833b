#!/usr/bin/python3
"""Write the synthetic samples in samples/ (run with Debian's python3-numpy).

Each sample is an exact tegum product of polytopes (unit feature directions in
mutually orthogonal coordinate blocks), randomly rotated in the hidden space,
features randomly permuted, with small per-feature norm changes and Gaussian
noise, so what tegum should find is known exactly. The description of every
sample lives in samples/README.md; keep the two in step.

    /usr/bin/python3 scripts/samples/make_samples.py
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "samples")


def polygon(n):
    t = 2 * np.pi * np.arange(n) / n
    return np.stack([np.cos(t), np.sin(t)], axis=1)


def digon():
    return np.array([[1.0], [-1.0]])


def dedicated():
    return np.array([[1.0]])


def tetrahedron():
    v = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=float)
    return v / np.sqrt(3)


def cube():
    v = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], dtype=float)
    return v / np.sqrt(3)


def square_antiprism():
    # Equal-edge square antiprism: squares at heights ±h, the top one turned by 45°.
    # Edge of the square = 2 sin(pi/4) r; lateral edge^2 = 2r^2(1 - cos 45°) + (2h)^2.
    r2 = 1.0
    side2 = 2.0 * r2
    lateral_planar2 = 2.0 * r2 * (1 - np.cos(np.pi / 4))
    h = np.sqrt(side2 - lateral_planar2) / 2
    pts = []
    for i in range(4):
        a = np.pi / 2 * i
        pts.append([np.cos(a), np.sin(a), h])
        b = a + np.pi / 4
        pts.append([np.cos(b), np.sin(b), -h])
    v = np.array(pts)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def direct_sum(parts):
    m = sum(p.shape[1] for p in parts)
    rows, col = [], 0
    for p in parts:
        block = np.zeros((p.shape[0], m))
        block[:, col:col + p.shape[1]] = p
        rows.append(block)
        col += p.shape[1]
    return np.concatenate(rows, axis=0)  # n x m, one feature per row


def haar_rotation(m, rng):
    q, r = np.linalg.qr(rng.standard_normal((m, m)))
    return q * np.sign(np.diag(r))


def disguise(F, rng, noise, norm_jitter=0.1):
    """Rotate the hidden space, permute features, jitter norms, add noise."""
    n, m = F.shape
    perm = rng.permutation(n)
    F = F[perm]
    F = F * (1 + norm_jitter * rng.uniform(-1, 1, size=(n, 1)))
    F = F @ haar_rotation(m, rng).T
    F = F + noise * rng.standard_normal(F.shape)
    return F, perm


def expected(perm, parts, unlearned=()):
    """What tegum should report, in stored feature indices: each (label, original indices) part."""
    where = {int(orig): stored for stored, orig in enumerate(perm)}
    return {
        "bundles": [{"polytope": label, "features": sorted(where[i] for i in idx)} for label, idx in parts],
        "unrepresented": sorted(where[i] for i in unlearned),
    }


def write_safetensors(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20221)
    truth = {}

    # Default sample: pentagon ⊕ tetrahedron ⊕ digon ⊕ digon ⊕ dedicated in R^8,
    # plus two features the "model" did not learn (norm ~1e-3). Stored as the
    # Toy Models code does: W is m×n (features are columns), with a bias b.
    parts = [polygon(5), tetrahedron(), digon(), digon(), dedicated()]
    F = direct_sum(parts)
    F = np.concatenate([F, np.zeros((2, F.shape[1]))], axis=0)
    F, perm = disguise(F, rng, noise=0.01)
    F[np.isin(perm, [14, 15])] = 1e-3 * rng.standard_normal((2, F.shape[1]))
    b = -0.05 * rng.uniform(size=F.shape[0])
    np.savez(os.path.join(OUT, "superposition-r8.npz"), W=F.T.astype(np.float32), b=b.astype(np.float32))
    truth["superposition-r8.npz"] = expected(perm, [("pentagon", range(0, 5)), ("tetrahedron", range(5, 9)),
                                                     ("digon", [9, 10]), ("digon", [11, 12]), ("dedicated", [13])], [14, 15])

    # Cube ⊕ square antiprism in R^6: both have D_i = 3/8, only geometry tells them apart.
    F, perm = disguise(direct_sum([cube(), square_antiprism()]), rng, noise=0.005)
    np.save(os.path.join(OUT, "cube-antiprism-r6.npy"), F.astype(np.float64))
    truth["cube-antiprism-r6.npy"] = expected(perm, [("cube", range(0, 8)), ("square-antiprism", range(8, 16))])

    # Triangle ⊕ digon (a triangular bipyramid) ⊕ hexagon in R^5, one feature per row, safetensors.
    F, perm = disguise(direct_sum([polygon(3), digon(), polygon(6)]), rng, noise=0.01)
    write_safetensors(os.path.join(OUT, "bipyramid-hexagon-r5.safetensors"), {"weight": F},
                      {"made_by": "scripts/samples/make_samples.py"})
    truth["bipyramid-hexagon-r5.safetensors"] = expected(perm, [("triangle", range(0, 3)), ("digon", [3, 4]),
                                                                 ("hexagon", range(5, 11))])

    # The talk's model size: n=20 features, m=5; pentagon ⊕ pentagon ⊕ dedicated, the
    # remaining 9 features unlearned. JSON, as a researcher might dump it by hand.
    F = direct_sum([polygon(5), polygon(5), dedicated()])
    F = np.concatenate([F, np.zeros((9, 5))], axis=0)
    F, perm = disguise(F, rng, noise=0.01)
    unlearned = np.isin(perm, np.arange(11, 20))
    F[unlearned] = 2e-3 * rng.standard_normal((int(unlearned.sum()), 5))
    with open(os.path.join(OUT, "two-pentagons-n20.json"), "w") as f:
        json.dump({"W": np.round(F.T, 6).tolist(), "b": [0.0] * 20}, f)
    truth["two-pentagons-n20.json"] = expected(perm, [("pentagon", range(0, 5)), ("pentagon", range(5, 10)),
                                                      ("dedicated", [10])], range(11, 20))

    # What tegum should find in each sample, in the stored (permuted) feature indices.
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)


if __name__ == "__main__":
    main()
