"""An ml-katas kata pack: registers the katas one_hot and standardize (entry point ``ml_katas: example_pack``)."""
from graders import hookimpl

from mlk_example_pack.one_hot import kata as one_hot
from mlk_example_pack.standardize import kata as standardize


@hookimpl
def register_katas(register):
    register(one_hot)
    register(standardize)
