# Objects: many small instances of a small class hierarchy, attribute reads
# and writes, method calls (including inherited and super() calls),
# properties and operator overloading on a vector class.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scaled(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    def __init__(self, pos, vel, mass):
        self.pos = pos
        self.vel = vel
        self.mass = mass

    @property
    def energy(self):
        return self.mass * self.vel.dot(self.vel) // 2

    def step(self):
        self.pos = self.pos + self.vel
        if self.pos.x < 0 or self.pos.x > 1000:
            self.vel = Vec(-self.vel.x, self.vel.y)
        if self.pos.y < 0 or self.pos.y > 1000:
            self.vel = Vec(self.vel.x, -self.vel.y)


class HeavyParticle(Particle):
    def __init__(self, pos, vel):
        super().__init__(pos, vel, 10)

    def step(self):
        super().step()
        self.vel = Vec(self.vel.x - (self.vel.x > 0) + (self.vel.x < 0), self.vel.y)


def simulate(count, steps):
    seed = 12345
    particles = []
    for i in range(count):
        seed = (seed * 1103515245 + 12345) % 2147483648
        x = seed % 1000
        seed = (seed * 1103515245 + 12345) % 2147483648
        y = seed % 1000
        v = Vec(seed % 7 - 3, seed % 5 - 2)
        if i % 4 == 0:
            particles.append(HeavyParticle(Vec(x, y), v))
        else:
            particles.append(Particle(Vec(x, y), v, 1 + i % 3))
    for _ in range(steps):
        for p in particles:
            p.step()
    total = 0
    centre = Vec(0, 0)
    for p in particles:
        total += p.energy
        centre = centre + p.pos
    return total, centre.x // count, centre.y // count


print(simulate(2000, 300))
