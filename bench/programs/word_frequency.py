# Word frequencies: the builtin methods a text-processing script leans on
# (dict.get, list.append, str.startswith/join/lower/strip, set.add) and calls
# of helpers with default arguments and of bound methods.
VOWELS = set("aeiou")


def words_of(line, lower=True):
    out = []
    for raw in line.split():
        word = raw.strip(".,;:!?")
        if word:
            out.append(word.lower() if lower else word)
    return out


def classify(word, prefixes=("un", "re", "in")):
    for p in prefixes:
        if word.startswith(p):
            return p
    return "-"


counts = {}
seen = set()
by_prefix = {}
record = seen.add
lines = []
for i in range(40000):
    lines.append(f"Line {i}: unusual results, reported in {i % 97} places; retry index {i % 13}!")
for line in lines:
    for word in words_of(line):
        counts[word] = counts.get(word, 0) + 1
        record(word)
        key = classify(word)
        by_prefix[key] = by_prefix.get(key, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(counts), len(seen), top)
print(sorted(by_prefix.items()))
print(sum(1 for w in seen if w[0] in VOWELS), "-".join(sorted(w for w in seen if w.endswith("ed"))))
