"""Hidden checks of mlp_training: loss, gradients and predictions against the reference; training on spirals."""
from hypothesis import given, strategies as st

from graders import assert_close, assert_equal, expect_tuple, fail

from . import kata
from .public import accuracy, blobs, keys_for, loss_cases, params_of, spirals


@kata.check(points=2, hidden=True)
@given(case=loss_cases(hidden=((4,), (3, 3), (5, 2)), max_n=8))
def loss_and_gradients_match_reference(sub, ref, case):
    """mlp_loss's loss and every gradient match the reference"""
    params, X, y, sizes = case["params"], case["X"], case["y"], case["sizes"]
    loss, grads = expect_tuple(sub.mlp_loss(params, X, y), ["loss", "grads"], call="mlp_loss")
    want_loss, want_grads = ref.mlp_loss(params, X, y)
    assert_close(loss, want_loss, name="loss")
    grads = params_of(grads, sizes, "mlp_loss(...)[1]")
    for k in keys_for(len(sizes) - 1):
        assert_close(grads[k], want_grads[k], name=f"grads['{k}']")


@kata.check(points=1, hidden=True)
@given(case=loss_cases(hidden=((4,), (3, 3)), max_n=8))
def predict_matches_reference(sub, ref, case):
    """predict matches the reference on random networks"""
    got = sub.predict(case["params"], case["X"])
    assert_equal(got, ref.predict(case["params"], case["X"]), name="predicted labels")


@kata.check(points=3, hidden=True, max_examples=1)
@given(seed=st.integers(0, 1000))
def training_separates_spirals(sub, ref, seed):
    """train_mlp reaches 85 % held-out accuracy on three interleaved spirals"""
    X, y = spirals(seed)
    Xt, yt = spirals(seed + 10_000)
    params = params_of(sub.train_mlp(X, y, [64], n_epochs=100, learning_rate=0.5, batch_size=32, seed=seed),
                       [2, 64, 3], "train_mlp")
    acc = accuracy(params, Xt, yt)
    if acc < 0.85:
        fail(f"after train_mlp(X, y, [64], n_epochs=100, learning_rate=0.5, batch_size=32, seed={seed}) on 300 points "
             f"in three interleaved spirals, the held-out accuracy is {acc:.1%} (at least 85 % expected; a linear "
             "model gets about 40 %). Check the ReLU between layers, the initialisation (not zeros), the sign and "
             "size of the update, and that gradients are averaged over the batch.")


@kata.check(points=1, hidden=True, max_examples=3)
@given(seed=st.integers(0, 1000), batch_size=st.sampled_from([4, 7, 32]))
def two_epochs_match_reference(sub, ref, seed, batch_size):
    """train_mlp's params after two epochs on 15 samples agree with the reference (the last minibatch is smaller)"""
    X, y = blobs(seed, n_per_class=5)
    args = dict(n_epochs=2, learning_rate=0.3, batch_size=batch_size, seed=seed)
    got = params_of(sub.train_mlp(X, y, [4], **args), [2, 4, 3], "train_mlp")
    want = ref.train_mlp(X, y, [4], **args)
    for k in keys_for(2):
        assert_close(got[k], want[k], name=f"train_mlp(X, y, [4], n_epochs=2, learning_rate=0.3, "
                                           f"batch_size={batch_size}, seed={seed})['{k}'] on 15 samples")
