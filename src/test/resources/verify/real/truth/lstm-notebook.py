"""Textbook-named LSTM (f forget, g input gate, q output gate, s cell; U on x, W on h), tanh candidate,
yhat = softmax(V h + c), L = sum CE, t = 1..3, h(0) and s(0) given. Line numbers are lines of the .ipynb file."""
import numpy as np
from common import Truth, lstm

t = Truth(__file__)
net = lstm(3, out="softmax", loss="ce", seed=34, start="random")
# the textbook's names onto the model's: f -> f, g (input gate) -> i, q -> o, s~ -> g, s -> c; U^k -> W_k, W^k -> U_k
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dc = {s: net.d("E", ("c", s)) for s in net.times}
for s in net.times:
    t.claim(r"\bar{q}^{(t)} = \bar{h}^{(t)}", lambda: dh[s] * np.tanh(G("c", s)), net.d("E", ("o", s)))
for s in (1, 2):
    t.claim(r"\bar{s}^{(t)} = \bar{h}^{(t)}", lambda: dh[s] * G("o", s) * (1 - np.tanh(G("c", s)) ** 2) + dc[s + 1] * G("f", s + 1), dc[s])
T = net.times
t.claim(r"\frac{\partial L}{\partial W^f} =", lambda: sum(np.outer(dc[s] * G("c", s - 1) * G("f", s) * (1 - G("f", s)), G("h", s - 1)) for s in T),
        net.d("E", "Uf"))
t.claim(r"\frac{\partial L}{\partial U^g} =", lambda: sum(np.outer(dc[s] * G("g", s) * G("i", s) * (1 - G("i", s)), net.x[s]) for s in T),
        net.d("E", "Wi"))
t.done()
