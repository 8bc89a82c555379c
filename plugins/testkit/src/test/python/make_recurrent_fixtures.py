#!/usr/bin/python3
"""Writes extra PyTorch parity fixtures for the recurrent stack (rnnlab-testkit).

Same format as the project's shared fixtures (see the parity README): inputs, parameters and
upstream gradients are stored as float32; the reference outputs and gradients are computed by
torch.nn.RNN/LSTM/GRU in float64 from exactly those float32 values. Sequences with `lengths` go
through pack_padded_sequence, so padding behaves as PyTorch's packed sequences.

Usage (from the repository root; needs torch and h5py under /usr/bin/python3):
    /usr/bin/python3 plugins/testkit/src/test/python/make_recurrent_fixtures.py \
        plugins/testkit/src/test/resources/parity
"""
import sys
from pathlib import Path

import h5py
import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

# name, cell, I, H, L, bidirectional, B, T, lengths (None = all T), seed
FIXTURES = [
    ("rnn_relu_2layer", "rnn_relu", 4, 5, 2, False, 3, 6, None, 11),
    ("rnn_tanh_bidir_lengths", "rnn_tanh", 3, 4, 1, True, 4, 7, [7, 3, 1, 5], 12),
    ("gru_bidir_lengths", "gru", 3, 5, 1, True, 3, 7, [7, 4, 2], 13),
    ("lstm_2layer_bidir_lengths", "lstm", 3, 5, 2, True, 3, 7, [5, 7, 2], 14),
    ("lstm_odd_sizes", "lstm", 3, 5, 1, False, 3, 7, None, 15),
    ("gru_3layer_odd", "gru", 7, 3, 3, False, 2, 5, [5, 3], 16),
    ("lstm_long", "lstm", 3, 5, 1, False, 2, 50, [50, 31], 17),
]


def module_for(cell, i, h, layers, bidir):
    kw = dict(input_size=i, hidden_size=h, num_layers=layers, bidirectional=bidir, batch_first=True)
    if cell == "lstm":
        return torch.nn.LSTM(**kw)
    if cell == "gru":
        return torch.nn.GRU(**kw)
    return torch.nn.RNN(nonlinearity=cell.split("_")[1], **kw)


def f32(t):
    """Rounds to float32 and returns the float64 tensor holding exactly those values."""
    return t.float().double()


def make(out_dir, name, cell, i, h, layers, bidir, b, t, lengths, seed):
    torch.manual_seed(seed)
    d = 2 if bidir else 1
    lstm = cell == "lstm"
    rnn = module_for(cell, i, h, layers, bidir).double()
    with torch.no_grad():
        for p in rnn.parameters():
            p.copy_(f32(p))
    x = f32(torch.randn(b, t, i)).requires_grad_()
    h0 = f32(0.5 * torch.randn(layers * d, b, h)).requires_grad_()
    c0 = f32(0.5 * torch.randn(layers * d, b, h)).requires_grad_()
    dy = f32(torch.randn(b, t, d * h))
    dhn = f32(torch.randn(layers * d, b, h))
    dcn = f32(torch.randn(layers * d, b, h))
    if lengths is not None:
        for row, n in enumerate(lengths):
            dy[row, n:] = 0
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        out, state = rnn(packed, (h0, c0) if lstm else h0)
        y, _ = pad_packed_sequence(out, batch_first=True, total_length=t)
    else:
        y, state = rnn(x, (h0, c0) if lstm else h0)
    hn, cn = state if lstm else (state, None)
    loss = (y * dy).sum() + (hn * dhn).sum() + ((cn * dcn).sum() if lstm else 0)
    loss.backward()

    with h5py.File(out_dir / (name + ".h5"), "w") as f:
        attrs = dict(kind="recurrent", cell=cell, input_size=i, hidden_size=h, num_layers=layers,
                     bidirectional=int(bidir), batch=b, seq_len=t, batch_first=1,
                     loss="sum(y*dy) + sum(hn*dhn)" + (" + sum(cn*dcn)" if lstm else ""),
                     reference="torch " + torch.__version__
                     + ", float64 computation from the float32 values stored")
        for k, v in attrs.items():
            f.attrs[k] = v
        f["x"] = x.detach().numpy().astype(np.float32)
        f["h0"] = h0.detach().numpy().astype(np.float32)
        f["dy"] = dy.numpy().astype(np.float32)
        f["dhn"] = dhn.numpy().astype(np.float32)
        f["expected/y"] = y.detach().numpy()
        f["expected/hn"] = hn.detach().numpy()
        f["grad/x"] = x.grad.numpy()
        f["grad/h0"] = h0.grad.numpy()
        if lstm:
            f["c0"] = c0.detach().numpy().astype(np.float32)
            f["dcn"] = dcn.numpy().astype(np.float32)
            f["expected/cn"] = cn.detach().numpy()
            f["grad/c0"] = c0.grad.numpy()
        if lengths is not None:
            f["lengths"] = np.array(lengths, dtype=np.int64)
        for pname, p in rnn.named_parameters():
            f["params/" + pname] = p.detach().numpy().astype(np.float32)
            f["grad/" + pname] = p.grad.numpy()


def main():
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "plugins/testkit/src/test/resources/parity")
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in FIXTURES:
        make(out_dir, *spec)
        print("wrote", out_dir / (spec[0] + ".h5"))


if __name__ == "__main__":
    main()
