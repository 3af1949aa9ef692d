"""Makes the small PyTorch-exported ONNX fixtures of the sham4j-onnx tests (run with /usr/bin/python3;
needs python3-torch and python3-onnx). Writes mixed-opsetN.onnx for opsets 13 and 9, and for each a
test-data folder mixed-opsetN/test_data_set_K with input_*.pb and output_*.pb (ONNX TensorProto files)
holding PyTorch's own outputs."""
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

torch.manual_seed(7)
HERE = os.path.dirname(os.path.abspath(__file__))


class Mixed(nn.Module):
    """Two inputs: a 3 x 12 x 12 image and 7 tokens of a 20-word vocabulary; two outputs. The batch norms
    follow activations, so that the exporter cannot fold them into the convolutions."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 3, padding=2, dilation=2, groups=3)
        self.bn1 = nn.BatchNorm2d(6)
        self.pool1 = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 8, 3, stride=2, padding=1)
        self.pool2 = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.gmp = nn.AdaptiveMaxPool2d(1)
        self.embed = nn.Embedding(20, 4)
        self.conv3 = nn.Conv1d(4, 6, 3, padding=2, dilation=2, groups=2)
        self.bn3 = nn.BatchNorm1d(6)
        self.pool3 = nn.MaxPool1d(2, ceil_mode=True)
        self.pool4 = nn.AvgPool1d(2, stride=1, padding=1, count_include_pad=False)
        self.fc1 = nn.Linear(16 + 6 * 5, 12)
        self.drop = nn.Dropout(0.25)
        self.fc2 = nn.Linear(12, 5)
        with torch.no_grad():
            for bn in (self.bn1, self.bn3):
                bn.running_mean.uniform_(-0.5, 0.5)
                bn.running_var.uniform_(0.5, 2.0)
                bn.weight.uniform_(0.5, 1.5)
                bn.bias.uniform_(-0.2, 0.2)

    def forward(self, image, tokens):
        x = self.pool1(self.bn1(torch.relu(self.conv1(image))))
        x = self.pool2(self.conv2(x))
        pooled = torch.cat([torch.flatten(self.gap(x), 1), torch.flatten(self.gmp(x), 1)], 1)
        s = self.embed(tokens).transpose(1, 2)
        s = self.pool4(self.pool3(self.bn3(torch.sigmoid(self.conv3(s)))))
        features = torch.cat([pooled, torch.flatten(s, 1)], 1)
        hidden = torch.tanh(self.drop(self.fc1(features)))
        return torch.softmax(self.fc2(hidden), dim=1), hidden


def main():
    model = Mixed().eval()
    rng = np.random.default_rng(11)
    cases = [(rng.standard_normal((n, 3, 12, 12)).astype(np.float32), rng.integers(0, 20, (n, 7)))
             for n in (1, 3)]
    for opset in (13, 9):
        name = f"mixed-opset{opset}"
        path = os.path.join(HERE, name + ".onnx")
        image, tokens = cases[0]
        torch.onnx.export(model, (torch.from_numpy(image), torch.from_numpy(tokens)), path, opset_version=opset,
                          input_names=["image", "tokens"], output_names=["probs", "hidden"],
                          dynamic_axes={"image": {0: "N"}, "tokens": {0: "N"}, "probs": {0: "N"},
                                        "hidden": {0: "N"}},
                          do_constant_folding=True)
        onnx.checker.check_model(onnx.load(path))
        for k, (image, tokens) in enumerate(cases):
            folder = os.path.join(HERE, name, f"test_data_set_{k}")
            os.makedirs(folder, exist_ok=True)
            with torch.no_grad():
                outs = model(torch.from_numpy(image), torch.from_numpy(tokens))
            for i, (arr, n) in enumerate(((image, "image"), (tokens, "tokens"))):
                with open(os.path.join(folder, f"input_{i}.pb"), "wb") as f:
                    f.write(numpy_helper.from_array(arr, n).SerializeToString())
            for i, (t, n) in enumerate(zip(outs, ("probs", "hidden"))):
                with open(os.path.join(folder, f"output_{i}.pb"), "wb") as f:
                    f.write(numpy_helper.from_array(t.numpy(), n).SerializeToString())


if __name__ == "__main__":
    main()
