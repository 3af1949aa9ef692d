"""Makes the PyTorch-exported fixtures of the issue's five networks (run with /usr/bin/python3; needs
python3-torch and python3-onnx): a CNN with BatchNorm, Dropout and view(N, -1); an MLP with GELU and LayerNorm
(opset 17, and opset 13 where LayerNorm is written as its operations); a CNN with LeakyReLU, SiLU and a residual
block; a 1-D CNN with a dilated max pool; a 2-layer LSTM classifier. For each NAME.onnx it writes NAME/ with
test_data_set_0 (one sample) and test_data_set_1 (four) holding inputs and PyTorch's outputs as ONNX
TensorProto files, and NAME/tiny.npz: 48 random samples (X) labelled with the network's own classes (y), a data
set small enough for the tests to compress the network on."""
import os

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def randomize_batch_norms(model):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.running_mean.uniform_(-0.3, 0.3)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.7, 1.3)
                m.bias.uniform_(-0.2, 0.2)


class CnnBatchNorm(nn.Module):
    """conv-bn-relu-pool twice, dropout, view(N, -1), linear, relu, dropout, linear: 1 x 12 x 12 to 10."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(6)
        self.conv2 = nn.Conv2d(6, 12, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(12)
        self.drop = nn.Dropout(0.25)
        self.fc1 = nn.Linear(12 * 3 * 3, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = self.drop(x)
        x = x.view(x.size(0), -1)
        return self.fc2(self.drop(F.relu(self.fc1(x))))


class MlpGeluLayerNorm(nn.Module):
    """linear, GELU, LayerNorm twice, then linear: 20 features to 5."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.ln1 = nn.LayerNorm(32)
        self.fc2 = nn.Linear(32, 32)
        self.ln2 = nn.LayerNorm(32)
        self.out = nn.Linear(32, 5)
        with torch.no_grad():
            for ln in (self.ln1, self.ln2):
                ln.weight.uniform_(0.5, 1.5)
                ln.bias.uniform_(-0.3, 0.3)

    def forward(self, x):
        x = self.ln1(F.gelu(self.fc1(x)))
        x = self.ln2(F.gelu(self.fc2(x)))
        return self.out(x)


class CnnResidual(nn.Module):
    """conv, LeakyReLU, a residual block of two convs with SiLU, SiLU, global average pool, linear: 3 x 10 x 10
    to 4."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.a = nn.Conv2d(8, 8, 3, padding=1)
        self.b = nn.Conv2d(8, 8, 3, padding=1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = F.leaky_relu(self.stem(x), 0.1)
        x = F.silu(x + self.b(F.silu(self.a(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class Cnn1d(nn.Module):
    """conv1d, ReLU, dilated max pool, conv1d, ReLU, mean over time, linear: 2 x 40 to 3."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(2, 8, 5, padding=2)
        self.pool = nn.MaxPool1d(2, dilation=2)
        self.conv2 = nn.Conv1d(8, 8, 3)
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.relu(self.conv2(x))
        return self.fc(x.mean(dim=2))


class LstmClassifier(nn.Module):
    """a 2-layer LSTM over 10 steps of 6 features (batch first), its last step's state, linear: to 4 classes."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(6, 16, num_layers=2, batch_first=True)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


MODELS = [
    ("cnn-batchnorm", CnnBatchNorm, (1, 12, 12), 13),
    ("mlp-gelu-layernorm", MlpGeluLayerNorm, (20,), 17),
    ("mlp-gelu-layernorm-opset13", MlpGeluLayerNorm, (20,), 13),
    ("cnn-residual", CnnResidual, (3, 10, 10), 13),
    ("cnn1d", Cnn1d, (2, 40), 13),
    ("lstm", LstmClassifier, (10, 6), 13),
]


def write_tensors(folder, prefix, arrays, names):
    os.makedirs(folder, exist_ok=True)
    for i, (a, n) in enumerate(zip(arrays, names)):
        with open(os.path.join(folder, f"{prefix}_{i}.pb"), "wb") as f:
            f.write(numpy_helper.from_array(a, n).SerializeToString())


def main():
    for k, (name, cls, shape, opset) in enumerate(MODELS):
        torch.manual_seed(100 + (k if not name.endswith("opset13") else 1))
        model = cls()
        randomize_batch_norms(model)
        model.eval()
        rng = np.random.default_rng(200 + k)
        path = os.path.join(HERE, name + ".onnx")
        example = torch.from_numpy(rng.standard_normal((2,) + shape).astype(np.float32))
        # PRESERVE keeps the batch norms as nodes (the eval-mode export folds them into the convolutions)
        torch.onnx.export(model, example, path, opset_version=opset, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "N"}, "y": {0: "N"}}, do_constant_folding=True,
                          training=torch.onnx.TrainingMode.PRESERVE)
        onnx.checker.check_model(onnx.load(path))
        folder = os.path.join(HERE, name)
        for i, n in enumerate((1, 4)):
            x = rng.standard_normal((n,) + shape).astype(np.float32)
            with torch.no_grad():
                y = model(torch.from_numpy(x)).numpy()
            d = os.path.join(folder, f"test_data_set_{i}")
            write_tensors(d, "input", [x], ["x"])
            write_tensors(d, "output", [y], ["y"])
        x = rng.standard_normal((48,) + shape).astype(np.float32)
        with torch.no_grad():
            labels = model(torch.from_numpy(x)).argmax(dim=1).numpy().astype(np.float32)
        np.savez_compressed(os.path.join(folder, "tiny.npz"), X=x, y=labels)
        print(name, [n.op_type for n in onnx.load(path).graph.node])


if __name__ == "__main__":
    main()
