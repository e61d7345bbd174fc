"""Mutant: adamw_step subtracts weight_decay * w without multiplying it by the learning rate."""
import numpy as np


def l1_penalty(w, reg):
    """L1 penalty reg * sum(|w|) and its gradient reg * sign(w).

    w: float64 array, any shape; reg: float >= 0. Returns (loss: float, dw: float64 like w).
    """
    w = np.asarray(w, dtype=np.float64)
    return float(reg * np.sum(np.abs(w))), reg * np.sign(w)


def l2_penalty(w, reg):
    """L2 penalty 0.5 * reg * sum(w**2) and its gradient reg * w.

    w: float64 array, any shape; reg: float >= 0. Returns (loss: float, dw: float64 like w).
    """
    w = np.asarray(w, dtype=np.float64)
    return float(0.5 * reg * np.sum(w * w)), reg * w


def _adam_direction(g, state, beta1, beta2, eps):
    """Adam's bias-corrected direction m_hat / (sqrt(v_hat) + eps) for gradient g, and the new state."""
    if state is None:
        m, v, t = np.zeros_like(g), np.zeros_like(g), 0
    else:
        m = np.asarray(state["m"], dtype=np.float64)
        v = np.asarray(state["v"], dtype=np.float64)
        t = int(state["t"])
    t += 1
    m = beta1 * m + (1.0 - beta1) * g
    v = beta2 * v + (1.0 - beta2) * g * g
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return m_hat / (np.sqrt(v_hat) + eps), {"m": m, "v": v, "t": t}


def adam_l2_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    """Adam with an L2 penalty folded into the gradient (torch.optim.Adam's weight_decay).

    g = dw + weight_decay * w, then one Adam step on g:
    next_w = w - learning_rate * m_hat / (sqrt(v_hat) + eps). Returns (next_w, next_state).
    """
    w = np.asarray(w, dtype=np.float64)
    g = np.asarray(dw, dtype=np.float64) + weight_decay * w
    direction, next_state = _adam_direction(g, state, beta1, beta2, eps)
    return w - learning_rate * direction, next_state


def adamw_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """AdamW: Adam on dw alone, with the weight decay applied directly to w (torch.optim.AdamW).

    next_w = w - learning_rate * (m_hat / (sqrt(v_hat) + eps) + weight_decay * w). Returns (next_w, next_state).
    """
    w = np.asarray(w, dtype=np.float64)
    direction, next_state = _adam_direction(np.asarray(dw, dtype=np.float64), state, beta1, beta2, eps)
    return w - learning_rate * direction - weight_decay * w, next_state
