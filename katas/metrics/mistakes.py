"""Known mistakes of the metrics kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="confusion_transposed",
        says="puts the predictions on the rows and the true labels on the columns of the confusion matrix",
        culprits=("confusion_matrix", "precision", "recall"),
        edit=replace("(np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64))",
                     "(np.asarray(y_pred, dtype=np.int64), np.asarray(y_true, dtype=np.int64))"),
    ),
    Mistake(
        id="macro_f1_from_macro_precision_recall",
        says="computes macro F1 as the F1 of macro precision and macro recall instead of the mean of per-class F1",
        culprits=("f1",),
        edit=replace("return float(precision.mean()), float(recall.mean()), float(f1.mean())",
                     "p, r = float(precision.mean()), float(recall.mean())\n"
                     "        return p, r, float(_ratio(2 * p * r, p + r))"),
    ),
    Mistake(
        id="weighted_by_predicted_counts",
        says="weights the average by the predicted counts instead of the true counts (supports)",
        culprits=("precision", "recall", "f1"),
        edit=replace("w = support / support.sum()", "w = predicted / predicted.sum()"),
    ),
    Mistake(
        id="zero_division_gives_nan",
        says="divides without a guard, so a class never predicted (or absent) gets NaN instead of 0",
        culprits=("precision", "recall", "f1"),
        edit=replace_function("_ratio", '''
            def _ratio(num, den):
                with np.errstate(divide="ignore", invalid="ignore"):
                    return np.asarray(num, dtype=np.float64) / np.asarray(den, dtype=np.float64)
        '''),
    ),
    Mistake(
        id="micro_is_macro",
        says="computes the micro average as the mean of the per-class values (the macro average)",
        culprits=("precision", "recall", "f1"),
        edit=(replace('if average == "micro":', 'if average == "micro, never":'),
              replace('if average == "macro":', 'if average in ("macro", "micro"):')),
    ),
    Mistake(
        id="roc_one_point_per_sample",
        says="adds one ROC point per sample instead of one per distinct score, so tied scores make a staircase",
        culprits=("thresholds", "fpr", "tpr", "roc_auc"),
        edit=replace("last_of_group = np.r_[s[1:] != s[:-1], True]", "last_of_group = np.ones(len(s), dtype=bool)"),
    ),
    Mistake(
        id="auc_ties_count_zero",
        says="counts only positives scored strictly above negatives, so tied pairs count 0 instead of 1/2",
        culprits=("roc_auc",),
        edit=replace("(tpr[1:] + tpr[:-1]) / 2", "tpr[:-1]"),
    ),
    Mistake(
        id="log_loss_without_clipping",
        says="takes the log of the probabilities without clipping, so a zero probability gives infinity",
        culprits=("log_loss",),
        edit=replace("p = np.clip(np.asarray(proba, dtype=np.float64), eps, 1 - eps)",
                     "p = np.asarray(proba, dtype=np.float64)"),
    ),
    Mistake(
        id="log_loss_renormalised",
        says="renormalises the rows after clipping (older scikit-learn), which changes the loss of one-hot rows",
        culprits=("log_loss",),
        edit=replace("p = np.clip(np.asarray(proba, dtype=np.float64), eps, 1 - eps)",
                     "p = np.clip(np.asarray(proba, dtype=np.float64), eps, 1 - eps)\n"
                     "    p = p / p.sum(axis=1, keepdims=True)"),
    ),
]
MISTAKES += [
    Mistake(
        id="repeated_pairs_counted_once",
        says="counts with C[y_true, y_pred] += 1, which adds 1 only once for a (true, predicted) pair that occurs "
             "several times",
        culprits=("confusion_matrix", "precision", "recall"),
        edit=replace("np.add.at(C, (np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)), 1)",
                     "C[np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)] += 1"),
    ),
    Mistake(
        id="classes_counted_from_labels",
        says="takes the number of classes from the largest label present, so a last class absent from both "
             "y_true and y_pred shrinks the matrix",
        culprits=("confusion_matrix", "precision", "recall", "f1"),
        edit=replace("    C = np.zeros((n_classes, n_classes), dtype=np.int64)\n",
                     "    n_classes = int(max(np.max(y_true), np.max(y_pred))) + 1\n"
                     "    C = np.zeros((n_classes, n_classes), dtype=np.int64)\n"),
    ),
]
