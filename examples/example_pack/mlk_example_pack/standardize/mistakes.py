"""Known mistakes of the standardize kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="divides_by_variance",
        says="divides by the variance instead of the standard deviation",
        culprits=("std",),
        edit=replace("std = np.std(X, axis=0)", "std = np.var(X, axis=0)"),
    ),
    Mistake(
        id="no_zero_guard",
        says="keeps a zero standard deviation for constant columns (standardizing them divides by zero)",
        culprits=("std",),
        edit=replace("np.where(std == 0, 1.0, std)", "std"),
    ),
    Mistake(
        id="row_statistics",
        says="computes the statistics over each row (axis=1) instead of each feature column",
        culprits=("mean", "std"),
        edit=(replace("std = np.std(X, axis=0)", "std = np.std(X, axis=1)"),
              replace("return np.mean(X, axis=0)", "return np.mean(X, axis=1)")),
    ),
    Mistake(
        id="sample_std",
        says="uses the sample standard deviation (ddof=1) instead of the population one",
        culprits=("std",),
        edit=replace("std = np.std(X, axis=0)", "std = np.std(X, axis=0, ddof=1)"),
    ),
]
