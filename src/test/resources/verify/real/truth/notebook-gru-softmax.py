"""PyTorch-style GRU: n = tanh(Win x + r (Whn h) + bn), h = (1 - z) n + z h_{t-1}; yhat = softmax(Wo h + bo); E = sum CE;
t = 1..4, h_0 given. Line numbers are lines of the .ipynb file."""
import numpy as np
from common import Truth, gru, diag

t = Truth(__file__)
net = gru(4, keep="d2l", reset="after", seed=37, start="random")
P = net.P
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
for s in net.times:
    yh, y = G("p", s), net.y[s]
    t.claim(r"\frac{\partial E_t}{\partial \hat{y}_t} = -\frac{y_t}{\hat{y}_t}", lambda: -y / yh, net.d(("E", s), ("p", s)))
    t.claim(r"\frac{\partial \hat{y}_t}{\partial o_t} = \operatorname{diag}", lambda: diag(yh * (1 - yh)), net.d(("p", s), ("v", s)))
    t.claim(r"\frac{\partial E_t}{\partial o_t} = \left(", lambda: net.d(("p", s), ("v", s)).T @ (-y / yh), net.d(("E", s), ("v", s)))
    dn = net.d("E", ("n", s))
    t.claim(r"\frac{\partial E}{\partial n_t} =", lambda: dh[s] * (1 - G("z", s)), dn)
    t.claim(r"\frac{\partial E}{\partial r_t} =", lambda: dn * (1 - G("n", s) ** 2) * (P["Un"] @ G("h", s - 1)), net.d("E", ("r", s)))
t.done()
