"""LSTM with W_* x_t + U_* h_{t-1} + b_*, linear readout, E = sum 1/2 |yhat - y|^2, t = 1..4, h_0 and c_0 given.
The cell-to-cell Jacobian is the total derivative: c_{k} also reaches c_t through h_k and the gates."""
import numpy as np
from common import Truth, lstm, diag

t = Truth(__file__)
net = lstm(4, out="identity", loss="mse", seed=28, start="random")
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dc = {s: net.d("E", ("c", s)) for s in net.times}
for s in (1, 2, 3):
    t.claim(r"\frac{\partial E}{\partial c_t} =", lambda: dh[s] * G("o", s) * (1 - np.tanh(G("c", s)) ** 2) + dc[s + 1] * G("f", s + 1), dc[s])
for s in net.times:
    t.claim(r"\frac{\partial E}{\partial o_t} =", lambda: dh[s] * np.tanh(G("c", s)), net.d("E", ("o", s)))
for s in (2, 3, 4):
    for k in range(1, s):
        def prod():
            out = np.eye(3)
            for j in range(s, k, -1):
                out = out @ diag(G("f", j))
            return out
        t.claim(r"\frac{\partial c_t}{\partial c_k} =", prod, net.d(("c", s), ("c", k)))
t.done()
