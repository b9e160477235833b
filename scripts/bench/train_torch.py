#!/usr/bin/python3
"""PyTorch CPU timing of the Toy Models sweep that scripts/bench/train.mjs times in tegum.

Run with Debian's python3-torch (not the pyenv python3 first on PATH):

    /usr/bin/python3 scripts/bench/train_torch.py [--n 20 --m 5 --importance 0.7 --p 1,0.3,0.1,0.03,0.01 --steps 10000 --batch 1024 --threads default,1]

The official setup (as scripts/fixtures/train_torch_reference.py): all
instances (one per p) trained together in one module, x' = ReLU(WᵀWx + b),
torch.optim.AdamW(lr 1e-3), float32, fresh batches each step. Timed in-process
with time.perf_counter around the training loop only (after imports, module
creation included). Prints one JSON line per thread setting:
{"impl": "torch", "threads", "n", "m", "instances", "steps", "batch", "seconds", "final_batch_loss"}.
"""
import argparse
import json
import math
import time

import torch


def train(n, m, importance, ps, steps, batch, seed=0):
    torch.manual_seed(seed)
    instances = len(ps)
    imp = torch.tensor([importance ** i for i in range(n)], dtype=torch.float32)
    p = torch.tensor(ps, dtype=torch.float32)[:, None]
    W = torch.nn.Parameter(torch.randn((instances, m, n)) * math.sqrt(2.0 / (n + m)))
    b = torch.nn.Parameter(torch.zeros((instances, n)))
    opt = torch.optim.AdamW([W, b], lr=1e-3)
    for _ in range(steps):
        values = torch.rand((batch, instances, n))
        x = torch.where(torch.rand((batch, instances, n)) < p, values, torch.zeros(()))
        h = torch.einsum("bin,imn->bim", x, W)
        out = torch.relu(torch.einsum("bim,imn->bin", h, W) + b)
        loss = (imp * (x - out) ** 2).mean(dim=(0, 2)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return float(loss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--m", type=int, default=5)
    ap.add_argument("--importance", type=float, default=0.7)
    ap.add_argument("--p", default="1,0.3,0.1,0.03,0.01")
    ap.add_argument("--steps", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--threads", default="default,1")
    args = ap.parse_args()
    ps = [float(x) for x in args.p.split(",")]
    default_threads = torch.get_num_threads()
    for setting in args.threads.split(","):
        threads = default_threads if setting == "default" else int(setting)
        torch.set_num_threads(threads)
        t0 = time.perf_counter()
        loss = train(args.n, args.m, args.importance, ps, args.steps, args.batch)
        seconds = time.perf_counter() - t0
        print(json.dumps({
            "impl": "torch", "threads": threads, "threads_setting": setting, "n": args.n, "m": args.m,
            "instances": len(ps), "steps": args.steps, "batch": args.batch, "seconds": seconds,
            "final_batch_loss": loss, "torch": torch.__version__,
        }), flush=True)


if __name__ == "__main__":
    main()
