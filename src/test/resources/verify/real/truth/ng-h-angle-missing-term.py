"""h<t> = tanh(Whx x<t> + Whh h<t-1> + b), yhat<t> = softmax(Wyh h<t> + by), L = sum CE, t = 1..4, h<0> = 0.
dL/dh<t> is the full gradient (it also flows back from step t+1 except at the last step)."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=50, nx=4, ny=4)
Whx, Whh, Wyh = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
e = lambda k: net[("p", k)] - net.y[k]
dh = {k: net.d("E", ("h", k)) for k in net.times}
T = net.times
for k in T:
    t.claim(r"$\mathrm{d}o^{<t>} = \hat{y}^{<t>} - y^{<t>}$", lambda: e(k), net.d("E", ("o", k)))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{yh}} =", lambda: sum(np.outer(e(k), h(k)) for k in T), net.d("E", "Wy"))
for k in T:
    t.claim(r"\frac{\partial \mathcal{L}}{\partial h^{<t>}} = W_{yh}^\top", lambda: Wyh.T @ e(k), dh[k])
t.claim(r"\frac{\partial \mathcal{L}}{\partial b} =", lambda: sum((1 - h(k) ** 2) * dh[k] for k in T), net.d("E", "bh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{hx}} =", lambda: sum(np.outer((1 - h(k) ** 2) * dh[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.done()
