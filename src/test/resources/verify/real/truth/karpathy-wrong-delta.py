"""h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by, p_t = softmax(y_t), L = -sum log p, t = 1..3, h_0 random."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=8, h0="random", nx=4, ny=4)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
d = {k: net.d("E", ("h", k)) for k in net.times}
dr = {k: net.d("E", ("z", k)) for k in net.times}
dr[4] = np.zeros(3)
T = net.times
for k in T:
    t.claim(r"\tilde\delta_t = \left(1 - h_t^2\right)", lambda: (1 - h(k) ** 2) * d[k], dr[k])
    t.claim(r"\delta_t = W_{hy}^\top", lambda: Why.T @ (net[("p", k)] - net.y[k]) + Whh.T @ dr[k + 1], d[k])
t.claim(r"\frac{\partial L}{\partial b_h} =", lambda: sum(dr[k] for k in T), net.d("E", "bh"))
t.claim(r"\frac{\partial L}{\partial W_{hh}} =", lambda: sum(np.outer(dr[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial W_{xh}} =", lambda: sum(np.outer(d[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.done()
