"""Known mistakes of the conv2d_fast kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="bias_gradient_mean",
        says="db averages dout over batch and pixels instead of summing",
        culprits=("db", "conv2d_backward"),
        edit=replace("db = dout.sum(axis=(0, 2, 3))", "db = dout.mean(axis=(0, 2, 3))"),
    ),
    Mistake(
        id="col2im_overwrites",
        says="col2im assigns (=) each patch instead of adding (+=), so overlapping receptive fields lose gradient",
        culprits=("dx", "col2im"),
        edit=replace("xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += c6[:, :, p, q]",
                "xp[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] = c6[:, :, p, q]"),
    ),
    Mistake(
        id="flipped_kernel",
        says="the kernel is flipped (true convolution) instead of cross-correlation",
        culprits=("out", "dx", "conv2d_forward"),
        edit=(
            replace("out = cols @ w.reshape(F, -1).T + b  # (N * H' * W', F)",
                    "out = cols @ w[:, :, ::-1, ::-1].reshape(F, -1).T + b  # (N * H' * W', F)"),
            replace("dw = (d2.T @ cols).reshape(w.shape)",
                    "dw = (d2.T @ cols).reshape(w.shape)[:, :, ::-1, ::-1]"),
            replace("dx = col2im(d2 @ w.reshape(F, -1), x_shape, HH, WW, stride, pad)",
                    "dx = col2im(d2 @ w[:, :, ::-1, ::-1].reshape(F, -1), x_shape, HH, WW, stride, pad)"),
        ),
    ),
    Mistake(
        id="im2col_columns_pqc",
        says="im2col orders the columns (p, q, c) while the weights are flattened (c, p, q)",
        culprits=("im2col", "out", "dx"),
        edit=(
            replace("return cols.transpose(0, 4, 5, 1, 2, 3).reshape(N * Ho * Wo, C * HH * WW)",
                    "return cols.transpose(0, 4, 5, 2, 3, 1).reshape(N * Ho * Wo, C * HH * WW)"),
            replace("c6 = cols.reshape(N, Ho, Wo, C, HH, WW).transpose(0, 3, 4, 5, 1, 2)",
                    "c6 = cols.reshape(N, Ho, Wo, HH, WW, C).transpose(0, 5, 3, 4, 1, 2)"),
        ),
    ),
    Mistake(
        id="loop_over_output_pixels",
        says="correct values, but forward and backward loop over every output pixel in Python (not vectorised)",
        culprits=("im2col", "col2im", "conv2d_forward"),
        edit=(
            replace_function("im2col", '''
                def im2col(x, HH, WW, stride=1, pad=0):
                    """x: (N, C, H, W) -> cols (N * H' * W', C * HH * WW), rows (n, i, j), columns (c, p, q)."""
                    N, C, H, W = x.shape
                    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
                    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
                    cols = np.empty((N * Ho * Wo, C * HH * WW))
                    for n in range(N):
                        for i in range(Ho):
                            for j in range(Wo):
                                cols[(n * Ho + i) * Wo + j] = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW].ravel()
                    return cols
            '''),
            replace_function("col2im", '''
                def col2im(cols, x_shape, HH, WW, stride=1, pad=0):
                    """cols (N * H' * W', C * HH * WW) -> (N, C, H, W), overlaps summed, padding dropped."""
                    N, C, H, W = x_shape
                    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
                    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
                    for n in range(N):
                        for i in range(Ho):
                            for j in range(Wo):
                                patch = cols[(n * Ho + i) * Wo + j].reshape(C, HH, WW)
                                xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += patch
                    return xp[:, :, pad:pad + H, pad:pad + W].copy()
            '''),
            replace_function("conv2d_forward", '''
                def conv2d_forward(x, w, b, stride=1, pad=0):
                    """x (N, C, H, W), w (F, C, HH, WW), b (F,) -> out (N, F, H', W'), cache."""
                    N, C, H, W = x.shape
                    F, _, HH, WW = w.shape
                    Ho, Wo = _out_size(H, W, HH, WW, stride, pad)
                    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
                    out = np.zeros((N, F, Ho, Wo))
                    for n in range(N):
                        for f in range(F):
                            for i in range(Ho):
                                for j in range(Wo):
                                    window = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                                    out[n, f, i, j] = np.sum(window * w[f]) + b[f]
                    return out, (x, w, stride, pad)
            '''),
            replace_function("conv2d_backward", '''
                def conv2d_backward(dout, cache):
                    """dout (N, F, H', W') -> dx (N, C, H, W), dw (F, C, HH, WW), db (F,)."""
                    x, w, stride, pad = cache
                    N, C, H, W = x.shape
                    F, _, HH, WW = w.shape
                    _, _, Ho, Wo = dout.shape
                    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
                    dxp = np.zeros_like(xp)
                    dw = np.zeros_like(w)
                    for n in range(N):
                        for f in range(F):
                            for i in range(Ho):
                                for j in range(Wo):
                                    window = xp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW]
                                    dw[f] += dout[n, f, i, j] * window
                                    dxp[n, :, i * stride:i * stride + HH, j * stride:j * stride + WW] += dout[n, f, i, j] * w[f]
                    db = dout.sum(axis=(0, 2, 3))
                    return dxp[:, :, pad:pad + H, pad:pad + W].copy(), dw, db
            '''),
        ),
    ),
    Mistake(
        id="col2im_crop_pad_minus_pad",
        says="col2im cuts the padding off with xp[:, :, pad:-pad, pad:-pad], which is empty when pad == 0",
        culprits=("col2im", "dx"),
        edit=replace("return xp[:, :, pad:pad + H, pad:pad + W].copy()", "return xp[:, :, pad:-pad, pad:-pad].copy()"),
    ),
]
