# Benchmark: float arithmetic. Approximates pi with the Leibniz series and by
# midpoint-rule integration of 4/(1+x^2), and integrates x**3 on [0, 2].
def leibniz_pi(terms):
    total = 0.0
    sign = 1.0
    for k in range(terms):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total

def midpoint_pi(steps):
    width = 1.0 / steps
    total = 0.0
    for i in range(steps):
        x = (i + 0.5) * width
        total += 4.0 / (1.0 + x * x)
    return total * width

def integrate_cube(a, b, steps):
    width = (b - a) / steps
    total = 0.0
    i = 0
    while i < steps:
        x = a + (i + 0.5) * width
        total += x * x * x
        i += 1
    return total * width

leibniz = leibniz_pi(3000000)
print("leibniz pi:", leibniz)
print("leibniz error:", abs(leibniz - 3.141592653589793))
midpoint = midpoint_pi(1000000)
print("midpoint pi:", midpoint)
print("midpoint error below 1e-9:", abs(midpoint - 3.141592653589793) < 1e-9)
cube = integrate_cube(0.0, 2.0, 500000)
print("integral of x**3 on [0, 2]:", round(cube * 1000000) / 1000000)
