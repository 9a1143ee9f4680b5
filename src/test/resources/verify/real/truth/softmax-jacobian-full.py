"""s_t = tanh(U x_t + W s_{t-1}), s_0 = 0, z_t = V s_t, yhat_t = softmax(z_t), E = sum CE, t = 1..3."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", bias=False, seed=47)
for k in net.times:
    p, y = net[("p", k)], net.y[k]
    t.claim(r"\frac{\partial \hat{y}_t}{\partial z_t} = \operatorname{diag}", lambda: diag(p) - np.outer(p, p), net.d(("p", k), ("o", k)))
    t.claim(r"\frac{\partial E_t}{\partial \hat{y}_t} = -\frac", lambda: -y / p, net.d(("E", k), ("p", k)))
    t.claim(r"\frac{\partial E_t}{\partial z_t} = \hat{y}_t - y_t", lambda: p - y, net.d(("E", k), ("o", k)))
t.done()
