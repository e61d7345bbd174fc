"""Linear regression: the closed form, gradient descent and R^2."""
from graders import Kata, hookimpl

kata = Kata(
    id="linear_regression",
    title="Linear regression: least squares, gradient descent, R^2",
    topic="classical ML",
    difficulty=1,
    api=["r2_score", "LinearRegression"],
    builds_on=(),
    package=__name__,
    max_examples=10,
    forbidden_names={
        "numpy.linalg.inv": "solve the least-squares problem with np.linalg.solve (normal equations) or np.linalg.lstsq instead of forming an inverse",
    },
)


@hookimpl
def register_katas(register):
    register(kata)
