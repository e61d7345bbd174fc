"""Hidden checks of the bpe_tokenizer kata: comparisons with the reference."""
from hypothesis import given, strategies as st

from . import kata
from .public import ANY_TEXT, SMALL_ALPHABET, ids_of, same, text_of, train

# Runs of one letter ("bbbb") are where counting overlaps or not changes the winner.
RUNS = st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 5)), max_size=12).map(
    lambda runs: "".join(letter * n for letter, n in runs))
CORPORA = st.one_of(RUNS, SMALL_ALPHABET, st.text(alphabet="xyz", max_size=60), ANY_TEXT)


@kata.check(points=3, hidden=True)
@given(corpus=CORPORA, num_merges=st.integers(0, 15))
def training_matches_reference(sub, ref, corpus, num_merges):
    """train_bpe learns the reference's merges: most frequent pair, overlaps counted, smallest pair on ties"""
    merges, call = train(sub, corpus, num_merges)
    same(merges, ref.train_bpe(corpus, num_merges), f"{call}.")


@kata.check(points=2, hidden=True)
@given(corpus=CORPORA, text=st.one_of(SMALL_ALPHABET, ANY_TEXT), num_merges=st.integers(0, 15))
def encoding_matches_reference(sub, ref, corpus, text, num_merges):
    """encode gives the reference's ids with the reference's merges"""
    merges = ref.train_bpe(corpus, num_merges)
    call = f"encode({text!r}, {merges})"
    same(ids_of(sub.encode(text, merges), call), ref.encode(text, merges), f"{call}.")


@kata.check(points=1, hidden=True)
@given(ids=st.lists(st.integers(0, 265), max_size=12))
def decoding_matches_reference(sub, ref, ids):
    """decode gives the reference's text, invalid UTF-8 included"""
    merges = ref.train_bpe("ab ab abc\u00e9\u00e9 ab", 10)
    ids = [i % (256 + len(merges)) for i in ids]
    call = f"decode({ids}, {merges})"
    same(text_of(sub.decode(ids, merges), call), ref.decode(ids, merges), f"{call}.")


@kata.check(points=1, hidden=True)
@given(corpus=st.text(alphabet="abc", min_size=10, max_size=40), text=st.text(alphabet="abc", min_size=5, max_size=30),
       num_merges=st.integers(3, 12))
def encoding_of_related_text_matches_reference(sub, ref, corpus, text, num_merges):
    """encode applies the merges in learned order on a text that shares the corpus' pairs"""
    merges = ref.train_bpe(corpus, num_merges)
    call = f"encode({text!r}, {merges})"
    same(ids_of(sub.encode(text, merges), call), ref.encode(text, merges), f"{call}: merges apply in the order "
         "they were learned.")
