"""The standardize kata: z-score features with statistics fitted on training data."""
from pathlib import Path

from graders import Kata

kata = Kata(
    id="standardize",
    title="Standardize features: fit on training data, apply anywhere",
    topic="data preparation",
    difficulty=1,
    api=["fit_standardizer", "standardize"],
    package=__name__,
    stub=Path(__file__).resolve().parent.parent / "student" / "standardize.py",
    reference="mlk_example_pack.reference.standardize",
    max_examples=15,
)
