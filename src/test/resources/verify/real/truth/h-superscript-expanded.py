"""h^t = tanh(Whh h^{t-1} + Wxh x^t), p^t = softmax(Why h^t), C^t cross-entropy, t = 1..3, h^0 random constant."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", bias=False, h0="random", seed=19)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
D = {k: diag(1 - h(k) ** 2) for k in net.times}
g = Why.T @ (net[("p", 3)] - net.y[3])
t.claim(r"\frac{\partial C^3}{\partial h^3} =", lambda: g, net.d(("E", 3), ("h", 3)))
t.claim(r"\frac{\partial C^3}{\partial h^2} =", lambda: Whh.T @ D[3] @ g, net.d(("E", 3), ("h", 2)))
t.claim(r"\frac{\partial C^3}{\partial h^1} =", lambda: Whh.T @ D[2] @ Whh.T @ D[3] @ g, net.d(("E", 3), ("h", 1)))
a3, a2, a1 = D[3] @ g, D[2] @ Whh.T @ D[3] @ g, D[1] @ Whh.T @ D[2] @ Whh.T @ D[3] @ g
t.claim(r"\frac{\partial C^3}{\partial W_{hh}} =", lambda: np.outer(a3, h(2)) + np.outer(a2, h(1)) + np.outer(a1, h(0)), net.d(("E", 3), "Wh"))
t.claim(r"\frac{\partial C^3}{\partial W_{xh}} =", lambda: np.outer(a3, net.x[3]) + np.outer(a2, net.x[2]) + np.outer(a1, net.x[1]),
        net.d(("E", 3), "Wx"))
t.done()
