"""Known mistakes of the lr_schedules kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="cosine_ignores_lr_min",
        says="cosine_annealing scales the cosine by lr0 instead of lr0 - lr_min",
        culprits=("cosine_annealing",),
        edit=replace("return _output(t, lr_min + (lr0 - lr_min) * 0.5 * (1.0 + np.cos(np.pi * progress)))",
                "return _output(t, lr_min + lr0 * 0.5 * (1.0 + np.cos(np.pi * progress)))"),
    ),
    Mistake(
        id="cosine_progress_ignores_warmup",
        says="after the warmup, the cosine progress is t / T instead of (t - W) / (T - W)",
        culprits=("warmup_cosine",),
        edit=replace(
            "progress = np.clip(t - warmup_steps, 0, total_steps - warmup_steps) / (total_steps - warmup_steps)",
            "progress = np.clip(t, 0, total_steps) / total_steps",
        ),
    ),
    Mistake(
        id="cosine_rises_after_total_steps",
        says="cosine_annealing does not clamp t at total_steps, so the cosine rises again afterwards",
        culprits=("cosine_annealing",),
        edit=replace("progress = np.minimum(t, total_steps) / total_steps", "progress = t / total_steps"),
    ),
    Mistake(
        id="step_decay_without_floor",
        says="step_decay uses t / step_size without the floor, so the rate decays smoothly",
        culprits=("step_decay",),
        edit=replace("return _output(t, lr0 * drop ** (t // step_size))",
                "return _output(t, lr0 * drop ** (t / step_size))"),
    ),
    Mistake(
        id="warmup_off_by_one",
        says="the warmup uses (t + 1) / W, so step 0 already has a positive rate",
        culprits=("warmup_cosine",),
        edit=replace("warm = lr0 * t / warmup_steps if warmup_steps > 0 else np.zeros(t.shape)",
                "warm = lr0 * (t + 1) / warmup_steps if warmup_steps > 0 else np.zeros(t.shape)"),
    ),
    Mistake(
        id="warmup_with_python_if",
        says="warmup_cosine branches with a Python if, so it only works for a single step, not an array",
        culprits=("warmup_cosine", "The"),
        edit=(
            replace("import numpy as np", "import math\nimport numpy as np"),
            replace(
                "    t = np.asarray(t)\n"
                "    warm = lr0 * t / warmup_steps if warmup_steps > 0 else np.zeros(t.shape)\n"
                "    progress = np.clip(t - warmup_steps, 0, total_steps - warmup_steps) / (total_steps - warmup_steps)\n"
                "    cosine = lr_min + (lr0 - lr_min) * 0.5 * (1.0 + np.cos(np.pi * progress))\n"
                "    return _output(t, np.where(t < warmup_steps, warm, cosine))",
                "    if t < warmup_steps:\n"
                "        return lr0 * t / warmup_steps\n"
                "    if t > total_steps:\n"
                "        return lr_min\n"
                "    return lr_min + (lr0 - lr_min) * 0.5 * (1.0 + math.cos(math.pi * (t - warmup_steps) / (total_steps - warmup_steps)))",
            ),
        ),
    ),
]
MISTAKES += [
    Mistake(
        id="warmup_branch_includes_W",
        says="warmup_cosine takes the warmup branch for t <= W, so with warmup_steps = 0 step 0 gives 0 instead of "
             "lr0",
        culprits=("warmup_cosine",),
        edit=replace("return _output(t, np.where(t < warmup_steps, warm, cosine))",
                     "return _output(t, np.where(t <= warmup_steps, warm, cosine))"),
    ),
    Mistake(
        id="one_step_array_returned_as_float",
        says="returns a float whenever there is a single step, also for an array t of shape (1,)",
        culprits=("step_decay", "exponential_decay", "cosine_annealing", "warmup_cosine"),
        edit=replace("return float(values) if np.ndim(t) == 0 else values",
                     "return float(values.ravel()[0]) if values.size == 1 else values"),
    ),
]
