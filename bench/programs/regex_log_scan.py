# Benchmark: the re module. Parses generated log lines with a MULTILINE
# pattern of groups, then findall, sub, split and search over the text.
import re


def make_log(count):
    lines = []
    for i in range(count):
        level = ('INFO', 'WARN', 'ERROR')[i % 3]
        lines.append('2024-01-%02d 12:%02d:%02d [%s] user%d@example.com took %dms path=/api/v%d/items/%d'
                     % (i % 28 + 1, i % 60, (i * 7) % 60, level, i, i * 13 % 997, i % 3, i))
    return lines


lines = make_log(800)
text = '\n'.join(lines)
entry = re.compile(r'^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) \[(\w+)\] (\S+)@(\S+) took (\d+)ms path=(\S+)$', re.M)
total = 0
levels = {}
for m in entry.finditer(text):
    total += int(m.group(10))
    levels[m.group(7)] = levels.get(m.group(7), 0) + 1
print(total, sorted(levels.items()))
emails = re.findall(r'[\w.]+@[\w.]+\.com', text)
print(len(emails), emails[:2])
print(len(re.sub(r'\d+', '#', text)))
print(len(re.split(r'\s+', text)))
print(len(re.findall(r'\b[a-z]+\b', text)))
print(sum(1 for line in lines if re.search(r'ERROR.*v2', line)))
