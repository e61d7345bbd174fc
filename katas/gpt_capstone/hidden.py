"""Hidden checks of the gpt_capstone kata: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple, fail, strategies as kst, within

from . import kata
from .public import (assert_first_training_steps, corpus, describe, logits_of, loss_of, params_of, random_params,
                     tiny_cases)


@kata.check(points=2, hidden=True)
@given(case=tiny_cases())
def forward_matches_reference(sub, ref, case):
    """gpt_forward gives the reference's logits: embedding + positions, pre-norm block, final norm, output layer"""
    logits, _ = logits_of(sub, case)
    expected, _ = ref.gpt_forward(case["idx"], case["params"], case["config"])
    within(f"gpt_forward on {describe(case)}.", assert_close, logits, expected, name="logits")


@kata.check(points=3, hidden=True)
@given(case=tiny_cases())
def loss_and_gradients_match_reference(sub, ref, case):
    """gpt_loss gives the reference's loss and the gradient of every parameter"""
    loss, grads = loss_of(sub, case)
    ref_loss, ref_grads = ref.gpt_loss(case["idx"], case["targets"], case["params"], case["config"])
    within(f"gpt_loss on {describe(case)}.", assert_close, loss, ref_loss, name="loss")
    for k, expected in ref_grads.items():
        within(f"gpt_loss on {describe(case)}.", assert_close, grads[k], expected, name=f"d{k}")


@kata.check(points=2, hidden=True)
@given(seed=kst.seeds(), temperature=st.sampled_from((0.0, 0.8, 1.5)))
def generation_matches_reference(sub, ref, seed, temperature):
    """generate crops to the context and samples like the reference, past the length of the context too"""
    _, vocab, config = corpus()
    params = random_params(config, kst.rng_from(seed), scale=0.3)
    args = (params, config, vocab, "twinkle, ", 8, seed, temperature)
    within(f"generate(random params, {config}, vocab, 'twinkle, ', 8, seed={seed}, temperature={temperature}).",
           assert_equal, sub.generate(*args), ref.generate(*args), name="text")


@kata.check(points=2, hidden=True)
def trained_weights_work_in_the_reference_model(sub, ref):
    """The weights train_gpt returns give a low loss on the poem in the reference's model too"""
    text, vocab, config = corpus()
    params, _ = expect_tuple(sub.train_gpt(text, config, 1, 100), ["params", "losses"], call="train_gpt")
    params = params_of(params, config, "train_gpt(text, config, 1, steps=100)[0]")   # half the training
    ids = np.array([vocab.index(c) for c in text])
    T = config["context"]
    starts = np.arange(0, len(ids) - T, 5)
    idx = np.stack([ids[s:s + T] for s in starts])
    targets = np.stack([ids[s + 1:s + T + 1] for s in starts])
    loss, _ = ref.gpt_loss(idx, targets, params, config)
    if not loss < 2.3:
        fail(f"Your weights after 100 training steps, in the model of the statement, give a loss of {loss:.3f} on "
             "windows of the poem (below 2.3 expected; the reference: about 1.9). If your own model trains well, it is not the one of the statement (the "
             "positions, the causal mask, the layer norms' places, the scale of the scores).")


@kata.check(points=2, hidden=True)
def first_training_steps_match_reference(sub, ref):
    """train_gpt's first steps draw the reference's batches and take the reference's Adam steps"""
    text, _, config = corpus()
    ref_params, ref_losses = ref.train_gpt(text, config, 2, 3)
    assert_first_training_steps(sub, 2, 3, ref_losses, ref_params)
