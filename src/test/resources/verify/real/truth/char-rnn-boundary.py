"""h_t = tanh(Wxh x_t + Whh h_{t-1} + bh), y_t = Why h_t + by, p_t = softmax(y_t), L = -sum_t log p_{t,c_t},
t = 1..3; the text names h_4's gradient as zero (the boundary past the last stage, not a fourth stage).
The gradient of Whh is written with h_t where h_{t-1} belongs."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=31)
Why, Whh = net.P["Wy"], net.P["Wh"]
h = lambda k: net[("h", k)]
gy = {k: net.d("E", ("o", k)) for k in net.times}
gh = {k: net.d("E", ("h", k)) for k in net.times}
gh[4] = np.zeros(3)
raw = lambda k: (1 - h(k) ** 2) * gh[k]
for k in net.times:
    t.claim(r"\frac{\partial L}{\partial h_t} = W_{hy}^\top", lambda: Why.T @ gy[k] + Whh.T @ ((1 - (h(k + 1) if k < 3 else 0) ** 2) * gh[k + 1]), gh[k])
t.claim(r"\frac{\partial L}{\partial W_{hh}} =", lambda: sum(np.outer(raw(k), h(k)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial b_h} =", lambda: sum(raw(k) for k in net.times), net.d("E", "bh"))
t.done()
