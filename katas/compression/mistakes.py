"""Known mistakes of the compression kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="scale_over_256",
        says="divides the range by 256 (the number of levels) instead of 255 (the number of steps)",
        culprits=("scale", "q"),
        edit=replace("scale = (x_max - x_min) / (QMAX - QMIN)", "scale = (x_max - x_min) / (QMAX - QMIN + 1)"),
    ),
    Mistake(
        id="range_without_zero",
        says="uses the tensor's own minimum and maximum, so the range may not include 0 and 0 is not exact",
        culprits=("scale", "zero_point", "0 came back"),
        edit=(replace("x_min = np.minimum(_reduce_all_but(x, axis, np.min), 0.0)",
                      "x_min = _reduce_all_but(x, axis, np.min)"),
              replace("x_max = np.maximum(_reduce_all_but(x, axis, np.max), 0.0)",
                      "x_max = _reduce_all_but(x, axis, np.max)")),
    ),
    Mistake(
        id="float_zero_point",
        says="keeps the zero point as a float (x_min / scale not rounded), so 0 is not represented exactly",
        culprits=("zero_point", "q", "0 came back"),
        edit=(replace("zero_point = np.clip(QMIN - np.round(x_min / scale), QMIN, QMAX).astype(np.int64)",
                      "zero_point = np.clip(QMIN - x_min / scale, QMIN, QMAX)"),
              replace("        return q, float(scale), int(zero_point)", "        return q, float(scale), zero_point")),
    ),
    Mistake(
        id="truncates_instead_of_rounding",
        says="truncates x / scale toward zero (astype(int)) instead of rounding to the nearest integer",
        culprits=("q", "half a step"),
        edit=replace("q = np.clip(np.round(x / _along(scale, x, axis))", "q = np.clip(np.trunc(x / _along(scale, x, axis))"),
    ),
    Mistake(
        id="dequantize_ignores_zero_point",
        says="dequantizes as scale * q, forgetting to subtract the zero point",
        culprits=("dequantize",),
        edit=replace("* (q - _along(np.asarray(zero_point), q, axis))", "* q"),
    ),
    Mistake(
        id="per_channel_reduces_the_channel_axis",
        says="takes the per-channel minimum and maximum over the channel axis instead of over the other axes",
        culprits=("scale", "zero_point", "q"),
        edit=replace("    return fn(np.moveaxis(x, axis, 0).reshape(x.shape[axis], -1), axis=1)",
                     "    flat = np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])\n"
                     "    found = fn(flat, axis=0)\n"
                     "    return np.resize(fn(flat, axis=1), x.shape[axis]) if flat.shape[0] != 1 else found"),
    ),
    Mistake(
        id="prune_by_threshold",
        says="prunes every entry with |w| <= the k-th smallest magnitude, which removes all ties (more than k)",
        culprits=("mask", "removed"),
        edit=replace("    mask[order[:k]] = False\n",
                     "    if k:\n        mask[np.abs(w).ravel() <= np.abs(w).ravel()[order[k - 1]]] = False\n"),
    ),
    Mistake(
        id="prune_ties_last_index_first",
        says="removes equal magnitudes starting from the highest index (an argsort of -|w| reversed)",
        culprits=("mask",),
        edit=replace("order = np.argsort(np.abs(w).ravel(), kind=\"stable\")",
                     "order = np.argsort(-np.abs(w).ravel(), kind=\"stable\")[::-1]"),
    ),
    Mistake(
        id="distillation_without_t_squared",
        says="leaves out the T^2 factor of the soft term",
        culprits=("loss", "dstudent"),
        edit=(replace("loss = alpha * T * T * kl", "loss = alpha * kl"),
              replace("dstudent = alpha * T * (np.exp(log_ps_T) - pt_T) / n", "dstudent = alpha * (np.exp(log_ps_T) - pt_T) / (T * n)")),
    ),
    Mistake(
        id="kl_reversed",
        says="computes KL(student || teacher) instead of KL(teacher || student)",
        culprits=("loss", "dstudent"),
        edit=replace("kl = np.sum(pt_T * (log_pt_T - log_ps_T)) / n", "kl = np.sum(np.exp(log_ps_T) * (log_ps_T - log_pt_T)) / n"),
    ),
    Mistake(
        id="gradient_misses_one_over_t",
        says="forgets the 1/T of student_logits / T in the gradient of the soft term",
        culprits=("dstudent",),
        edit=replace("dstudent = alpha * T * (np.exp(log_ps_T) - pt_T) / n",
                     "dstudent = alpha * T * T * (np.exp(log_ps_T) - pt_T) / n"),
    ),
    Mistake(
        id="teacher_not_softened",
        says="softens the student's logits by T but not the teacher's",
        culprits=("loss", "dstudent"),
        edit=replace("_log_softmax(np.asarray(teacher_logits, dtype=np.float64) / T)",
                     "_log_softmax(np.asarray(teacher_logits, dtype=np.float64))"),
    ),
    Mistake(
        id="prune_count_rounded_half_to_even",
        says="rounds the number of pruned entries with round(), halves to even (0.75 * 6 = 4.5 gives 4, not 5)",
        culprits=("mask",),
        edit=replace("k = int(np.floor(sparsity * w.size + 0.5))", "k = int(np.round(sparsity * w.size))"),
    ),
    Mistake(
        id="empty_range_fixed_per_tensor_only",
        says="replaces a zero scale by 1 only for a whole tensor, so an all-zero channel divides by 0",
        culprits=("scale", "q"),
        edit=replace("    scale = np.where(scale > 0, scale, 1.0)\n",
                     "    if axis is None and scale == 0:\n        scale = 1.0\n"),
    ),
]
