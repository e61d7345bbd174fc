"""Public checks of mlp_training: initialisation, loss and gradients, prediction, training on blobs."""
import numpy as np
from hypothesis import assume, given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, check_gradients, expect_tuple, fail
from graders import strategies as kst

from . import kata

LOG_TOL = 1e-9


# -- data sets, generated in the grader from a drawn seed ---------------------------------------------

def blobs(seed, n_per_class=60, k=3, radius=2.5, std=0.6):
    """k Gaussian blobs in 2-D around a circle: linearly separable. Returns X (N, 2), y (N,) shuffled."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(k) / k
    centers = radius * np.c_[np.cos(angles), np.sin(angles)]
    X = np.concatenate([c + std * rng.standard_normal((n_per_class, 2)) for c in centers])
    y = np.repeat(np.arange(k), n_per_class)
    order = rng.permutation(len(y))
    return X[order], y[order]


def spirals(seed, n_per_class=100, k=3, noise=0.2):
    """k interleaved spiral arms in 2-D (not linearly separable). Returns X (N, 2), y (N,) shuffled."""
    rng = np.random.default_rng(seed)
    X, y = [], []
    for j in range(k):
        r = rng.uniform(0.05, 1.0, n_per_class)
        t = j * 2 * np.pi / k + 1.75 * np.pi * r + rng.normal(0.0, noise, n_per_class)
        X.append(np.c_[r * np.sin(t), r * np.cos(t)])
        y.append(np.full(n_per_class, j))
    X, y = np.concatenate(X), np.concatenate(y)
    order = rng.permutation(len(y))
    return X[order], y[order]


# -- helpers --------------------------------------------------------------------------------------------

def keys_for(n_layers):
    return [f"{p}{l}" for l in range(1, n_layers + 1) for p in ("W", "b")]


def params_of(got, layer_sizes, what):
    """Check a params dict has exactly the keys and shapes of an MLP with these layer sizes."""
    L = len(layer_sizes) - 1
    if not isinstance(got, dict):
        fail(f"{what} should return a dict of arrays (W1, b1, ..., W{L}, b{L}), got {type(got).__name__}.")
    if sorted(got) != sorted(keys_for(L)):
        fail(f"{what} returned the keys {sorted(got)}; expected exactly {keys_for(L)} for layer sizes {layer_sizes}.")
    for l in range(1, L + 1):
        assert_array(got[f"W{l}"], name=f"{what}['W{l}']", shape=(layer_sizes[l - 1], layer_sizes[l]))
        assert_array(got[f"b{l}"], name=f"{what}['b{l}']", shape=(layer_sizes[l],))
    return got


def pre_activations(params, X):
    L = len(params) // 2
    h, zs = X, []
    for l in range(1, L + 1):
        z = h @ params[f"W{l}"] + params[f"b{l}"]
        zs.append(z)
        h = np.maximum(z, 0.0)
    return zs[:-1]


@st.composite
def loss_cases(draw, hidden=((4,), (3, 3)), max_n=5):
    """Random params of a small MLP, a batch X and labels y; ReLU inputs kept away from 0."""
    D, K = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    sizes = [D, *draw(st.sampled_from(hidden)), K]
    N = draw(st.integers(2, max_n))
    rng = kst.rng_from(draw(kst.seeds()))
    params = {}
    for l in range(1, len(sizes)):
        params[f"W{l}"] = rng.normal(0.0, 0.8, (sizes[l - 1], sizes[l]))
        params[f"b{l}"] = rng.uniform(-0.5, 0.5, sizes[l])
    X = rng.normal(0.0, 1.0, (N, D))
    y = rng.integers(0, K, N)
    assume(all(np.min(np.abs(z)) > 0.01 for z in pre_activations(params, X)))
    return {"params": params, "X": X, "y": y, "sizes": sizes}


def accuracy(params, X, y):
    """The share of rows whose scores (the statement's forward, written out) peak at the label: a wrong predict
    fails its own check, not the training."""
    L = len(params) // 2
    h = X
    for l in range(1, L + 1):
        h = h @ params[f"W{l}"] + params[f"b{l}"]
        h = np.maximum(h, 0.0) if l < L else h
    return float(np.mean(np.argmax(h, axis=1) == y))


# -- checks ---------------------------------------------------------------------------------------------

@kata.check(points=1, max_examples=3)
@given(seed=kst.seeds())
def init_is_he_normal_and_seeded(sub, ref, seed):
    """init_mlp draws W from N(0, 2/fan_in) with the given seed and sets biases to zero"""
    sizes = [200, 100, 10]
    params = params_of(sub.init_mlp(sizes, seed), sizes, f"init_mlp({sizes}, seed)")
    for l in (1, 2):
        W, fan_in = params[f"W{l}"], sizes[l - 1]
        want = np.sqrt(2.0 / fan_in)
        if not 0.85 * want <= W.std() <= 1.15 * want or abs(W.mean()) > 0.15 * want:
            fail(f"init_mlp({sizes}): W{l} has mean {W.mean():.4f} and std {W.std():.4f}; He initialisation "
                 f"N(0, 2/fan_in) gives mean about 0 and std sqrt(2/{fan_in}) = {want:.4f}.")
        assert_equal(params[f"b{l}"], np.zeros(sizes[l]), name=f"init_mlp(...)['b{l}'] (biases start at zero)")
    again = sub.init_mlp(sizes, seed)
    other = sub.init_mlp(sizes, seed + 1 if seed < 2**32 - 1 else 0)
    assert_equal(again["W1"], params["W1"], name="W1 of a second init_mlp with the same seed (must be identical)")
    if np.array_equal(other["W1"], params["W1"]):
        fail("init_mlp gives the same W1 for two different seeds: draw from np.random.default_rng(seed).")


@kata.check(points=1, max_examples=5)
@given(case=loss_cases())
def zero_weights_give_log_k(sub, ref, case):
    """With all parameters zero, mlp_loss is log K and the last bias gradient is mean(1/K - onehot(y))"""
    X, y, sizes = case["X"], case["y"], case["sizes"]
    K = sizes[-1]
    zeros = {k: np.zeros_like(v) for k, v in case["params"].items()}
    loss, grads = expect_tuple(sub.mlp_loss(zeros, X, y), ["loss", "grads"], call="mlp_loss")
    assert_close(assert_scalar(loss, name="loss"), float(np.log(K)),
                 name=f"loss with all-zero parameters (every class gets probability 1/{K}, so the loss is log {K})")
    L = len(sizes) - 1
    grads = params_of(grads, sizes, "mlp_loss(...)[1]")
    expected = (np.full((len(y), K), 1.0 / K) - np.eye(K)[y]).mean(axis=0)
    assert_close(grads[f"b{L}"], expected, name=f"grads['b{L}'] with all-zero parameters (mean over the batch of p - onehot(y))")


@kata.check(points=3, max_examples=6)
@given(case=loss_cases())
def loss_gradients_match_numerical(sub, ref, case):
    """mlp_loss's gradients agree with the numerical gradient of its loss"""
    params, X, y, sizes = case["params"], case["X"], case["y"], case["sizes"]
    keys = keys_for(len(sizes) - 1)
    _, grads = expect_tuple(sub.mlp_loss(params, X, y), ["loss", "grads"], call="mlp_loss")
    grads = params_of(grads, sizes, "mlp_loss(...)[1]")

    def loss_of(*arrays):
        return np.array(assert_scalar(sub.mlp_loss(dict(zip(keys, arrays)), X, y)[0], name="loss"))

    check_gradients(loss_of, [params[k] for k in keys], [grads[k] for k in keys], np.array(1.0),
                    names=[f"grads['{k}']" for k in keys])


@kata.check(points=1, max_examples=8)
@given(seed=kst.seeds(), k=st.integers(2, 5))
def predict_is_the_argmax_of_the_scores(sub, ref, seed, k):
    """predict returns the argmax of the scores, with ReLU between layers"""
    X = kst.rng_from(seed).normal(0.0, 1.0, (12, k))
    eye, zero = np.eye(k), np.zeros(k)
    assert_equal(sub.predict({"W1": eye, "b1": zero}, X), np.argmax(X, axis=1),
                 name="predict with one layer W1 = I, b1 = 0 (the scores are X itself)")
    shift = np.arange(k, dtype=float)
    assert_equal(sub.predict({"W1": -eye, "b1": zero, "W2": eye, "b2": shift}, X),
                 np.argmax(np.maximum(-X, 0.0) + shift, axis=1),
                 name="predict with W1 = -I, b1 = 0, W2 = I, b2 = [0, 1, ...] (scores = relu(-X) + b2)")


@kata.check(points=1, max_examples=2)
@given(seed=st.integers(0, 1000))
def training_starts_from_init_and_is_deterministic(sub, ref, seed):
    """train_mlp starts from init_mlp(seed): learning_rate=0 returns it unchanged, and a seed gives one result"""
    X, y = blobs(seed, n_per_class=20)
    sizes = [2, 8, 3]
    start = params_of(sub.train_mlp(X, y, [8], n_epochs=2, learning_rate=0.0, batch_size=16, seed=seed), sizes,
                      "train_mlp(..., learning_rate=0.0)")
    init = params_of(sub.init_mlp(sizes, seed), sizes, "init_mlp")
    for k in keys_for(2):
        assert_close(start[k], init[k], name=f"train_mlp(..., learning_rate=0.0)['{k}'] (must be init_mlp([2, 8, 3], seed)"
                                              f"['{k}']: training starts there and zero-size steps change nothing)")
    a = sub.train_mlp(X, y, [8], n_epochs=3, learning_rate=0.3, batch_size=16, seed=seed)
    b = sub.train_mlp(X, y, [8], n_epochs=3, learning_rate=0.3, batch_size=16, seed=seed)
    for k in keys_for(2):
        assert_equal(a[k], b[k], name=f"['{k}'] of two train_mlp runs with the same seed (must be identical: "
                                      "use only np.random.default_rng(seed))")


@kata.check(points=2, max_examples=1)
@given(seed=st.integers(0, 1000))
def training_separates_blobs(sub, ref, seed):
    """train_mlp reaches 90 % held-out accuracy on three Gaussian blobs"""
    X, y = blobs(seed)
    Xt, yt = blobs(seed + 10_000)
    params = params_of(sub.train_mlp(X, y, [16], n_epochs=30, learning_rate=0.5, batch_size=32, seed=seed),
                       [2, 16, 3], "train_mlp")
    acc = accuracy(params, Xt, yt)
    if acc < 0.9:
        fail(f"after train_mlp(X, y, [16], n_epochs=30, learning_rate=0.5, batch_size=32, seed={seed}) on 180 "
             f"points in three well-separated blobs, the held-out accuracy is {acc:.1%} (at least 90 % expected). "
             "Check that the update subtracts learning_rate * gradient and that mlp_loss passes its gradient check.")


# -- the procedure on a case too small to hide anything: 7 samples in minibatches of 3 (3, 3, then 1) --------------
SHORT_LAST_BATCH = {
    "X": np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [2.0, 1.0], [-1.25, -0.5], [0.0, 1.75], [1.0, -2.0]]),
    "y": np.array([0, 1, 2, 1, 0, 2, 1]),
    "hidden_sizes": [3], "n_epochs": 2, "learning_rate": 0.3, "batch_size": 3, "seed": 5,
}


@kata.frozen
def two_epochs_with_a_short_last_batch(ref):
    """The statement's procedure on SHORT_LAST_BATCH: the params after two epochs of three steps each."""
    case = SHORT_LAST_BATCH
    params = ref.train_mlp(case["X"], case["y"], case["hidden_sizes"], n_epochs=case["n_epochs"],
                           learning_rate=case["learning_rate"], batch_size=case["batch_size"], seed=case["seed"])
    return {k: np.asarray(v) for k, v in params.items()}


@kata.check(points=1, max_examples=1)
@given(st.just(None))
def training_visits_every_sample_in_minibatches(sub, ref, _):
    """train_mlp on 7 samples with batch_size=3 takes three steps per epoch: 3, 3, then the last, smaller batch of 1"""
    case = SHORT_LAST_BATCH
    params = params_of(sub.train_mlp(case["X"], case["y"], case["hidden_sizes"], n_epochs=2, learning_rate=0.3,
                                     batch_size=3, seed=5), [2, 3, 3], "train_mlp")
    expected = kata.frozen_value("two_epochs_with_a_short_last_batch")
    for k in keys_for(2):
        assert_close(params[k], np.asarray(expected[k]), name=(
            f"train_mlp(X, y, [3], n_epochs=2, learning_rate=0.3, batch_size=3, seed=5)['{k}'] on 7 samples, compared "
            "with the statement's procedure: start from init_mlp([2, 3, 3], 5); one generator "
            "np.random.default_rng(5) for the whole run; each epoch a permutation of the 7 samples in minibatches "
            "of 3, 3 and 1 (the last, smaller one is not dropped); params - 0.3 * grad after each"))
