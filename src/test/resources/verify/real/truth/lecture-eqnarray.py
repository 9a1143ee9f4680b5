"""a_t = W h_{t-1} + U x_t + b, h_t = sigmoid(a_t), o_t = V h_t, E = sum 1/2 |o_t - y_t|^2, t = 1..3, h_0 = 0.
The author's dot between vectors is the elementwise product."""
import numpy as np
from common import Truth, rnn, diag, dsigmoid, sigmoid, GRID

t = Truth(__file__)
net = rnn(3, act="sigmoid", out="identity", loss="mse", seed=53)
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
a = lambda k: net[("z", k)]
h = lambda k: net[("h", k)]
e = lambda k: net[("o", k)] - net.y[k]
d = {k: net.d("E", ("z", k)) for k in net.times}
t.holds(r"\sigma'(a) = \sigma(a) \cdot", np.allclose(dsigmoid(GRID), sigmoid(GRID) * (1 - sigmoid(GRID))))
t.bound(r"\sigma'(a) = \sigma(a) \cdot", dsigmoid(GRID), 0.5)
t.bound(r"(It is in fact at most $\frac14$", dsigmoid(GRID), 0.25)
t.claim(r"\bm{\delta}_3 &=&", lambda: dsigmoid(a(3)) * (V.T @ e(3)), d[3])
for k in (2, 1):
    t.claim(r"\bm{\delta}_t &=&", lambda: dsigmoid(a(k)) * (V.T @ e(k) + W.T @ d[k + 1]), d[k])
t.claim(r"\frac{\partial E}{\partial \bm{W}} &=&", lambda: sum(np.outer(d[k], h(k - 1)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial E}{\partial \bm{V}} &=&", lambda: sum(np.outer(e(k), h(k)) for k in net.times), net.d("E", "Wy"))
for k in net.times:
    t.claim(r"$\dfrac{\partial \bm{h}_t}{\partial \bm{h}_{t-1}} =", lambda: diag(dsigmoid(a(k))) @ W, net.d(("h", k), ("h", k - 1)))
t.done()
