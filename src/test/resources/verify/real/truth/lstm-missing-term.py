"""LSTM (sigma_g = sigmoid, sigma_c = sigma_h = tanh), yhat_t = softmax(Wy h_t + by), J = sum CE, t = 1..3, h_0 = c_0 = 0."""
import numpy as np
from common import Truth, lstm, dtanh, GRID

t = Truth(__file__)
net = lstm(3, out="softmax", loss="ce", seed=30)
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dc = {s: net.d("E", ("c", s)) for s in net.times}
dg = {s: net.d("E", ("g", s)) for s in net.times}
for s in net.times:
    t.claim(r"\frac{\partial J}{\partial c_t} =", lambda: dh[s] * G("o", s) * (1 - np.tanh(G("c", s)) ** 2), dc[s])
    t.claim(r"\frac{\partial J}{\partial \tilde{c}_t} =", lambda: dc[s] * G("i", s), dg[s])
    t.claim(r"\frac{\partial J}{\partial i_t} =", lambda: dc[s] * G("g", s), net.d("E", ("i", s)))
t.claim(r"\frac{\partial J}{\partial U_c} =", lambda: sum(np.outer(dg[s] * (1 - G("g", s) ** 2), G("h", s - 1)) for s in net.times), net.d("E", "Ug"))
t.holds(r"$\sigma_h'(c) = 1 - \tanh^2(c)$", np.allclose(dtanh(GRID), 1 - np.tanh(GRID) ** 2))
t.done()
