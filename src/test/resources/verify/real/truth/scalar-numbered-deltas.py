"""Scalar RNN: s_t = tanh(w x_t + u s_{t-1}), yhat_t = v s_t, E = 1/2 sum (yhat - y)^2, two steps, s_0 given.
Nodes numbered as in the document's table; delta_k = dE/d(node k)."""
import numpy as np
from common import Truth, Net, seeded

t = Truth(__file__)
rng = seeded(23)
x1, x2, y1, y2, s0 = rng.normal(0, 1, 5)


def forward(P, tap):
    w, u, v = P["w"], P["u"], P["v"]
    n1 = tap(1, u * s0)
    n2 = tap(2, w * x1)
    n3 = tap(3, n1 + n2)
    n4 = tap(4, np.tanh(n3))
    n5 = tap(5, v * n4)
    n6 = tap(6, u * n4)
    n7 = tap(7, w * x2)
    n8 = tap(8, n6 + n7)
    n9 = tap(9, np.tanh(n8))
    n10 = tap(10, v * n9)
    tap("E", 0.5 * (n5 - y1) ** 2 + 0.5 * (n10 - y2) ** 2)


net = Net(forward, {"w": 0.7, "u": -0.9, "v": 1.3})
w, u, v = (net.P[k] for k in "wuv")
s1, s2 = net[4], net[9]
D = {k: net.d("E", k) for k in range(1, 11)}
t.claim(r"\delta_{10} =", lambda: net[10] - y2, D[10])
t.claim(r"\delta_{9} =", lambda: v * D[10], D[9])
t.claim(r"\delta_{8} =", lambda: (1 - s2 ** 2) * D[9], D[8])
t.claim(r"\delta_{6} = \delta_{8}, \qquad", lambda: D[8], D[6])
t.claim(r"\delta_{6} = \delta_{8}, \qquad", lambda: D[8], D[7])
t.claim(r"\delta_{5} =", lambda: net[5] - y1, D[5])
t.claim(r"\delta_{4} =", lambda: v * D[5] + u * D[6], D[4])
t.claim(r"\delta_{3} =", lambda: (1 - s1 ** 2) * D[4], D[3])
t.claim(r"\frac{\partial E}{\partial v} =", lambda: D[10] * s2 + D[5] * s1, net.d("E", "v"))
t.claim(r"\frac{\partial E}{\partial w} =", lambda: D[7] * x2 + D[3] * x1, net.d("E", "w"))
t.claim(r"\frac{\partial E}{\partial u} =", lambda: D[6] * s1 + D[3] * s0, net.d("E", "u"))
t.done()
