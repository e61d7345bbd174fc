"""Known mistakes of the gradient_check kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="divides_by_h",
        says="numerical_gradient divides the central difference by h instead of 2h",
        culprits=("numerical_gradient", "check_gradient"),
        edit=replace("grad[i] = (plus - minus) / (2.0 * h)", "grad[i] = (plus - minus) / h"),
    ),
    Mistake(
        id="forward_difference",
        says="numerical_gradient uses the one-sided difference (f(x + h) - f(x)) / h instead of the central "
             "difference",
        culprits=("numerical_gradient", "check_gradient"),
        edit=(
            replace("        old = x[i]", "        old = x[i]\n        base = f(x)"),
            replace("grad[i] = (plus - minus) / (2.0 * h)", "grad[i] = (plus - base) / h"),
        ),
    ),
    Mistake(
        id="no_restore",
        says="numerical_gradient never puts x[i] back after perturbing it, so x ends up shifted by -h and later "
             "elements are evaluated at the wrong point",
        culprits=("numerical_gradient", "x", "check_gradient"),
        edit=replace("        x[i] = old\n", ""),
    ),
    Mistake(
        id="perturbs_all_at_once",
        says="numerical_gradient perturbs every element at once (x + h), giving the derivative along the all-ones "
             "direction in every entry",
        culprits=("numerical_gradient", "check_gradient"),
        edit=replace(
            "    grad = np.zeros(x.shape, dtype=np.float64)\n"
            "    for i in np.ndindex(x.shape):\n"
            "        old = x[i]\n"
            "        x[i] = old + h\n"
            "        plus = f(x)\n"
            "        x[i] = old - h\n"
            "        minus = f(x)\n"
            "        x[i] = old\n"
            "        grad[i] = (plus - minus) / (2.0 * h)\n"
            "    return grad",
            "    return np.full(x.shape, (f(x + h) - f(x - h)) / (2.0 * h))",
        ),
    ),
    Mistake(
        id="relative_error_elementwise",
        says="relative_error divides element by element (the CS231n rel_error) instead of max|a - b| by max(|a| + "
             "|b|)",
        culprits=("relative_error", "check_gradient"),
        edit=replace("return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))",
                "return float(np.max(np.abs(a - b) / np.maximum(1e-12, np.abs(a) + np.abs(b))))"),
    ),
    Mistake(
        id="relative_error_no_abs",
        says="relative_error takes max(a - b) instead of max|a - b|, so it can be negative or miss the largest "
             "difference",
        culprits=("relative_error", "check_gradient"),
        edit=replace("return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))",
                "return float(np.max(a - b) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))"),
    ),
    Mistake(
        id="relative_error_no_floor",
        says="relative_error divides by max(|a| + |b|) with no floor, so two zero arrays give 0/0 = NaN",
        culprits=("relative_error",),
        edit=replace("return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(a) + np.abs(b))), 1e-12))",
                "return float(np.max(np.abs(a - b)) / np.max(np.abs(a) + np.abs(b)))"),
    ),
    Mistake(
        id="loops_over_rows",
        says="numerical_gradient loops over range(len(x)), so for a 2-D or 3-D x it perturbs a whole row at a time",
        culprits=("numerical_gradient",),
        edit=(replace("    for i in np.ndindex(x.shape):\n        old = x[i]\n",
                      "    for i in range(len(x)):\n        old = x[i].copy()\n"),),
    ),
]
