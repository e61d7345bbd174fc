"""Hidden checks of the lstm kata: comparisons with the reference."""
import numpy as np
from hypothesis import given, strategies as st

from graders import expect_tuple, strategies as kst

from . import kata
from .public import GRAD_NAMES, SEEDS, close, inputs, lstm_cases, shapes_of


def forward(module, case):
    return expect_tuple(module.lstm_step_forward(*inputs(case)), ["next_h", "next_c", "cache"],
                        call="lstm_step_forward")


@kata.check(points=2, hidden=True)
@given(case=lstm_cases(max_n=4, max_d=5, max_h=4))
def forward_matches_reference(sub, ref, case):
    """lstm_step_forward computes next_h and next_c as specified"""
    next_h, next_c, _ = forward(sub, case)
    expected_h, expected_c, _ = ref.lstm_step_forward(*inputs(case))
    context = f"lstm_step_forward on random inputs ({shapes_of(case)}), gates in the order i, f, o, g."
    close(next_c, expected_c, name="next_c", context=context)
    close(next_h, expected_h, name="next_h", context=context)


def compare_backward(sub, ref, case, dnext_h, dnext_c, context):
    _, _, cache = forward(sub, case)
    grads = expect_tuple(sub.lstm_step_backward(dnext_h, dnext_c, cache), GRAD_NAMES, call="lstm_step_backward")
    _, _, ref_cache = ref.lstm_step_forward(*inputs(case))
    expected = ref.lstm_step_backward(dnext_h, dnext_c, ref_cache)
    for got, want, name in zip(grads, expected, GRAD_NAMES):
        close(got, want, name=name, context=context)


@kata.check(points=3, hidden=True)
@given(case=lstm_cases(max_n=4, max_d=5, max_h=4))
def backward_matches_reference(sub, ref, case):
    """lstm_step_backward returns the exact gradients of every input"""
    compare_backward(sub, ref, case, case["dnext_h"], case["dnext_c"],
                     f"lstm_step_backward on random inputs and upstream gradients ({shapes_of(case)}).")


@kata.check(points=1, hidden=True)
@given(case=lstm_cases(max_n=4, max_d=5, max_h=4))
def gradient_of_next_h_reaches_the_cell(sub, ref, case):
    """With dnext_c = 0, the gradient of next_h still flows into the cell state (through o * tanh'(next_c))"""
    compare_backward(
        sub, ref, case, case["dnext_h"], np.zeros_like(case["dnext_c"]),
        f"lstm_step_backward with dnext_c = 0 ({shapes_of(case)}): next_h = o * tanh(next_c) still depends on "
        "next_c, so dnext_c_total = dnext_c + dnext_h * o * (1 - tanh(next_c)**2) is not zero.",
    )


@st.composite
def sequences(draw):
    """A short random sequence xs (T, N, D), initial states, weights and upstream gradients dhs (T, N, H)."""
    t, n, d, h = draw(st.integers(2, 4)), draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rng = kst.rng_from(draw(SEEDS))
    return {
        "xs": rng.uniform(-1, 1, (t, n, d)),
        "h0": rng.uniform(-1, 1, (n, h)),
        "c0": rng.uniform(-1, 1, (n, h)),
        "Wx": rng.uniform(-1, 1, (d, 4 * h)),
        "Wh": rng.uniform(-1, 1, (h, 4 * h)),
        "b": rng.uniform(-1, 1, (4 * h,)),
        "dhs": rng.uniform(-1, 1, (t, n, h)),
    }


def unroll(module, seq, to_tuple):
    """Run the steps over the sequence, then backpropagate through time; returns hs and the weight gradients."""
    h, c, caches, hs = seq["h0"], seq["c0"], [], []
    for x in seq["xs"]:
        h, c, cache = to_tuple(module.lstm_step_forward(x, h, c, seq["Wx"], seq["Wh"], seq["b"]), "lstm_step_forward")
        hs.append(h)
        caches.append(cache)
    dh_next, dc_next = np.zeros_like(seq["h0"]), np.zeros_like(seq["c0"])
    dWx, dWh, db = np.zeros_like(seq["Wx"]), np.zeros_like(seq["Wh"]), np.zeros_like(seq["b"])
    dxs = []
    for t in reversed(range(len(caches))):
        dx, dh_next, dc_next, dWx_t, dWh_t, db_t = to_tuple(
            module.lstm_step_backward(seq["dhs"][t] + dh_next, dc_next, caches[t]), "lstm_step_backward")
        dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t
        dxs.append(dx)
    return {"h": hs, "dx": dxs[::-1], "dh0": dh_next, "dc0": dc_next, "dWx": dWx, "dWh": dWh, "db": db}


@kata.check(points=2, hidden=True, max_examples=10)
@given(seq=sequences())
def unrolled_over_a_sequence_matches_reference(sub, ref, seq):
    """Chaining steps over a short sequence and backpropagating through time gives the right states and gradients"""
    names = {"lstm_step_forward": ["next_h", "next_c", "cache"], "lstm_step_backward": GRAD_NAMES}
    got = unroll(sub, seq, lambda out, call: expect_tuple(out, names[call], call=call))
    want = unroll(ref, seq, lambda out, call: out)
    T, N, D = seq["xs"].shape
    context = (
        f"Unrolling over T={T} steps (N={N}, D={D}, H={seq['h0'].shape[1]}), feeding next_h/next_c into the next "
        "step, then backpropagating through time (each step's backward gets dh_t + dprev_h of the step after it, "
        "and that step's dprev_c)."
    )
    for t in range(T):
        close(got["h"][t], want["h"][t], name=f"h at step {t}", context=context)
    for t in range(T):
        close(got["dx"][t], want["dx"][t], name=f"dx at step {t}", context=context)
    for name in ("dh0", "dc0", "dWx", "dWh", "db"):
        close(got[name], want[name], name=name, context=context)
