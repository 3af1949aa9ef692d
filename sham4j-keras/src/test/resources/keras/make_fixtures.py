#!/usr/bin/python3
"""Writes the small Keras 2 / tf.keras .h5 fixtures of sham4j-keras and their expected outputs.

There is no TensorFlow here: the script writes the HDF5 layout tf.keras 2.x writes (root attributes
model_config, keras_version, backend; group model_weights with layer_names, and one group per layer with
weight_names and the datasets <layer>/<weight>:0), and computes each model's output with a direct numpy
reference in Keras' channels-last layout for a fixed input.

Run from this directory: /usr/bin/python3 make_fixtures.py  (needs python3-h5py, python3-numpy)
Writes <name>.h5, <name>_input*.npy and <name>_output.npy for every model, and unsupported_*.h5.
"""
import json

import h5py
import numpy as np

rng = np.random.default_rng(20240605)
KERAS_VERSION = "2.11.0"


def rand(*shape, scale=0.5):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


# ----------------------------------------------------------------------------------------------------
# numpy references (channels last, batch first), as Keras computes them
# ----------------------------------------------------------------------------------------------------

def same_pads(size, k, s, d):
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def conv2d(x, w, b, strides, padding, dilation, groups=1):
    n, h, wd, c = x.shape
    kh, kw, cin_g, cout = w.shape
    sh, sw = strides
    dh, dw = dilation
    if padding == "same":
        ph, pw = same_pads(h, kh, sh, dh), same_pads(wd, kw, sw, dw)
        x = np.pad(x, ((0, 0), ph, pw, (0, 0)))
    oh = (x.shape[1] - (kh - 1) * dh - 1) // sh + 1
    ow = (x.shape[2] - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((n, oh, ow, cout), np.float64)
    cout_g = cout // groups
    for g in range(groups):
        xs = x[..., g * cin_g:(g + 1) * cin_g].astype(np.float64)
        ws = w[..., g * cout_g:(g + 1) * cout_g].astype(np.float64)
        for i in range(oh):
            for j in range(ow):
                patch = xs[:, i * sh:i * sh + (kh - 1) * dh + 1:dh, j * sw:j * sw + (kw - 1) * dw + 1:dw, :]
                out[:, i, j, g * cout_g:(g + 1) * cout_g] = np.einsum("nhwc,hwco->no", patch, ws)
    return out + (0 if b is None else b)


def conv1d(x, w, b, stride, padding, dilation):
    return conv2d(x[:, None], w[None], b, (1, stride), padding, (1, dilation))[:, 0]


def pool2d(x, size, strides, padding, kind):
    n, h, wd, c = x.shape
    (kh, kw), (sh, sw) = size, strides
    ph, pw = ((0, 0), (0, 0)) if padding == "valid" else (same_pads(h, kh, sh, 1), same_pads(wd, kw, sw, 1))
    fill = -np.inf if kind == "max" else np.nan
    x = np.pad(x.astype(np.float64), ((0, 0), ph, pw, (0, 0)), constant_values=fill)
    oh = (x.shape[1] - kh) // sh + 1
    ow = (x.shape[2] - kw) // sw + 1
    out = np.zeros((n, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            win = x[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
            out[:, i, j, :] = win.max(axis=(1, 2)) if kind == "max" else np.nanmean(win, axis=(1, 2))
    return out


def pool1d(x, size, stride, padding, kind):
    return pool2d(x[:, None], (1, size), (1, stride), padding, kind)[:, 0]


def batchnorm(x, gamma, beta, mean, var, eps):
    return (x - mean) / np.sqrt(var.astype(np.float64) + eps) * gamma + beta


def relu(x):
    return np.maximum(x, 0)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


ACT = {"relu": relu, "linear": lambda x: x, "softmax": softmax, "tanh": np.tanh, "sigmoid": sigmoid}


# ----------------------------------------------------------------------------------------------------
# layer configs as tf.keras 2.x get_config() writes them
# ----------------------------------------------------------------------------------------------------

GLOROT = {"class_name": "GlorotUniform", "config": {"seed": None}}
ZEROS = {"class_name": "Zeros", "config": {}}
ONES = {"class_name": "Ones", "config": {}}


def base(name):
    return {"name": name, "trainable": True, "dtype": "float32"}


def input_layer(name, shape, dtype="float32"):
    return "InputLayer", {"batch_input_shape": [None, *shape], "dtype": dtype, "sparse": False, "ragged": False,
                          "name": name}


def conv_cfg(name, filters, kernel, strides, padding, dilation, activation, rank=2, groups=1):
    return f"Conv{rank}D", {**base(name), "filters": filters, "kernel_size": list(kernel),
                            "strides": list(strides), "padding": padding, "data_format": "channels_last",
                            "dilation_rate": list(dilation), "groups": groups, "activation": activation,
                            "use_bias": True, "kernel_initializer": GLOROT, "bias_initializer": ZEROS,
                            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                            "kernel_constraint": None, "bias_constraint": None}


def dense_cfg(name, units, activation):
    return "Dense", {**base(name), "units": units, "activation": activation, "use_bias": True,
                     "kernel_initializer": GLOROT, "bias_initializer": ZEROS, "kernel_regularizer": None,
                     "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
                     "bias_constraint": None}


def pool_cfg(name, cls, size, strides, padding):
    return cls, {**base(name), "pool_size": list(size), "padding": padding, "strides": list(strides),
                 "data_format": "channels_last"}


def global_pool_cfg(name, cls):
    return cls, {**base(name), "data_format": "channels_last", "keepdims": False}


def bn_cfg(name, axis, eps):
    return "BatchNormalization", {**base(name), "axis": [axis], "momentum": 0.99, "epsilon": eps, "center": True,
                                  "scale": True, "beta_initializer": ZEROS, "gamma_initializer": ONES,
                                  "moving_mean_initializer": ZEROS, "moving_variance_initializer": ONES,
                                  "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None,
                                  "gamma_constraint": None}


def embedding_cfg(name, vocab, dim, length):
    return "Embedding", {"name": name, "trainable": True, "batch_input_shape": [None, length], "dtype": "float32",
                         "input_dim": vocab, "output_dim": dim, "embeddings_initializer":
                             {"class_name": "RandomUniform", "config": {"minval": -0.05, "maxval": 0.05, "seed": None}},
                         "embeddings_regularizer": None, "activity_regularizer": None, "embeddings_constraint": None,
                         "mask_zero": False, "input_length": length}


def simple_cfg(name, cls, **extra):
    return cls, {**base(name), **extra}


# ----------------------------------------------------------------------------------------------------
# the .h5 writer
# ----------------------------------------------------------------------------------------------------

class Model:
    """Layers as (class_name, config, weights list of (short name, array), inbound refs or None)."""

    def __init__(self, name):
        self.name = name
        self.layers = []

    def add(self, cls_cfg, weights=(), inbound=None):
        cls, cfg = cls_cfg
        self.layers.append((cls, cfg, list(weights), inbound))

    def sequential_config(self):
        return {"class_name": "Sequential", "config": {"name": self.name, "layers": [
            {"class_name": cls, "config": cfg} for cls, cfg, _, _ in self.layers]}}

    def functional_config(self, inputs, outputs):
        layers = []
        for cls, cfg, _, inbound in self.layers:
            nodes = [] if inbound is None else [[[ref, 0, 0, {}] for ref in inbound]]
            layers.append({"class_name": cls, "config": cfg, "name": cfg["name"], "inbound_nodes": nodes})
        return {"class_name": "Functional", "config": {
            "name": self.name, "layers": layers, "input_layers": [[i, 0, 0] for i in inputs],
            "output_layers": [[o, 0, 0] for o in outputs]}}

    def write(self, path, config):
        with h5py.File(path, "w") as f:
            f.attrs["backend"] = b"tensorflow"
            f.attrs["keras_version"] = KERAS_VERSION.encode()
            f.attrs["model_config"] = json.dumps(config).encode("utf8")
            g = f.create_group("model_weights")
            names = [cfg["name"] for cls, cfg, _, _ in self.layers
                     if not (config["class_name"] == "Sequential" and cls == "InputLayer")]
            g.attrs["layer_names"] = np.array([n.encode() for n in names])
            g.attrs["backend"] = b"tensorflow"
            g.attrs["keras_version"] = KERAS_VERSION.encode()
            for cls, cfg, weights, _ in sorted(self.layers, key=lambda layer: layer[1]["name"]):
                if cfg["name"] not in names:
                    continue
                lg = g.create_group(cfg["name"])
                wnames = [f"{cfg['name']}/{w}:0".encode() for w, _ in weights]
                lg.attrs["weight_names"] = np.array(wnames) if wnames else np.zeros((0,), np.float64)
                for (w, value), full in zip(weights, wnames):
                    lg.create_dataset(full.decode(), data=value)


def save_case(name, model, config, inputs, output):
    model.write(f"{name}.h5", config)
    for i, x in enumerate(inputs):
        np.save(f"{name}_input{i}.npy", x.astype(np.float32))
    np.save(f"{name}_output.npy", output.astype(np.float32))


# ----------------------------------------------------------------------------------------------------
# 1. Sequential CNN: Conv2D same/valid, strides, dilation, BatchNormalization, MaxPooling2D, Dropout,
#    Flatten, Dense, softmax
# ----------------------------------------------------------------------------------------------------

def sequential_cnn():
    m = Model("sequential")
    x = rand(2, 10, 10, 3, scale=1.0)
    m.add(input_layer("conv2d_input", (10, 10, 3)))
    k1, b1 = rand(3, 3, 3, 4), rand(4, scale=0.1)
    m.add(conv_cfg("conv2d", 4, (3, 3), (1, 1), "same", (1, 1), "relu"), [("kernel", k1), ("bias", b1)])
    y = relu(conv2d(x, k1, b1, (1, 1), "same", (1, 1)))
    gamma, beta, mean, var = rand(4) + 1, rand(4), rand(4), np.abs(rand(4)) + 0.5
    m.add(bn_cfg("batch_normalization", 3, 0.001),
          [("gamma", gamma), ("beta", beta), ("moving_mean", mean), ("moving_variance", var)])
    y = batchnorm(y, gamma, beta, mean, var, 0.001)
    m.add(pool_cfg("max_pooling2d", "MaxPooling2D", (2, 2), (2, 2), "valid"))
    y = pool2d(y, (2, 2), (2, 2), "valid", "max")  # 5x5x4
    k2, b2 = rand(3, 3, 4, 6), rand(6, scale=0.1)
    m.add(conv_cfg("conv2d_1", 6, (3, 3), (2, 2), "same", (1, 1), "tanh"), [("kernel", k2), ("bias", b2)])
    y = np.tanh(conv2d(y, k2, b2, (2, 2), "same", (1, 1)))  # 3x3x6
    k3, b3 = rand(2, 2, 6, 5), rand(5, scale=0.1)
    m.add(conv_cfg("conv2d_2", 5, (2, 2), (1, 1), "valid", (1, 1), "linear"), [("kernel", k3), ("bias", b3)])
    y = conv2d(y, k3, b3, (1, 1), "valid", (1, 1))  # 2x2x5
    m.add(simple_cfg("dropout", "Dropout", rate=0.5, noise_shape=None, seed=None))
    m.add(simple_cfg("flatten", "Flatten", data_format="channels_last"))
    y = y.reshape(y.shape[0], -1)
    k4, b4 = rand(20, 7), rand(7, scale=0.1)
    m.add(dense_cfg("dense", 7, "relu"), [("kernel", k4), ("bias", b4)])
    y = relu(y @ k4 + b4)
    k5, b5 = rand(7, 3), rand(3, scale=0.1)
    m.add(dense_cfg("dense_1", 3, "softmax"), [("kernel", k5), ("bias", b5)])
    y = softmax(y @ k5 + b5)
    save_case("sequential_cnn", m, m.sequential_config(), [x], y)


# ----------------------------------------------------------------------------------------------------
# 2. DeepDTA-like Functional model: two integer inputs, Embedding + three Conv1D + GlobalMaxPooling1D per
#    branch, Concatenate, Dense 16-16-8-1 with Dropout
# ----------------------------------------------------------------------------------------------------

def deepdta():
    m = Model("model")
    lengths, vocabs = (12, 10), (20, 9)
    inputs, feats = [], []
    for br, (length, vocab) in enumerate(zip(lengths, vocabs)):
        name = f"input_{br + 1}"
        m.add(input_layer(name, (length,), "int32"), inbound=None)
        x = rng.integers(0, vocab, size=(3, length)).astype(np.float32)
        inputs.append(x)
        table = rand(vocab, 5)
        emb = f"embedding_{br}" if br else "embedding"
        m.add(embedding_cfg(emb, vocab, 5, length), [("embeddings", table)], inbound=[name])
        y = table[x.astype(int)]
        prev = emb
        for i, filters in enumerate((4, 6, 8)):
            conv = f"conv1d_{br * 3 + i}" if br * 3 + i else "conv1d"
            k, b = rand(3, y.shape[-1], filters), rand(filters, scale=0.1)
            padding = "same" if i == 1 else "valid"
            m.add(conv_cfg(conv, filters, (3,), (1,), padding, (1,), "relu", rank=1),
                  [("kernel", k), ("bias", b)], inbound=[prev])
            y = relu(conv1d(y, k, b, 1, padding, 1))
            prev = conv
        gp = f"global_max_pooling1d_{br}" if br else "global_max_pooling1d"
        m.add(global_pool_cfg(gp, "GlobalMaxPooling1D"), inbound=[prev])
        feats.append((gp, y.max(axis=1)))
    m.add(simple_cfg("concatenate", "Concatenate", axis=-1), inbound=[f[0] for f in feats])
    y = np.concatenate([f[1] for f in feats], axis=-1)
    prev = "concatenate"
    for i, (units, act) in enumerate(((16, "relu"), (16, "relu"), (8, "relu"), (1, "linear"))):
        name = f"dense_{i}" if i else "dense"
        k, b = rand(y.shape[-1], units), rand(units, scale=0.1)
        m.add(dense_cfg(name, units, act), [("kernel", k), ("bias", b)], inbound=[prev])
        y = ACT[act](y @ k + b)
        prev = name
        if i < 2:
            drop = f"dropout_{i}" if i else "dropout"
            m.add(simple_cfg(drop, "Dropout", rate=0.1, noise_shape=None, seed=None), inbound=[prev])
            prev = drop
    save_case("deepdta", m, m.functional_config(["input_1", "input_2"], [prev]), inputs, y)


# ----------------------------------------------------------------------------------------------------
# 3. Functional residual block: Add, Concatenate on the channel axis, dilation, groups, AveragePooling2D
#    with same padding, GlobalAveragePooling2D, Activation softmax
# ----------------------------------------------------------------------------------------------------

def residual():
    m = Model("model_1")
    x = rand(2, 7, 7, 4, scale=1.0)
    m.add(input_layer("input_1", (7, 7, 4)))
    ka, ba = rand(3, 3, 4, 4), rand(4, scale=0.1)
    m.add(conv_cfg("conv2d", 4, (3, 3), (1, 1), "same", (2, 2), "relu"), [("kernel", ka), ("bias", ba)],
          inbound=["input_1"])
    a = relu(conv2d(x, ka, ba, (1, 1), "same", (2, 2)))
    kb, bb = rand(3, 3, 2, 4), rand(4, scale=0.1)
    m.add(conv_cfg("conv2d_1", 4, (3, 3), (1, 1), "same", (1, 1), "sigmoid", groups=2),
          [("kernel", kb), ("bias", bb)], inbound=["conv2d"])
    b = sigmoid(conv2d(a, kb, bb, (1, 1), "same", (1, 1), groups=2))
    m.add(simple_cfg("add", "Add"), inbound=["conv2d_1", "input_1"])
    s = b + x
    m.add(simple_cfg("concatenate", "Concatenate", axis=-1), inbound=["add", "conv2d"])
    c = np.concatenate([s, a], axis=-1)  # 7x7x8
    m.add(pool_cfg("average_pooling2d", "AveragePooling2D", (2, 2), (2, 2), "same"), inbound=["concatenate"])
    p = pool2d(c, (2, 2), (2, 2), "same", "avg")  # 4x4x8
    m.add(global_pool_cfg("global_average_pooling2d", "GlobalAveragePooling2D"), inbound=["average_pooling2d"])
    g = p.mean(axis=(1, 2))
    k, bias = rand(8, 5), rand(5, scale=0.1)
    m.add(dense_cfg("dense", 5, "linear"), [("kernel", k), ("bias", bias)], inbound=["global_average_pooling2d"])
    m.add(simple_cfg("activation", "Activation", activation="softmax"), inbound=["dense"])
    y = softmax(g @ k + bias)
    save_case("residual", m, m.functional_config(["input_1"], ["activation"]), [x], y)


# ----------------------------------------------------------------------------------------------------
# 4. Sequential without an InputLayer (the first layer carries batch_input_shape, as Keras 2.2 wrote it):
#    Reshape, Conv1D, MaxPooling1D, AveragePooling1D, GlobalAveragePooling1D... and Flatten of a 1-D map
# ----------------------------------------------------------------------------------------------------

def reshape_1d():
    m = Model("sequential_1")
    x = rand(3, 12, scale=1.0)
    cfg = {"name": "reshape", "trainable": True, "batch_input_shape": [None, 12], "dtype": "float32",
           "target_shape": [6, 2]}
    m.add(("Reshape", cfg))
    y = x.reshape(3, 6, 2)
    k, b = rand(2, 2, 5), rand(5, scale=0.1)
    m.add(conv_cfg("conv1d", 5, (2,), (1,), "same", (1,), "relu", rank=1), [("kernel", k), ("bias", b)])
    y = relu(conv1d(y, k, b, 1, "same", 1))  # 6x5
    m.add(pool_cfg("max_pooling1d", "MaxPooling1D", (2,), (1,), "valid"))
    y = pool1d(y, 2, 1, "valid", "max")  # 5x5
    m.add(pool_cfg("average_pooling1d", "AveragePooling1D", (2,), (2,), "valid"))
    y = pool1d(y, 2, 2, "valid", "avg")  # 2x5
    m.add(simple_cfg("flatten", "Flatten", data_format="channels_last"))
    y = y.reshape(3, -1)
    k2, b2 = rand(10, 4), rand(4, scale=0.1)
    m.add(dense_cfg("dense", 4, "sigmoid"), [("kernel", k2), ("bias", b2)])
    y = sigmoid(y @ k2 + b2)
    model_config = {"class_name": "Sequential", "config": {"name": m.name, "layers": [
        {"class_name": c, "config": cf} for c, cf, _, _ in m.layers]}}
    save_case("reshape_1d", m, model_config, [x], y)


# ----------------------------------------------------------------------------------------------------
# 5. The sHAM experiments' VGG19 for 32x32 CIFAR images (experiments/performance_eval/VGG19/vgg19-cifar100.py):
#    16 Conv2D same, each with BatchNormalization and Activation relu, 5 MaxPooling2D, Flatten, two Dense with
#    BatchNormalization, relu and Dropout, a last Dense with BatchNormalization and softmax. widths divides the
#    channel counts (64..512) and the dense widths (4096) to keep the fixture small; widths=1 is the real model.
# ----------------------------------------------------------------------------------------------------

def vgg19(path, conv_div, dense_div, classes, samples):
    m = Model("sequential")
    x = rand(samples, 32, 32, 3, scale=1.0)
    m.add(input_layer("block1_conv1_input", (32, 32, 3)))
    y = x
    bn = iter(range(1000))

    def batch_norm(y):
        i = next(bn)
        c = y.shape[-1]
        gamma, beta, mean, var = rand(c) + 1, rand(c, scale=0.1), rand(c, scale=0.1), np.abs(rand(c)) + 0.5
        m.add(bn_cfg(f"batch_normalization_{i}" if i else "batch_normalization", y.ndim - 1, 0.001),
              [("gamma", gamma), ("beta", beta), ("moving_mean", mean), ("moving_variance", var)])
        return batchnorm(y, gamma, beta, mean, var, 0.001)

    def activation(y, fn):
        i = next(act)
        m.add(simple_cfg(f"activation_{i}" if i else "activation", "Activation", activation=fn))
        return ACT[fn](y)

    act = iter(range(1000))
    for block, (width, convs) in enumerate(((64, 2), (128, 2), (256, 4), (512, 4), (512, 4)), start=1):
        for c in range(1, convs + 1):
            filters = width // conv_div
            k = rand(3, 3, y.shape[-1], filters, scale=(2 / (9 * y.shape[-1])) ** 0.5)
            b = rand(filters, scale=0.1)
            m.add(conv_cfg(f"block{block}_conv{c}", filters, (3, 3), (1, 1), "same", (1, 1), "linear"),
                  [("kernel", k), ("bias", b)])
            y = activation(batch_norm(conv2d(y, k, b, (1, 1), "same", (1, 1))), "relu")
        m.add(pool_cfg(f"block{block}_pool", "MaxPooling2D", (2, 2), (2, 2), "valid"))
        y = pool2d(y, (2, 2), (2, 2), "valid", "max")
    m.add(simple_cfg("flatten", "Flatten", data_format="channels_last"))
    y = y.reshape(samples, -1)
    for i, (name, units) in enumerate((("fc_cifa10", 4096 // dense_div), ("fc2", 4096 // dense_div),
                                       ("predictions_cifa10", classes))):
        k, b = rand(y.shape[-1], units, scale=(2 / y.shape[-1]) ** 0.5), rand(units, scale=0.1)
        m.add(dense_cfg(name, units, "linear"), [("kernel", k), ("bias", b)])
        y = batch_norm(y @ k + b)
        if i < 2:
            y = activation(y, "relu")
            m.add(simple_cfg(f"dropout_{i}" if i else "dropout", "Dropout", rate=0.5, noise_shape=None, seed=None))
    y = activation(y, "softmax")
    if path is None:
        save_case("vgg19_small", m, m.sequential_config(), [x], y)
    else:
        m.write(path, m.sequential_config())


# ----------------------------------------------------------------------------------------------------
# unsupported cases: a layer class we do not import, and an option we do not support
# ----------------------------------------------------------------------------------------------------

def unsupported():
    m = Model("sequential_2")
    m.add(input_layer("lstm_input", (5, 3)))
    m.add(simple_cfg("lstm", "LSTM", units=4, activation="tanh", return_sequences=False))
    m.write("unsupported_layer.h5", m.sequential_config())
    m = Model("sequential_3")
    m.add(input_layer("conv1d_input", (5, 3)))
    m.add(conv_cfg("conv1d", 2, (2,), (1,), "causal", (1,), "linear", rank=1),
          [("kernel", rand(2, 3, 2)), ("bias", rand(2))])
    m.write("unsupported_option.h5", m.sequential_config())


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--full-vgg19":
        # the real-size VGG19 (about 39 M weights, 150 MB): for timing the importer, not committed
        vgg19(sys.argv[2], 1, 1, 100, 1)
        sys.exit()
    sequential_cnn()
    deepdta()
    residual()
    reshape_1d()
    unsupported()
    vgg19(None, 64, 256, 10, 2)
