"""h_t = Whx x_t + Whh h_{t-1} (identity, no bias), o_t = Wqh h_t, l = 1/2 |o - y|^2, L = mean over T = 4."""
import numpy as np
from common import Truth, rnn, mpow

t = Truth(__file__)
net = rnn(4, act="identity", out="identity", loss="mse", total="mean", bias=False, seed=9)
Whx, Whh, Wqh = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
go = {k: net.d("E", ("o", k)) for k in net.times}
gh = {k: net.d("E", ("h", k)) for k in net.times}
T = net.times
for k in T:
    t.claim(r"\frac{\partial L}{\partial \mathbf{o}_t} = \frac{1}{T}", lambda: (net[("o", k)] - net.y[k]) / 4, go[k])
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{qh}} =", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\frac{\partial L}{\partial \mathbf{h}_T} =", lambda: Wqh.T @ go[4], gh[4])
for k in (1, 2, 3):
    t.claim(r"\frac{\partial L}{\partial \mathbf{h}_t} = \mathbf{W}_{hh}^\top", lambda: Whh.T @ gh[k + 1] + Wqh.T @ go[k], gh[k])
for k in T:
    t.claim(r"\frac{\partial L}{\partial \mathbf{h}_t} = \sum_{i=t}^{T}",
            lambda: sum(mpow(Whh.T, 4 - i) @ Wqh.T @ go[4 + k - i] for i in range(k, 5)), gh[k])
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{hx}} =", lambda: sum(np.outer(gh[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.claim(r"\frac{\partial L}{\partial \mathbf{W}_{hh}} = \sum", lambda: sum(np.outer(gh[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.done()
