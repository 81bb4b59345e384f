# Benchmark: nested integer loops. Counts primes below a limit by trial
# division (while loop with %, comparisons, break), and sums them.
def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True

limit = 400000
count = 0
total = 0
largest = 0
for n in range(limit):
    if not is_prime(n):
        continue
    count += 1
    total += n
    largest = n
print("primes below", limit, "=", count)
print("sum of those primes:", total)
print("largest:", largest)
twin_pairs = 0
for n in range(3, 20000, 2):
    if is_prime(n) and is_prime(n + 2):
        twin_pairs += 1
print("twin prime pairs below 20000:", twin_pairs)
