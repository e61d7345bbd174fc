"""Known mistakes of the conv2d kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="db_last_position_only",
        says="db is assigned (=) instead of accumulated (+=) in the loop over output positions, so it keeps only "
             "the last one",
        culprits=("db", "conv2d_backward"),
        edit=(
            replace(
                "            dxpad[:, :, rows, cols] += np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)",
                "            dxpad[:, :, rows, cols] += np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)\n"
                "            db = d.sum(axis=0)",
            ),
            replace("    db = dout.sum(axis=(0, 2, 3))\n", ""),
        ),
    ),
    Mistake(
        id="dx_crop_pad_minus_pad",
        says="crops the padded gradient with dxpad[:, :, pad:-pad, pad:-pad], which is empty when pad == 0",
        culprits=("dx", "conv2d_backward"),
        edit=replace("dx = dxpad[:, :, pad:pad + h, pad:pad + width]", "dx = dxpad[:, :, pad:-pad, pad:-pad]"),
    ),
    Mistake(
        id="flipped_kernel",
        says="flips the kernel (true convolution, w[:, :, ::-1, ::-1]) instead of cross-correlating",
        culprits=("conv2d_forward", "out", "dw", "dx"),
        edit=(
            replace(
                "    w_out = 1 + (width + 2 * pad - ww) // stride",
                "    w_out = 1 + (width + 2 * pad - ww) // stride\n"
                "    w = w[:, :, ::-1, ::-1]",
            ),
            replace(
                "    _, _, h_out, w_out = dout.shape\n"
                "    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))",
                "    _, _, h_out, w_out = dout.shape\n"
                "    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))\n"
                "    w = w[:, :, ::-1, ::-1]",
            ),
            replace(
                "            dxpad[:, :, rows, cols] += np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)",
                "            dxpad[:, :, rows, cols] += np.tensordot(d, w, axes=([1], [0]))  # (N, C, HH, WW)\n"
                "    dw = dw[:, :, ::-1, ::-1]",
            ),
        ),
    ),
    Mistake(
        id="pad_one_side",
        says="puts all 2*pad zeros after the image (bottom/right) instead of pad zeros on every side",
        culprits=("conv2d_forward", "out", "conv2d_backward"),
        edit=(
            replace(
                "    w_out = 1 + (width + 2 * pad - ww) // stride\n"
                "    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))",
                "    w_out = 1 + (width + 2 * pad - ww) // stride\n"
                "    xpad = np.zeros((n, c, h + 2 * pad, width + 2 * pad))\n"
                "    xpad[:, :, :h, :width] = x",
            ),
            replace(
                "    _, _, h_out, w_out = dout.shape\n"
                "    xpad = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))",
                "    _, _, h_out, w_out = dout.shape\n"
                "    xpad = np.zeros((x.shape[0], x.shape[1], h + 2 * pad, width + 2 * pad))\n"
                "    xpad[:, :, :h, :width] = x",
            ),
            replace("dx = dxpad[:, :, pad:pad + h, pad:pad + width]", "dx = dxpad[:, :, :h, :width]"),
        ),
    ),
    Mistake(
        id="stride_ignored",
        says="ignores stride everywhere (always steps one pixel), so H' = 1 + H + 2*pad - HH",
        culprits=("conv2d_forward", "out", "conv2d_backward"),
        edit=replace(
            "    h_out = 1 + (h + 2 * pad - hh) // stride\n"
            "    w_out = 1 + (width + 2 * pad - ww) // stride",
            "    stride = 1\n"
            "    h_out = 1 + (h + 2 * pad - hh)\n"
            "    w_out = 1 + (width + 2 * pad - ww)",
        ),
    ),
    Mistake(
        id="stride_ignored_in_backward",
        says="conv2d_backward slides the window one pixel at a time (i, j) instead of i*stride, j*stride",
        culprits=("dx", "conv2d_backward"),
        edit=replace(
            "            rows = slice(i * stride, i * stride + hh)\n"
            "            cols = slice(j * stride, j * stride + ww)",
            "            rows = slice(i, i + hh)\n"
            "            cols = slice(j, j + ww)",
        ),
    ),
    Mistake(
        id="dxpad_sized_from_the_output",
        says="sizes the padded gradient from the output, (H' - 1) * stride + HH rows, so when the stride leaves rows "
             "unreached and pad is 0, dx is smaller than x",
        culprits=("dx",),
        edit=replace("    dxpad = np.zeros_like(xpad)\n",
                     "    dxpad = np.zeros(xpad.shape[:2] + ((h_out - 1) * stride + hh, (w_out - 1) * stride + ww))\n"),
    ),
]
