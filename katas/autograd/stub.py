"""A scalar reverse-mode autograd engine (micrograd style).

Read katas/autograd/README.md; grade with ``python grade.py --kata autograd``.
``__init__`` is written for you; fill in every method that raises.
"""
import math


class Value:
    """A scalar in a computation graph.

    ``data`` is its value (float), ``grad`` is d(output)/d(this value) after
    ``output.backward()`` (0.0 before). Supports ``+ - * /`` with Values or
    plain numbers on either side, ``-v``, ``v ** k`` for a plain number k, and
    the methods ``exp()``, ``log()``, ``tanh()``, ``relu()``.
    """

    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None  # set by the operation that created this node
        self._prev = tuple(_children)  # the Values this one was computed from
        self._op = _op  # a label, for debugging

    def __repr__(self):
        return f"Value(data={self.data}, grad={self.grad})"

    def __add__(self, other):
        """self + other (other: a Value or a plain number)."""
        raise NotImplementedError

    def __mul__(self, other):
        """self * other."""
        raise NotImplementedError

    def __pow__(self, k):
        """self ** k for a plain number k (int or float)."""
        raise NotImplementedError

    def exp(self):
        """e ** self."""
        raise NotImplementedError

    def log(self):
        """Natural logarithm of self (self.data > 0)."""
        raise NotImplementedError

    def tanh(self):
        """Hyperbolic tangent of self."""
        raise NotImplementedError

    def relu(self):
        """max(self, 0); its derivative at 0 is taken as 0."""
        raise NotImplementedError

    def __neg__(self):
        """-self."""
        raise NotImplementedError

    def __sub__(self, other):
        """self - other."""
        raise NotImplementedError

    def __truediv__(self, other):
        """self / other."""
        raise NotImplementedError

    def __radd__(self, other):
        """other + self, when other is a plain number."""
        raise NotImplementedError

    def __rmul__(self, other):
        """other * self, when other is a plain number."""
        raise NotImplementedError

    def __rsub__(self, other):
        """other - self, when other is a plain number."""
        raise NotImplementedError

    def __rtruediv__(self, other):
        """other / self, when other is a plain number."""
        raise NotImplementedError

    def backward(self):
        """Set self.grad = 1 and accumulate d(self)/d(node) into .grad of every node of the graph.

        Visits the nodes in reverse topological order, so each node's gradient is
        complete before it is passed on to its inputs.
        """
        raise NotImplementedError
