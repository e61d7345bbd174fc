"""The one_hot kata: one-hot encode integer labels and read labels back from scores."""
from pathlib import Path

from graders import Kata

kata = Kata(
    id="one_hot",
    title="One-hot labels and back",
    topic="data preparation",
    difficulty=1,
    api=["one_hot", "labels_from_scores"],
    package=__name__,
    stub=Path(__file__).resolve().parent.parent / "student" / "one_hot.py",
    reference="mlk_example_pack.reference.one_hot",
    max_examples=15,
)
