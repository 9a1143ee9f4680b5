"""Row-vector LSTM (X W_x* + H W_h* + b_*), Y_t = H_t Whq + bq, L = sum 1/2 |Y - Z|^2, t = 1..4, H_0 and C_0 given."""
import numpy as np
from common import Truth, lstm

t = Truth(__file__)
net = lstm(4, row=True, out="identity", loss="mse", seed=31, start="random")
P = net.P
G = lambda k, s: net[(k, s)]
dH = {s: net.d("E", ("h", s)) for s in net.times}
dC = {s: net.d("E", ("c", s)) for s in net.times}
dF = {s: net.d("E", ("f", s)) for s in net.times}
dO = {s: net.d("E", ("o", s)) for s in net.times}
for s in net.times:
    t.claim(r"\bar{\mathbf{O}}_t &=", lambda: dH[s] * np.tanh(G("c", s)), dO[s])
    t.claim(r"\bar{\mathbf{F}}_t &=", lambda: dC[s] * G("c", s - 1), dF[s])
    t.claim(r"\bar{\mathbf{I}}_t &=", lambda: dC[s] * G("g", s), net.d("E", ("i", s)))
for s in (1, 2, 3):
    t.claim(r"\bar{\mathbf{C}}_t &=", lambda: dH[s] * G("o", s) * (1 - np.tanh(G("c", s - 1)) ** 2) + dC[s + 1] * G("f", s + 1), dC[s])
T = net.times
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{hf}} &=", lambda: sum(np.outer(G("h", s - 1), dF[s] * G("f", s) * (1 - G("f", s))) for s in T), net.d("E", "Uf"))
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{xo}} &=", lambda: sum(np.outer(net.x[s], dO[s] * G("o", s) * (1 - G("o", s))) for s in T), net.d("E", "Wo"))
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{hq}} &=", lambda: sum(np.outer(G("h", s), G("p", s) - net.y[s]) for s in T), net.d("E", "V"))
t.done()
