#!/usr/bin/env python3
"""Memory of the PyTorch training step that torch_step.py times, for comparison with
`./rnnlab bench --memory` (same step: zero_grad, nn.LSTM/GRU/RNN batch-first forward, MSE
against a fixed target, backward, SGD; float32).

Prints, in MB (1e6 bytes):
  saved       what autograd keeps for backward (saved_tensors_hooks, each storage once)
  live        what lives between steps: parameters, their gradients, x and the target
  step peak   the most bytes the step holds at once on top of `live`: torch.profiler with
              profile_memory=True, whose event tree holds every CPU allocation and free with
              the allocator's running total (counted from the profiler's start): its maximum
  working set live + step peak, comparable to rnnlab's working set, and its ratio to the BPTT
              minimum 4*(T*B*I + L*T*B*kH + 2*G*H*(I+H+2)) of ActivationBudget.java
Limits: exact at the level of PyTorch's CPU allocator (every tensor byte, in order, temporaries
included); malloc's rounding, scratch that OpenBLAS/oneDNN take outside it and Python objects
are not counted, as rnnlab's "live objects" figure does not count the JVM's overhead. Uses the
profiler internals of torch 1.13 (kineto_results.experimental_event_tree).

Usage: torch_step_memory.py --cell lstm --batch 64 --seq 100 --input 128 --hidden 256 [--quiet]
Run with Debian's /usr/bin/python3 (python3-torch), like torch_step.py.
"""
import argparse

import torch
from torch.profiler import ProfilerActivity, profile

# per (t, b) floats BPTT keeps per layer (k) and gate blocks (G), as ActivationBudget.java
BUDGET = {"lstm": (6, 4), "gru": (5, 3), "rnn_tanh": (1, 1), "rnn_relu": (1, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cell", required=True, choices=sorted(BUDGET))
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--input", type=int, required=True)
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--quiet", action="store_true",
                    help="print only the working set and the BPTT minimum, in MB")
    a = ap.parse_args()
    b, t, i, h = a.batch, a.seq, a.input, a.hidden

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.cell == "lstm":
        net = torch.nn.LSTM(i, h, batch_first=True)
    elif a.cell == "gru":
        net = torch.nn.GRU(i, h, batch_first=True)
    else:
        net = torch.nn.RNN(i, h, batch_first=True,
                           nonlinearity="tanh" if a.cell == "rnn_tanh" else "relu")
    opt = torch.optim.SGD(net.parameters(), lr=1e-3)
    x = torch.randn(b, t, i)
    target = torch.randn(b, t, h)

    def step():
        opt.zero_grad(set_to_none=False)
        y, _ = net(x)
        torch.nn.functional.mse_loss(y, target).backward()
        opt.step()

    for _ in range(3):
        step()

    saved = {}

    def pack(tensor):
        storage = tensor.storage()
        saved[storage.data_ptr()] = storage.size() * tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        step()

    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
        step()
    peak, todo = 0, list(prof.profiler.kineto_results.experimental_event_tree())
    while todo:
        e = todo.pop()
        todo.extend(e.children)
        if type(e.extra_fields).__name__ == "_ExtraFields_Allocation":
            peak = max(peak, e.extra_fields.total_allocated)

    live = 4 * (2 * sum(p.numel() for p in net.parameters()) + x.numel() + target.numel())
    per_unit, gates = BUDGET[a.cell]
    minimum = 4 * (t * b * i + t * b * per_unit * h + 2 * gates * h * (i + h + 2))
    mb = 1e6
    if a.quiet:
        print(f"{(live + peak) / mb:.1f} {minimum / mb:.1f}")
        return
    print(f"{a.cell} B={b} T={t} I={i} H={h}: saved {sum(saved.values()) / mb:.1f} MB "
          f"({len(saved)} storages), live {live / mb:.1f} MB, step peak {peak / mb:.1f} MB, "
          f"working set {(live + peak) / mb:.1f} MB, BPTT minimum {minimum / mb:.1f} MB, "
          f"ratio {(live + peak) / minimum:.2f}")


if __name__ == "__main__":
    main()
