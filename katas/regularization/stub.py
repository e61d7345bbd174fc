"""L1 and L2 penalties, and weight decay in Adam: L2 through the gradient versus decoupled AdamW.

The penalties return ``(loss, dw)``. The two Adam variants follow the adam
kata's ``adam_step``: ``(w, dw, state=None, ...) -> (next_w, next_state)`` with
``state = {"m": array like w, "v": array like w, "t": int}`` (``None`` means
``m = v = 0, t = 0``); nothing is changed in place. See katas/regularization/README.md.
"""
import numpy as np


def l1_penalty(w, reg):
    """L1 penalty reg * sum(|w|) and its gradient reg * sign(w).

    w: float64 array, any shape; reg: float >= 0. Returns (loss: float, dw: float64 like w).
    """
    raise NotImplementedError


def l2_penalty(w, reg):
    """L2 penalty 0.5 * reg * sum(w**2) and its gradient reg * w.

    w: float64 array, any shape; reg: float >= 0. Returns (loss: float, dw: float64 like w).
    """
    raise NotImplementedError


def adam_l2_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    """Adam with an L2 penalty folded into the gradient (torch.optim.Adam's weight_decay).

    g = dw + weight_decay * w, then one Adam step on g:
    next_w = w - learning_rate * m_hat / (sqrt(v_hat) + eps). Returns (next_w, next_state).
    """
    raise NotImplementedError


def adamw_step(w, dw, state=None, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """AdamW: Adam on dw alone, with the weight decay applied directly to w (torch.optim.AdamW).

    next_w = w - learning_rate * (m_hat / (sqrt(v_hat) + eps) + weight_decay * w). Returns (next_w, next_state).
    """
    raise NotImplementedError
