"""Known mistakes of the maxpool kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="mask_all_ties",
        says="backward routes the gradient to every element equal to the window maximum (a mask), not only the "
             "first on ties",
        culprits=("x", "dx", "maxpool_forward", "maxpool_backward"),
        edit=(
            replace("cache = (x.shape, argmax, pool_height, pool_width, stride)",
                    "cache = (x.shape, argmax, pool_height, pool_width, stride, x.copy())"),
            replace("x_shape, argmax, pool_height, pool_width, stride = cache",
                    "x_shape, argmax, pool_height, pool_width, stride = cache[:5]"),
            replace(
                "    n_idx, c_idx = np.meshgrid(np.arange(N), np.arange(C), indexing=\"ij\")",
                "    n_idx, c_idx = np.meshgrid(np.arange(N), np.arange(C), indexing=\"ij\")\n"
                "    x = cache[5]",
            ),
            replace(
                "            rows = i * stride + argmax[:, :, i, j] // pool_width\n"
                "            cols = j * stride + argmax[:, :, i, j] % pool_width\n"
                "            # within one window position every (n, c) hits a distinct cell, so += is safe here;\n"
                "            # overlapping windows are summed by the loop itself\n"
                "            dx[n_idx, c_idx, rows, cols] += dout[:, :, i, j]",
                "            top, left = i * stride, j * stride\n"
                "            window = x[:, :, top:top + pool_height, left:left + pool_width]\n"
                "            mask = window == window.max(axis=(2, 3), keepdims=True)\n"
                "            dx[:, :, top:top + pool_height, left:left + pool_width] += mask * dout[:, :, i, j][:, :, None, None]",
            ),
        ),
    ),
    Mistake(
        id="overlap_assigned_not_added",
        says="backward assigns the window's gradient with = instead of adding it, so overlapping windows overwrite "
             "each other",
        culprits=("dx", "maxpool_backward"),
        edit=replace("dx[n_idx, c_idx, rows, cols] += dout[:, :, i, j]",
                "dx[n_idx, c_idx, rows, cols] = dout[:, :, i, j]"),
    ),
    Mistake(
        id="square_window",
        says="uses pool_height for both window sides, ignoring pool_width (only right for square windows)",
        culprits=("out", "maxpool_forward"),
        edit=replace("    H_out = (H - pool_height) // stride + 1\n",
                     "    pool_width = pool_height\n    H_out = (H - pool_height) // stride + 1\n"),
    ),
    Mistake(
        id="stride_equals_pool",
        says="windows step by the pool size instead of the stride (assumes non-overlapping pooling)",
        culprits=("out", "maxpool_forward"),
        edit=(
            replace(
                "    H_out = (H - pool_height) // stride + 1\n"
                "    W_out = (W - pool_width) // stride + 1",
                "    H_out = H // pool_height\n"
                "    W_out = W // pool_width",
            ),
            replace("top, left = i * stride, j * stride", "top, left = i * pool_height, j * pool_width"),
        ),
    ),
    Mistake(
        id="unravel_by_height",
        says="backward converts the flat argmax to (row, col) by dividing by pool_height instead of pool_width",
        culprits=("maxpool_backward",),
        edit=replace(
            "            rows = i * stride + argmax[:, :, i, j] // pool_width\n"
            "            cols = j * stride + argmax[:, :, i, j] % pool_width",
            "            rows = i * stride + argmax[:, :, i, j] // pool_height\n"
            "            cols = j * stride + argmax[:, :, i, j] % pool_height",
        ),
    ),
]
MISTAKES += [
    Mistake(
        id="ceil_mode_windows",
        says="keeps a last, partial window at the bottom and right edges (ceil mode) instead of dropping the "
             "leftover rows and columns",
        culprits=("out", "maxpool_forward"),
        edit=replace(
            "    H_out = (H - pool_height) // stride + 1\n"
            "    W_out = (W - pool_width) // stride + 1",
            "    H_out = -(-(H - pool_height) // stride) + 1\n"
            "    W_out = -(-(W - pool_width) // stride) + 1",
        ),
    ),
    Mistake(
        id="max_starts_at_zero",
        says="takes each window's maximum starting from 0, so a window of negative values gives 0",
        culprits=("out", "maxpool_forward"),
        edit=replace("out[:, :, i, j] = np.take_along_axis(window, k[:, :, None], axis=2)[:, :, 0]",
                     "out[:, :, i, j] = np.maximum(0.0, np.take_along_axis(window, k[:, :, None], axis=2)[:, :, 0])"),
    ),
]
