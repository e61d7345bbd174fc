"""Hidden checks of the transfer_learning kata: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, expect_tuple, within

from . import kata
from .public import BASE_KEYS, HEAD_KEYS, describe, loss_and_grads, losses_of, params_of, problems


@kata.check(points=1, hidden=True)
@given(p=problems())
def features_match_reference(sub, ref, p):
    """extract_features gives the reference's features"""
    within(f"extract_features on {describe(p)}.", assert_close, sub.extract_features(p["X"], p["base"]),
           ref.extract_features(p["X"], p["base"]), name="features")


@kata.check(points=2, hidden=True)
@given(p=problems())
def loss_and_gradients_match_reference(sub, ref, p):
    """model_loss gives the reference's loss and gradients"""
    loss, base_grads, head_grads = loss_and_grads(sub, p)
    ref_loss, ref_base, ref_head = ref.model_loss(p["X"], p["y"], p["base"], p["head"])
    within(f"model_loss on {describe(p)}.", assert_close, loss, ref_loss, name="loss")
    for got, expected in ((base_grads, ref_base), (head_grads, ref_head)):
        for k in expected:
            within(f"model_loss on {describe(p)}.", assert_close, got[k], expected[k], name=f"d{k}")


@kata.check(points=1, hidden=True)
@given(p=problems(), lr=st.sampled_from((0.1, 0.5)), epochs=st.integers(1, 6))
def train_head_matches_reference(sub, ref, p, lr, epochs):
    """train_head takes the reference's steps from a zero head and records the loss before each"""
    X, y, c = p["X"], p["y"], p["classes"]
    head, losses = expect_tuple(sub.train_head(X, y, p["base"], c, lr, epochs), ["head", "losses"], call="train_head")
    ref_head, ref_losses = ref.train_head(X, y, p["base"], c, lr, epochs)
    context = f"train_head on {describe(p)}, lr={lr}, epochs={epochs}."
    head = params_of(head, HEAD_KEYS, "train_head", ref_head)
    for k in HEAD_KEYS:
        within(context, assert_close, head[k], ref_head[k], name=k)
    within(context, assert_close, losses_of(losses, epochs, "train_head"), np.array(ref_losses), name="losses")


@kata.check(points=2, hidden=True)
@given(p=problems(), frozen=st.sets(st.sampled_from(BASE_KEYS)), epochs=st.integers(1, 5))
def fine_tune_matches_reference(sub, ref, p, frozen, epochs):
    """fine_tune steps the head with lr_head and the unfrozen base with lr_base, from fresh gradients every epoch"""
    frozen = tuple(sorted(frozen))
    args = (p["X"], p["y"], p["base"], p["head"], 0.2, 0.05, epochs, frozen)
    base, head, losses = expect_tuple(sub.fine_tune(*args), ["base", "head", "losses"], call="fine_tune")
    ref_base, ref_head, ref_losses = ref.fine_tune(*args)
    context = (f"fine_tune on {describe(p)}, lr_head=0.2, lr_base=0.05, epochs={epochs}, frozen={frozen}: each "
               "epoch computes every gradient at the current parameters first, then steps the head and the base.")
    for got, expected, keys in ((base, ref_base, BASE_KEYS), (head, ref_head, HEAD_KEYS)):
        got = params_of(got, keys, "fine_tune", expected)
        for k in keys:
            within(context, assert_close, got[k], expected[k], name=k)
    within(context, assert_close, losses_of(losses, epochs, "fine_tune"), np.array(ref_losses), name="losses")
