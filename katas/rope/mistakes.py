"""Known mistakes of the rope kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="rotate_half_layout",
        says="pairs feature i with feature i + d/2 (the rotate-half layout of GPT-NeoX and LLaMA) instead of the "
             "adjacent features 2i and 2i+1",
        culprits=("out",),
        edit=replace_function("_rotate", '''
            def _rotate(x, positions, base, direction):
                d = x.shape[-1]
                angles = np.asarray(positions, dtype=np.float64)[..., None] * rope_frequencies(d, base)
                cos, sin = np.cos(angles), direction * np.sin(angles)
                first, second = x[..., : d // 2], x[..., d // 2:]
                return np.concatenate([first * cos - second * sin, first * sin + second * cos], axis=-1)
        '''),
    ),
    Mistake(
        id="exponent_without_two",
        says="uses the frequencies base ** (-i/d) instead of base ** (-2i/d)",
        culprits=("theta", "out"),
        edit=replace("return base ** (-2.0 * i / d)", "return base ** (-1.0 * i / d)"),
    ),
    Mistake(
        id="frequencies_inverted",
        says="uses the frequencies base ** (2i/d), which grow instead of shrinking",
        culprits=("theta", "out"),
        edit=replace("return base ** (-2.0 * i / d)", "return base ** (2.0 * i / d)"),
    ),
    Mistake(
        id="clockwise",
        says="rotates clockwise: x cos + y sin and -x sin + y cos",
        culprits=("out",),
        edit=replace("cos, sin = np.cos(angles), direction * np.sin(angles)",
                     "cos, sin = np.cos(angles), -direction * np.sin(angles)"),
    ),
    Mistake(
        id="tile_instead_of_repeat",
        says="spreads the d/2 angles over the d features with np.tile instead of np.repeat, so the two features of "
             "a pair turn by different angles",
        culprits=("out", "length of each pair"),
        edit=replace_function("_rotate", '''
            def _rotate(x, positions, base, direction):
                d = x.shape[-1]
                angles = np.asarray(positions, dtype=np.float64)[..., None] * rope_frequencies(d, base)
                cos, sin = np.tile(np.cos(angles), 2), direction * np.tile(np.sin(angles), 2)
                partner = np.empty_like(x)
                partner[..., 0::2], partner[..., 1::2] = -x[..., 1::2], x[..., 0::2]
                return x * cos + partner * sin
        '''),
    ),
    Mistake(
        id="backward_rotates_forward",
        says="rope_backward rotates dout by +angle again instead of rotating it back (the transpose of a rotation "
             "is the rotation by -angle)",
        culprits=("dx",),
        edit=replace("return _rotate(dout, positions, base, -1.0)", "return _rotate(dout, positions, base, +1.0)"),
    ),
    Mistake(
        id="angles_in_float32",
        says="computes the angles position * theta in float32, which loses the angle's digits at large positions",
        culprits=("out", "rope_forward"),
        edit=replace("angles = np.asarray(positions, dtype=np.float64)[..., None] * rope_frequencies(d, base)",
                     "angles = (np.asarray(positions, dtype=np.float32)[..., None]\n"
                     "              * rope_frequencies(d, base).astype(np.float32)).astype(np.float64)"),
    ),
]
MISTAKES += [
    Mistake(
        id="positions_taken_as_indices",
        says="rotates each vector by its index 0 .. T-1 along the sequence instead of the positions it is given",
        culprits=("out", "rope_forward"),
        edit=replace("    return _rotate(x, positions, base, +1.0), (np.array(positions), base)",
                     "    positions = np.arange(x.shape[-2])\n"
                     "    return _rotate(x, positions, base, +1.0), (np.array(positions), base)"),
    ),
]
