"""Skips the bias correction: uses m and v directly instead of m_hat = m / (1 - beta1**t) and v_hat."""
import numpy as np


def adam_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        m, v, t = np.zeros_like(w), np.zeros_like(w), 0
    else:
        m, v, t = state["m"], state["v"], state["t"]
    t = t + 1
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw**2
    next_w = w - learning_rate * m / (np.sqrt(v) + eps)
    return next_w, {"m": m, "v": v, "t": t}
