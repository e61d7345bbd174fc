"""Public checks of autograd: forward values, textbook derivatives, accumulation, random graphs vs numerical."""
import math

import numpy as np
from hypothesis import given, strategies as st

from graders import assert_close, assert_scalar, fail, strategies as kst

from . import kata

BINARY = ("add", "sub", "mul", "div")
WITH_CONST = ("addc", "subc", "mulc", "divc", "radd", "rsub", "rmul", "rdiv")
UNARY = ("neg", "exp", "log", "tanh", "relu", "pow")
CONSTS = (-2.0, -0.5, 0.5, 1.5, 3.0)
EXPONENTS = (2, 3, -1, 0.5, 1.5, -2)
SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


# -- expression programs: a list of steps over numbered nodes, leaves first ---------------------

def _apply(step, nodes, lift):
    """The value of one step; ``nodes`` are Values (handles) or floats; ``lift`` is unused for handles."""
    op, a, b = step
    if op in BINARY:
        x, y = nodes[a], nodes[b]
        return {"add": lambda: x + y, "sub": lambda: x - y, "mul": lambda: x * y, "div": lambda: x / y}[op]()
    if op in WITH_CONST:
        x, c = nodes[a], b
        return {"addc": lambda: x + c, "subc": lambda: x - c, "mulc": lambda: x * c, "divc": lambda: x / c,
                "radd": lambda: c + x, "rsub": lambda: c - x, "rmul": lambda: c * x, "rdiv": lambda: c / x}[op]()
    x = nodes[a]
    if op == "neg":
        return -x
    if op == "pow":
        return x ** b
    if isinstance(x, float):
        return {"exp": math.exp, "log": math.log, "tanh": math.tanh, "relu": lambda v: max(v, 0.0)}[op](x)
    return getattr(x, op)()


def run_program(program, leaves, make):
    """Build every node: ``make(value)`` makes a leaf; returns the list of nodes (the output is the last)."""
    nodes = [make(v) for v in leaves]
    for step in program:
        nodes.append(_apply(step, nodes, make))
    return nodes


def run_floats(program, leaves):
    return [float(v) for v in run_program(program, [float(v) for v in leaves], float)]


def describe_program(program, n_leaves):
    names = [f"x{i}" for i in range(n_leaves)]
    lines = []
    for k, (op, a, b) in enumerate(program):
        name = f"v{k}"
        if op in BINARY:
            text = f"{names[a]} {SYMBOL[op]} {names[b]}"
        elif op in ("addc", "subc", "mulc", "divc"):
            text = f"{names[a]} {SYMBOL[op[:-1]]} {b!r}"
        elif op in ("radd", "rsub", "rmul", "rdiv"):
            text = f"{b!r} {SYMBOL[{'radd': 'add', 'rsub': 'sub', 'rmul': 'mul', 'rdiv': 'div'}[op]]} {names[a]}"
        elif op == "neg":
            text = f"-{names[a]}"
        elif op == "pow":
            text = f"{names[a]} ** {b!r}"
        else:
            text = f"{names[a]}.{op}()"
        lines.append(f"{name} = {text}")
        names.append(name)
    return "; ".join(lines)


def _safe(op, args, value):
    """Is this step well-conditioned (no kink, pole or overflow near the drawn values)?"""
    if not isinstance(value, float) or not math.isfinite(value) or abs(value) > 50.0:
        return False
    if op in ("div", "rdiv"):
        return abs(args[-1]) >= 0.25
    if op == "log":
        return args[0] >= 0.25
    if op == "relu":
        return abs(args[0]) >= 0.05
    if op == "exp":
        return args[0] <= 3.0
    if op == "pow":
        base, k = args
        return base >= 0.25 if float(k) != int(k) else (k > 0 or abs(base) >= 0.25)
    return True


@st.composite
def programs(draw, min_ops=3, max_ops=9, ops=BINARY + WITH_CONST + UNARY):
    """(leaves, program): 2-4 leaves and a random, well-conditioned expression graph over them.

    Operands favour recent nodes; every node left unused is added into the output at the end,
    so every node influences the output.
    """
    rng = kst.rng_from(draw(kst.seeds()))
    n_leaves = draw(st.integers(2, 4))
    leaves = [float(v) for v in np.round(rng.choice([-1.0, 1.0], n_leaves) * rng.uniform(0.3, 2.0, n_leaves), 3)]
    values = [float(v) for v in leaves]
    program = []
    n_ops = draw(st.integers(min_ops, max_ops))

    def pick():
        n = len(values)
        return draw(st.integers(max(0, n - 4), n - 1)) if draw(st.booleans()) else draw(st.integers(0, n - 1))

    for _ in range(n_ops):
        op = draw(st.sampled_from(ops))
        a = pick()
        if op in BINARY:
            b = pick()
            args = (values[a], values[b])
        elif op in WITH_CONST:
            b = draw(st.sampled_from(CONSTS))
            args = (values[a], b) if op != "rdiv" else (b, values[a])
        elif op == "pow":
            b = draw(st.sampled_from(EXPONENTS))
            args = (values[a], b)
        else:
            b = None
            args = (values[a],)
        step = (op, a, b)
        try:
            value = _apply(step, values, float)
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            value = math.nan
        if not _safe(op, args, value):
            step = ("tanh", a, None)
            value = math.tanh(values[a])
        program.append(step)
        values.append(value)
    used = {s[1] for s in program} | {s[2] for s in program if s[0] in BINARY}
    sinks = [i for i in range(n_leaves, len(values)) if i not in used]
    out = sinks[0]
    for s in sinks[1:]:
        program.append(("add", out, s))
        values.append(values[out] + values[s])
        out = len(values) - 1
    return leaves, program


def numerical_leaf_gradients(program, leaves, h=1e-6):
    grads = []
    for i in range(len(leaves)):
        plus, minus = list(leaves), list(leaves)
        plus[i] += h
        minus[i] -= h
        grads.append((run_floats(program, plus)[-1] - run_floats(program, minus)[-1]) / (2 * h))
    return grads


def value_of(node, what):
    return assert_scalar(getattr(node, "data"), name=f"{what}.data")


def grad_of(node, what):
    return assert_scalar(getattr(node, "grad"), name=f"{what}.grad")


# -- checks --------------------------------------------------------------------------------------

FORWARD_CASES = [
    ("a + b", lambda a, b: a + b, -1.0), ("a - b", lambda a, b: a - b, 5.0), ("a * b", lambda a, b: a * b, -6.0),
    ("a / b", lambda a, b: a / b, -2.0 / 3.0), ("-a", lambda a, b: -a, -2.0), ("a ** 3", lambda a, b: a ** 3, 8.0),
    ("a ** 0.5", lambda a, b: a ** 0.5, math.sqrt(2.0)), ("b ** -1", lambda a, b: b ** -1, -1.0 / 3.0),
    ("a.exp()", lambda a, b: a.exp(), math.exp(2.0)), ("a.log()", lambda a, b: a.log(), math.log(2.0)),
    ("b.tanh()", lambda a, b: b.tanh(), math.tanh(-3.0)), ("a.relu()", lambda a, b: a.relu(), 2.0),
    ("b.relu()", lambda a, b: b.relu(), 0.0), ("a + 1.5", lambda a, b: a + 1.5, 3.5), ("1.5 + a", lambda a, b: 1.5 + a, 3.5),
    ("a - 1.5", lambda a, b: a - 1.5, 0.5), ("1.5 - a", lambda a, b: 1.5 - a, -0.5), ("a * 4", lambda a, b: a * 4, 8.0),
    ("4 * a", lambda a, b: 4 * a, 8.0), ("a / 4", lambda a, b: a / 4, 0.5), ("4 / a", lambda a, b: 4 / a, 2.0),
]


@kata.check(points=2, max_examples=1)
@given(st.just(None))
def operations_compute_the_right_data(sub, ref, _):
    """Every operation computes the right .data, with Values or plain numbers on either side"""
    for text, f, expected in FORWARD_CASES:
        a, b = sub.Value(2.0), sub.Value(-3.0)
        assert_close(value_of(f(a, b), text), expected, name=f"({text}).data with a = Value(2.0), b = Value(-3.0)")


DERIVATIVE_CASES = [
    # text, f, a, b, (da, db)
    ("a + b", lambda a, b: a + b, 2.0, -3.0, (1.0, 1.0)),
    ("a - b", lambda a, b: a - b, 2.0, -3.0, (1.0, -1.0)),
    ("a * b", lambda a, b: a * b, 2.0, -3.0, (-3.0, 2.0)),
    ("a / b", lambda a, b: a / b, 2.0, -3.0, (-1.0 / 3.0, -2.0 / 9.0)),
    ("a ** 3", lambda a, b: a ** 3, 2.0, -3.0, (12.0, 0.0)),
    ("a ** 0.5", lambda a, b: a ** 0.5, 2.0, -3.0, (0.5 / math.sqrt(2.0), 0.0)),
    ("a.exp() * b", lambda a, b: a.exp() * b, 0.5, -3.0, (-3.0 * math.exp(0.5), math.exp(0.5))),
    ("a.log() * b", lambda a, b: a.log() * b, 2.0, -3.0, (-1.5, math.log(2.0))),
    ("a.tanh() * b", lambda a, b: a.tanh() * b, 0.7, -3.0, (-3.0 * (1 - math.tanh(0.7) ** 2), math.tanh(0.7))),
    ("a.relu() * b", lambda a, b: a.relu() * b, 2.0, -3.0, (-3.0, 2.0)),
    ("b.relu() * a", lambda a, b: b.relu() * a, 2.0, -3.0, (0.0, 0.0)),
    ("-a * b", lambda a, b: -a * b, 2.0, -3.0, (3.0, -2.0)),
    ("(1.5 - a) * b", lambda a, b: (1.5 - a) * b, 2.0, -3.0, (3.0, -0.5)),
    ("(4 / a) * b", lambda a, b: (4 / a) * b, 2.0, -3.0, (3.0, 2.0)),
    ("(2 + a) * (3 * b)", lambda a, b: (2 + a) * (3 * b), 2.0, -3.0, (-9.0, 12.0)),
    # edge cases: relu at exactly 0 (derivative 0), a ** 1, a ** 0, a - a
    ("a.relu() * b", lambda a, b: a.relu() * b, 0.0, -3.0, (0.0, 0.0)),
    ("a ** 1 * b", lambda a, b: a ** 1 * b, 2.0, -3.0, (-3.0, 2.0)),
    ("a ** 0 * b", lambda a, b: a ** 0 * b, 2.0, -3.0, (0.0, 1.0)),
    ("(a - a) * b + b", lambda a, b: (a - a) * b + b, 2.0, -3.0, (0.0, 1.0)),
]


@kata.check(points=2, max_examples=1)
@given(st.just(None))
def backward_gives_textbook_derivatives(sub, ref, _):
    """backward() gives the textbook derivative of each operation, and out.grad = 1"""
    leaf = sub.Value(5.0)
    leaf.backward()
    assert_close(grad_of(leaf, "a"), 1.0, name="a.grad after a = Value(5.0); a.backward() (a leaf no operation used)")
    for text, f, av, bv, (da, db) in DERIVATIVE_CASES:
        a, b = sub.Value(av), sub.Value(bv)
        out = f(a, b)
        out.backward()
        where = f"after out = {text} with a = Value({av}), b = Value({bv}); out.backward()"
        assert_close(grad_of(out, "out"), 1.0, name=f"out.grad {where}")
        assert_close(grad_of(a, "a"), da, name=f"a.grad {where}")
        assert_close(grad_of(b, "b"), db, name=f"b.grad {where}")


@kata.check(points=2, max_examples=10)
@given(x=st.floats(0.3, 2.0))
def a_value_used_twice_accumulates(sub, ref, x):
    """A Value used several times receives the sum of the gradients of all its uses"""
    cases = [
        ("a * a", lambda a: a * a, 2 * x),
        ("a + a", lambda a: a + a, 2.0),
        ("b = a * 3; b * b + b", lambda a: (lambda b: b * b + b)(a * 3), 18 * x + 3),
        ("b = a.tanh(); b * a + b", lambda a: (lambda b: b * a + b)(a.tanh()),
         (1 - math.tanh(x) ** 2) * (x + 1) + math.tanh(x)),
    ]
    for text, f, expected in cases:
        a = sub.Value(x)
        out = f(a)
        out.backward()
        assert_close(grad_of(a, "a"), expected, rtol=1e-9,
                     name=f"a.grad after out = {text} with a = Value({x!r}); out.backward() (use += to accumulate)")


@kata.check(points=3, max_examples=12)
@given(case=programs())
def random_graphs_match_numerical_derivatives(sub, ref, case):
    """On random expression graphs, every input's .grad matches the numerical derivative"""
    leaves, program = case
    nodes = run_program(program, leaves, sub.Value)
    out = nodes[-1]
    out.backward()
    text = describe_program(program, len(leaves))
    expected = run_floats(program, leaves)[-1]
    assert_close(value_of(out, "output"), expected, rtol=1e-9, name=f"output .data of {text} with x = {leaves}")
    numeric = numerical_leaf_gradients(program, leaves)
    for i, g in enumerate(numeric):
        got = grad_of(nodes[i], f"x{i}")
        if abs(got - g) > 1e-6 + 1e-5 * abs(g):
            fail(f"x{i}.grad is {got:.10g} but the numerical derivative of the output is {g:.10g}, for the graph "
                 f"{text} (the output is the last node) with x = {leaves}. Check the derivative of each operation "
                 "used, that gradients are accumulated with +=, and that backward() visits nodes in reverse "
                 "topological order.")
