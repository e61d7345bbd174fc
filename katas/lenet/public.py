"""Public checks of the lenet kata: initialisation, the forward pass written out by hand, gradients, training."""
from functools import lru_cache
from pathlib import Path

import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_scalar, check_gradients, diagnosis, expect_tuple, fail,
                     strategies as kst, within)

from . import kata

SHAPES = {"W1": (6, 1, 3, 3), "b1": (6,), "W2": (16, 6, 3, 3), "b2": (16,),
          "W3": (64, 32), "b3": (32,), "W4": (32, 10), "b4": (10,)}
TRAINING_SEED, MIN_ACCURACY = 0, 0.85


@lru_cache(maxsize=1)
def digits():
    """The shipped digits as float64 images in [0, 1]: X_train (600, 1, 8, 8), y_train, X_test (200, 1, 8, 8), y_test."""
    data = np.load(Path(__file__).with_name("digits.npz"))
    return {k: (data[k] / 255.0 if k.startswith("X") else data[k].astype(np.int64)) for k in data.files}



def params_dict(got, call):
    """The learner's parameters: a dict with every key of SHAPES and arrays of those shapes."""
    if not isinstance(got, dict) or set(got) != set(SHAPES):
        keys = sorted(got) if isinstance(got, dict) else type(got).__name__
        fail(f"{call} should return a dict with the keys {sorted(SHAPES)}, got {keys}.")
    return {name: assert_array(got[name], name=f"{call}[{name!r}]", shape=shape) for name, shape in SHAPES.items()}


def random_params(rng, scale=1.0):
    """Parameters with random weights and biases (biases not zero, so that their gradients are tested)."""
    params = {}
    for name, shape in SHAPES.items():
        fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
        std = scale * np.sqrt(2.0 / fan_in) if name.startswith("W") else 0.1
        params[name] = rng.normal(0.0, std, shape)
    return params


def forward(sub, x, params):
    scores, cache = expect_tuple(sub.lenet_forward(x, params), ["scores", "cache"], call="lenet_forward")
    return assert_array(scores, name="lenet_forward: scores", shape=(len(x), 10)), cache


def by_hand(x, p, features=False):
    """The network written out with plain loops, straight from the statement (or its last hidden layer)."""
    def conv(x, w, b):                              # 3x3, stride 1, padding 1
        n, c, h, width = x.shape
        xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
        out = np.empty((n, w.shape[0], h, width))
        for i in range(h):
            for j in range(width):
                out[:, :, i, j] = np.tensordot(xp[:, :, i:i + 3, j:j + 3], w, axes=([1, 2, 3], [1, 2, 3])) + b
        return out

    def pool(x):                                    # 2x2, stride 2
        n, c, h, width = x.shape
        return x.reshape(n, c, h // 2, 2, width // 2, 2).max(axis=(3, 5))

    h = pool(np.maximum(conv(x, p["W1"], p["b1"]), 0))
    h = pool(np.maximum(conv(h, p["W2"], p["b2"]), 0))
    h = np.maximum(h.reshape(len(x), -1) @ p["W3"] + p["b3"], 0)
    return h if features else h @ p["W4"] + p["b4"]


def loss_by_hand(x, y, p):
    """The statement's loss written out: -mean_n log softmax(scores)[n, y[n]], with the scores of by_hand."""
    scores = by_hand(x, p)
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return log_probs, float(-log_probs[np.arange(len(y)), y].mean())


@st.composite
def net_cases(draw, max_n=4):
    rng = kst.rng_from(draw(kst.seeds()))
    n = draw(kst.dims(1, max_n))
    return {"x": rng.uniform(0, 1, (n, 1, 8, 8)), "params": random_params(rng), "y": rng.integers(0, 10, n),
            "dscores": rng.normal(0, 1, (n, 10))}


def init_mistakes(shape, unit):
    """What two wrong initialisations draw for a weight of this shape, given its unscaled normal draws."""
    mistakes = {"the weights are drawn from N(0, 1): scale them by sqrt(2 / fan_in)": unit}
    if len(shape) == 4:
        mistakes["the fan-in of a filter bank left out the 3 x 3 kernel: fan_in = C * 3 * 3"] = (
            np.sqrt(2.0 / shape[1]) * unit)
    return mistakes


@kata.check(points=1)
@given(seed=kst.seeds())
def init_has_he_scaled_weights_and_zero_biases(sub, ref, seed):
    """init_lenet(seed) returns every parameter with its shape, zero biases, W1..W4 drawn in order from N(0, 2/fan_in), reproducibly"""
    call = f"init_lenet({seed})"
    params = params_dict(sub.init_lenet(seed), call)
    for name, value in params.items():
        if name.startswith("b"):
            within(f"{call}: biases start at zero.", assert_close, value, np.zeros(SHAPES[name]), name=name)
    rng = np.random.default_rng(seed)
    for name in ("W1", "W2", "W3", "W4"):
        shape = SHAPES[name]
        fan_in, how = (int(np.prod(shape[1:])), "C * 3 * 3") if len(shape) == 4 else (shape[0], "D")
        unit = rng.normal(0.0, 1.0, shape)          # the same draws as rng.normal(0, std, shape), unscaled
        within(f"{call}: {name} {shape} is rng.normal(0, sqrt(2 / fan_in), shape) with fan_in = {how} = {fan_in}, "
               "drawn after the weights before it from the one rng = np.random.default_rng(seed).",
               assert_close, params[name], np.sqrt(2.0 / fan_in) * unit, name=name, mistakes=init_mistakes(shape, unit))
    again = params_dict(sub.init_lenet(seed), call)
    within(f"{call} called twice: the same seed gives the same weights (np.random.default_rng(seed)).",
           assert_close, again["W1"], params["W1"], name="W1")


@kata.check(points=3)
@given(case=net_cases())
def forward_is_the_network_of_the_statement(sub, ref, case):
    """lenet_forward computes conv-ReLU-pool, conv-ReLU-pool, flatten, affine-ReLU, affine"""
    scores, _ = forward(sub, case["x"], case["params"])
    within(f"lenet_forward on {len(case['x'])} random images and random parameters: conv 3x3 (padding 1) -> ReLU "
           "-> 2x2 max pool -> conv 3x3 (padding 1) -> ReLU -> 2x2 max pool -> flatten (N, 64) in C order "
           "(channel, then row, then column) -> affine -> ReLU -> affine; computed in this check with plain loops.",
           assert_close, scores, by_hand(case["x"], case["params"]), name="scores")


@kata.check(points=3, max_examples=4)
@diagnosis(r"(?m)^d[Wb]1 does not match", "The gradients of the later layers are right (they are checked first): look "
           "between the first convolution and the second, at the first max pool's backward (each gradient goes to "
           "the maximum of its window only) and the first ReLU's mask.")
@diagnosis(r"(?m)^d[Wb]3 does not match", "dW4 and db4 are right (checked first): look at the ReLU between the two "
           "affine layers and at the affine backward of W3.")
@diagnosis(r"(?m)^d[Wb]2 does not match", "The gradients of the affine layers are right (checked first): look at the "
           "unflattening of the gradient, the second max pool's backward and the second ReLU's mask.")
@given(case=net_cases(max_n=2))
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """lenet_backward agrees with the numerical gradient of your lenet_forward, for every parameter"""
    x, params, dscores = case["x"], case["params"], case["dscores"]
    _, cache = forward(sub, x, params)
    grads = params_dict(sub.lenet_backward(dscores, cache), "lenet_backward(dscores, cache)")
    names = list(SHAPES)[::-1]     # from the last layer back: the first wrong gradient points at the wrong layer
    within(f"lenet_backward on {len(x)} random images and random parameters:", check_gradients,
           lambda *values: forward(sub, x, dict(zip(names, values)))[0], [params[k] for k in names],
           [grads[k] for k in names], dscores, names=[f"d{k}" for k in names], max_elementwise=10)


@kata.check(points=2, max_examples=4)
@given(case=net_cases(max_n=2))
def loss_is_mean_cross_entropy_of_the_scores(sub, ref, case):
    """lenet_loss is the mean softmax cross-entropy of the statement's scores, and its gradients are that loss's"""
    x, y, params = case["x"], case["y"], case["params"]
    loss, grads = expect_tuple(sub.lenet_loss(x, y, params), ["loss", "grads"], call="lenet_loss")
    grads = params_dict(grads, "lenet_loss(x, y, params)[1]")
    # expected values from the statement's network and loss written out here, not from the learner's lenet_forward
    # and lenet_backward: a wrong forward or backward must not make a correct lenet_loss fail
    log_probs, expected_loss = loss_by_hand(x, y, params)
    n = len(y)
    within(f"lenet_loss on {n} images with labels {y.tolist()}: -mean over the batch of log softmax(scores)[n, y[n]], "
           "with the scores of the statement's network.", assert_close, assert_scalar(loss, name="loss"),
           expected_loss, name="loss", mistakes={"the loss is summed over the batch, not averaged":
                                                 float(-log_probs[np.arange(n), y].sum())})
    dscores = np.exp(log_probs)
    dscores[np.arange(n), y] -= 1
    hidden = by_hand(x, params, features=True)
    for name, expected in (("b4", dscores.sum(axis=0) / n), ("W4", hidden.T @ dscores / n)):
        within(f"lenet_loss on {n} images: the gradients are lenet_backward of dscores = (softmax(scores) - "
               f"one_hot(y)) / N, the gradient of the mean; d{name} is written out here.", assert_close, grads[name],
               expected, name=f"d{name}",
               mistakes={"the gradients are not divided by N (the batch size)": expected * n})
    names = list(SHAPES)[::-1]     # from the last layer back
    within(f"lenet_loss on {n} images with labels {y.tolist()}: each gradient against the numerical derivative of the "
           "statement's loss (computed in this check) along a random direction.", check_gradients,
           lambda *values: np.array([loss_by_hand(x, y, dict(zip(names, values)))[1]]), [params[k] for k in names],
           [grads[k] for k in names], np.array([1.0]), names=[f"d{k}" for k in names], max_elementwise=0,
           n_directions=1)


@kata.check(points=3)
@diagnosis(r"train_lenet.*(NaN|Inf)", "Training diverged: check the sign of the update (v = 0.9 v - lr * grad, then "
           "param = param + v) and that the gradients are averaged over the minibatch.")
def training_reaches_the_accuracy(sub, ref):
    """train_lenet on the 600 shipped digits: the loss goes down and your network classifies >= 85 % of the 200 test digits"""
    data = digits()
    call = f"train_lenet(X_train, y_train, seed={TRAINING_SEED})"
    params, losses = expect_tuple(sub.train_lenet(data["X_train"], data["y_train"], TRAINING_SEED),
                                  ["params", "losses"], call="train_lenet")
    params = params_dict(params, call)
    losses = assert_array(np.asarray(losses, dtype=float), name=f"{call}: losses (one per epoch)", shape=(8,))
    if not losses[-1] < 0.5 * losses[0]:
        fail(f"{call}: the mean loss of the epochs went {np.round(losses, 3).tolist()}; it should at least halve "
             "from the first to the last epoch. Check the update (v = 0.9 * v - lr * grad, then params += v: the "
             "momentum, kept per parameter from step to step, and the sign) and the gradients (the other checks).")
    scores = by_hand(data["X_test"], params)   # the statement's network: a wrong lenet_forward fails its own check
    accuracy = float((np.argmax(scores, axis=1) == data["y_test"]).mean())
    if accuracy < MIN_ACCURACY:
        fail(f"{call}: your trained network classifies {100 * accuracy:.1f} % of the 200 test digits correctly "
             f"(in the statement's network); at least {100 * MIN_ACCURACY:.0f} % is expected (the reference gets "
             "91-97 % whatever the seed). Losses per epoch: " + str(np.round(losses, 3).tolist()))


PROCEDURE_ROWS, PROCEDURE_SEED, PROCEDURE_EPOCHS = slice(120, 170), 3, 2   # 50 digits: batches of 20, 20 and 10


@kata.frozen
def short_training(ref):
    """The reference's train_lenet on X_train[120:170] (seed 3, 2 epochs, batch_size 20): losses and parameters."""
    data = digits()
    params, losses = ref.train_lenet(data["X_train"][PROCEDURE_ROWS], data["y_train"][PROCEDURE_ROWS],
                                     PROCEDURE_SEED, PROCEDURE_EPOCHS, 0.03, 20)
    return {"params": params, "losses": [float(v) for v in losses]}


@kata.check(points=2)
def training_follows_the_procedure(sub, ref):
    """train_lenet for 2 epochs on 50 digits gives the expected epoch losses and weights (shuffle, last small batch,
    momentum)"""
    data = digits()
    call = "train_lenet(X_train[120:170], y_train[120:170], seed=3, epochs=2, lr=0.03, batch_size=20)"
    params, losses = expect_tuple(sub.train_lenet(data["X_train"][PROCEDURE_ROWS], data["y_train"][PROCEDURE_ROWS],
                                                  PROCEDURE_SEED, PROCEDURE_EPOCHS, 0.03, 20),
                                  ["params", "losses"], call="train_lenet")
    expected = kata.frozen_value("short_training")
    context = (f"{call}: params = init_lenet(seed); rng = np.random.default_rng(seed + 1); each epoch walks "
               "rng.permutation(N) in minibatches of 20, 20 and the last, smaller one of 10; each step "
               "v = 0.9 v - lr * grad, param = param + v; losses are the epochs' mean minibatch losses.")
    within(context, assert_close, np.asarray(losses, dtype=np.float64), np.array(expected["losses"]), name="losses")
    params = params_dict(params, call)
    for name in SHAPES:
        within(context, assert_close, params[name], expected["params"][name], name=name)
