"""Row vectors: h_t = tanh(x_t Wxh + h_{t-1} Whh + bh), yhat_t = h_t Why + by, L = sum 1/2 |yhat - y|^2, t = 1..3."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="identity", loss="mse", row=True, seed=15)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
d = {k: net.d("E", ("z", k)) for k in net.times}
d[4] = np.zeros(3)
gh = {k: net.d("E", ("h", k)) for k in net.times}
err = lambda k: net[("p", k)] - net.y[k]
T = net.times
for k in T:
    t.claim(r"\delta_t = \frac{\partial L}{\partial h_t} \odot", lambda: gh[k] * (1 - h(k) * h(k)), d[k])
    t.claim(r"\frac{\partial L}{\partial h_t} = (\hat{y}_t - y_t) W_{hy}^\top", lambda: err(k) @ Why.T + d[k + 1] @ Whh.T, gh[k])
t.claim(r"\frac{\partial L}{\partial W_{hh}} =", lambda: sum(np.outer(h(k - 1), d[k]) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial W_{xh}} =", lambda: sum(np.outer(net.x[k], d[k]) for k in T), net.d("E", "Wx"))
t.claim(r"\frac{\partial L}{\partial W_{hy}} =", lambda: sum(np.outer(h(k), err(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\frac{\partial L}{\partial b_h} =", lambda: sum(d[k] for k in T), net.d("E", "bh"))
t.done()
