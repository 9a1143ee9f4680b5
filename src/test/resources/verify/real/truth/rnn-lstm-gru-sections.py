"""Three networks, one per section, each with a linear readout y_t = Why h_t and L = sum 1/2 |y_t - d_t|^2, t = 1..3,
initial states given: (1) tanh RNN, (2) LSTM, (3) GRU in Cho's convention with the reset gate inside."""
import numpy as np
from common import Truth, rnn, lstm, gru

t = Truth(__file__)

# 1. RNN
net = rnn(3, act="tanh", out="identity", loss="mse", seed=39, h0="random")
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
Whh, Why = net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
d = {k: net.d("E", ("h", k)) for k in net.times}
d[4] = np.zeros(3)
for k in net.times:
    t.claim(r"\delta_t = W_{hy}^\top (y_t - d_t) + W_{hh}^\top", lambda: Why.T @ (net[("p", k)] - net.y[k]) + Whh.T @ (d[k + 1] * (1 - (h(k + 1) if k < 3 else 0) ** 2)), d[k])
t.claim(r"\frac{\partial L}{\partial W_{hh}} = \sum", lambda: sum(np.outer(d[k] * (1 - h(k) ** 2), h(k - 1)) for k in net.times), net.d("E", "Wh"))

# 2. LSTM
net = lstm(3, out="identity", loss="mse", seed=40, start="random")
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dc = {s: net.d("E", ("c", s)) for s in net.times}
for s in net.times:
    nxt = (lambda: dc[s + 1] * G("f", s + 1)) if s < 3 else (lambda: 0.0)
    t.claim(r"\frac{\partial L}{\partial c_t} = \delta_t", lambda: dh[s] * G("o", s) * (1 - np.tanh(G("c", s)) ** 2) + nxt(), dc[s])
    t.claim(r"$\frac{\partial L}{\partial f_t} =", lambda: dc[s] * G("c", s - 1), net.d("E", ("f", s)))

# 3. GRU
net = gru(3, keep="cho", reset="inside", out="identity", loss="mse", seed=41, start="random")
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
P = net.P
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
for s in (1, 2):
    z, r, n, hs = G("z", s + 1), G("r", s + 1), G("n", s + 1), G("h", s)
    a = dh[s + 1] * z * (1 - n ** 2)
    t.claim(r"\delta_t = W_{hy}^\top (y_t - d_t) + (1 - z_{t+1})",
            lambda: P["V"].T @ (G("p", s) - net.y[s]) + (1 - z) * dh[s + 1] + P["Uz"].T @ (dh[s + 1] * (n - hs) * z * (1 - z))
            + r * (P["Un"].T @ a) + P["Ur"].T @ (hs * (P["Un"].T @ a) * r * (1 - r)), dh[s])
t.claim(r"$\frac{\partial L}{\partial W_{xz}} =", lambda: sum(np.outer(dh[s] * (G("n", s) - G("h", s - 1)) * G("z", s) * (1 - G("z", s)), net.x[s]) for s in net.times),
        net.d("E", "Wz"))
t.done()
