"""Hidden checks of autograd: comparisons with the reference Value on the same graphs."""
from hypothesis import given, strategies as st

from graders import assert_close

from . import kata
from .public import (
    BINARY, CONSTS, WITH_CONST, describe_program, grad_of, programs, run_floats, run_program, value_of,
)


def _compare(sub, ref, leaves, program, what):
    nodes = run_program(program, leaves, sub.Value)
    nodes[-1].backward()
    expected = run_program(program, leaves, ref.Value)
    expected[-1].backward()
    text = describe_program(program, len(leaves))
    for i, (got, exp) in enumerate(zip(nodes, expected)):
        name = f"x{i}" if i < len(leaves) else f"v{i - len(leaves)}"
        assert_close(value_of(got, name), exp.data, rtol=1e-9, name=f"{name}.data in {what} {text}, x = {leaves}")
        assert_close(grad_of(got, name), exp.grad, rtol=1e-9, atol=1e-10,
                     name=f"{name}.grad in {what} {text}, x = {leaves}")


@kata.check(points=3, hidden=True, max_examples=12)
@given(case=programs(max_ops=10))
def random_graphs_match_reference(sub, ref, case):
    """On random expression graphs, .data and .grad of every node match the reference"""
    _compare(sub, ref, *case, "the graph")


@kata.check(points=2, hidden=True, max_examples=8)
@given(depth=st.integers(3, 6), x=st.floats(0.2, 1.2), y=st.floats(-1.2, -0.2))
def shared_nodes_in_deep_graphs_match_reference(sub, ref, depth, x, y):
    """In deep graphs where every node feeds two later ones, every .grad matches the reference"""
    # v_{k+1} = v_k * c + (v_{k-1} * v_k).tanh(): each node is used by the next two steps
    program, prev, cur, n = [], 0, 1, 2
    for k in range(depth):
        program += [("mul", prev, cur), ("tanh", n, None), ("mulc", cur, 0.5 + 0.25 * k), ("add", n + 2, n + 1)]
        prev, cur, n = cur, n + 3, n + 4
    _compare(sub, ref, [x, y], program, "the chain")


@kata.check(points=1, hidden=True, max_examples=10)
@given(case=programs(min_ops=2, max_ops=5, ops=BINARY + WITH_CONST), c=st.sampled_from(CONSTS))
def plain_numbers_on_either_side_match_reference(sub, ref, case, c):
    """Graphs mixing Values with plain numbers on the left and the right match the reference"""
    leaves, program = case
    program = program + [("rsub", len(leaves) + len(program) - 1, c)]
    last = run_floats(program, leaves)[-1]
    if abs(last) >= 0.25 and abs(last) <= 50.0:  # keep c / v away from its pole
        program = program + [("rdiv", len(leaves) + len(program) - 1, c)]
    else:
        program = program + [("rmul", len(leaves) + len(program) - 1, c)]
    _compare(sub, ref, leaves, program, "the graph")


EDGE_GRAPHS = [
    ("x0.relu() * x1 with x0 = 0", lambda a, b: a.relu() * b, 0.0, -2.0),
    ("(x0 * x1).relu() + x0 with x0 * x1 = 0", lambda a, b: (a * b).relu() + a, 0.0, 1.5),
    ("x0 ** 0 * x1 + x0 ** 1", lambda a, b: a ** 0 * b + a ** 1, 1.5, -2.0),
    ("(x0 - x0) * x1 + x1 * x1", lambda a, b: (a - a) * b + b * b, 0.7, -1.1),
]


@kata.check(points=1, hidden=True, max_examples=1)
@given(st.just(None))
def edge_cases_match_reference(sub, ref, _):
    """relu at exactly 0, a ** 0, a ** 1 and a - a give the reference's .data and .grad"""
    for text, f, x0, x1 in EDGE_GRAPHS:
        got, expected = [(V(x0), V(x1)) for V in (sub.Value, ref.Value)]
        out, exp_out = f(*got), f(*expected)
        out.backward()
        exp_out.backward()
        for name, node, exp in [("out", out, exp_out), ("x0", got[0], expected[0]), ("x1", got[1], expected[1])]:
            assert_close(value_of(node, name), exp.data, name=f"{name}.data in {text}")
            assert_close(grad_of(node, name), exp.grad, name=f"{name}.grad in {text}")
