"""z_t = Whh h_{t-1} + Wxh x_t + bh, h_t = tanh(z_t), h_0 = 0, yhat = softmax(Why h_T + by),
L = cross-entropy of the last step only, T = 5."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(5, act="tanh", out="softmax", loss="ce", total="last", seed=53)
Wh, Wy = net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
gh = {k: net.d("E", ("h", k)) for k in net.times}
err = net[("p", 5)] - net.y[5]
t.claim(r"\frac{\partial L}{\partial h_T} =", lambda: Wy.T @ err, gh[5])
for k in (1, 2, 3, 4):
    t.claim(r"\frac{\partial L}{\partial h_t} = W_{hh}^\top", lambda: Wh.T @ ((1 - h(k + 1) ** 2) * gh[k + 1]), gh[k])
t.claim(r"\frac{\partial L}{\partial W_{hh}} =", lambda: sum(np.outer((1 - h(k) ** 2) * gh[k], h(k - 1)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial W_{hy}} =", lambda: np.outer(err, h(5)), net.d("E", "Wy"))
t.done()
