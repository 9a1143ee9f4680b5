"""h_t = tanh(W h_{t-1} + U x_t + b), h_0 = 0, o_t = V h_t + c, p_t = softmax(o_t), L = sum CE, t = 1..4."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=59)
for k in net.times:
    p, y = net[("p", k)], net.y[k]
    t.claim(r"\frac{\partial p_t}{\partial o_t} = \operatorname{diag}", lambda: diag(p * (1 - p)), net.d(("p", k), ("o", k)))
    t.claim(r"\frac{\partial L}{\partial p_t} = -\frac", lambda: -y / p, net.d("E", ("p", k)))
    t.claim(r"\frac{\partial L}{\partial o_t} = p_t - y_t", lambda: p - y, net.d("E", ("o", k)))
t.done()
