# Benchmark: call-heavy recursion. Naive recursive Fibonacci exercises
# function calls, argument passing and small-int arithmetic.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

total = 0
for n in range(20, 32):
    value = fib(n)
    total += value
    print("fib(" + str(n) + ") =", value)
print("sum:", total)
