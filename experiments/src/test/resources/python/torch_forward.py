"""Loads an rnnlab checkpoint into torch.nn.LSTM/GRU/RNN + torch.nn.Linear and checks predictions.

usage: torch_forward.py (CHECKPOINT.h5 INPUT.h5 CELL)...
  CHECKPOINT.h5  rnnlab checkpoint (docs/checkpoint-format.md): /params/<PyTorch name>
  INPUT.h5       /x float32 [B, T, I] and /y_rnnlab float32 [B, O], rnnlab's predictions for x
  CELL           lstm | gru | rnn_tanh | rnn_relu

The model is a single-direction stack read as rnnlab builds it for a last-step task: the head is
applied to the top layer's final hidden state. Prints "max_abs_diff CELL <value>" per triple.
Exit status 0; 3 (with "missing: <module>") when torch or h5py cannot be imported.
"""
import sys

try:
    import h5py
    import torch
except ImportError as e:
    print("missing: %s" % e.name)
    sys.exit(3)


def main(checkpoint, inputs, cell):
    with h5py.File(checkpoint, "r") as f:
        order = f["params"].attrs["order"]
        order = order.decode() if isinstance(order, bytes) else order
        params = {k: torch.from_numpy(f["params"][k][()]) for k in order.split(",")}
    with h5py.File(inputs, "r") as f:
        x = torch.from_numpy(f["x"][()])
        expected = torch.from_numpy(f["y_rnnlab"][()])

    layers = sum(1 for k in params if k.startswith("weight_ih_l") and not k.endswith("_reverse"))
    gates = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}[cell]
    hidden = params["weight_hh_l0"].shape[1]
    assert params["weight_hh_l0"].shape[0] == gates * hidden, params["weight_hh_l0"].shape
    kwargs = dict(input_size=x.shape[2], hidden_size=hidden, num_layers=layers, batch_first=True)
    if cell == "lstm":
        rnn = torch.nn.LSTM(**kwargs)
    elif cell == "gru":
        rnn = torch.nn.GRU(**kwargs)
    else:
        rnn = torch.nn.RNN(nonlinearity=cell[4:], **kwargs)
    head = torch.nn.Linear(hidden, params["head.weight"].shape[0])
    # strict: every PyTorch parameter must come from the checkpoint under its own name
    rnn.load_state_dict({k: v for k, v in params.items() if not k.startswith("head.")}, strict=True)
    head.load_state_dict({"weight": params["head.weight"], "bias": params["head.bias"]}, strict=True)

    with torch.no_grad():
        _, state = rnn(x)
        h_n = state[0] if cell == "lstm" else state
        y = head(h_n[-1])
    assert y.shape == expected.shape, (tuple(y.shape), tuple(expected.shape))
    print("max_abs_diff %s %r" % (cell, float((y - expected).abs().max())))


if __name__ == "__main__":
    args = sys.argv[1:]
    for i in range(0, len(args), 3):
        main(*args[i:i + 3])
