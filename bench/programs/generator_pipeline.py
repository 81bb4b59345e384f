# Generators: a lazy pipeline of generator functions, generator expressions
# feeding builtins, yield from delegation, and send() round trips.
def naturals(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def multiples_of(source, k):
    for v in source:
        if v % k == 0:
            yield v


def running_total(source):
    total = 0
    for v in source:
        total += v
        yield total


def chain(*sources):
    for s in sources:
        yield from s


def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        total += value
        count += 1
        average = total / count


last = 0
for t in running_total(multiples_of(naturals(1000000), 3)):
    last = t
print(last)
print(sum(x * x for x in naturals(600000) if x % 7 == 1))
print(sum(1 for _ in chain(naturals(150000), naturals(150000), range(150000))))
avg = averager()
next(avg)
result = 0.0
for i in range(300000):
    result = avg.send(i % 100)
print(result)
