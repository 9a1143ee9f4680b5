"""h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by, p_t = softmax(y_t), L = -sum log p_t[c_t], t = 1..4,
h_0 random (carried over)."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=7, h0="random", nx=5, ny=5)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
dy = {k: net.d("E", ("o", k)) for k in net.times}
dh = {k: net.d("E", ("h", k)) for k in net.times}
raw = {k: net.d("E", ("z", k)) for k in net.times}
raw[5] = np.zeros(3)
T = net.times
for k in T:
    t.claim(r"\frac{\partial L}{\partial y_t} = p_t", lambda: net[("p", k)] - net.y[k], dy[k])
    t.claim(r"\delta^{raw}_t = (1 - h_t \odot h_t)", lambda: (1 - h(k) * h(k)) * dh[k], raw[k])
    t.claim(r"\delta^h_t = W_{hy}^\top", lambda: Why.T @ dy[k] + Whh.T @ raw[k + 1], dh[k])
t.claim(r"\frac{\partial L}{\partial W_{hy}} =", lambda: sum(np.outer(net[("p", k)] - net.y[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\frac{\partial L}{\partial b_y} =", lambda: sum(net[("p", k)] - net.y[k] for k in T), net.d("E", "by"))
t.claim(r"\frac{\partial L}{\partial W_{xh}} =", lambda: sum(np.outer(raw[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.claim(r"\frac{\partial L}{\partial W_{hh}} =", lambda: sum(np.outer(raw[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial b_h} =", lambda: sum(raw[k] for k in T), net.d("E", "bh"))
t.claim(r"\frac{\partial L}{\partial h_0} =", lambda: Whh.T @ raw[1], net.d("E", ("h", 0)))
t.done()
