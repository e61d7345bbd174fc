"""Known mistakes of the bpe_tokenizer kata, as edits of the reference."""
from graders import Mistake, replace, replace_function

MISTAKES = [
    Mistake(
        id="ties_by_first_occurrence",
        says="breaks ties by the pair seen first in the text (Python's max over a dict) instead of the smallest pair",
        culprits=("train_bpe",),
        edit=replace("pair = min(p for p, c in counts.items() if c == best)",
                     "pair = max(counts, key=counts.get)"),
    ),
    Mistake(
        id="merge_overlaps",
        says="merges overlapping occurrences: after replacing a pair it moves on by one position instead of two",
        culprits=("encode", "train_bpe", "decode(encode(text))"),
        edit=replace_function("_merge", '''
            def _merge(ids, pair, new_id):
                out, i = [], 0
                while i < len(ids):
                    if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
                        out.append(new_id)
                    elif not (i > 0 and ids[i - 1] == pair[0] and ids[i] == pair[1] and out and out[-1] == new_id):
                        out.append(ids[i])
                    i += 1
                return out
        '''),
    ),
    Mistake(
        id="counts_without_overlaps",
        says="counts each pair without overlaps, as many times as the merge would replace it, so [a, a, a] holds "
             "(a, a) once instead of twice",
        culprits=("train_bpe",),
        edit=replace("counts = Counter(zip(ids, ids[1:]))",
                     "counts = Counter({p: len(ids) - len(_merge(ids, p, -1)) for p in set(zip(ids, ids[1:]))})"),
    ),
    Mistake(
        id="code_points_not_bytes",
        says="starts from the Unicode code points (ord) instead of the UTF-8 bytes, so characters above 255 "
             "collide with merged ids",
        culprits=("encode", "train_bpe", "decode(encode(text))"),
        edit=(replace('    ids = list(text.encode("utf-8"))\n    merges = []', '    ids = [ord(c) for c in text]\n    merges = []'),
              replace('    ids = list(text.encode("utf-8"))\n    for rank', '    ids = [ord(c) for c in text]\n    for rank')),
    ),
    Mistake(
        id="strict_utf8_decoding",
        says="decodes with errors='strict', so byte sequences that are not UTF-8 raise instead of becoming U+FFFD",
        culprits=("decode",),
        edit=replace('.decode("utf-8", errors="replace")', '.decode("utf-8")'),
    ),
    Mistake(
        id="skips_single_pairs",
        says="stops training when the most frequent pair occurs only once",
        culprits=("train_bpe",),
        edit=replace("        if not counts:\n            break", "        if not counts or max(counts.values()) < 2:\n            break"),
    ),
    Mistake(
        id="encode_by_position",
        says="encode merges the first pair of the text that has a merge, not the earliest learned merge",
        culprits=("encode",),
        edit=replace_function("encode", '''
            def encode(text, merges):
                ids = list(text.encode("utf-8"))
                rank = {tuple(pair): i for i, pair in enumerate(merges)}
                while True:
                    for i in range(len(ids) - 1):
                        if (ids[i], ids[i + 1]) in rank:
                            ids = ids[:i] + [256 + rank[(ids[i], ids[i + 1])]] + ids[i + 2:]
                            break
                    else:
                        return ids
        '''),
    ),
    Mistake(
        id="no_stop_when_no_pair_is_left",
        says="train_bpe does not stop when no pair is left, so max() of the empty pair counts raises on a short text",
        culprits=("train_bpe",),
        edit=replace("        if not counts:\n            break\n", ""),
    ),
]
