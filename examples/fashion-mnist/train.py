"""Trains the Fashion-MNIST CNN of sham4j's model-import issue in PyTorch and exports it with torch.onnx.export,
as a user would: conv-bn-relu-pool twice (16 and 32 channels), dropout, linear 128, linear 10; inputs scaled to
[0, 1] and normalised with mean 0.2860 and std 0.3530; Adam on a cosine schedule, 8 epochs unless told. Run with /usr/bin/python3 (Debian's python3-torch and python3-onnx):

    python3 train.py DATA_DIR OUT_DIR [EPOCHS]

DATA_DIR holds the four IDX files (Debian's dataset-fashion-mnist: /usr/share/datasets/fashion-mnist). Writes
OUT_DIR/fashion-cnn.onnx and prints PyTorch's test accuracy, the figure sham4j's eval must reproduce."""
import gzip
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from torch import nn

MEAN, STD = 0.2860, 0.3530


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, kind):
    names = os.listdir(folder)
    images = next(n for n in names if n.startswith(kind + "-images"))
    labels = next(n for n in names if n.startswith(kind + "-labels"))
    return idx(os.path.join(folder, images)), idx(os.path.join(folder, labels))


class FashionCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.drop = nn.Dropout(0.25)
        self.fc1 = nn.Linear(32 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = self.drop(x)
        x = x.view(x.size(0), -1)
        return self.fc2(F.relu(self.fc1(x)))


def tensors(images, labels):
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    return (x - MEAN) / STD, torch.from_numpy(labels.astype(np.int64))


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(x), 1000))
    return correct / len(x)


def main():
    data, out = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    torch.manual_seed(2024)
    torch.set_num_threads(2)
    x_train, y_train = tensors(*load(data, "train"))
    x_test, y_test = tensors(*load(data, "t10k"))
    model = FashionCnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for epoch in range(epochs):
        model.train()
        start = time.time()
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 128):
            batch = order[i:i + 128]
            opt.zero_grad()
            loss = F.cross_entropy(model(x_train[batch]), y_train[batch])
            loss.backward()
            opt.step()
        sched.step()
        print(f"epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}, test accuracy "
              f"{100 * accuracy(model, x_test, y_test):.2f} % ({time.time() - start:.0f} s)", flush=True)
    model.eval()
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "fashion-cnn.onnx")
    torch.onnx.export(model, x_test[:1], path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "N"}, "logits": {0: "N"}})
    onnx.checker.check_model(onnx.load(path))
    print(f"PyTorch test accuracy {100 * accuracy(model, x_test, y_test):.2f} %; wrote {path}")


if __name__ == "__main__":
    main()
