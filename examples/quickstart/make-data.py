#!/usr/bin/env python3
"""Makes the bundled MNIST slice of examples/quickstart/mnist from the standard MNIST files.

Usage: examples/quickstart/make-data.py MNIST_DIR [TRAIN_COUNT]
Copies the 10,000 test images and labels byte for byte, and keeps the first TRAIN_COUNT (default 6000) training
images and labels, in the original IDX format (gzip, header counts rewritten). Standard library only.
"""
import gzip
import hashlib
import os
import shutil
import struct
import sys


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    dims = (magic & 0xFF) - 1  # image files: 3 dimensions, labels: 1
    shape = struct.unpack(">" + "I" * dims, data[8:8 + 4 * dims])
    header = 8 + 4 * dims
    item = 1
    for d in shape:
        item *= d
    return magic, count, shape, data[header:], item


def write_idx(path, magic, shape, payload, count):
    header = struct.pack(">II", magic, count) + struct.pack(">" + "I" * len(shape), *shape)
    tmp = path + ".tmp"
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(header + payload)
    os.replace(tmp, path)


def main():
    src = sys.argv[1]
    train_count = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mnist")
    os.makedirs(out, exist_ok=True)
    for name, keep in [("train-images-idx3-ubyte.gz", train_count), ("train-labels-idx1-ubyte.gz", train_count),
                       ("t10k-images-idx3-ubyte.gz", None), ("t10k-labels-idx1-ubyte.gz", None)]:
        magic, count, shape, payload, item = read_idx(os.path.join(src, name))
        n = count if keep is None else min(keep, count)
        target = os.path.join(out, name)
        if n == count:
            shutil.copyfile(os.path.join(src, name), target)
        else:
            write_idx(target, magic, shape, payload[:n * item], n)
        with open(target, "rb") as f:
            digest = hashlib.md5(f.read()).hexdigest()
        print(f"{digest}  {name}: {n} of {count}")


if __name__ == "__main__":
    main()
