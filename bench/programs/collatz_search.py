# Benchmark: branchy integer loops with module globals. Finds the start
# below a limit with the longest Collatz sequence and the highest peak.
best_start = 0
best_steps = 0
peak_start = 0
peak_value = 0

def collatz_steps(n):
    global peak_start, peak_value
    start = n
    steps = 0
    while n != 1:
        if n & 1 == 0:
            n = n >> 1
        else:
            n = 3 * n + 1
            if n > peak_value:
                peak_value = n
                peak_start = start
        steps += 1
    return steps

limit = 150000
total_steps = 0
for start in range(1, limit):
    steps = collatz_steps(start)
    total_steps += steps
    if steps > best_steps:
        best_steps = steps
        best_start = start
print("longest chain below", limit, "starts at", best_start, "with", best_steps, "steps")
print("highest peak", peak_value, "reached from", peak_start)
print("average steps:", total_steps // (limit - 1))
