#!/usr/bin/python3
"""Generates PyTorch reference values for the rnnlab loss and gradient-clipping tests.

Run from the repository root with Debian's torch 1.13:
    /usr/bin/python3 plugins/builtin/src/test/python/make_loss_fixtures.py

losses.h5: one group per case with attributes loss (rnnlab type key) and reduction; datasets
prediction [N, D], target ([N, D], or [N] class indices for cross_entropy), optional mask [N]
(0/1 rows), optional pos_weight [D], loss [1] and grad [N, D] (d loss / d prediction), float64.
A masked case is computed the PyTorch way: the loss of the unmasked rows only
(prediction[mask.bool()]), so "mean" averages over unmasked elements (rows for cross_entropy).

clipping.h5: one group per case; datasets grad0 [4, 3] and grad1 [5] (the gradients of two
parameters), attribute max_norm or clip_value, datasets clipped0/clipped1 (after
torch.nn.utils.clip_grad_norm_ / clip_grad_value_) and, for clip_norm, total_norm [1].
"""
import os

import h5py
import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "parity")
N, D = 6, 4
MASK = np.array([1, 0, 1, 1, 0, 1], dtype=np.float64)


def reference(loss, reduction, pred, target, mask, pos_weight):
    x = torch.tensor(pred, requires_grad=True)
    rows = torch.ones(N, dtype=torch.bool) if mask is None else torch.tensor(mask).bool()
    if loss == "mse":
        value = F.mse_loss(x[rows], torch.tensor(target)[rows], reduction=reduction)
    elif loss == "cross_entropy":
        value = F.cross_entropy(x[rows], torch.tensor(target).long()[rows], reduction=reduction)
    else:
        pw = None if pos_weight is None else torch.tensor(pos_weight)
        value = F.binary_cross_entropy_with_logits(
            x[rows], torch.tensor(target)[rows], pos_weight=pw, reduction=reduction)
    value.backward()
    return value.item(), x.grad.numpy()


def loss_cases(rng):
    logits = rng.standard_normal((N, D)) * 3
    logits[0, 0], logits[2, 3], logits[5, 1] = 60.0, -75.0, 40.0  # saturating logits
    soft = rng.uniform(size=(N, D))
    soft[:, 0] = np.round(soft[:, 0])  # hard 0/1 targets next to soft ones
    for reduction in ("mean", "sum"):
        for masked in (False, True):
            mask = MASK if masked else None
            tag = reduction + ("_masked" if masked else "")
            yield "mse_" + tag, "mse", reduction, rng.standard_normal((N, D)), rng.standard_normal((N, D)), mask, None
            yield "cross_entropy_" + tag, "cross_entropy", reduction, logits, rng.integers(0, D, N).astype(np.float64), mask, None
            yield "bce_with_logits_" + tag, "bce_with_logits", reduction, logits, soft, mask, None
    yield "bce_with_logits_pos_weight_mean_masked", "bce_with_logits", "mean", logits, soft, MASK, np.array([0.5, 1.0, 2.0, 3.0])


def write_losses(rng):
    with h5py.File(os.path.join(OUT, "losses.h5"), "w") as f:
        f.attrs["reference"] = "torch %s torch.nn.functional, float64" % torch.__version__
        for name, loss, reduction, pred, target, mask, pos_weight in loss_cases(rng):
            value, grad = reference(loss, reduction, pred, target, mask, pos_weight)
            g = f.create_group(name)
            g.attrs["loss"] = loss
            g.attrs["reduction"] = reduction
            g.create_dataset("prediction", data=pred)
            g.create_dataset("target", data=target)
            if mask is not None:
                g.create_dataset("mask", data=mask)
            if pos_weight is not None:
                g.create_dataset("pos_weight", data=pos_weight)
            g.create_dataset("loss", data=np.array([value]))
            g.create_dataset("grad", data=grad)


def write_clipping(rng):
    grads = [rng.standard_normal((4, 3)), rng.standard_normal(5)]
    with h5py.File(os.path.join(OUT, "clipping.h5"), "w") as f:
        f.attrs["reference"] = "torch %s torch.nn.utils.clip_grad_norm_/clip_grad_value_, float64" % torch.__version__
        for name, kind, limit in (("clip_norm_clipped", "norm", 1.5), ("clip_norm_unclipped", "norm", 100.0),
                                  ("clip_value_clipped", "value", 0.8)):
            ps = [torch.nn.Parameter(torch.zeros(g.shape, dtype=torch.float64)) for g in grads]
            for p, g in zip(ps, grads):
                p.grad = torch.tensor(g)
            grp = f.create_group(name)
            if kind == "norm":
                total = torch.nn.utils.clip_grad_norm_(ps, max_norm=limit)
                grp.attrs["max_norm"] = limit
                grp.create_dataset("total_norm", data=np.array([total.item()]))
            else:
                torch.nn.utils.clip_grad_value_(ps, clip_value=limit)
                grp.attrs["clip_value"] = limit
            for i, (p, g) in enumerate(zip(ps, grads)):
                grp.create_dataset("grad%d" % i, data=g)
                grp.create_dataset("clipped%d" % i, data=p.grad.numpy())


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2024)
    write_losses(rng)
    write_clipping(rng)
    print("wrote losses.h5 and clipping.h5 to", OUT)


if __name__ == "__main__":
    main()
