"""LSTM with W_* x_t + U_* h_{t-1} + b_*, p_t = softmax(V h_t + by), CE loss, t = 1..4, h_0 and c_0 given."""
import numpy as np
from common import Truth, lstm, diag

t = Truth(__file__)
net = lstm(4, out="softmax", loss="ce", seed=29, start="random")
P = net.P
G = lambda k, s: net[(k, s)]


def bracket(s):
    f, i, g = G("f", s), G("i", s), G("g", s)
    return diag(G("c", s - 1) * f * (1 - f)) @ P["Uf"] + diag(g * i * (1 - i)) @ P["Ui"] + diag(i * (1 - g ** 2)) @ P["Ug"]


for s in (2, 3, 4):
    D = diag(G("o", s - 1) * (1 - np.tanh(G("c", s - 1)) ** 2))
    t.claim(r"\frac{\partial c_t}{\partial c_{t-1}} =", lambda: diag(G("f", s)) + bracket(s) @ D, net.d(("c", s), ("c", s - 1)))
for s in net.times:
    o, c = G("o", s), G("c", s)
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(np.tanh(c) * o * (1 - o)) @ P["Uo"] + diag(o * (1 - np.tanh(c) ** 2)) @ bracket(s),
            net.d(("h", s), ("h", s - 1)))
t.claim(r"\frac{\partial \ell}{\partial c_4} =", lambda: G("o", 4) * (1 - np.tanh(G("c", 4)) ** 2) * (P["V"].T @ (G("p", 4) - net.y[4])),
        net.d("E", ("c", 4)))
t.done()
