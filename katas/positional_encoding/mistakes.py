"""Known mistakes of the positional_encoding kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="cos_on_even_columns",
        says="sin and cos are swapped: cos on even columns, sin on odd ones",
        culprits=("sinusoidal_encoding", "encode_positions", "add_positional_encoding"),
        edit=replace("return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))",
                "return np.where(j % 2 == 0, np.cos(angles), np.sin(angles))"),
    ),
    Mistake(
        id="exponent_uses_column_index",
        says="the exponent uses the column index j / d instead of 2 * (j // 2) / d",
        culprits=("sinusoidal_encoding", "encode_positions", "add_positional_encoding"),
        edit=replace("inv_freq = base ** (-(2 * (j // 2)) / d)  # (d,)", "inv_freq = base ** (-j / d)  # (d,)"),
    ),
    Mistake(
        id="frequency_inverted",
        says="the angle multiplies the position by base ** (2i / d) instead of dividing by it",
        culprits=("sinusoidal_encoding", "encode_positions", "add_positional_encoding"),
        edit=replace("inv_freq = base ** (-(2 * (j // 2)) / d)  # (d,)",
                "inv_freq = base ** ((2 * (j // 2)) / d)  # (d,)"),
    ),
    Mistake(
        id="odd_d_computed_with_d_plus_one",
        says="for odd d the encoding is computed for d + 1 columns and truncated, so the exponent divides by d + 1",
        culprits=("sinusoidal_encoding", "encode_positions", "add_positional_encoding"),
        edit=replace("inv_freq = base ** (-(2 * (j // 2)) / d)  # (d,)",
                "inv_freq = base ** (-(2 * (j // 2)) / (d + d % 2))  # (d,)"),
    ),
    Mistake(
        id="sines_then_cosines",
        says="all the sines fill the first half of the columns and all the cosines the second half, instead of "
             "interleaving",
        culprits=("sinusoidal_encoding", "encode_positions", "add_positional_encoding"),
        edit=replace(
            "    j = np.arange(d)\n"
            "    inv_freq = base ** (-(2 * (j // 2)) / d)  # (d,)\n"
            "    angles = positions[..., None] * inv_freq  # (..., d)\n"
            "    return np.where(j % 2 == 0, np.sin(angles), np.cos(angles))",
            "    half = (d + 1) // 2\n"
            "    i = np.arange(half)\n"
            "    angles = positions[..., None] * base ** (-(2 * i) / d)  # (..., ceil(d/2))\n"
            "    return np.concatenate([np.sin(angles), np.cos(angles)], axis=-1)[..., :d]",
        ),
    ),
]
MISTAKES += [
    Mistake(
        id="positions_assumed_1d",
        says="encode_positions adds the feature axis with positions[:, None], which is right for a 1-D array of "
             "positions only",
        culprits=("encode_positions",),
        edit=replace("angles = positions[..., None] * inv_freq", "angles = positions[:, None] * inv_freq"),
    ),
]
