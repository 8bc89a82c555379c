#!/usr/bin/python3
"""Generates torch.optim trajectory fixtures for the rnnlab optimizer parity tests.

Run from the repository root with Debian's torch 1.13:
    /usr/bin/python3 plugins/builtin/src/test/python/make_optimizer_fixtures.py

Each file has the format of /work/shared/parity/README.md ("Optimizer fixtures"): root attributes
kind="optimizer", optimizer=<torch.optim class name>, reference; group "hyper" with the keyword
arguments under their PyTorch names (booleans as 0/1, betas as a 2-element array); datasets
param0 [N], grads [S, N] and expected [S, N] (parameter after each step), all float64.
"""
import os

import h5py
import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "parity")
N, S = 23, 8

# name -> (torch class, keyword arguments, seed)
FIXTURES = {
    "optim_sgd_nesterov_wd.h5": ("SGD", dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01), 11),
    "optim_sgd_dampening_wd.h5": ("SGD", dict(lr=0.1, momentum=0.8, dampening=0.3, weight_decay=0.02), 12),
    "optim_adam_amsgrad_wd.h5": ("Adam", dict(lr=0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.03, amsgrad=True), 13),
    "optim_adamw.h5": ("AdamW", dict(lr=0.01, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.1), 14),
    "optim_rmsprop_centered_momentum.h5": ("RMSprop", dict(lr=0.005, alpha=0.9, eps=1e-7, weight_decay=0.01, momentum=0.7, centered=True), 15),
    "optim_rmsprop.h5": ("RMSprop", dict(lr=0.01), 16),
    "optim_adagrad_lr_decay.h5": ("Adagrad", dict(lr=0.1, lr_decay=0.05, weight_decay=0.01, initial_accumulator_value=0.1, eps=1e-9), 17),
}


def gradients(rng):
    """Gradients whose scale shrinks and grows again, so that AMSGrad's running max matters."""
    scale = np.array([2.0, 1.0, 0.5, 0.1, 0.05, 3.0, 0.2, 1.0])[:S, None]
    g = rng.standard_normal((S, N)) * scale
    g[:, 0] = 0.0  # a coordinate that never gets gradient
    return g


def run(cls, kwargs, seed):
    rng = np.random.default_rng(seed)
    param0 = rng.standard_normal(N)
    grads = gradients(rng)
    p = torch.nn.Parameter(torch.tensor(param0, dtype=torch.float64))
    opt = getattr(torch.optim, cls)([p], **kwargs)
    expected = np.zeros((S, N))
    for s in range(S):
        p.grad = torch.tensor(grads[s], dtype=torch.float64)
        opt.step()
        expected[s] = p.detach().numpy()
    return param0, grads, expected


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (cls, kwargs, seed) in FIXTURES.items():
        param0, grads, expected = run(cls, kwargs, seed)
        with h5py.File(os.path.join(OUT, name), "w") as f:
            f.attrs["kind"] = "optimizer"
            f.attrs["optimizer"] = cls
            f.attrs["reference"] = "torch %s torch.optim.%s, float64" % (torch.__version__, cls)
            hyper = f.create_group("hyper")
            for k, v in kwargs.items():
                if isinstance(v, bool):
                    hyper.attrs[k] = np.int64(v)
                elif isinstance(v, tuple):
                    hyper.attrs[k] = np.array(v, dtype=np.float64)
                else:
                    hyper.attrs[k] = np.float64(v)
            f.create_dataset("param0", data=param0)
            f.create_dataset("grads", data=grads)
            f.create_dataset("expected", data=expected)
        print("wrote", name)


if __name__ == "__main__":
    main()
