"""Public checks for training_loop: batches from the specified shuffle, clipping and early stopping against their
definitions, and properties of a training run (best parameters restored, stopping on time, full-set losses)."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, expect_tuple, fail
from graders import strategies as kst

from . import kata


@st.composite
def grad_dicts(draw):
    """1 to 3 named gradients of assorted shapes; global norms from 0 (all zeros) to about 10."""
    rng = kst.rng_from(draw(kst.seeds()))
    names = ["W1", "b1", "W2"][: draw(kst.dims(1, 3))]
    shapes = [draw(kst.shapes(draw(kst.dims(1, 2)), max_side=3)) for _ in names]
    scale = draw(st.sampled_from([0.0, 0.1, 1.0, 5.0]))
    return {name: scale * rng.standard_normal(shape) for name, shape in zip(names, shapes)}


@st.composite
def loss_sequences(draw):
    """Validation losses with repeats (few levels), a patience and a min_delta."""
    rng = kst.rng_from(draw(kst.seeds()))
    losses = rng.integers(0, 5, size=draw(kst.dims(1, 10))) * 0.05 + 0.5
    return losses, draw(kst.dims(1, 3)), draw(st.sampled_from([0.0, 0.05, 0.12]))


@st.composite
def classification_data(draw, n_max=14):
    """Training and validation blobs of c classes in d dimensions, initial parameters, and a training setup."""
    n, d, c = draw(kst.dims(2, n_max)), draw(kst.dims(1, 3)), draw(kst.dims(2, 3))
    rng = kst.rng_from(draw(kst.seeds()))
    centres = 2.0 * rng.standard_normal((c, d))
    y, y_val = rng.integers(0, c, size=n), rng.integers(0, c, size=8)
    X, X_val = centres[y] + rng.standard_normal((n, d)), centres[y_val] + rng.standard_normal((8, d))
    params = {"W": 0.1 * rng.standard_normal((d, c)), "b": np.zeros(c)}
    setup = {"learning_rate": draw(st.sampled_from([0.05, 0.5, 3.0])), "batch_size": draw(kst.dims(1, n + 2)),
             "n_epochs": draw(kst.dims(1, 8)), "patience": draw(kst.dims(1, 3)),
             "max_norm": draw(st.sampled_from([0.05, 1.0, 100.0])), "seed": draw(kst.seeds())}
    return params, X, y, X_val, y_val, setup


def cross_entropy(params, X, y):
    """Mean softmax cross-entropy of X @ W + b (the loss of the given model), for expected values."""
    scores = X @ params["W"] + params["b"]
    top = scores.max(axis=1, keepdims=True)
    return float(np.mean(top[:, 0] + np.log(np.exp(scores - top).sum(axis=1)) - scores[np.arange(len(y)), y]))


def checked_state(state, call):
    keys = {"epoch", "best_loss", "best_epoch", "best_params", "bad_epochs"}
    if not isinstance(state, dict) or not keys <= set(state):
        fail(f"{call} should return a state dict with keys {sorted(keys)}, got {state!r:.200}.")
    return state


def expect_stop(stop, expected, call):
    if not isinstance(stop, (bool, np.bool_)) or bool(stop) != expected:
        fail(f"stop after {call} should be {expected}, got {stop!r}.")


def checked_params(params, call):
    if not isinstance(params, dict) or set(params) != {"W", "b"}:
        fail(f"{call} should return the best parameters as a dict with 'W' and 'b', got {params!r:.200}.")
    return params


def checked_history(history, call):
    if not isinstance(history, dict) or not {"train_loss", "val_loss", "best_epoch"} <= set(history):
        fail(f"{call} should return a history dict with keys 'train_loss', 'val_loss', 'best_epoch', "
             f"got {history!r:.200}.")
    train = assert_array(np.asarray(history["train_loss"], dtype=float), name="history['train_loss']")
    val = assert_array(np.asarray(history["val_loss"], dtype=float), name="history['val_loss']", shape=train.shape)
    return train, val


@kata.check(points=2)
@given(n=kst.dims(1, 23), batch_size=kst.dims(1, 25), n_epochs=kst.dims(1, 3), seed=kst.seeds())
def minibatches_follow_the_specified_shuffle(sub, ref, n, batch_size, n_epochs, seed):
    """minibatches cuts the e-th rng.permutation(n) of one generator into batches, the last one smaller"""
    call = f"minibatches(n={n}, batch_size={batch_size}, n_epochs={n_epochs}, seed={seed})"
    epochs = sub.minibatches(n, batch_size, n_epochs, seed)
    if not isinstance(epochs, (list, tuple)) or len(epochs) != n_epochs:
        fail(f"{call} should return a list of {n_epochs} epochs, each a list of index arrays; got {epochs!r:.200}.")
    rng = np.random.default_rng(seed)
    for e, batches in enumerate(epochs):
        order = rng.permutation(n)
        expected = [order[s:s + batch_size] for s in range(0, n, batch_size)]
        if not isinstance(batches, (list, tuple)) or len(batches) != len(expected):
            fail(f"epoch {e} of {call} should have {len(expected)} batches ({n} samples in batches of {batch_size}, "
                 f"the last one smaller), got {len(batches) if isinstance(batches, (list, tuple)) else batches!r}.")
        for b, (got, want) in enumerate(zip(batches, expected)):
            assert_array(got, name=f"batch {b} of epoch {e} of {call}", kind="i")
            assert_equal(got, want, name=f"batch {b} of epoch {e} of {call} (epoch e uses the e-th rng.permutation(n) "
                                         "of one generator made once)")


@kata.check(points=1)
@given(st.just(None))
def clip_hand_example(sub, ref, _):
    """clip_by_global_norm({'a': [3, 0], 'b': [[4]]}): global norm 5, scaled to max_norm only when above it"""
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    for max_norm, factor in ((1.0, 0.2), (5.0, 1.0), (10.0, 1.0)):
        call = f"clip_by_global_norm({{'a': [3, 0], 'b': [[4]]}}, max_norm={max_norm})"
        clipped, norm = expect_tuple(sub.clip_by_global_norm(grads, max_norm), ["clipped", "norm"], call=call)
        assert_close(assert_scalar(norm, name=f"norm of {call}"), 5.0,
                     name=f"norm of {call} (sqrt(3^2 + 0^2 + 4^2) over both gradients, before clipping)")
        if not isinstance(clipped, dict) or set(clipped) != {"a", "b"}:
            fail(f"{call} should return the clipped gradients as a dict with the same names, got {clipped!r:.200}.")
        for name in ("a", "b"):
            assert_close(clipped[name], factor * grads[name], name=f"clipped['{name}'] of {call} (factor {factor:g})")


@kata.check(points=2)
@given(grads=grad_dicts(), max_norm=st.sampled_from([0.5, 1.0, 4.0]))
def clip_keeps_direction_and_bounds_norm(sub, ref, grads, max_norm):
    """clip_by_global_norm scales all gradients by one factor, min(1, max_norm / norm)"""
    call = f"clip_by_global_norm(grads with shapes {({k: v.shape for k, v in grads.items()})}, max_norm={max_norm})"
    clipped, norm = expect_tuple(sub.clip_by_global_norm(grads, max_norm), ["clipped", "norm"], call=call)
    true_norm = float(np.sqrt(sum((g ** 2).sum() for g in grads.values())))
    assert_close(assert_scalar(norm, name=f"norm of {call}"), true_norm, name=f"norm of {call} (before clipping)")
    if not isinstance(clipped, dict) or set(clipped) != set(grads):
        fail(f"{call} should return a dict with the names {sorted(grads)}, got {clipped!r:.200}.")
    factor = max_norm / true_norm if true_norm > max_norm else 1.0
    for name, g in grads.items():
        assert_close(clipped[name], factor * g, name=f"clipped['{name}'] of {call} (global norm {true_norm:.4g}: "
                                                      f"{'every gradient times max_norm / norm' if factor < 1 else 'unchanged'})")


@kata.check(points=2)
@given(st.just(None))
def early_stopping_hand_example(sub, ref, _):
    """early stopping with patience 2 on 1.0, 0.8, 0.8, 0.9: an equal loss is no improvement; stops at the 4th"""
    state, stops = None, []
    for epoch, loss in enumerate([1.0, 0.8, 0.8, 0.9]):
        call = f"early_stopping_update(state, val_loss={loss}, params={{'w': [{epoch}.0]}}, patience=2) at epoch {epoch}"
        state, stop = expect_tuple(sub.early_stopping_update(state, loss, {"w": np.array([float(epoch)])}, 2),
                                   ["state", "stop"], call=call)
        stops.append(bool(stop))
        state = checked_state(state, call)
    if stops != [False, False, False, True]:
        fail(f"stop after each of the losses 1.0, 0.8, 0.8, 0.9 with patience 2 should be False, False, False, True "
             f"(the second 0.8 does not improve on the first), got {stops}.")
    assert_equal(int(state["best_epoch"]), 1, name="state['best_epoch'] after 1.0, 0.8, 0.8, 0.9")
    assert_close(state["best_params"]["w"], np.array([1.0]), name="state['best_params']['w'] (the params of epoch 1)")
    state = None
    for loss in (1.0, 0.95, 0.9):
        state, stop = sub.early_stopping_update(state, loss, {"w": np.array([loss])}, 2, 0.06)
    state = checked_state(state, "early_stopping_update(..., min_delta=0.06)")
    assert_equal(int(state["best_epoch"]), 2, name="state['best_epoch'] after 1.0, 0.95, 0.9 with min_delta=0.06 "
                                                   "(0.95 is not below 1.0 - 0.06; 0.9 is)")


@kata.check(points=2)
@given(case=loss_sequences())
def early_stopping_follows_its_definition(sub, ref, case):
    """early stopping tracks the best loss, its epoch and the bad epochs, and stops once bad_epochs >= patience"""
    losses, patience, min_delta = case
    state, best, best_epoch, bad = None, np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        call = (f"early_stopping_update at epoch {epoch} of the losses {np.round(losses, 3).tolist()} "
                f"(patience={patience}, min_delta={min_delta})")
        state, stop = expect_tuple(sub.early_stopping_update(state, float(loss), {"w": np.array([float(epoch)])},
                                                             patience, min_delta), ["state", "stop"], call=call)
        state = checked_state(state, call)
        if epoch == 0 or loss < best - min_delta:
            best, best_epoch, bad = loss, epoch, 0
        else:
            bad += 1
        assert_equal(int(state["bad_epochs"]), bad, name=f"state['bad_epochs'] after {call}")
        assert_equal(int(state["best_epoch"]), best_epoch, name=f"state['best_epoch'] after {call}")
        assert_close(float(state["best_loss"]), float(best), name=f"state['best_loss'] after {call}")
        assert_close(state["best_params"]["w"], np.array([float(best_epoch)]), name=f"state['best_params'] after {call}")
        assert_equal(int(state["epoch"]), epoch + 1, name=f"state['epoch'] after {call}")
        expect_stop(stop, bad >= patience, call)
        if stop:
            break


@kata.check(points=3, max_examples=10)
@given(case=classification_data())
def train_restores_the_best_and_stops_on_time(sub, ref, case):
    """train returns the parameters of the lowest validation loss and stops exactly when patience runs out"""
    params, X, y, X_val, y_val, setup = case
    call = f"train(params, X {X.shape}, y, X_val {X_val.shape}, y_val, {', '.join(f'{k}={v}' for k, v in setup.items())})"
    best, history = expect_tuple(sub.train(params, X, y, X_val, y_val, **setup), ["best_params", "history"], call=call)
    train_loss, val_loss = checked_history(history, call)
    if not 1 <= len(val_loss) <= setup["n_epochs"]:
        fail(f"{call} ran {len(val_loss)} epochs: expected between 1 and n_epochs = {setup['n_epochs']}.")
    best_epoch = int(np.argmin(val_loss))
    assert_equal(int(history["best_epoch"]), best_epoch,
                 name=f"history['best_epoch'] of {call} (the first epoch with the lowest val_loss {val_loss.tolist()})")
    assert_close(cross_entropy(checked_params(best, call), X_val, y_val), float(val_loss[best_epoch]),
                 name=f"the validation loss of the parameters returned by {call} (those of the best epoch "
                      f"{best_epoch}, not the last one)")
    since_best = len(val_loss) - 1 - best_epoch
    if len(val_loss) < setup["n_epochs"] and since_best != setup["patience"]:
        fail(f"{call} stopped after {len(val_loss)} epochs, {since_best} after the best one (epoch {best_epoch}, "
             f"val_loss {val_loss.tolist()}): it should stop exactly when patience = {setup['patience']} epochs in a "
             "row bring no improvement.")
    if len(val_loss) == setup["n_epochs"] and since_best > setup["patience"]:
        fail(f"{call} ran all {len(val_loss)} epochs although {since_best} epochs in a row after the best one brought "
             f"no improvement (patience = {setup['patience']}): val_loss {val_loss.tolist()}.")


@kata.check(points=2, max_examples=8)
@given(case=classification_data())
def train_loss_is_measured_on_the_whole_set_after_each_epoch(sub, ref, case):
    """with the training set as validation set, the history's train_loss equals its val_loss"""
    params, X, y, _, _, setup = case
    call = f"train(params, X {X.shape}, y, X_val=X, y_val=y, {', '.join(f'{k}={v}' for k, v in setup.items())})"
    best, history = expect_tuple(sub.train(params, X, y, X, y, **setup), ["best_params", "history"], call=call)
    train_loss, val_loss = checked_history(history, call)
    assert_close(train_loss, val_loss, name=f"history['train_loss'] of {call} (the loss on the whole training set "
                                            "after each epoch: here, the validation loss)")


@kata.check(points=1)
@given(case=classification_data())
def train_with_zero_learning_rate_changes_nothing(sub, ref, case):
    """with learning_rate 0 every loss is the initial one, training stops after patience + 1 epochs"""
    params, X, y, X_val, y_val, setup = case
    setup = {**setup, "learning_rate": 0.0}
    call = f"train(params, X {X.shape}, y, X_val, y_val, {', '.join(f'{k}={v}' for k, v in setup.items())})"
    best, history = expect_tuple(sub.train(params, X, y, X_val, y_val, **setup), ["best_params", "history"], call=call)
    train_loss, val_loss = checked_history(history, call)
    epochs = min(setup["patience"] + 1, setup["n_epochs"])
    assert_close(val_loss, np.full(epochs, cross_entropy(params, X_val, y_val)),
                 name=f"history['val_loss'] of {call} (nothing moves: equal losses are no improvement, so training "
                      f"stops after patience + 1 = {setup['patience'] + 1} epochs, or n_epochs)")
    assert_close(train_loss, np.full(epochs, cross_entropy(params, X, y)), name=f"history['train_loss'] of {call}")
    for name in ("W", "b"):
        assert_close(checked_params(best, call)[name], params[name], name=f"best_params['{name}'] of {call}")


# -- the procedure itself on a case small enough to follow: 7 samples in batches of 3, 3 and 1, clipping that bites --
SHORT_RUN = {
    "params": {"W": np.array([[0.1, -0.2, 0.0], [0.05, 0.1, -0.1]]), "b": np.zeros(3)},
    "X": np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [2.0, 1.0], [-1.25, -0.5], [0.0, 1.75], [1.0, -2.0]]),
    "y": np.array([0, 1, 2, 1, 0, 2, 1]),
    "X_val": np.array([[1.0, 0.5], [-1.0, 1.0], [0.25, -1.5]]), "y_val": np.array([1, 2, 0]),
    "setup": {"learning_rate": 0.5, "batch_size": 3, "n_epochs": 2, "patience": 5, "max_norm": 0.3, "seed": 4},
}


@kata.frozen
def short_run(ref):
    """The statement's procedure on SHORT_RUN: the history and the best parameters after two epochs."""
    case = SHORT_RUN
    best, history = ref.train(case["params"], case["X"], case["y"], case["X_val"], case["y_val"], **case["setup"])
    return {"best_params": best, "train_loss": np.array(history["train_loss"]),
            "val_loss": np.array(history["val_loss"])}


@kata.check(points=2)
def two_epochs_give_the_expected_losses_and_parameters(sub, ref):
    """train's two epochs on 7 samples (batches of 3, 3, 1; clipping at 0.3) give the statement's losses and params"""
    case, expected = SHORT_RUN, kata.frozen_value("short_run")
    setup = case["setup"]
    call = f"train(params, X (7, 2), y, X_val (3, 2), y_val, {', '.join(f'{k}={v}' for k, v in setup.items())})"
    how = ("the statement's procedure: the batches of minibatches(7, 3, 2, 4) (one generator for the whole run), "
           "each step on the gradients clipped to max_norm 0.3, the losses on the whole sets after each epoch")
    best, history = expect_tuple(sub.train(case["params"], case["X"], case["y"], case["X_val"], case["y_val"], **setup),
                                 ["best_params", "history"], call=call)
    train_loss, val_loss = checked_history(history, call)
    assert_close(train_loss, expected["train_loss"], name=f"history['train_loss'] of {call}, compared with {how}")
    assert_close(val_loss, expected["val_loss"], name=f"history['val_loss'] of {call}")
    best = checked_params(best, call)
    for name in ("W", "b"):
        assert_close(best[name], expected["best_params"][name], name=f"best_params['{name}'] of {call}")
