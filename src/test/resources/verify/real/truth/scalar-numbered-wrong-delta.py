"""Scalar RNN: s_t = sigmoid(w x_t + u s_{t-1} + b), t = 1..3, yhat = v s_3, E = 1/2 (yhat - y)^2, s_0 given.
Nodes 1..7 as in the document; delta k = dE/d(node k)."""
import numpy as np
from common import Truth, Net, seeded, sigmoid

t = Truth(__file__)
rng = seeded(24)
x1, x2, x3, y, s0 = rng.normal(0, 1, 5)


def forward(P, tap):
    w, u, b, v = P["w"], P["u"], P["b"], P["v"]
    a1 = tap(1, w * x1 + u * s0 + b)
    s1 = tap(2, sigmoid(a1))
    a2 = tap(3, w * x2 + u * s1 + b)
    s2 = tap(4, sigmoid(a2))
    a3 = tap(5, w * x3 + u * s2 + b)
    s3 = tap(6, sigmoid(a3))
    yh = tap(7, v * s3)
    tap("E", 0.5 * (yh - y) ** 2)


net = Net(forward, {"w": 1.1, "u": 1.7, "b": -0.2, "v": 1.5})
w, u, b, v = (net.P[k] for k in "wubv")
s = {1: net[2], 2: net[4], 3: net[6]}
D = {k: net.d("E", k) for k in range(1, 8)}
t.claim(r"\delta 7 =", lambda: net[7] - y, D[7])
t.claim(r"\delta 6 =", lambda: v * D[7], D[6])
t.claim(r"\delta 5 =", lambda: s[3] * (1 - s[3]) * D[6], D[5])
t.claim(r"\delta 4 =", lambda: u * D[5], D[4])
t.claim(r"\delta 3 =", lambda: s[2] * (1 - s[2]) * D[4], D[3])
t.claim(r"\delta 2 =", lambda: u * D[3], D[2])
t.claim(r"\delta 1 =", lambda: s[1] * (1 - s[1]) * D[2], D[1])
t.claim(r"\frac{\partial E}{\partial w} =", lambda: D[5] * x3 + D[3] * x2 + D[1] * x1, net.d("E", "w"))
t.claim(r"\frac{\partial E}{\partial u} =", lambda: D[5] * s[2] + D[4] * s[1] + D[1] * s0, net.d("E", "u"))
t.claim(r"\frac{\partial E}{\partial b} =", lambda: D[5] + D[3] + D[1], net.d("E", "b"))
t.claim(r"\frac{\partial E}{\partial v} = \delta 7", lambda: D[7] * s[3], net.d("E", "v"))
grid = np.linspace(-12, 12, 2401)
t.holds(r"$\sigma' = \sigma(1 - \sigma)$", np.allclose(sigmoid(grid) * (1 - sigmoid(grid)), (sigmoid(grid + 1e-6) - sigmoid(grid - 1e-6)) / 2e-6))
t.done()
