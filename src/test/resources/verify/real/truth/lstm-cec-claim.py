"""LSTM without peepholes, y_t = Why h_t (+0 bias), L = 1/2 sum |y_t - d_t|^2, t = 1..5, h_0 = 0, c_0 given.
dc_t/dc_{t-1} is the total derivative: c_{t-1} also feeds h_{t-1} and through it the gates of step t."""
import numpy as np
from common import Truth, lstm, diag

t = Truth(__file__)
net = lstm(5, out="identity", loss="mse", seed=32, start="cell")
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
G = lambda k, s: net[(k, s)]
for s in net.times:
    t.claim(r"\frac{\partial c_t}{\partial i_t} = \operatorname{diag}(g_t)", lambda: diag(G("g", s)), net.d(("c", s), ("i", s)))
    t.claim(r"\frac{\partial c_t}{\partial f_t} =", lambda: diag(G("c", s - 1)), net.d(("c", s), ("f", s)))
    t.claim(r"\frac{\partial h_t}{\partial c_t} =", lambda: diag(G("o", s) * (1 - np.tanh(G("c", s)) ** 2)), net.d(("h", s), ("c", s)))
for s in (2, 3, 4, 5):
    t.claim(r"\frac{\partial c_t}{\partial c_{t-1}} =", lambda: diag(G("f", s)), net.d(("c", s), ("c", s - 1)))
t.claim(r"\frac{\partial \mathcal{L}}{\partial c_5} =", lambda: G("o", 5) * (1 - np.tanh(G("c", 5)) ** 2) * (net.P["V"].T @ (G("p", 5) - net.y[5])),
        net.d("E", ("c", 5)))
t.done()
