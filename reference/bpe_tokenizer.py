"""Reference solution of the ``bpe_tokenizer`` kata: byte-level byte-pair encoding, trained, encoded, decoded."""
from __future__ import annotations

from collections import Counter


def _merge(ids, pair, new_id):
    """ids with every occurrence of pair, scanned left to right without overlaps, replaced by new_id."""
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def train_bpe(text, num_merges):
    """Learn up to num_merges merges from text.

    Args:
        text: str, the training corpus; it starts as its UTF-8 bytes, ids 0..255.
        num_merges: int >= 0.

    Returns:
        merges: a list of (a, b) tuples of ints; merge i replaces the adjacent pair (a, b) by the new id 256 + i.
        At each step the pair with the most adjacent occurrences in the current sequence wins (overlapping
        occurrences all count); ties go to the smallest pair (a, b). Training stops early when no pair is left.
    """
    ids = list(text.encode("utf-8"))
    merges = []
    for i in range(num_merges):
        counts = Counter(zip(ids, ids[1:]))
        if not counts:
            break
        best = max(counts.values())
        pair = min(p for p, c in counts.items() if c == best)
        ids = _merge(ids, pair, 256 + i)
        merges.append(pair)
    return merges


def encode(text, merges):
    """The token ids of text: its UTF-8 bytes, then every merge applied in the order it was learned.

    Returns:
        ids: a list of ints.
    """
    ids = list(text.encode("utf-8"))
    for rank, pair in enumerate(merges):
        ids = _merge(ids, tuple(pair), 256 + rank)
    return ids


def decode(ids, merges):
    """The text of the token ids: each id expanded to its bytes, then decoded as UTF-8.

    Byte sequences that are not valid UTF-8 become U+FFFD (errors="replace").

    Returns:
        text: str.
    """
    table = {i: bytes([i]) for i in range(256)}
    for rank, (a, b) in enumerate(merges):
        table[256 + rank] = table[a] + table[b]
    return b"".join(table[int(i)] for i in ids).decode("utf-8", errors="replace")
