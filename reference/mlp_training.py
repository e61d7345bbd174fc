"""Reference solution: train a small ReLU MLP with softmax cross-entropy and minibatch SGD."""
import numpy as np


def init_mlp(layer_sizes, seed):
    """He-initialised parameters of an MLP.

    layer_sizes: [D, H1, ..., K] (input width, hidden widths, number of classes).
    Returns a dict with "W1".."WL" of shape (layer_sizes[l-1], layer_sizes[l]) drawn from
    N(0, 2 / layer_sizes[l-1]) with np.random.default_rng(seed), and "b1".."bL" zeros of
    shape (layer_sizes[l],); L = len(layer_sizes) - 1. All float64.
    """
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_sizes)):
        fan_in, fan_out = layer_sizes[l - 1], layer_sizes[l]
        params[f"W{l}"] = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
        params[f"b{l}"] = np.zeros(fan_out)
    return params


def _n_layers(params):
    return sum(1 for k in params if k.startswith("W"))


def _forward(params, X):
    """Scores (N, K) and the per-layer inputs / pre-activations needed by backward."""
    L = _n_layers(params)
    h, cache = X, []
    for l in range(1, L + 1):
        z = h @ params[f"W{l}"] + params[f"b{l}"]
        cache.append((h, z))
        h = np.maximum(z, 0.0) if l < L else z
    return h, cache


def mlp_loss(params, X, y):
    """Mean softmax cross-entropy of the MLP and its gradients.

    params: as returned by init_mlp; X: (N, D) float64; y: (N,) ints in [0, K).
    Hidden layers: z = h @ W + b, h = relu(z); the last layer gives the scores (N, K).
    loss = mean over the batch of -log softmax(scores)[n, y[n]].
    Returns (loss: float, grads: dict with the keys and shapes of params).
    """
    L = _n_layers(params)
    scores, cache = _forward(params, X)
    N = X.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = float(-log_probs[np.arange(N), y].mean())
    dz = np.exp(log_probs)
    dz[np.arange(N), y] -= 1.0
    dz /= N
    grads = {}
    for l in range(L, 0, -1):
        h, z = cache[l - 1]
        grads[f"W{l}"] = h.T @ dz
        grads[f"b{l}"] = dz.sum(axis=0)
        if l > 1:
            dz = (dz @ params[f"W{l}"].T) * (cache[l - 2][1] > 0)
    return loss, grads


def predict(params, X):
    """Predicted class of every row of X: argmax of the scores. Returns (N,) int64."""
    scores, _ = _forward(params, X)
    return scores.argmax(axis=1).astype(np.int64)


def train_mlp(X, y, hidden_sizes, n_epochs=100, learning_rate=0.5, batch_size=32, seed=0):
    """Train an MLP classifier with minibatch SGD.

    X: (N, D) float64; y: (N,) ints in [0, K) with K = y.max() + 1; hidden_sizes: list of widths.
    Starts from init_mlp([D, *hidden_sizes, K], seed). One generator rng = np.random.default_rng(seed),
    made before the first epoch, gives each epoch's order = rng.permutation(N); the epoch takes the
    minibatches order[0:batch_size], order[batch_size:2*batch_size], ... (the last may be smaller)
    and a step of size learning_rate on mlp_loss's gradient for each.
    Returns the trained params (same layout as init_mlp).
    """
    N, D = X.shape
    K = int(y.max()) + 1
    params = init_mlp([D, *hidden_sizes, K], seed)
    rng = np.random.default_rng(seed)
    for _ in range(n_epochs):
        order = rng.permutation(N)
        for start in range(0, N, batch_size):
            idx = order[start:start + batch_size]
            _, grads = mlp_loss(params, X[idx], y[idx])
            for k in params:
                params[k] = params[k] - learning_rate * grads[k]
    return params
