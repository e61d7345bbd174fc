"""Known mistakes of the one_hot kata, as edits of the reference."""
from graders import Mistake, replace

MISTAKES = [
    Mistake(
        id="classes_from_labels",
        says="takes the number of classes from the labels seen (max + 1), ignoring num_classes",
        culprits=("one_hot",),
        edit=replace("np.zeros((len(y), num_classes))", "np.zeros((len(y), int(np.max(y)) + 1))"),
    ),
    Mistake(
        id="integer_dtype",
        says="returns the one-hot matrix as integers instead of float64",
        culprits=("one_hot",),
        edit=replace("np.zeros((len(y), num_classes))", "np.zeros((len(y), num_classes), dtype=np.int64)"),
    ),
    Mistake(
        id="ties_to_last_column",
        says="breaks ties towards the last column (argmax of the reversed row)",
        culprits=("labels_from_scores",),
        edit=replace("return np.argmax(scores, axis=1)",
                     "return scores.shape[1] - 1 - np.argmax(scores[:, ::-1], axis=1)"),
    ),
    Mistake(
        id="transposed",
        says="builds the one-hot matrix with classes as rows: shape (C, N) instead of (N, C)",
        culprits=("one_hot",),
        edit=(replace("np.zeros((len(y), num_classes))", "np.zeros((num_classes, len(y)))"),
              replace("out[np.arange(len(y)), y] = 1.0", "out[y, np.arange(len(y))] = 1.0")),
    ),
]
