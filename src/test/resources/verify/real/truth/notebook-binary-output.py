"""a_t = tanh(Waa a_{t-1} + Wax x_t + ba), p_t = sigmoid(wy . a_t + by) (scalar), J = binary cross-entropy summed over
t = 1..5, a_0 = 0. Line numbers are lines of the .ipynb file."""
import numpy as np
from common import Truth, Net, seeded, weights, sigmoid

t = Truth(__file__)
rng = seeded(47)
n, d, T = 3, 2, 5
x = {k: rng.normal(0, 1, d) for k in range(1, T + 1)}
y = {k: float(rng.integers(2)) for k in range(1, T + 1)}


def forward(P, tap):
    a = tap(("a", 0), np.zeros(n))
    J = 0.0
    for k in range(1, T + 1):
        a = tap(("a", k), np.tanh(P["Waa"] @ a + P["Wax"] @ x[k] + P["ba"]))
        u = tap(("u", k), P["wy"] @ a + P["by"])
        p = tap(("p", k), sigmoid(u))
        J += -(y[k] * np.log(p) + (1 - y[k]) * np.log(1 - p))
    tap("J", J)


net = Net(forward, {"Waa": weights(rng, n, n), "Wax": weights(rng, n, d), "ba": weights(rng, n), "wy": weights(rng, n), "by": 0.1})
P = net.P
a = lambda k: net[("a", k)]
e = {k: net[("p", k)] - y[k] for k in range(1, T + 1)}
ga = {k: net.d("J", ("a", k)) for k in range(1, T + 1)}
for k in range(1, T + 1):
    t.claim(r"\frac{\partial J}{\partial u_t} = p_t - y_t", lambda: e[k], net.d("J", ("u", k)))
t.claim(r"\frac{\partial J}{\partial w_y} =", lambda: sum(e[k] * a(k) for k in e), net.d("J", "wy"))
t.claim(r"\frac{\partial J}{\partial w_y} =", lambda: sum(e.values()), net.d("J", "by"))
for k in range(1, T + 1):
    rest = (lambda: P["Waa"].T @ ((1 - a(k + 1) ** 2) * ga[k + 1])) if k < T else (lambda: 0.0)
    t.claim(r"\frac{\partial J}{\partial a_t} = (p_t - y_t)", lambda: e[k] * P["wy"] + rest(), ga[k])
t.claim(r"\frac{\partial J}{\partial W_{aa}} =", lambda: sum(np.outer((1 - a(k) ** 2) * ga[k], a(k - 1)) for k in e), net.d("J", "Waa"))
t.done()
