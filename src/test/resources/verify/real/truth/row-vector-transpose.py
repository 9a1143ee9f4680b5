"""Row vectors: h_t = sigmoid(x_t Wx + h_{t-1} Wh + b), yhat_t = softmax(h_t Wy + c), L = sum CE, t = 1..4."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(4, act="sigmoid", out="softmax", loss="ce", row=True, seed=16)
Wx, Wh, Wy = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
g = {k: net.d("E", ("h", k)) for k in net.times}
r = {k: net.d("E", ("z", k)) for k in net.times}
r[5] = np.zeros(3)
e = lambda k: net[("p", k)] - net.y[k]
T = net.times
for k in T:
    t.claim(r"e_t = \hat{y}_t - y_t", lambda: e(k), net.d("E", ("o", k)))
    t.claim(r"r_t = g_t \odot", lambda: g[k] * h(k) * (1 - h(k)), r[k])
    t.claim(r"g_t = e_t W_y^\top", lambda: e(k) @ Wy.T + r[k + 1] @ Wh, g[k])
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_h} =", lambda: sum(np.outer(h(k - 1), r[k]) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial b} =", lambda: sum(r[k] for k in T), net.d("E", "bh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_y} =", lambda: sum(np.outer(h(k), e(k)) for k in T), net.d("E", "Wy"))
t.done()
