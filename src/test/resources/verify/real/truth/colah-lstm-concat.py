"""LSTM with one W per gate acting on [h_{t-1}, x_t]; yhat_t = softmax(V h_t + c); L = sum CE; t = 1..3; h_0, C_0 given."""
import numpy as np
from common import Truth, lstm

t = Truth(__file__)
net = lstm(3, concat=True, out="softmax", loss="ce", seed=27, start="random")
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dC = {s: net.d("E", ("c", s)) for s in net.times}
for s in net.times:
    t.claim(r"\frac{\partial L}{\partial o_t} =", lambda: dh[s] * np.tanh(G("c", s)), net.d("E", ("o", s)))
    t.claim(r"\frac{\partial L}{\partial f_t} =", lambda: dC[s] * G("c", s - 1), net.d("E", ("f", s)))
    t.claim(r"\frac{\partial L}{\partial f_t} =", lambda: dC[s] * G("g", s), net.d("E", ("i", s)))
    t.claim(r"\frac{\partial L}{\partial f_t} =", lambda: dC[s] * G("i", s), net.d("E", ("g", s)))
for s in (1, 2):
    t.claim(r"\frac{\partial L}{\partial C_t} =", lambda: dh[s] * G("o", s) * (1 - np.tanh(G("c", s)) ** 2) + dC[s + 1] * G("f", s + 1), dC[s])
t.claim(r"$\frac{\partial L}{\partial C_3} =", lambda: dh[3] * G("o", 3) * (1 - np.tanh(G("c", 3)) ** 2), dC[3])
hx = lambda s: np.concatenate([G("h", s - 1), net.x[s]])
t.claim(r"\frac{\partial L}{\partial W_f} =", lambda: sum(np.outer(net.d("E", ("f", s)) * G("f", s) * (1 - G("f", s)), hx(s)) for s in net.times),
        net.d("E", "Wf"))
t.claim(r"\frac{\partial L}{\partial W_C} =", lambda: sum(np.outer(net.d("E", ("g", s)) * (1 - G("g", s) ** 2), hx(s)) for s in net.times),
        net.d("E", "Wg"))
t.done()
