"""Hidden checks for training_loop: every piece and whole training runs compared with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple
from graders import strategies as kst

from . import kata
from .public import (checked_history, checked_params, checked_state, classification_data, expect_stop, grad_dicts,
                     loss_sequences)


@kata.check(points=1, hidden=True)
@given(n=kst.dims(1, 40), batch_size=kst.dims(1, 12), n_epochs=kst.dims(1, 4), seed=kst.seeds())
def minibatches_match_reference(sub, ref, n, batch_size, n_epochs, seed):
    """minibatches matches the reference"""
    call = f"minibatches(n={n}, batch_size={batch_size}, n_epochs={n_epochs}, seed={seed})"
    got = sub.minibatches(n, batch_size, n_epochs, seed)
    expected = ref.minibatches(n, batch_size, n_epochs, seed)
    assert_equal([len(e) for e in got] if isinstance(got, list) else got, [len(e) for e in expected],
                 name=f"the number of batches of each epoch of {call}")
    for e, (batches, want) in enumerate(zip(got, expected)):
        for b, (g, w) in enumerate(zip(batches, want)):
            assert_equal(g, w, name=f"batch {b} of epoch {e} of {call}")


@kata.check(points=1, hidden=True)
@given(grads=grad_dicts(), max_norm=st.sampled_from([0.3, 2.0]))
def clip_matches_reference(sub, ref, grads, max_norm):
    """clip_by_global_norm matches the reference"""
    call = f"clip_by_global_norm(grads with shapes {({k: v.shape for k, v in grads.items()})}, max_norm={max_norm})"
    clipped, norm = expect_tuple(sub.clip_by_global_norm(grads, max_norm), ["clipped", "norm"], call=call)
    e_clipped, e_norm = ref.clip_by_global_norm(grads, max_norm)
    assert_close(float(norm), e_norm, name=f"norm of {call}")
    for name in grads:
        assert_close(clipped[name], e_clipped[name], name=f"clipped['{name}'] of {call}")


@kata.check(points=2, hidden=True)
@given(case=loss_sequences())
def early_stopping_matches_reference(sub, ref, case):
    """early_stopping_update matches the reference step by step"""
    losses, patience, min_delta = case
    state, e_state = None, None
    for epoch, loss in enumerate(losses):
        params = {"w": np.array([float(epoch), -1.0])}
        call = (f"early_stopping_update at epoch {epoch} of the losses {np.round(losses, 3).tolist()} "
                f"(patience={patience}, min_delta={min_delta})")
        state, stop = expect_tuple(sub.early_stopping_update(state, float(loss), params, patience, min_delta),
                                   ["state", "stop"], call=call)
        e_state, e_stop = ref.early_stopping_update(e_state, float(loss), params, patience, min_delta)
        state = checked_state(state, call)
        for key in ("epoch", "best_epoch", "bad_epochs"):
            assert_equal(int(state[key]), e_state[key], name=f"state['{key}'] after {call}")
        assert_close(float(state["best_loss"]), e_state["best_loss"], name=f"state['best_loss'] after {call}")
        expect_stop(stop, e_stop, call)
        if e_stop:
            break


@kata.check(points=4, hidden=True, max_examples=10)
@given(case=classification_data())
def train_matches_reference(sub, ref, case):
    """train matches the reference: every epoch's losses, the best epoch and the best parameters"""
    params, X, y, X_val, y_val, setup = case
    call = f"train(params, X {X.shape}, y, X_val {X_val.shape}, y_val, {', '.join(f'{k}={v}' for k, v in setup.items())})"
    best, history = expect_tuple(sub.train(params, X, y, X_val, y_val, **setup), ["best_params", "history"], call=call)
    e_best, e_history = ref.train(params, X, y, X_val, y_val, **setup)
    train_loss, val_loss = checked_history(history, call)
    assert_close(val_loss, np.array(e_history["val_loss"]), name=f"history['val_loss'] of {call}")
    assert_close(train_loss, np.array(e_history["train_loss"]), name=f"history['train_loss'] of {call}")
    assert_equal(int(history["best_epoch"]), e_history["best_epoch"], name=f"history['best_epoch'] of {call}")
    best = checked_params(best, call)
    for name in ("W", "b"):
        assert_close(best[name], e_best[name], name=f"best_params['{name}'] of {call}")
