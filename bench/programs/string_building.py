# String building: concatenation in loops, joins, f-strings, formatting and splitting.
def build_report(rows):
    lines = []
    for i in range(rows):
        name = "item" + str(i)
        lines.append(f"{name:<12}|{i * 3.25:>10.2f}|{i % 7:03d}")
    return "\n".join(lines)


report = build_report(100000)
print(len(report), report.count("|"), report[:40].replace("\n", "/"))

text = ""
for i in range(20000):
    text += chr(97 + i % 26)
    if i % 100 == 99:
        text += " "
words = text.split()
print(len(words), len(set(words)), words[0][:10], words[-1][-5:])

parts = []
for i in range(80000):
    parts.append("%d:%s" % (i, hex(i)))
joined = ",".join(parts)
print(len(joined), joined[-20:], joined.upper().count("X"))
