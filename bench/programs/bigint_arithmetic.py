# Big-int arithmetic: factorials, Fibonacci numbers and powers far beyond 64 bits, digit sums and modular powers.
def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def fibonacci(n):
    a = 0
    b = 1
    for _ in range(n):
        a, b = b, a + b
    return a


def digit_sum(n):
    total = 0
    for ch in str(n):
        total += ord(ch) - 48
    return total


checksum = 0
for k in range(40):
    f = factorial(1400 + k)
    checksum = (checksum + digit_sum(f) + f % 1000003) % 1000000007
print(checksum)
g = 0
for k in range(20):
    g = fibonacci(19000 + k)
print(len(str(g)), g % 1000000007)
p = pow(3, 30000) - pow(2, 40000)
print(p.bit_length(), p % 998244353, (p * p) % 1000003)
total = 0
for base in range(2, 2000):
    total += pow(base, 10 ** 18 + base, 10 ** 9 + 7)
print(total, pow(123456789, -1, 1000000007))
