"""Known mistakes of the weight_init kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="conv_fans_ignore_kernel",
        says="conv fans leave out the kernel size: fan_in = C and fan_out = F",
        culprits=("xavier_uniform", "xavier_normal"),
        edit=replace("receptive = math.prod(shape[2:])", "receptive = 1"),
    ),
    Mistake(
        id="dense_fans_like_pytorch",
        says="dense shapes are read as PyTorch's (out, in), so fan_in and fan_out are swapped",
        culprits=("he_uniform", "he_normal"),
        edit=replace("return shape[0], shape[1]", "return shape[1], shape[0]"),
    ),
    Mistake(
        id="global_random_state",
        says="the initialisers draw from np.random's global state and ignore rng",
        culprits=("xavier_uniform", "xavier_normal", "he_uniform", "he_normal"),
        edit=(
            replace(
                "    a = gain * math.sqrt(6.0 / (fan_in + fan_out))\n"
                "    return np.random.default_rng(rng).uniform(-a, a, size=tuple(shape))",
                "    a = gain * math.sqrt(6.0 / (fan_in + fan_out))\n"
                "    return np.random.uniform(-a, a, size=tuple(shape))",
            ),
            replace(
                "    std = gain * math.sqrt(2.0 / (fan_in + fan_out))\n"
                "    return np.random.default_rng(rng).normal(0.0, std, size=tuple(shape))",
                "    std = gain * math.sqrt(2.0 / (fan_in + fan_out))\n"
                "    return np.random.normal(0.0, std, size=tuple(shape))",
            ),
            replace(
                "    a = math.sqrt(6.0 / fan_in)\n"
                "    return np.random.default_rng(rng).uniform(-a, a, size=tuple(shape))",
                "    a = math.sqrt(6.0 / fan_in)\n"
                "    return np.random.uniform(-a, a, size=tuple(shape))",
            ),
            replace(
                "    std = math.sqrt(2.0 / fan_in)\n"
                "    return np.random.default_rng(rng).normal(0.0, std, size=tuple(shape))",
                "    std = math.sqrt(2.0 / fan_in)\n"
                "    return np.random.normal(0.0, std, size=tuple(shape))",
            ),
        ),
    ),
    Mistake(
        id="normal_scale_is_the_variance",
        says="the normal initialisers pass the variance to rng.normal, whose scale is the standard deviation",
        culprits=("xavier_normal", "he_normal"),
        edit=(
            replace("std = gain * math.sqrt(2.0 / (fan_in + fan_out))",
                    "std = gain * 2.0 / (fan_in + fan_out)"),
            replace("std = math.sqrt(2.0 / fan_in)", "std = 2.0 / fan_in"),
        ),
    ),
    Mistake(
        id="uniform_bound_is_the_normal_std",
        says="xavier_uniform uses sqrt(2 / (fan_in + fan_out)), the normal's std, as the uniform bound",
        culprits=("xavier_uniform",),
        edit=replace("a = gain * math.sqrt(6.0 / (fan_in + fan_out))",
                "a = gain * math.sqrt(2.0 / (fan_in + fan_out))"),
    ),
]
MISTAKES += [
    Mistake(
        id="no_error_without_two_axes",
        says="fans reads shape[0] and shape[1] without checking that the shape has two axes, so (5,) raises "
             "IndexError instead of ValueError",
        culprits=("fans",),
        edit=replace("    if len(shape) < 2:\n"
                     "        raise ValueError(f\"fans need a weight with at least 2 axes, got shape {shape}\")\n", ""),
    ),
]
