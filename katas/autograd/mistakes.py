"""Known mistakes of the autograd kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="grad_assigned_not_accumulated",
        says="each _backward assigns (=) its input's grad instead of adding (+=), so a node used twice keeps only "
             "one contribution",
        culprits=("x0", "Value"),
        edit=(
            replace(
                "            self.grad += out.grad\n"
                "            other.grad += out.grad",
                "            self.grad = out.grad\n"
                "            other.grad = out.grad",
            ),
            replace(
                "            self.grad += other.data * out.grad\n"
                "            other.grad += self.data * out.grad",
                "            self.grad = other.data * out.grad\n"
                "            other.grad = self.data * out.grad",
            ),
            replace("self.grad += k * self.data ** (k - 1) * out.grad",
                    "self.grad = k * self.data ** (k - 1) * out.grad"),
            replace("self.grad += out.data * out.grad", "self.grad = out.data * out.grad"),
            replace("self.grad += out.grad / self.data", "self.grad = out.grad / self.data"),
            replace("self.grad += (1.0 - t * t) * out.grad", "self.grad = (1.0 - t * t) * out.grad"),
            replace("self.grad += (1.0 if self.data > 0 else 0.0) * out.grad",
                    "self.grad = (1.0 if self.data > 0 else 0.0) * out.grad"),
        ),
    ),
    Mistake(
        id="no_reflected_operators",
        says="__radd__ and __rmul__ are missing, so 2 + v and 2 * v raise TypeError",
        culprits=("Value",),
        edit=replace(
            "    def __radd__(self, other):\n"
            "        return self + other\n"
            "\n"
            "    def __rmul__(self, other):\n"
            "        return self * other\n",
            "",
        ),
    ),
    Mistake(
        id="no_topological_order",
        says="backward() walks the graph depth-first from the output and calls each node's _backward as soon as it "
             "is reached, without a topological order",
        culprits=("x0", "Value"),
        edit=(
            replace(
                "        for v in reversed(order):",
                "        stack = [self]\n"
                "        while stack:\n"
                "            v = stack.pop()",
            ),
            replace(
                "            v._backward()",
                "            v._backward()\n"
                "            stack.extend(v._prev)",
            ),
        ),
    ),
    Mistake(
        id="pow_forgets_chain_rule",
        says="the derivative of x ** k is not multiplied by out.grad (the chain rule is forgotten)",
        culprits=("b", "x0", "Value"),
        edit=replace("self.grad += k * self.data ** (k - 1) * out.grad", "self.grad += k * self.data ** (k - 1)"),
    ),
    Mistake(
        id="rsub_wrong_order",
        says="__rsub__ computes self - other instead of other - self, so 1 - v gives v - 1",
        culprits=("output", "x0", "Value"),
        edit=replace("return self._lift(other) - self", "return self - other"),
    ),
    Mistake(
        id="tanh_derivative_of_input",
        says="the derivative of tanh uses the input instead of the output: 1 - x**2 instead of 1 - tanh(x)**2",
        culprits=("x0", "Value"),
        edit=replace("self.grad += (1.0 - t * t) * out.grad",
                "self.grad += (1.0 - self.data * self.data) * out.grad"),
    ),
    Mistake(
        id="relu_derivative_one_at_zero",
        says="relu's derivative is 1 at exactly 0 (tests data >= 0), not 0 as the README says",
        culprits=("grad",),
        edit=replace("self.grad += (1.0 if self.data > 0 else 0.0) * out.grad",
                     "self.grad += (1.0 if self.data >= 0 else 0.0) * out.grad"),
    ),
]
