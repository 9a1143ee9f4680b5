"""PyTorch LSTM (two biases per gate act as their sum), head W_out h_t + b_out, L = mean over T = 3 of |.|^2 (no 1/2),
h_0 and c_0 given, input size = hidden size = 3."""
import numpy as np
from common import Truth, lstm

t = Truth(__file__)
net = lstm(3, nx=3, out="identity", loss="sse", total="mean", seed=33, start="random")
G = lambda k, s: net[(k, s)]
dc = {s: net.d("E", ("c", s)) for s in net.times}
af = {s: net.d("E", ("zf", s)) for s in net.times}
ai = {s: net.d("E", ("zi", s)) for s in net.times}
for s in net.times:
    t.claim(r"\frac{\partial L}{\partial a^f_t} =", lambda: dc[s] * G("c", s - 1) * G("f", s) * (1 - G("f", s)), af[s])
    t.claim(r"\frac{\partial L}{\partial a^i_t} =", lambda: dc[s] * G("g", s) * G("i", s) * (1 - G("i", s)), ai[s])
db = net.d("E", "bf")
t.claim(r"\frac{\partial L}{\partial b_{if}} =", lambda: sum(af.values()), db)  # b_if
t.claim(r"\frac{\partial L}{\partial b_{if}} =", lambda: sum(af.values()), db)  # b_hf: the same sum enters the same place
t.claim(r"\frac{\partial L}{\partial W_{hf}} =", lambda: sum(np.outer(af[s], G("h", s - 1)) for s in net.times), net.d("E", "Uf"))
t.claim(r"\frac{\partial L}{\partial W_{hi}} =", lambda: sum(np.outer(ai[s], net.x[s]) for s in net.times), net.d("E", "Ui"))
t.done()
