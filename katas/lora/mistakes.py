"""Known mistakes of the lora kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="scale_alpha_not_over_r",
        says="scales the update by alpha instead of alpha / r",
        culprits=("out",),
        edit=replace("scale = alpha / A.shape[1]", "scale = alpha"),
    ),
    Mistake(
        id="scale_r_over_alpha",
        says="scales the update by r / alpha instead of alpha / r",
        culprits=("out",),
        edit=replace("scale = alpha / A.shape[1]", "scale = A.shape[1] / alpha"),
    ),
    Mistake(
        id="merge_without_scale",
        says="lora_merge adds A @ B without the scale alpha / r",
        culprits=("W_merged", "x @ W_merged + b"),
        edit=replace("return W + (alpha / A.shape[1]) * (A @ B)", "return W + A @ B"),
    ),
    Mistake(
        id="dx_misses_adapter_path",
        says="dx keeps only the frozen path dout @ W.T and forgets the gradient through the adapter",
        culprits=("dx",),
        edit=replace("dx = dout @ W.T + dh @ A.T", "dx = dout @ W.T"),
    ),
    Mistake(
        id="dB_unscaled",
        says="dB forgets the scale alpha / r",
        culprits=("dB",),
        edit=replace("dB = scale * (h2.T @ dout2)", "dB = h2.T @ dout2"),
    ),
    Mistake(
        id="init_zeros_A",
        says="lora_init draws B and sets A to zero, so the adapter starts at zero but B gets no gradient",
        culprits=("A", "B"),
        edit=replace("A = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(d_in, r))\n    B = np.zeros((r, d_out))",
                     "A = np.zeros((d_in, r))\n    B = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_out))"),
    ),
    Mistake(
        id="init_draws_transposed",
        says="lora_init draws A as (r, d_in), the paper's layout, and transposes it",
        culprits=("A",),
        edit=replace("A = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(d_in, r))",
                     "A = rng.normal(0.0, 1.0 / np.sqrt(d_in), size=(r, d_in)).T"),
    ),
    Mistake(
        id="backward_for_matrices_only",
        says="lora_backward computes dA and dB with x.T and h.T, which is right for x of shape (N, d_in) only",
        culprits=("lora_backward", "dA"),
        edit=(replace("dB = scale * (h2.T @ dout2)", "dB = scale * (h.T @ dout)"),
              replace("dA = x2.T @ dh.reshape(-1, A.shape[1])", "dA = x.T @ dh")),
    ),
]
