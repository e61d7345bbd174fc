"""Reference solution of the ``lenet`` kata: a LeNet-5-style CNN for 8x8 digits, forward, backward and training."""
from __future__ import annotations

import numpy as np

SHAPES = {"W1": (6, 1, 3, 3), "b1": (6,), "W2": (16, 6, 3, 3), "b2": (16,),
          "W3": (64, 32), "b3": (32,), "W4": (32, 10), "b4": (10,)}


def init_lenet(seed):
    """He-initialised parameters of the network.

    Returns:
        params: dict of float64 arrays W1 (6, 1, 3, 3), b1 (6,), W2 (16, 6, 3, 3), b2 (16,), W3 (64, 32),
        b3 (32,), W4 (32, 10), b4 (10,). With rng = np.random.default_rng(seed), the weights are drawn in the
        order W1, W2, W3, W4, each rng.normal(0, sqrt(2 / fan_in), shape) (fan_in = C*HH*WW for a filter
        bank, D for an affine layer); biases are zero.
    """
    rng = np.random.default_rng(seed)
    params = {}
    for name, shape in SHAPES.items():
        if name.startswith("W"):
            fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
            params[name] = rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
        else:
            params[name] = np.zeros(shape)
    return params


def _conv_forward(x, w, b):
    """3x3 cross-correlation, stride 1, padding 1: (N, C, H, W) -> (N, F, H, W)."""
    n, c, h, width = x.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    out = np.zeros((n, w.shape[0], h, width)) + b[None, :, None, None]
    for p in range(3):
        for q in range(3):
            out += np.einsum("nchw,fc->nfhw", xpad[:, :, p:p + h, q:q + width], w[:, :, p, q])
    return out, (x, w)


def _conv_backward(dout, cache):
    x, w = cache
    _, _, h, width = x.shape
    xpad = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    dxpad = np.zeros_like(xpad)
    dw = np.zeros_like(w)
    for p in range(3):
        for q in range(3):
            dw[:, :, p, q] = np.einsum("nfhw,nchw->fc", dout, xpad[:, :, p:p + h, q:q + width])
            dxpad[:, :, p:p + h, q:q + width] += np.einsum("nfhw,fc->nchw", dout, w[:, :, p, q])
    return dxpad[:, :, 1:-1, 1:-1], dw, dout.sum(axis=(0, 2, 3))


def _pool_forward(x):
    """2x2 max pooling, stride 2; the gradient goes to the first maximum of a window (row-major)."""
    n, c, h, width = x.shape
    windows = x.reshape(n, c, h // 2, 2, width // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h // 2, width // 2, 4)
    k = windows.argmax(axis=-1)
    return np.take_along_axis(windows, k[..., None], axis=-1)[..., 0], (x.shape, k)


def _pool_backward(dout, cache):
    shape, k = cache
    n, c, h, width = shape
    dwindows = np.zeros(dout.shape + (4,))
    np.put_along_axis(dwindows, k[..., None], dout[..., None], axis=-1)
    return dwindows.reshape(n, c, h // 2, width // 2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(shape)


def lenet_forward(x, params):
    """Class scores of a batch of images.

    Args:
        x: (N, 1, 8, 8) float64 images.
        params: as returned by init_lenet.

    The network: conv 3x3 (pad 1) -> ReLU -> 2x2 max pool -> conv 3x3 (pad 1) -> ReLU -> 2x2 max pool
    -> flatten (N, 16 * 2 * 2) in C order -> affine -> ReLU -> affine.

    Returns:
        scores: (N, 10); cache: whatever lenet_backward needs.
    """
    c1, conv1 = _conv_forward(x, params["W1"], params["b1"])
    r1 = np.maximum(c1, 0)
    p1, pool1 = _pool_forward(r1)
    c2, conv2 = _conv_forward(p1, params["W2"], params["b2"])
    r2 = np.maximum(c2, 0)
    p2, pool2 = _pool_forward(r2)
    flat = p2.reshape(len(x), -1)
    a3 = flat @ params["W3"] + params["b3"]
    r3 = np.maximum(a3, 0)
    scores = r3 @ params["W4"] + params["b4"]
    return scores, (params, conv1, c1, pool1, conv2, c2, pool2, p2.shape, flat, a3, r3)


def lenet_backward(dscores, cache):
    """Gradients of every parameter.

    Args:
        dscores: (N, 10) upstream gradient with respect to the scores.
        cache: what lenet_forward returned.

    Returns:
        grads: dict with the keys and shapes of params.
    """
    params, conv1, c1, pool1, conv2, c2, pool2, p2_shape, flat, a3, r3 = cache
    grads = {"W4": r3.T @ dscores, "b4": dscores.sum(axis=0)}
    da3 = (dscores @ params["W4"].T) * (a3 > 0)
    grads["W3"], grads["b3"] = flat.T @ da3, da3.sum(axis=0)
    dp2 = (da3 @ params["W3"].T).reshape(p2_shape)
    dc2 = _pool_backward(dp2, pool2) * (c2 > 0)
    dp1, grads["W2"], grads["b2"] = _conv_backward(dc2, conv2)
    dc1 = _pool_backward(dp1, pool1) * (c1 > 0)
    _, grads["W1"], grads["b1"] = _conv_backward(dc1, conv1)
    return grads


def lenet_loss(x, y, params):
    """The mean softmax cross-entropy of the scores and its gradients.

    Args:
        x: (N, 1, 8, 8) images; y: (N,) int labels in 0..9; params: as init_lenet.

    Returns:
        loss: float, -mean(log softmax(scores)[n, y[n]]); grads: dict like params.
    """
    scores, cache = lenet_forward(x, params)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = len(y)
    loss = -log_probs[np.arange(n), y].mean()
    dscores = np.exp(log_probs)
    dscores[np.arange(n), y] -= 1
    return float(loss), lenet_backward(dscores / n, cache)


def train_lenet(X, y, seed, epochs=8, lr=0.03, batch_size=20):
    """Train the network with SGD with momentum 0.9 on shuffled minibatches.

    Args:
        X: (N, 1, 8, 8) float64 images; y: (N,) labels; seed: params = init_lenet(seed), and the shuffles
            come from np.random.default_rng(seed + 1), one permutation per epoch.
        epochs, lr, batch_size: the schedule (the last minibatch of an epoch may be smaller).

    Every step: loss, grads = lenet_loss on the minibatch; v = 0.9 v - lr * grad; param = param + v
    (v starts at zero).

    Returns:
        params: the trained parameters; losses: list of the mean minibatch loss of every epoch.
    """
    params = init_lenet(seed)
    rng = np.random.default_rng(seed + 1)
    velocity = {k: np.zeros_like(v) for k, v in params.items()}
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        epoch = []
        for start in range(0, len(X), batch_size):
            batch = order[start:start + batch_size]
            loss, grads = lenet_loss(X[batch], y[batch], params)
            epoch.append(loss)
            for k in params:
                velocity[k] = 0.9 * velocity[k] - lr * grads[k]
                params[k] = params[k] + velocity[k]
        losses.append(float(np.mean(epoch)))
    return params, losses
