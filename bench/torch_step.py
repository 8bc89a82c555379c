#!/usr/bin/env python3
"""Times one PyTorch training step (forward + backward + SGD step, float32, batch-first) of
nn.RNN/nn.LSTM/nn.GRU and prints the median milliseconds, the way `./rnnlab bench` does.

Usage: torch_step.py --cell lstm --batch 64 --seq 100 --input 128 --hidden 256 --threads 2
Run with Debian's /usr/bin/python3 (python3-torch + libopenblas0-openmp) and without the
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides (see bench/compare-pytorch.sh).
"""
import argparse
import statistics
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cell", required=True, choices=["rnn_tanh", "rnn_relu", "lstm", "gru"])
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--input", type=int, required=True)
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="wall: perf_counter; cpu: process CPU time, all threads (steadier on a "
                         "loaded machine; with --threads 2 it sums both threads' work)")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.cell == "lstm":
        net = torch.nn.LSTM(a.input, a.hidden, batch_first=True)
    elif a.cell == "gru":
        net = torch.nn.GRU(a.input, a.hidden, batch_first=True)
    else:
        net = torch.nn.RNN(a.input, a.hidden, batch_first=True,
                           nonlinearity="tanh" if a.cell == "rnn_tanh" else "relu")
    opt = torch.optim.SGD(net.parameters(), lr=1e-3)
    x = torch.randn(a.batch, a.seq, a.input)
    target = torch.randn(a.batch, a.seq, a.hidden)

    def step():
        opt.zero_grad(set_to_none=False)
        y, _ = net(x)
        loss = torch.nn.functional.mse_loss(y, target)
        loss.backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    clock = time.perf_counter if a.clock == "wall" else time.process_time
    times = []
    for _ in range(a.reps):
        t0 = clock()
        step()
        times.append((clock() - t0) * 1e3)
    print(f"{statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
