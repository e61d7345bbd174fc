"""Hidden checks for compression: quantization, pruning and distillation compared with the reference."""
import numpy as np
from hypothesis import example, given, strategies as st

from graders import assert_close, assert_equal, expect_tuple
from graders import strategies as kst

from . import kata
from .public import distillation_cases, quantized, tensors


@kata.check(points=3, hidden=True)
@given(x=tensors(), data=st.data())
def quantize_matches_reference(sub, ref, x, data):
    """quantize and dequantize match the reference, per tensor and per channel"""
    axis = data.draw(st.sampled_from([None] + list(range(x.ndim))))
    q, scale, zero_point, call = quantized(sub, x, axis)
    e_q, e_scale, e_zero_point = ref.quantize(x, axis=axis)
    assert_close(np.asarray(scale, dtype=float), np.asarray(e_scale, dtype=float), name=f"scale of {call}")
    assert_equal(np.asarray(zero_point, dtype=np.int64).reshape(np.shape(e_zero_point)), np.asarray(e_zero_point),
                 name=f"zero_point of {call}, x =\n{x}\n")
    assert_equal(q, e_q, name=f"q of {call}, x =\n{x}\n")
    assert_close(sub.dequantize(e_q, e_scale, e_zero_point, axis=axis),
                 ref.dequantize(e_q, e_scale, e_zero_point, axis=axis),
                 name=f"dequantize(q, scale, zero_point, axis={axis}) with the parameters of {call}")


@st.composite
def tied_weights(draw):
    """Weights with many equal magnitudes (and zeros), of 1 to 3 axes."""
    shape = draw(kst.shapes(draw(kst.dims(1, 3)), max_side=5))
    return kst.rng_from(draw(kst.seeds())).integers(-3, 4, size=shape) * 0.5


@kata.check(points=2, hidden=True)
@given(w=st.one_of(tied_weights(), tensors()), sparsity=st.floats(0.0, 1.0))
@example(w=np.array([0.5, -0.25, 0.25, 1.0]), sparsity=0.125).via("sparsity * size = 0.5: k = 1, halves up")
@example(w=np.arange(6.0).reshape(2, 3) - 2.0, sparsity=0.75).via("sparsity * size = 4.5: k = 5")
def prune_matches_reference(sub, ref, w, sparsity):
    """magnitude_prune matches the reference, ties and zeros included"""
    call = f"magnitude_prune(w =\n{w}\n, sparsity={sparsity})"
    pruned, mask = expect_tuple(sub.magnitude_prune(w, sparsity), ["pruned", "mask"], call=call)
    e_pruned, e_mask = ref.magnitude_prune(w, sparsity)
    assert_equal(mask, e_mask, name=f"mask of {call}")
    assert_close(pruned, e_pruned, name=f"pruned of {call}")


@kata.check(points=3, hidden=True)
@given(case=distillation_cases())
def distillation_matches_reference(sub, ref, case):
    """distillation_loss and its gradient match the reference"""
    s, t, y, T, alpha = case["s"], case["t"], case["y"], case["T"], case["alpha"]
    call = f"distillation_loss(student {s.shape}, teacher, y={y.tolist()}, T={T}, alpha={alpha})"
    loss, grad = expect_tuple(sub.distillation_loss(s, t, y, T, alpha), ["loss", "dstudent"], call=call)
    e_loss, e_grad = ref.distillation_loss(s, t, y, T, alpha)
    assert_close(float(loss), e_loss, name=f"loss of {call}")
    assert_close(grad, e_grad, name=f"dstudent of {call}")
