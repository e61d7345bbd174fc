"""Kata ``bpe_tokenizer``: byte-pair encoding: learn merges, encode, decode.

Read katas/bpe_tokenizer/README.md for the statement and katas/bpe_tokenizer/hints.md if stuck.
Grade with ``python grade.py --kata bpe_tokenizer``.
"""
from __future__ import annotations


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
    raise NotImplementedError


def encode(text, merges):
    """The token ids of text: its UTF-8 bytes, then every merge applied in the order it was learned.

    Returns:
        ids: a list of ints.
    """
    raise NotImplementedError


def decode(ids, merges):
    """The text of the token ids: each id expanded to its bytes, then decoded as UTF-8.

    Byte sequences that are not valid UTF-8 become U+FFFD (errors="replace").

    Returns:
        text: str.
    """
    raise NotImplementedError
