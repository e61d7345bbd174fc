"""Public checks for compression: worked examples, the properties every int8 quantization must have (range, error
bound, exact zero, per-channel = per-tensor on each slice), pruning order, and the distillation gradient against
central differences of your own loss."""
import numpy as np
from hypothesis import given, strategies as st

from graders import assert_array, assert_close, assert_equal, assert_scalar, check_gradients, expect_tuple, fail
from graders import strategies as kst

from . import kata


@st.composite
def tensors(draw, max_ndim=3):
    """float64 tensors of 1 to 3 axes: mixed signs, all positive, all negative, or with repeated values and zeros
    (then every channel 0 is all zeros)."""
    shape = draw(kst.shapes(draw(kst.dims(1, max_ndim)), max_side=4))
    rng = kst.rng_from(draw(kst.seeds()))
    kind = draw(st.sampled_from(["mixed", "positive", "negative", "grid"]))
    x = draw(st.sampled_from([0.01, 1.0, 100.0])) * rng.standard_normal(shape)
    if kind == "positive":
        x = np.abs(x) + 0.1
    elif kind == "negative":
        x = -np.abs(x) - 0.1
    elif kind == "grid":
        x = rng.integers(-3, 4, size=shape) * 0.25
        for axis in range(x.ndim):  # index 0 along every axis all zeros: per channel, channel 0 has an empty range
            x[(slice(None),) * axis + (0,)] = 0.0
    return x


def quantize_by_hand(x):
    """The statement's per-tensor quantization written out: (q int8, scale, zero_point)."""
    x_min, x_max = min(float(x.min()), 0.0), max(float(x.max()), 0.0)
    scale = (x_max - x_min) / 255 if x_max > x_min else 1.0
    zero_point = int(np.clip(-128 - np.round(x_min / scale), -128, 127))
    return np.clip(np.round(x / scale) + zero_point, -128, 127).astype(np.int8), scale, zero_point


def quantized(sub, x, axis=None):
    call = f"quantize(x {x.shape}{'' if axis is None else f', axis={axis}'})"
    q, scale, zero_point = expect_tuple(sub.quantize(x, axis=axis), ["q", "scale", "zero_point"], call=call)
    q = assert_array(q, name=f"q of {call}", shape=x.shape, kind="i")
    if q.dtype != np.int8:
        fail(f"q of {call} should be an int8 array (that is the point: one byte per value), got dtype {q.dtype}.")
    if axis is None:
        scale, zero_point = assert_scalar(scale, name=f"scale of {call}"), zero_point
        if not isinstance(zero_point, (int, np.integer)):
            fail(f"zero_point of {call} should be an int, got {zero_point!r}.")
    else:
        scale = assert_array(scale, name=f"scale of {call}", shape=(x.shape[axis],))
        zero_point = assert_array(zero_point, name=f"zero_point of {call}", shape=(x.shape[axis],), kind="i")
    return q, scale, zero_point, call


@kata.check(points=2)
@given(st.just(None))
def quantize_hand_example(sub, ref, _):
    """quantize on worked examples: [-1, 0, 2, 0.5, 1] (q = [-128, -43, 127, -1, 42]), [2, 4], all zeros"""
    x = np.array([-1.0, 0.0, 2.0, 0.5, 1.0])
    q, scale, zero_point, call = quantized(sub, x)
    call = "quantize([-1, 0, 2, 0.5, 1])"
    assert_close(scale, 3 / 255, name=f"scale of {call} ((max - min) / 255)")
    assert_equal(int(zero_point), -43, name=f"zero_point of {call} (-128 - round(-1 / scale))")
    assert_equal(q, np.array([-128, -43, 127, -1, 42]), name=f"q of {call} (round(x / scale) + zero_point; "
                                                           "0.5 / scale = 42.5 rounds to the even 42)")
    assert_close(sub.dequantize(q, scale, zero_point), scale * (q.astype(float) + 43),
                 name=f"dequantize(q, scale, zero_point) of {call} (scale * (q - zero_point))")
    q, scale, zero_point, call = quantized(sub, np.array([2.0, 4.0]))
    assert_equal(int(zero_point), -128, name="zero_point of quantize([2, 4]) (the range [0, 4] includes 0)")
    assert_close(scale, 4 / 255, name="scale of quantize([2, 4]) (the range [0, 4] includes 0)")
    q, scale, zero_point, call = quantized(sub, np.zeros(3))
    assert_close(scale, 1.0, name="scale of quantize([0, 0, 0]) (an empty range: scale 1 by convention, not 0 / 255)")
    assert_equal(int(zero_point), -128, name="zero_point of quantize([0, 0, 0])")
    assert_equal(q, np.full(3, -128), name="q of quantize([0, 0, 0])")


@kata.check(points=3)
@given(x=tensors())
def round_trip_within_half_a_step(sub, ref, x):
    """quantize then dequantize gives every value back within scale / 2, and 0 exactly"""
    x = np.concatenate([x.ravel(), [0.0]])
    q, scale, zero_point, call = quantized(sub, x)
    x_hat = assert_array(sub.dequantize(q, scale, zero_point), name="dequantize(q, scale, zero_point)", shape=x.shape)
    err = np.abs(x_hat - x)
    worst = int(np.argmax(err))
    if err[worst] > scale / 2 * (1 + 1e-9) + 1e-300:
        fail(f"after {call} and dequantize, x[{worst}] = {x[worst]:.10g} came back as {x_hat[worst]:.10g}: an error "
             f"of {err[worst]:.4g}, more than scale / 2 = {scale / 2:.4g}. Values between min and max must come back "
             f"within half a step (scale = {scale:.6g}, zero_point = {zero_point}).")
    if x_hat[-1] != 0.0:
        fail(f"0 came back as {x_hat[-1]!r} after {call} and dequantize: the range must include 0 and the zero point "
             "be an integer, so that 0 is represented exactly.")
    if q.min() < -128 or q.max() > 127:
        fail(f"q of {call} has values outside [-128, 127].")


@kata.check(points=2)
@given(x=tensors(), data=st.data())
def per_channel_is_per_tensor_on_each_slice(sub, ref, x, data):
    """per-channel quantization along an axis equals per-tensor quantization of each slice"""
    axis = data.draw(st.integers(0, x.ndim - 1))
    q, scale, zero_point, call = quantized(sub, x, axis)
    for c in range(x.shape[axis]):
        # the statement's per-tensor formula on the slice, written out here, not the learner's quantize(axis=None):
        # a wrong per-tensor path must fail its own check, not a per-channel path that is right
        q_c, scale_c, zp_c = quantize_by_hand(np.take(x, [c], axis=axis))
        what = f"channel {c} of {call} (the per-tensor formula on that channel's slice alone"
        assert_close(scale[c], scale_c, name=f"scale[{c}]: {what}: (max(x_max, 0) - min(x_min, 0)) / 255)")
        assert_equal(int(zero_point[c]), zp_c, name=f"zero_point[{c}]: {what}: -128 - round(x_min / scale))")
        assert_equal(np.take(q, [c], axis=axis), q_c, name=f"q of {what}: round(x / scale) + zero_point)")
    x_hat = assert_array(sub.dequantize(q, scale, zero_point, axis=axis), name="dequantize per channel",
                         shape=x.shape)
    bound = np.expand_dims(scale, [a for a in range(x.ndim) if a != axis]) / 2 * (1 + 1e-9)
    if np.any(np.abs(x_hat - x) > bound):
        fail(f"dequantize(q, scale, zero_point, axis={axis}) after {call}: some values are off by more than half "
             "of their channel's scale: broadcast scale and zero_point along the channel axis.")


@kata.check(points=2)
@given(st.just(None))
def prune_hand_example_with_ties(sub, ref, _):
    """magnitude_prune removes the smallest magnitudes, equal ones in increasing flat index"""
    w = np.array([[0.5, -0.1, 0.3], [0.1, 2.0, -0.3]])
    for sparsity, kept in ((0.5, [[1, 0, 0], [0, 1, 1]]), (0.1, [[1, 0, 1], [1, 1, 1]]), (0.25, [[1, 0, 1], [0, 1, 1]]),
                           (0.75, [[0, 0, 0], [0, 1, 0]]), (0.0, [[1] * 3] * 2),
                           (1.0, [[0] * 3] * 2)):
        call = f"magnitude_prune([[0.5, -0.1, 0.3], [0.1, 2.0, -0.3]], sparsity={sparsity})"
        pruned, mask = expect_tuple(sub.magnitude_prune(w, sparsity), ["pruned", "mask"], call=call)
        k = int(np.floor(sparsity * 6 + 0.5))
        assert_equal(mask, np.array(kept, dtype=bool), name=f"mask of {call} (k = floor({sparsity} * 6 + 0.5) = {k} "
                                                            "removed, halves up; |-0.1| and |0.1| tie: index 1 goes "
                                                            "before index 3, then 0.3 before -0.3)")
        assert_close(pruned, w * np.array(kept), name=f"pruned of {call}")


@kata.check(points=2)
@given(w=tensors(), sparsity=st.sampled_from([0.0, 0.1, 0.29, 0.5, 0.7, 0.95, 1.0]))
def prune_keeps_the_largest(sub, ref, w, sparsity):
    """magnitude_prune removes exactly k entries, none larger than a kept one, ties by index"""
    call = f"magnitude_prune(w {w.shape}, sparsity={sparsity})"
    pruned, mask = expect_tuple(sub.magnitude_prune(w, sparsity), ["pruned", "mask"], call=call)
    mask = assert_array(mask, name=f"mask of {call}", shape=w.shape, kind="b")
    assert_close(pruned, np.where(mask, w, 0.0), name=f"pruned of {call} (w where mask, else 0)")
    k = int(np.floor(sparsity * w.size + 0.5))
    removed = int((~mask).sum())
    if removed != k:
        fail(f"{call} removed {removed} entries; expected k = floor({sparsity} * {w.size} + 0.5) = {k}.")
    a, m = np.abs(w).ravel(), mask.ravel()
    if k and m.any():
        cut, keep = a[~m].max(), a[m].min()
        if cut > keep:
            fail(f"{call} removed an entry of magnitude {cut:.6g} but kept one of {keep:.6g}: remove the smallest.")
        if cut == keep:
            tie = np.flatnonzero(a == cut)
            if np.flatnonzero(m[tie] == False).max() > np.flatnonzero(m[tie]).min():  # noqa: E712
                fail(f"{call}: entries of equal magnitude {cut:.6g} at flat indices {tie.tolist()} were removed "
                     f"{np.where(m[tie], 'kept', 'removed').tolist()}: remove equal magnitudes in increasing index.")


@st.composite
def distillation_cases(draw):
    n, c = draw(kst.dims(1, 4)), draw(kst.dims(2, 4))
    rng = kst.rng_from(draw(kst.seeds()))
    return {"s": 2 * rng.standard_normal((n, c)), "t": 3 * rng.standard_normal((n, c)), "y": rng.integers(0, c, n),
            "T": draw(st.sampled_from([1.0, 2.0, 4.5])), "alpha": draw(st.sampled_from([0.0, 0.3, 0.9, 1.0]))}


def log_softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


@kata.check(points=2)
@given(st.just(None))
def distillation_hand_example(sub, ref, _):
    """distillation_loss on one example with T = 2: alpha T^2 KL(teacher || student) + (1 - alpha) CE"""
    s, t, y = np.array([[1.0, 0.0]]), np.array([[0.0, 2.0]]), np.array([0])
    p_t = np.exp([0.0, 1.0]) / np.exp([0.0, 1.0]).sum()                 # softmax(t / 2)
    p_s = np.exp([0.5, 0.0]) / np.exp([0.5, 0.0]).sum()                 # softmax(s / 2)
    kl = float(np.sum(p_t * np.log(p_t / p_s)))
    ce = float(np.log(1 + np.exp(-1.0)))
    call = "distillation_loss(student=[[1, 0]], teacher=[[0, 2]], y=[0], T=2, alpha=0.25)"
    loss, _ = expect_tuple(sub.distillation_loss(s, t, y, 2.0, 0.25), ["loss", "dstudent"], call=call)
    assert_close(assert_scalar(loss, name=f"loss of {call}"), 0.25 * 4 * kl + 0.75 * ce,
                 name=f"loss of {call} (0.25 * 2^2 * KL(p_teacher || p_student) at T = 2 + 0.75 * cross-entropy at T = 1)")
    loss, grad = expect_tuple(sub.distillation_loss(t, t, np.array([1]), 3.0, 1.0), ["loss", "dstudent"], call=call)
    assert_close(assert_scalar(loss, name="loss"), 0.0, name="distillation_loss(student = teacher, alpha=1): the loss")
    assert_close(grad, np.zeros((1, 2)), name="distillation_loss(student = teacher, alpha=1): dstudent")


@kata.check(points=3, max_examples=8)
@given(case=distillation_cases())
def distillation_gradient_matches_numerical(sub, ref, case):
    """dstudent agrees with the numerical gradient of your distillation loss"""
    s, t, y, T, alpha = case["s"], case["t"], case["y"], case["T"], case["alpha"]
    call = f"distillation_loss(student {s.shape}, teacher, y, T={T}, alpha={alpha})"
    _, grad = expect_tuple(sub.distillation_loss(s, t, y, T, alpha), ["loss", "dstudent"], call=call)
    assert_array(grad, name=f"dstudent of {call}", shape=s.shape)
    check_gradients(lambda s: np.array([float(sub.distillation_loss(s, t, y, T, alpha)[0])]), [s], [grad],
                    np.ones(1), names=["dstudent"])


@kata.check(points=2)
@given(case=distillation_cases())
def distillation_loss_matches_its_formula(sub, ref, case):
    """distillation_loss equals alpha T^2 KL(p_t || p_s) + (1 - alpha) CE on random logits"""
    s, t, y, T, alpha = case["s"], case["t"], case["y"], case["T"], case["alpha"]
    log_pt, log_ps = log_softmax(t / T), log_softmax(s / T)
    kl = np.sum(np.exp(log_pt) * (log_pt - log_ps)) / len(s)
    ce = -np.mean(log_softmax(s)[np.arange(len(s)), y])
    call = f"distillation_loss(student {s.shape}, teacher, y={y.tolist()}, T={T}, alpha={alpha})"
    loss, _ = expect_tuple(sub.distillation_loss(s, t, y, T, alpha), ["loss", "dstudent"], call=call)
    assert_close(assert_scalar(loss, name=f"loss of {call}"), alpha * T * T * kl + (1 - alpha) * ce,
                 name=f"loss of {call}")
