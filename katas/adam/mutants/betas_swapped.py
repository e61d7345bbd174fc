"""Swaps beta1 and beta2: the first moment decays with beta2 and the second with beta1."""
import numpy as np


def adam_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    if state is None:
        m, v, t = np.zeros_like(w), np.zeros_like(w), 0
    else:
        m, v, t = state["m"], state["v"], state["t"]
    t = t + 1
    m = beta2 * m + (1 - beta2) * dw
    v = beta1 * v + (1 - beta1) * dw**2
    m_hat = m / (1 - beta2**t)
    v_hat = v / (1 - beta1**t)
    next_w = w - learning_rate * m_hat / (np.sqrt(v_hat) + eps)
    return next_w, {"m": m, "v": v, "t": t}
