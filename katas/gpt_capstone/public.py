"""Public checks of the gpt_capstone kata: shapes, causality, positions, the loss and its gradients,
training on the shipped poem, and reproducible generation."""
from functools import lru_cache
from pathlib import Path

import numpy as np
from hypothesis import given, strategies as st

from graders import (assert_array, assert_close, assert_equal, assert_scalar, check_gradients, diagnosis,
                     expect_tuple, fail, strategies as kst, within)

from . import kata

MATRICES = {"embed": ("vocab", "width"), "Wq": ("width", "width"), "Wk": ("width", "width"),
            "Wv": ("width", "width"), "Wo": ("width", "width"), "W1": ("width", "hidden"), "b1": ("hidden",),
            "W2": ("hidden", "width"), "b2": ("width",), "W_out": ("width", "vocab")}
NORMS = ("ln1", "ln2", "lnf")
LOSS_BOUND = 2.1          # mean of the last 20 training losses; uniform guessing is log(28) = 3.33


@lru_cache(maxsize=1)
def corpus():
    """The shipped poem, its vocabulary (sorted characters, as one str) and the config the checks train with."""
    text = Path(__file__).with_name("corpus.txt").read_text(encoding="utf-8")
    vocab = "".join(sorted(set(text)))
    return text, vocab, {"vocab": len(vocab), "context": 12, "width": 16, "heads": 2, "hidden": 32}


def shapes(config):
    out = {name: tuple(config[a] for a in axes) for name, axes in MATRICES.items()}
    for ln in NORMS:
        out[f"{ln}_gamma"] = out[f"{ln}_beta"] = (config["width"],)
    return out


def params_of(got, config, call):
    want = shapes(config)
    if not isinstance(got, dict) or set(got) != set(want):
        fail(f"{call} should return a dict with the keys {sorted(want)}, got "
             f"{sorted(got) if isinstance(got, dict) else type(got).__name__}.")
    return {k: assert_array(got[k], name=f"{call}[{k!r}]", shape=s) for k, s in want.items()}


def random_params(config, rng, scale=0.5):
    """Parameters big enough that every layer matters (init_gpt's are tiny on purpose)."""
    params = {k: rng.normal(0, scale, s) for k, s in shapes(config).items()}
    for ln in NORMS:
        params[f"{ln}_gamma"] = 1 + rng.normal(0, 0.3, config["width"])
    return params


@st.composite
def tiny_cases(draw):
    """A tiny config, random parameters, tokens and targets."""
    rng = kst.rng_from(draw(kst.seeds()))
    heads = draw(kst.dims(1, 2))
    dh = 3 if heads == 1 else 2          # width 3 or 4: a layer norm over 2 features is nearly constant
    config = {"vocab": draw(kst.dims(2, 5)), "context": 4, "width": heads * dh, "heads": heads,
              "hidden": draw(kst.dims(1, 4))}
    n, t = draw(kst.dims(1, 2)), draw(kst.dims(1, 4))
    return {"config": config, "params": random_params(config, rng),
            "idx": rng.integers(0, config["vocab"], (n, t)), "targets": rng.integers(0, config["vocab"], (n, t))}


def describe(case):
    return f"config {case['config']}, idx {case['idx'].tolist()}"


def logits_of(sub, case, **changes):
    case = {**case, **changes}
    logits, cache = expect_tuple(sub.gpt_forward(case["idx"], case["params"], case["config"]), ["logits", "cache"],
                                 call="gpt_forward")
    n, t = case["idx"].shape
    return assert_array(logits, name="gpt_forward: logits", shape=(n, t, case["config"]["vocab"])), cache


def loss_of(sub, case, **changes):
    case = {**case, **changes}
    loss, grads = expect_tuple(sub.gpt_loss(case["idx"], case["targets"], case["params"], case["config"]),
                               ["loss", "grads"], call="gpt_loss")
    return assert_scalar(loss, name="gpt_loss: loss"), params_of(grads, case["config"], "gpt_loss(...)[1]")


@kata.check(points=1)
@given(seed=kst.seeds())
def init_has_every_parameter(sub, ref, seed):
    """init_gpt returns every parameter with its shape: small random matrices, gammas 1, betas and biases 0"""
    _, _, config = corpus()
    params = params_of(sub.init_gpt(config, seed), config, f"init_gpt(config, {seed})")
    for k, value in params.items():
        if k.endswith("gamma"):
            within(f"init_gpt: {k} starts at 1.", assert_close, value, np.ones(value.shape), name=k)
        elif k.endswith("beta") or k in ("b1", "b2"):
            within(f"init_gpt: {k} starts at 0.", assert_close, value, np.zeros(value.shape), name=k)
        elif not 0.01 < value.std() < 0.04:
            fail(f"init_gpt(config, {seed}): {k} should be drawn from N(0, 0.02^2); its standard deviation is "
                 f"{value.std():.4f}.")


@kata.check(points=1)
@given(T=kst.dims(1, 12), half=kst.dims(1, 8))
def positional_encoding_by_hand(sub, ref, T, half):
    """positional_encoding(T, d) is the interleaved sinusoidal encoding of the positional_encoding kata"""
    d = 2 * half
    j = np.arange(d)
    angles = np.arange(T)[:, None] / 10000.0 ** (2 * (j // 2) / d)
    within(f"positional_encoding({T}, {d}): column j is sin (j even) or cos (j odd) of pos / 10000 ** (2 (j // 2) / d).",
           assert_close, sub.positional_encoding(T, d), np.where(j % 2 == 0, np.sin(angles), np.cos(angles)),
           name="encoding")


@kata.check(points=2)
@given(case=tiny_cases(), seed=kst.seeds())
def later_tokens_do_not_change_earlier_logits(sub, ref, case, seed):
    """Causal: changing the tokens after position t leaves the logits at 0..t unchanged (and the later ones move)"""
    idx = case["idx"]
    if idx.shape[1] < 2:
        idx = np.concatenate([idx, idx], axis=1)
    logits, _ = logits_of(sub, case, idx=idx)
    t = kst.rng_from(seed).integers(0, idx.shape[1] - 1)
    changed = idx.copy()
    changed[:, t + 1:] = (changed[:, t + 1:] + 1) % case["config"]["vocab"]
    new_logits, _ = logits_of(sub, case, idx=changed)
    within(f"gpt_forward on {describe({**case, 'idx': idx})}, then with the tokens after position {t} changed to "
           f"{changed.tolist()}: the logits at positions 0..{t} may only depend on tokens 0..{t} (the causal mask).",
           assert_close, new_logits[:, :t + 1], logits[:, :t + 1], name=f"logits[:, :{t + 1}]")


@kata.check(points=1)
@given(case=tiny_cases())
def the_same_token_at_two_positions_differs(sub, ref, case):
    """The same token repeated gives different logits at different positions: the positional encoding is added"""
    idx = np.full((1, 4), int(case["idx"][0, 0]))
    logits, _ = logits_of(sub, case, idx=idx)
    if np.allclose(logits[0, 1:], logits[0, :1], atol=1e-9):
        fail(f"gpt_forward on {describe({**case, 'idx': idx})}: the four positions hold the same token, and attention "
             "over identical tokens averages identical values, so only the positional encoding (added to the "
             "embeddings: x = embed[idx] + positional_encoding(T, E)) can make their logits differ. Yours are equal.")


def one_token_by_hand(token, p, position=0):
    """The model on a single token (attention over one key returns its value), at ``position``."""
    return logits_by_hand(np.array([[token]]), p, 1, start=position)[0, 0]


@kata.check(points=2)
@given(case=tiny_cases())
def a_single_token_worked_out_by_hand(sub, ref, case):
    """On a single token the model is worked out by hand: embedding + position 0, the block, the final norm"""
    token = int(case["idx"][0, 0])
    logits, _ = logits_of(sub, case, idx=np.array([[token]]))
    within(f"gpt_forward on the single token [[{token}]] with config {case['config']}: "
           "x0 = embed[token] + positional_encoding(1, E)[0] = embed[token] + [0, 1, 0, 1, ...] (position 0); "
           "attention over one key returns its value, so x1 = x0 + LN1(x0) @ Wv @ Wo; then "
           "x2 = x1 + relu(LN2(x1) @ W1 + b1) @ W2 + b2 and logits = LNf(x2) @ W_out.",
           assert_close, logits[0, 0], one_token_by_hand(token, case["params"]), name="logits[0, 0]",
           mistakes={"the positions start at 1: the first token is at position 0":
                     lambda: one_token_by_hand(token, case["params"], position=1),
                     "the positional encoding is not added": lambda: one_token_by_hand_without_position(token, case)})


def one_token_by_hand_without_position(token, case):
    E = case["params"]["embed"].shape[1]
    shifted = {**case["params"], "embed": case["params"]["embed"] - np.where(np.arange(E) % 2 == 0, 0.0, 1.0)}
    return one_token_by_hand(token, shifted)


ORDER = ["W_out", "lnf_gamma", "lnf_beta", "W2", "b2", "W1", "b1", "ln2_gamma", "ln2_beta", "Wo", "Wv", "Wk", "Wq",
         "ln1_gamma", "ln1_beta", "embed"]


def logits_by_hand(idx, p, heads, features=False, start=0):
    """The statement's model written out (heads on consecutive columns, causal): logits (N, T, V), or LNf's output.

    ``start`` is the first position (0 in the statement; 1 shows a known mistake)."""
    N, T = idx.shape
    E = p["embed"].shape[1]
    j = np.arange(E)
    angles = np.arange(start, start + T)[:, None] / 10000.0 ** (2 * (j // 2) / E)

    def ln(x, name):
        mu, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-5) * p[f"{name}_gamma"] + p[f"{name}_beta"]

    x0 = p["embed"][idx] + np.where(j % 2 == 0, np.sin(angles), np.cos(angles))
    a = ln(x0, "ln1")
    q, k, v, d = a @ p["Wq"], a @ p["Wk"], a @ p["Wv"], E // heads
    future = np.triu(np.ones((T, T), dtype=bool), 1)
    outputs = []
    for h in range(heads):
        cols = slice(h * d, (h + 1) * d)
        scores = np.where(future, -np.inf, q[..., cols] @ np.swapaxes(k[..., cols], 1, 2) / np.sqrt(d))
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        outputs.append(weights / weights.sum(axis=-1, keepdims=True) @ v[..., cols])
    x1 = x0 + np.concatenate(outputs, axis=-1) @ p["Wo"]
    x2 = x1 + np.maximum(ln(x1, "ln2") @ p["W1"] + p["b1"], 0) @ p["W2"] + p["b2"]
    return ln(x2, "lnf") if features else ln(x2, "lnf") @ p["W_out"]


def log_probs_by_hand(case, params=None):
    logits = logits_by_hand(case["idx"], params or case["params"], case["config"]["heads"])
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


@kata.check(points=2, max_examples=4)
@given(case=tiny_cases())
def loss_is_mean_cross_entropy_of_the_logits(sub, ref, case):
    """gpt_loss is the mean over (n, t) of -log softmax(logits)[target], and its grads are that loss's gradients"""
    loss, grads = loss_of(sub, case)
    # the statement's model and loss written out here, not the learner's gpt_forward and gpt_backward: a wrong
    # forward or backward must fail its own check, not a gpt_loss that does it right
    n, t = np.meshgrid(*map(np.arange, case["idx"].shape), indexing="ij")
    targets = case["targets"]
    picked = log_probs_by_hand(case)[n, t, targets]
    within(f"gpt_loss on {describe(case)}, targets {targets.tolist()}: the mean over every sequence and "
           "position of -log softmax(logits)[target], with the statement's model's logits.", assert_close, loss,
           float(-picked.mean()), name="loss",
           mistakes={"the loss is summed over the positions and averaged over the sequences only":
                     float(-picked.sum(axis=1).mean())})
    dlogits = np.exp(log_probs_by_hand(case))
    dlogits[n, t, targets] -= 1
    features = logits_by_hand(case["idx"], case["params"], case["config"]["heads"], features=True)
    expected = np.einsum("nte,ntv->ev", features, dlogits / case["idx"].size)
    within(f"gpt_loss on {describe(case)}: its gradients are gpt_backward of dlogits = (softmax - one_hot) / (N T); "
           "dW_out = LNf(x2)^T dlogits is written out here.", assert_close, grads["W_out"], expected, name="dW_out",
           mistakes={"the gradients are not divided by N T": expected * case["idx"].size})
    within(f"gpt_loss on {describe(case)}: each gradient against the numerical derivative of the statement's loss "
           "(computed in this check) along a random direction.", check_gradients,
           lambda *values: np.array([-log_probs_by_hand(case, dict(zip(ORDER, values)))[n, t, targets].mean()]),
           [case["params"][k] for k in ORDER], [grads[k] for k in ORDER], np.array([1.0]),
           names=[f"d{k}" for k in ORDER], max_elementwise=0, n_directions=1, tol=1e-5)


@kata.check(points=4, max_examples=3)
@diagnosis(r"(?m)^d(ln\d_gamma|ln\d_beta|W2|b2|W1|b1|Wo|Wq|Wk|Wv|embed) does not match", "The gradients of the layers above "
           "it are right (they are checked first, from the output back). Common causes: a layer norm's backward "
           "that treats the mean and variance as constants; a residual branch whose gradient is not added to the "
           "skip path's (x + f(x) sends dout to both); embedding rows looked up twice (np.add.at accumulates).")
@given(case=tiny_cases())
def gradients_match_numerical_gradient_of_your_loss(sub, ref, case):
    """gpt_loss's gradients agree with the numerical gradient of your own loss, every parameter, from the output back"""
    _, grads = loss_of(sub, case)

    def loss(*values):
        return np.array([loss_of(sub, case, params=dict(zip(ORDER, values)))[0]])

    within(f"gpt_loss on {describe(case)}:", check_gradients, loss, [case["params"][k] for k in ORDER],
           [grads[k] for k in ORDER], np.array([1.0]), names=[f"d{k}" for k in ORDER], max_elementwise=4,
           n_directions=2, tol=1e-5)


@kata.check(points=2, max_examples=2)
@given(case=tiny_cases())
def backward_matches_numerical_gradient_of_your_forward(sub, ref, case):
    """gpt_backward agrees with the numerical gradient of your gpt_forward, every parameter, from the output back"""
    _, cache = logits_of(sub, case)
    dlogits = kst.rng_from(int(case["idx"].sum())).normal(0, 1, (*case["idx"].shape, case["config"]["vocab"]))
    grads = params_of(sub.gpt_backward(dlogits, cache), case["config"], "gpt_backward(dlogits, cache)")

    def logits(*values):
        return logits_of(sub, case, params=dict(zip(ORDER, values)))[0]

    within(f"gpt_backward on {describe(case)} and a random dlogits:", check_gradients, logits,
           [case["params"][k] for k in ORDER], [grads[k] for k in ORDER], dlogits, names=[f"d{k}" for k in ORDER],
           max_elementwise=0, n_directions=1, tol=1e-5)


@kata.check(points=3)
@diagnosis(r"(NaN|Inf)", "Training diverged: check Adam (bias-corrected moments, the square root, eps after it) "
           "and that the loss and its gradients are means over N * T.")
def training_on_the_poem_lowers_the_loss(sub, ref):
    """train_gpt on the shipped poem: 200 steps start near log(28) = 3.33 and end below 2.1 (the last 20 steps' mean)"""
    text, vocab, config = corpus()
    params, losses = expect_tuple(sub.train_gpt(text, config, 0), ["params", "losses"], call="train_gpt")
    params_of(params, config, "train_gpt(text, config, 0)[0]")
    losses = assert_array(np.asarray(losses, dtype=float), name="train_gpt: losses (one per step)", shape=(200,))
    within(f"train_gpt(poem, {config}, seed=0): the first loss, with init_gpt's tiny weights, is close to "
           f"log(V) = log({len(vocab)}).", assert_close, losses[0], float(np.log(len(vocab))), name="losses[0]",
           rtol=0.03)
    if not losses[-20:].mean() < LOSS_BOUND:
        fail(f"train_gpt(poem, {config}, seed=0): the mean loss of the last 20 of 200 steps is "
             f"{losses[-20:].mean():.3f}; it should be below {LOSS_BOUND} (the reference: about 1.66). Losses every "
             f"20 steps: {np.round(losses[::20], 3).tolist()}. If your gradients pass their check, look at the update: "
             "Adam with bias-corrected moments (m / (1 - 0.9^t), v / (1 - 0.999^t)) and step size lr.")


@kata.check(points=2)
@given(case=tiny_cases(), seed=kst.seeds(), temperature=st.sampled_from((1.0, 0.7)))
def generation_is_reproducible_and_stays_in_the_vocabulary(sub, ref, case, seed, temperature):
    """generate returns the prompt and n_new characters of the vocabulary, the same text for the same seed"""
    config = case["config"]
    vocab = "abcde"[:config["vocab"]]
    prompt = "".join(vocab[i] for i in case["idx"][0])
    call = f"generate(params, {config}, {vocab!r}, {prompt!r}, 7, seed={seed}, temperature={temperature})"
    text = sub.generate(case["params"], config, vocab, prompt, 7, seed, temperature)
    if not isinstance(text, str) or len(text) != len(prompt) + 7 or not text.startswith(prompt) \
            or set(text) - set(vocab):
        fail(f"{call} should return a str: the prompt followed by 7 characters of the vocabulary; got {text!r}.")
    within(f"{call}, called twice: the same seed gives the same text (np.random.default_rng(seed), made once).",
           assert_equal, sub.generate(case["params"], config, vocab, prompt, 7, seed, temperature), text,
           name="text")


@kata.check(points=2)
@given(case=tiny_cases())
def greedy_generation_follows_the_logits(sub, ref, case):
    """With temperature 0 each new character is the argmax of the logits at the last of the last `context` tokens"""
    config = case["config"]
    vocab = "abcde"[:config["vocab"]]
    prompt = "".join(vocab[i] for i in case["idx"][0]) * 2          # longer than the context, sometimes
    text = sub.generate(case["params"], config, vocab, prompt, 3, 0, 0.0)
    expected = prompt
    for _ in range(3):
        window = np.array([[vocab.index(c) for c in expected[-config["context"]:]]])
        # the statement's model written out, not the learner's gpt_forward: a wrong forward must fail its own
        # checks, not a generate that is right
        logits = logits_by_hand(window, case["params"], config["heads"])
        expected += vocab[int(np.argmax(logits[0, -1]))]
    within(f"generate(params, {config}, {vocab!r}, {prompt!r}, 3, seed=0, temperature=0): each step runs the "
           f"model on the last {config['context']} tokens at most (the context) and appends the argmax of "
           "the last position's logits.", assert_equal, text, expected, name="text")


WORKED_CONFIG = {"vocab": 5, "context": 4, "width": 4, "heads": 2, "hidden": 3}
WORKED_IDX = np.array([[1, 3, 0, 3], [4, 4, 2, 1]])


@kata.frozen
def worked_forward(ref):
    """Fixed parameters of a 2-head model on two sequences of 4 tokens, and the reference's logits."""
    params = random_params(WORKED_CONFIG, np.random.default_rng(11))
    logits, _ = ref.gpt_forward(WORKED_IDX, params, WORKED_CONFIG)
    return {"params": params, "logits": logits}


@kata.check(points=1)
def logits_of_a_worked_example(sub, ref):
    """gpt_forward gives the expected logits on a fixed 2-head model and two sequences of 4 tokens"""
    worked = kata.frozen_value("worked_forward")
    logits, _ = logits_of(sub, {"config": WORKED_CONFIG, "params": worked["params"], "idx": WORKED_IDX})
    within(f"gpt_forward on the worked example (config {WORKED_CONFIG}, idx {WORKED_IDX.tolist()}, fixed parameters): "
           "with 2 heads of width dh = 2 each head scales its scores by 1/sqrt(dh), not 1/sqrt(E); position t "
           "attends to 0..t.", assert_close, logits, worked["logits"], name="logits")


TRAIN_SEED, TRAIN_STEPS = 5, 2


@kata.frozen
def first_training_steps(ref):
    """The reference's train_gpt on the poem, seed 5, 2 steps: the two losses and the parameters after them."""
    text, _, config = corpus()
    params, losses = ref.train_gpt(text, config, TRAIN_SEED, TRAIN_STEPS)
    return {"params": params, "losses": [float(v) for v in losses]}


def assert_first_training_steps(sub, seed, steps, expected_losses, expected_params):
    """train_gpt(poem, config, seed, steps) gives expected_losses (steps,) and expected_params (name -> array):
    the first loss first (init and the first batch), then all the losses (the batches), then the parameters (Adam)."""
    text, _, config = corpus()
    call = f"train_gpt(poem, {config}, seed={seed}, steps={steps})"
    params, losses = expect_tuple(sub.train_gpt(text, config, seed, steps), ["params", "losses"], call="train_gpt")
    params = params_of(params, config, f"{call}[0]")
    batches = ("the batches: rng = np.random.default_rng(seed + 1), then starts = rng.integers(0, len(text) - T, "
               "batch_size) at every step")
    adam = ("the update: Adam with beta1 = 0.9, beta2 = 0.999, bias-corrected moments and eps = 1e-8 added after "
            "the square root, step size lr")
    within(f"{call}: the first loss depends only on init_gpt(config, seed) and the first batch; look at {batches}.",
           assert_close, float(np.asarray(losses, dtype=float)[0]), float(expected_losses[0]), name="losses[0]")
    within(f"{call}: the first loss is right; the later ones depend on {batches}, and on {adam}.",
           assert_close, np.asarray(losses, dtype=float), np.asarray(expected_losses, dtype=float), name="losses")
    for k, value in expected_params.items():
        within(f"{call}: the losses match, so the batches are right; look at {adam}.",
               assert_close, params[k], value, name=k)


@kata.check(points=2)
def first_training_steps_follow_the_procedure(sub, ref):
    """train_gpt's first 2 steps (seed 5) give the expected losses and parameters: the batches and Adam of the README"""
    expected = kata.frozen_value("first_training_steps")
    assert_first_training_steps(sub, TRAIN_SEED, TRAIN_STEPS, expected["losses"], expected["params"])
