"""Hidden checks of the lenet kata: comparisons with the reference."""
import numpy as np
from hypothesis import given

from graders import assert_close, assert_scalar, expect_tuple, fail, strategies as kst, within

from . import kata
from .public import SHAPES, TRAINING_SEED, digits, forward, net_cases, params_dict


@kata.check(points=1, hidden=True)
@given(seed=kst.seeds())
def init_matches_reference(sub, ref, seed):
    """init_lenet draws W1, W2, W3, W4 in that order from default_rng(seed), N(0, 2/fan_in)"""
    params = params_dict(sub.init_lenet(seed), f"init_lenet({seed})")
    for name, expected in ref.init_lenet(seed).items():
        within(f"init_lenet({seed}).", assert_close, params[name], expected, name=name)


@kata.check(points=2, hidden=True)
@given(case=net_cases())
def forward_matches_reference(sub, ref, case):
    """lenet_forward gives the reference's scores"""
    scores, _ = forward(sub, case["x"], case["params"])
    expected, _ = ref.lenet_forward(case["x"], case["params"])
    within(f"lenet_forward on {len(case['x'])} random images.", assert_close, scores, expected, name="scores")


@kata.check(points=2, hidden=True)
@given(case=net_cases())
def backward_matches_reference(sub, ref, case):
    """lenet_backward gives the reference's gradients for every parameter"""
    _, cache = forward(sub, case["x"], case["params"])
    grads = params_dict(sub.lenet_backward(case["dscores"], cache), "lenet_backward(dscores, cache)")
    _, ref_cache = ref.lenet_forward(case["x"], case["params"])
    for name, expected in ref.lenet_backward(case["dscores"], ref_cache).items():
        within(f"lenet_backward on {len(case['x'])} random images and a random dscores.", assert_close, grads[name],
               expected, name=f"d{name}")


@kata.check(points=1, hidden=True)
@given(case=net_cases())
def loss_matches_reference(sub, ref, case):
    """lenet_loss gives the reference's loss and gradients"""
    loss, grads = expect_tuple(sub.lenet_loss(case["x"], case["y"], case["params"]), ["loss", "grads"],
                               call="lenet_loss")
    grads = params_dict(grads, "lenet_loss(x, y, params)[1]")
    ref_loss, ref_grads = ref.lenet_loss(case["x"], case["y"], case["params"])
    within("lenet_loss on random images.", assert_close, assert_scalar(loss, name="loss"), ref_loss, name="loss")
    for name in SHAPES:
        within("lenet_loss on random images.", assert_close, grads[name], ref_grads[name], name=f"d{name}")


@kata.check(points=2, hidden=True)
def trained_weights_work_in_the_reference_network(sub, ref):
    """The weights train_lenet returns classify the test digits in the reference network too (same layout)"""
    data = digits()
    call = f"train_lenet(X_train, y_train, seed={TRAINING_SEED}, epochs=4)"   # half the training: enough to tell
    params, _ = expect_tuple(sub.train_lenet(data["X_train"], data["y_train"], TRAINING_SEED, 4), ["params", "losses"],
                             call="train_lenet")
    scores, _ = ref.lenet_forward(data["X_test"], params_dict(params, call))
    accuracy = float((np.argmax(scores, axis=1) == data["y_test"]).mean())
    if accuracy < 0.7:
        fail(f"{call}: your trained weights, put into the network of the statement, classify {100 * accuracy:.1f} % "
             "of the test digits (at least 70 % expected after 4 epochs; the reference: 78-95 %). If your own "
             "network scores well, it is not the one of the statement (the flatten order, the padding, the pooling).")


@kata.check(points=2, hidden=True)
def short_training_matches_reference(sub, ref):
    """train_lenet for 3 epochs on 110 digits: the reference's epoch losses and weights (shuffles, momentum, batches,
    the last one smaller)"""
    data = digits()
    X, y = data["X_train"][:110], data["y_train"][:110]
    for seed in (1, 7):
        call = f"train_lenet(X_train[:110], y_train[:110], seed={seed}, epochs=3, lr=0.03, batch_size=20)"
        params, losses = expect_tuple(sub.train_lenet(X, y, seed, 3, 0.03, 20), ["params", "losses"],
                                      call="train_lenet")
        ref_params, ref_losses = ref.train_lenet(X, y, seed, 3, 0.03, 20)
        context = (f"{call}: params = init_lenet(seed); rng = np.random.default_rng(seed + 1); each epoch walks "
                   "rng.permutation(N) in batches of 20; each step v = 0.9 v - lr * grad, param = param + v.")
        within(context, assert_close, np.asarray(losses, dtype=np.float64), np.asarray(ref_losses), name="losses")
        params = params_dict(params, call)
        for name in SHAPES:
            within(context, assert_close, params[name], ref_params[name], name=name)
