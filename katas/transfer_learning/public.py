"""Public checks of the transfer_learning kata: the base by hand, gradients, the first head step by hand,
freezing, and the accuracy reached on the shipped task."""
from functools import lru_cache
from pathlib import Path

import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_scalar, check_gradients, diagnosis, expect_tuple, fail,
                     strategies as kst, within)

from . import kata

BASE_KEYS, HEAD_KEYS = ("W1", "b1", "W2", "b2"), ("W", "b")
MIN_ACCURACY = 0.58


@lru_cache(maxsize=1)
def task():
    """The shipped pretrained base (dict) and the new task: X_train (100, 64), y_train, X_test (300, 64), y_test."""
    data = np.load(Path(__file__).with_name("data.npz"))
    base = {k[len("base_"):]: data[k] for k in data.files if k.startswith("base_")}
    return base, {k: data[k] for k in ("X_train", "y_train", "X_test", "y_test")}


@st.composite
def problems(draw, max_n=5, max_d=4, max_h=4, max_c=4):
    """A small random base, head, inputs and labels; biases positive enough that few units are dead."""
    rng = kst.rng_from(draw(kst.seeds()))
    n, d, h1, h2, c = (draw(kst.dims(lo, hi)) for lo, hi in ((1, max_n), (1, max_d), (1, max_h), (1, max_h),
                                                              (2, max_c)))
    base = {"W1": rng.normal(0, 1, (d, h1)), "b1": rng.uniform(0.1, 1, h1),
            "W2": rng.normal(0, 1, (h1, h2)), "b2": rng.uniform(0.1, 1, h2)}
    head = {"W": rng.normal(0, 1, (h2, c)), "b": rng.normal(0, 0.5, c)}
    return {"X": rng.uniform(-1, 1, (n, d)), "y": rng.integers(0, c, n), "base": base, "head": head, "classes": c}


def describe(p):
    return (f"X {p['X'].shape}, labels {p['y'].tolist()}, W1 {p['base']['W1'].shape}, W2 {p['base']['W2'].shape}, "
            f"head W {p['head']['W'].shape}")


def params_of(got, keys, call, like):
    if not isinstance(got, dict) or set(got) != set(keys):
        fail(f"{call} should return a dict with the keys {sorted(keys)}, got "
             f"{sorted(got) if isinstance(got, dict) else type(got).__name__}.")
    return {k: assert_array(got[k], name=f"{call}[{k!r}]", shape=like[k].shape) for k in keys}


def losses_of(got, epochs, call):
    return assert_array(np.asarray(got, dtype=float), name=f"{call}: losses (one per epoch)", shape=(epochs,))


def loss_and_grads(sub, p, **changes):
    p = {**p, **changes}
    loss, base_grads, head_grads = expect_tuple(sub.model_loss(p["X"], p["y"], p["base"], p["head"]),
                                                ["loss", "base_grads", "head_grads"], call="model_loss")
    return (assert_scalar(loss, name="model_loss: loss"),
            params_of(base_grads, BASE_KEYS, "model_loss(...)[1]", p["base"]),
            params_of(head_grads, HEAD_KEYS, "model_loss(...)[2]", p["head"]))


def log_softmax(scores):
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def features_by_hand(X, base):
    """The statement's base written out: relu(relu(X @ W1 + b1) @ W2 + b2)."""
    return np.maximum(np.maximum(X @ base["W1"] + base["b1"], 0) @ base["W2"] + base["b2"], 0)


def base_gradients_by_hand(X, y, base, head):
    """The gradients of the mean cross-entropy with respect to the base, written out from the statement."""
    z1 = X @ base["W1"] + base["b1"]
    z2 = np.maximum(z1, 0) @ base["W2"] + base["b2"]
    dscores = np.exp(log_softmax(np.maximum(z2, 0) @ head["W"] + head["b"]))
    dscores[np.arange(len(y)), y] -= 1
    dz2 = (dscores / len(y)) @ head["W"].T * (z2 > 0)
    dz1 = dz2 @ base["W2"].T * (z1 > 0)
    return {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": np.maximum(z1, 0).T @ dz2, "b2": dz2.sum(axis=0)}


def head_steps_by_hand(features, y, head, lr, epochs):
    """The statement's full-batch gradient descent on the head, written out: the head and the loss before each step."""
    n, losses = len(y), []
    for _ in range(epochs):
        log_probs = log_softmax(features @ head["W"] + head["b"])
        losses.append(float(-log_probs[np.arange(n), y].mean()))
        dscores = np.exp(log_probs)
        dscores[np.arange(n), y] -= 1
        dscores /= n
        head = {"W": head["W"] - lr * features.T @ dscores, "b": head["b"] - lr * dscores.sum(axis=0)}
    return head, np.array(losses)


@kata.check(points=1)
@given(p=problems())
def features_are_the_two_relu_layers(sub, ref, p):
    """extract_features(X, base) = relu(relu(X @ W1 + b1) @ W2 + b2)"""
    b = p["base"]
    got = sub.extract_features(p["X"], b)
    by_hand = features_by_hand(p["X"], b)
    within(f"extract_features on {describe(p)}: relu(relu(X @ W1 + b1) @ W2 + b2).", assert_close, got, by_hand,
           name="features", mistakes={"the last ReLU is missing: the features are relu(...) of the second layer":
                                      lambda: np.maximum(p["X"] @ b["W1"] + b["b1"], 0) @ b["W2"] + b["b2"]})


@kata.check(points=1)
@given(p=problems())
def loss_is_mean_cross_entropy_of_the_features(sub, ref, p):
    """model_loss's loss is the mean softmax cross-entropy of relu(relu(X W1 + b1) W2 + b2) @ W + b"""
    loss, _, _ = loss_and_grads(sub, p)
    features = features_by_hand(p["X"], p["base"])  # the statement's, not the learner's extract_features
    log_probs = log_softmax(features @ p["head"]["W"] + p["head"]["b"])
    within(f"model_loss on {describe(p)}: -mean over the rows of log softmax(features @ W + b)[n, y[n]], with "
           "features = relu(relu(X @ W1 + b1) @ W2 + b2).",
           assert_close, loss, float(-log_probs[np.arange(len(p["y"])), p["y"]].mean()), name="loss",
           mistakes={"the loss is summed over the examples, not averaged":
                     float(-log_probs[np.arange(len(p["y"])), p["y"]].sum())})


@kata.check(points=3, max_examples=8)
@diagnosis(r"(?m)^d(W|b) does not match", "The head's gradients are checked first: dscores = (softmax(scores) - "
           "one_hot(y)) / N (the loss is a mean), dW = features^T @ dscores, db = dscores summed over the rows.")
@diagnosis(r"(?m)^d(W1|b1) does not match", "The head's and W2's gradients are right (they are checked first): "
           "look at the ReLU after the first layer (multiply by z1 > 0) and at X^T @ dz1.")
@given(p=problems(max_n=4, max_d=3, max_h=3, max_c=3))
def gradients_match_numerical_gradient_of_your_loss(sub, ref, p):
    """model_loss's gradients agree with the numerical gradient of its own loss, for the head and the base"""
    _, base_grads, head_grads = loss_and_grads(sub, p)
    names = ["W", "b", "W2", "b2", "W1", "b1"]          # from the output back
    values = [p["head"]["W"], p["head"]["b"], *(p["base"][k] for k in ("W2", "b2", "W1", "b1"))]

    def loss(W, b, W2, b2, W1, b1):
        return np.array([loss_and_grads(sub, p, base={"W1": W1, "b1": b1, "W2": W2, "b2": b2},
                                        head={"W": W, "b": b})[0]])

    within(f"model_loss on {describe(p)}:", check_gradients, loss, values,
           [head_grads["W"], head_grads["b"], base_grads["W2"], base_grads["b2"], base_grads["W1"], base_grads["b1"]],
           np.array([1.0]), names=[f"d{k}" for k in names], max_elementwise=12)


@kata.check(points=2)
@given(p=problems(), lr=st.sampled_from((0.1, 0.5, 2.0)))
def first_head_step_by_hand(sub, ref, p, lr):
    """train_head starts from a zero head: its first loss is log(C) and one step gives W = -lr F^T (1/C - Y) / N"""
    X, y, c = p["X"], p["y"], p["classes"]
    head, losses = expect_tuple(sub.train_head(X, y, p["base"], c, lr, 1), ["head", "losses"], call="train_head")
    features = features_by_hand(X, p["base"])
    zero = {"W": np.zeros((features.shape[1], c)), "b": np.zeros(c)}
    head = params_of(head, HEAD_KEYS, f"train_head(X, y, base, {c}, lr={lr}, epochs=1)", zero)
    losses = losses_of(losses, 1, "train_head(..., epochs=1)")
    context = (f"train_head on {describe(p)}, {c} classes, lr={lr}, one epoch: the head starts at zero, so every "
               f"class has probability 1/{c}")
    within(context + f" and the loss before the step is log({c}).", assert_close, losses[0], float(np.log(c)),
           name="losses[0]")
    dscores = (np.full((len(X), c), 1.0 / c) - np.eye(c)[y]) / len(X)
    within(context + ", dscores = (1/C - one_hot(y)) / N, and one step gives W = -lr features^T dscores, "
           "b = -lr * sum of dscores over the rows.", assert_close, head["W"], -lr * features.T @ dscores, name="W",
           mistakes={"the gradient is not divided by N": -lr * features.T @ dscores * len(X)})
    within(context + ".", assert_close, head["b"], -lr * dscores.sum(axis=0), name="b")


@kata.check(points=2)
@given(p=problems(), frozen=st.sets(st.sampled_from(BASE_KEYS)), lr_base=st.sampled_from((0.0, 0.05)))
def frozen_parameters_come_back_unchanged(sub, ref, p, frozen, lr_base):
    """fine_tune returns every frozen base parameter bit for bit, and moves the others (unless lr_base = 0)"""
    frozen = tuple(sorted(frozen))
    call = f"fine_tune(X, y, base, head, lr_head=0.1, lr_base={lr_base}, epochs=3, frozen={frozen})"
    base, head, _ = expect_tuple(sub.fine_tune(p["X"], p["y"], p["base"], p["head"], 0.1, lr_base, 3, frozen),
                                 ["base", "head", "losses"], call="fine_tune")
    base = params_of(base, BASE_KEYS, call, p["base"])
    grads = base_gradients_by_hand(p["X"], p["y"], p["base"], p["head"])
    for k in BASE_KEYS:
        if k in frozen or lr_base == 0:
            if not np.array_equal(base[k], p["base"][k]):
                why = "it is frozen" if k in frozen else "lr_base = 0 (the base steps with lr_base, the head with lr_head)"
                fail(f"{call} on {describe(p)}: {k} must come back exactly as it was given, since {why}; "
                     f"it moved by up to {np.abs(base[k] - p['base'][k]).max():.3g}.")
        elif np.abs(grads[k]).max() > 1e-6 and np.array_equal(base[k], p["base"][k]):
            fail(f"{call} on {describe(p)}: {k} is not frozen and its gradient is not zero, so it must move; it came "
                 "back unchanged.")


@kata.check(points=1)
@given(p=problems(), lr=st.sampled_from((0.1, 0.5)))
def freezing_the_whole_base_is_training_the_head(sub, ref, p, lr):
    """fine_tune with the whole base frozen, from a zero head, takes train_head's four gradient steps on the head"""
    X, y = p["X"], p["y"]
    zero = {"W": np.zeros_like(p["head"]["W"]), "b": np.zeros_like(p["head"]["b"])}
    _, head, losses = expect_tuple(sub.fine_tune(X, y, p["base"], zero, lr, 0.3, 4, BASE_KEYS),
                                   ["base", "head", "losses"], call="fine_tune")
    # the statement's steps written out, not the learner's train_head: a wrong train_head must not fail fine_tune
    expected, expected_losses = head_steps_by_hand(features_by_hand(X, p["base"]), y, zero, lr, 4)
    context = (f"On {describe(p)}: fine_tune(..., zero head, lr_head={lr}, epochs=4, frozen=all of the base) takes "
               "train_head's steps: head = head - lr_head * gradient of the mean cross-entropy of features @ W + b, "
               "four times.")
    for k in HEAD_KEYS:
        within(context, assert_close, params_of(head, HEAD_KEYS, "fine_tune(...)[1]", zero)[k], expected[k], name=k)
    within(context + " It records the loss before each step.", assert_close, losses_of(losses, 4, "fine_tune"),
           expected_losses, name="losses")


def accuracy(base, head, X, y):
    features = features_by_hand(X, base)  # the statement's base: a wrong extract_features is its own check's failure
    return float((np.argmax(features @ head["W"] + head["b"], axis=1) == y).mean())


@kata.check(points=2)
def transfer_reaches_the_accuracy(sub, ref):
    """On the shipped task (digits 5-9, 100 examples): the head alone, then fine-tuning, reach >= 58 % on the test set"""
    base, data = task()
    head, losses = expect_tuple(sub.train_head(data["X_train"], data["y_train"], base, 5), ["head", "losses"],
                                call="train_head")
    head = params_of(head, HEAD_KEYS, "train_head(X_train, y_train, base, 5)", {"W": np.zeros((16, 5)),
                                                                                "b": np.zeros(5)})
    losses = losses_of(losses, 100, "train_head(X_train, y_train, base, 5)")
    head_accuracy = accuracy(base, head, data["X_test"], data["y_test"])
    if not (losses[-1] < losses[0] and head_accuracy >= MIN_ACCURACY):
        fail(f"train_head(X_train, y_train, pretrained base, 5) with the defaults (lr 0.1, 100 epochs): the loss went "
             f"from {losses[0]:.3f} to {losses[-1]:.3f} and the test accuracy is {100 * head_accuracy:.1f} % (at "
             f"least {100 * MIN_ACCURACY:.0f} % expected; the reference gets 66 %, a random base 38 %).")
    tuned_base, tuned_head, tuned_losses = expect_tuple(
        sub.fine_tune(data["X_train"], data["y_train"], base, head), ["base", "head", "losses"], call="fine_tune")
    tuned_base = params_of(tuned_base, BASE_KEYS, "fine_tune(...)[0]", base)
    tuned_losses = losses_of(tuned_losses, 100, "fine_tune(X_train, y_train, base, head)")
    for k in ("W1", "b1"):
        if not np.array_equal(tuned_base[k], base[k]):
            fail(f"fine_tune with the default frozen=('W1', 'b1') changed {k}: frozen parameters come back unchanged.")
    if not tuned_losses[-1] < tuned_losses[0]:
        fail(f"fine_tune with the defaults: the training loss went from {tuned_losses[0]:.3f} to "
             f"{tuned_losses[-1]:.3f}; it must go down.")
    tuned_accuracy = accuracy(tuned_base, params_of(tuned_head, HEAD_KEYS, "fine_tune(...)[1]", head),
                              data["X_test"], data["y_test"])
    if tuned_accuracy < MIN_ACCURACY:
        fail(f"After fine_tune with the defaults the test accuracy is {100 * tuned_accuracy:.1f} %, at least "
             f"{100 * MIN_ACCURACY:.0f} % expected.")
