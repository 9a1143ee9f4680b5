"""Three networks, yhat_t = softmax(V s_t), E = sum CE, t = 1..4, initial states given, no biases:
(1) tanh RNN, (2) LSTM, (3) GRU (Cho, reset inside). Claims for t < 4 where they mention t+1."""
import numpy as np
from common import Truth, rnn, lstm, gru

t = Truth(__file__)

net = rnn(4, act="tanh", out="softmax", loss="ce", bias=False, seed=42, h0="random")
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
g = {k: net.d("E", ("h", k)) for k in net.times}
for k in (1, 2, 3):
    t.claim(r"\frac{\partial E}{\partial s_t} = V^\top e_t", lambda: V.T @ (net[("p", k)] - net.y[k]) + W.T @ ((1 - s(k + 1) ** 2) * g[k + 1]), g[k])
t.claim(r"\frac{\partial E}{\partial U} =", lambda: sum(np.outer((1 - s(k) ** 2) * g[k], net.x[k]) for k in net.times), net.d("E", "Wx"))

net = lstm(4, out="softmax", loss="ce", bias=False, seed=43, start="random")
G = lambda k, q: net[(k, q)]
for q in net.times:
    t.claim(r"\frac{\partial E}{\partial o_t} =", lambda: net.d("E", ("h", q)) * np.tanh(G("c", q)), net.d("E", ("o", q)))
    t.claim(r"\frac{\partial E}{\partial o_t} =", lambda: net.d("E", ("c", q)) * G("g", q), net.d("E", ("i", q)))

net = gru(4, keep="cho", reset="inside", out="softmax", loss="ce", bias=False, seed=44, start="random")
G = lambda k, q: net[(k, q)]
ds = {q: net.d("E", ("h", q)) for q in net.times}
for q in (1, 2, 3):
    t.claim(r"\frac{\partial E}{\partial \tilde{s}_t} =", lambda: ds[q] * G("z", q) + ds[q + 1] * (1 - G("z", q + 1)), net.d("E", ("n", q)))
for q in net.times:
    t.claim(r"\frac{\partial E}{\partial z_t} =", lambda: ds[q] * (G("n", q) - G("h", q - 1)), net.d("E", ("z", q)))
t.done()
