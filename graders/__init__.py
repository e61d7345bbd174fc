"""ml-katas: the grading engine. Kata authors use only the names exported here."""
from graders import strategies
from graders.checks import (
    CheckFailed,
    diagnosis,
    assert_array,
    assert_close,
    assert_equal,
    assert_scalar,
    expect_fitted,
    expect_tuple,
    fail,
    within,
)
from graders.gradcheck import check_gradients, directional_derivative, numerical_gradient, relative_error
from graders.hookspecs import hookimpl
from graders.refit import assert_refit_forgets
from graders.kata import Check, Kata, KataDefinitionError
from graders.mistakes import Mistake, MistakeError, replace, replace_function, whole_module
from graders.sandbox.proxy import StudentError, count_lines, scratch_files, submission_source
from graders.vectorised import assert_vectorised, lines_run

__all__ = [
    "Check",
    "CheckFailed",
    "Kata",
    "KataDefinitionError",
    "assert_array",
    "assert_close",
    "assert_refit_forgets",
    "assert_equal",
    "assert_scalar",
    "assert_vectorised",
    "check_gradients",
    "count_lines",
    "diagnosis",
    "directional_derivative",
    "expect_fitted",
    "expect_tuple",
    "fail",
    "hookimpl",
    "lines_run",
    "Mistake",
    "MistakeError",
    "numerical_gradient",
    "relative_error",
    "replace",
    "replace_function",
    "scratch_files",
    "StudentError",
    "strategies",
    "submission_source",
    "whole_module",
    "within",
]
