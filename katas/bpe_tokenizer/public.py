"""Public checks of the bpe_tokenizer kata: merges worked out by hand, the tie rule, encoding order, round trips."""
from collections import Counter

from hypothesis import given, strategies as st

from graders import diagnosis, fail

from . import kata

# Short texts over a few letters repeat pairs often; the other texts reach any Unicode character.
SMALL_ALPHABET = st.text(alphabet="ab c\u00e9", min_size=0, max_size=40)
ANY_TEXT = st.text(max_size=30)


def merges_of(got, call):
    """The learner's merges as a list of (a, b) tuples of ints, or a clear failure."""
    if not isinstance(got, (list, tuple)):
        fail(f"{call} should return a list of (a, b) pairs, got {type(got).__name__}.")
    pairs = []
    for i, pair in enumerate(got):
        if not (isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(x, int) and not
                                                                            isinstance(x, bool) for x in pair)):
            fail(f"{call}: merge {i} should be a pair (a, b) of two ints, got {pair!r}.")
        pairs.append((pair[0], pair[1]))
    return pairs


def ids_of(got, call):
    """The learner's token ids as a list of ints, or a clear failure."""
    if not isinstance(got, (list, tuple)) or not all(isinstance(x, int) and not isinstance(x, bool) for x in got):
        fail(f"{call} should return a list of ints, got {str(got)[:120]}.")
    return list(got)


def text_of(got, call):
    if not isinstance(got, str):
        fail(f"{call} should return a str, got {type(got).__name__}: {str(got)[:120]}.")
    return got


def train(sub, text, num_merges):
    call = f"train_bpe({text!r}, {num_merges})"
    return merges_of(sub.train_bpe(text, num_merges), call), call


def encode_by_hand(text, merges):
    """The statement's encode written out: the UTF-8 bytes, then merge i replaces its pair by 256 + i, left to right
    without overlaps, in the order the merges were learned."""
    ids = list(text.encode("utf-8"))
    for rank, (a, b) in enumerate(merges):
        out, i = [], 0
        while i < len(ids):
            if i + 1 < len(ids) and ids[i] == a and ids[i + 1] == b:
                out.append(256 + rank)
                i += 2
            else:
                out.append(ids[i])
                i += 1
        ids = out
    return ids


def same(got, expected, context, mistakes=None):
    if got == expected:
        return
    looks = next((says for says, value in (mistakes or {}).items() if got == value), None)
    fail(f"{context}\nexpected {expected!r},\ngot      {got!r}." + (f"\nLooks like: {looks}." if looks else ""))


@kata.check(points=2)
def merges_by_hand(sub, ref):
    """train_bpe('aaabdaaabac', 4) learns (a, a), then the tie (a, b) over (256, a), then (256, 257), then (a, c);
    texts too short to hold a pair learn nothing"""
    merges, call = train(sub, "aaabdaaabac", 4)
    same(merges, [(97, 97), (97, 98), (256, 257), (97, 99)],
         f"{call}: bytes a=97, b=98, c=99, d=100. Step 0: (97, 97) occurs 4 times (overlaps count) -> id 256, the "
         "text becomes [256, a, b, d, 256, a, b, a, c]. Step 1: (256, 97) and (97, 98) both occur twice: ties go to "
         "the smallest pair, (97, 98) -> 257. Step 2: (256, 257) occurs twice -> 258. Step 3: every pair occurs "
         "once; the smallest is (97, 99) -> 259.",
         {"ties went to the pair seen first in the text (Python's max over a dict): ties go to the smallest pair":
          [(97, 97), (256, 97), (257, 98), (258, 100)],
          "training stopped when the best pair occurs once: such pairs are merged too":
          [(97, 97), (97, 98), (256, 257)],
          "overlapping occurrences were merged: after a merge, skip both tokens of the pair":
          [(97, 97), (256, 98), (256, 257), (97, 99)],
          "the pairs were counted once, before the first merge: count them again after every merge":
          [(97, 97), (97, 98), (97, 99), (98, 97)]})
    for text, num_merges, expected, why in (("", 3, [], "the empty text has no pair"),
                                            ("a", 3, [], "one token has no pair"),
                                            ("aab", 5, [(97, 97), (256, 98)],
                                             "after two merges the text is one token: no pair is left, stop early"),
                                            ("ab", 0, [], "no merge asked for")):
        merges, call = train(sub, text, num_merges)
        same(merges, expected, f"{call}: {why}.")


@kata.check(points=1)
def overlapping_pairs_all_count(sub, ref):
    """train_bpe('bbbbacac', 1) merges (b, b): its 3 overlapping occurrences beat the 2 of (a, c)"""
    merges, call = train(sub, "bbbbacac", 1)
    same(merges, [(98, 98)],
         f"{call}: bytes a=97, b=98, c=99. Counting adjacent pairs, overlaps included, 'bbbb' holds (98, 98) three "
         "times and 'acac' holds (97, 99) twice, so (98, 98) wins. Count every adjacent pair "
         "(zip(ids, ids[1:])), even though the merge itself then replaces them without overlaps.",
         {"the pairs were counted without overlaps ('bbbb' as (b, b) twice): every adjacent pair counts":
          [(97, 99)]})


@kata.check(points=1)
@given(text=SMALL_ALPHABET)
def first_merge_is_the_most_frequent_byte_pair(sub, ref, text):
    """The first merge is the most frequent adjacent byte pair (overlaps count), the smallest among ties"""
    merges, call = train(sub, text, 1)
    data = text.encode("utf-8")
    counts = Counter(zip(data, data[1:]))
    if not counts:
        return same(merges, [], f"{call}: the text has fewer than 2 bytes, so there is no pair to merge.")
    best = max(counts.values())
    expected = min(p for p, c in counts.items() if c == best)
    points = [ord(c) for c in text]
    by_points = Counter(zip(points, points[1:]))
    same(merges, [expected], f"{call}: its UTF-8 bytes are {list(data)}; the most frequent adjacent pairs occur "
         f"{best} times: {sorted(p for p, c in counts.items() if c == best)}; the smallest wins.",
         {"the text was read as Unicode code points (ord), not UTF-8 bytes":
          [min(p for p, c in by_points.items() if c == max(by_points.values()))] if by_points else []})


@kata.check(points=1)
@given(text=SMALL_ALPHABET, num_merges=st.integers(0, 12))
def training_stops_when_no_pair_is_left(sub, ref, text, num_merges):
    """train_bpe returns num_merges merges, fewer only when the text has shrunk to a single token; ids stay defined"""
    merges, call = train(sub, text, num_merges)
    if len(merges) > num_merges:
        fail(f"{call} returned {len(merges)} merges, more than the {num_merges} asked for.")
    if len(merges) < num_merges:
        ids = encode_by_hand(text, merges)  # the statement's encode: a wrong encode fails its own checks
        if len(ids) > 1:
            fail(f"{call} stopped after {len(merges)} merges, but the text is still {len(ids)} tokens long with them "
                 f"({ids}), so a pair is left to merge. Training stops only when no adjacent pair is left: merge "
                 "pairs that occur once too.")
    for i, (a, b) in enumerate(merges):
        if not (0 <= a < 256 + i and 0 <= b < 256 + i):
            fail(f"{call}: merge {i} is ({a}, {b}), but only ids 0..{255 + i} exist before it (bytes, then 256 + j "
                 "for merge j).")


@kata.check(points=2)
def encoding_applies_merges_in_learned_order(sub, ref):
    """encode applies every merge in the order it was learned, each to every occurrence left to right"""
    cases = [
        ("abc", [(98, 99), (97, 98)], [97, 256], "merge 0 is (b, c): 'abc' -> [a, 256]; then (a, b) no longer occurs",
         {"merges were applied where they occur first in the text, not in the order learned": [257, 99]}),
        ("aaaaa", [(97, 97)], [256, 256, 97], "(a, a) is replaced left to right without overlaps: [256, 256, a]",
         {"overlapping occurrences were merged twice": [256, 256, 256, 256]}),
        ("aaaa", [(97, 97), (256, 256)], [257], "[256, 256], then (256, 256) -> 257", {}),
        ("\u00e9", [(195, 169)], [256], "'\u00e9' is the two UTF-8 bytes [195, 169]",
         {"the text was read as Unicode code points (ord), not UTF-8 bytes": [233]}),
        ("", [(97, 97)], [], "the empty text has no token", {}),
    ]
    for text, merges, expected, why, mistakes in cases:
        call = f"encode({text!r}, {merges})"
        same(ids_of(sub.encode(text, merges), call), expected, f"{call}: {why}.", mistakes)


@kata.check(points=1)
@diagnosis("UnicodeDecodeError", "Decode the joined bytes with .decode(\"utf-8\", errors=\"replace\"): bytes that "
           "are not valid UTF-8 then become U+FFFD instead of raising.")
def decoding_replaces_invalid_utf8(sub, ref):
    """decode expands ids to bytes and decodes UTF-8, with U+FFFD for invalid bytes"""
    merges = [(104, 105), (256, 33)]
    for ids, expected, why in (([257, 32, 256], "hi! hi", "257 -> 'hi' + '!', 256 -> 'hi'"),
                               ([195, 169], "\u00e9", "two bytes of one character: join the bytes of all the ids first, then decode "
                                                  "once (a character's bytes can be split across tokens)"),
                               ([255, 104], "\ufffdh", "byte 255 is not UTF-8: it becomes U+FFFD (errors='replace')"),
                               ([], "", "no token, no text")):
        call = f"decode({ids}, {merges})"
        got = text_of(sub.decode(ids, merges), call)
        same(got, expected, f"{call}: {why}.")


@kata.check(points=2)
@given(corpus=SMALL_ALPHABET, text=st.one_of(SMALL_ALPHABET, ANY_TEXT), num_merges=st.integers(0, 10))
def round_trip_on_any_text(sub, ref, corpus, text, num_merges):
    """decode(encode(text)) == text for any text, whatever the merges were learned on"""
    merges, _ = train(sub, corpus, num_merges)
    call = f"encode({text!r}, merges)"
    ids = ids_of(sub.encode(text, merges), call)
    if any(not 0 <= i < 256 + len(merges) for i in ids):
        fail(f"{call} with the {len(merges)} merges train_bpe({corpus!r}, {num_merges}) learned: ids must be in "
             f"0..{255 + len(merges)}; got {ids}.")
    back = text_of(sub.decode(ids, merges), f"decode({ids}, merges)")
    same(back, text, f"decode(encode(text)) with the merges {merges} learned from {corpus!r}: the round trip must "
         f"give the text back (encode gave {ids}).")


@kata.check(points=1)
@given(corpus=SMALL_ALPHABET, num_merges=st.integers(1, 10))
def each_merge_shortens_the_training_text(sub, ref, corpus, num_merges):
    """Encoding the training text with its own merges takes at most len(bytes) - len(merges) tokens"""
    merges, call = train(sub, corpus, num_merges)
    ids = ids_of(sub.encode(corpus, merges), f"encode({corpus!r}, merges)")
    limit = len(corpus.encode("utf-8")) - len(merges)
    # which function is wrong: the statement's encode, written out here, tells train_bpe's merges from encode
    by_hand = encode_by_hand(corpus, [tuple(m) for m in merges])
    if len(by_hand) > limit:
        fail(f"{call} learned {len(merges)} merges, but applying them as the statement's encode does leaves "
             f"{len(by_hand)} tokens, more than the {limit} that merges each found in the training text would: some "
             f"merge of train_bpe never occurs in the text merged by the ones before it. Merges: {merges}.")
    if len(ids) > limit:
        fail(f"encode({corpus!r}, merges) with the {len(merges)} merges {call} learned gave {len(ids)} tokens: {ids}; "
             f"each merge occurred in the training text, so at most {limit} tokens, and the statement's encode gives "
             f"{by_hand}. train_bpe's merges are right here: look at encode.")
