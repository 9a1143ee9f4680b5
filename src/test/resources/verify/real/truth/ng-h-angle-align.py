"""h<t> = tanh(Whh h<t-1> + Whx x<t> + bh), yhat<t> = softmax(Wyh h<t> + by), L = sum CE, T_x = 3, h<0> = 0."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=49)
Whx, Whh, Wyh = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
dh = {k: net.d("E", ("h", k)) for k in net.times}
dz = {k: net.d("E", ("z", k)) for k in net.times}
dz[4] = np.zeros(3)
for k in net.times:
    t.claim(r"\mathrm{d}z^{<t>} &=", lambda: (1 - h(k) ** 2) * dh[k], dz[k])
    t.claim(r"\mathrm{d}h^{<t>} &=", lambda: Wyh.T @ (net[("p", k)] - net.y[k]) + Whh.T @ dz[k + 1], dh[k])
T = net.times
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{hx}} &=", lambda: sum(np.outer(dz[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{hh}} &=", lambda: sum(np.outer(dz[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial b_y} &=", lambda: sum(net[("p", k)] - net.y[k] for k in T), net.d("E", "by"))
# the input is not a parameter of the model: perturb each x<t> by rebuilding the network with that input moved
eps = 1e-6
for k in T:
    g = np.zeros(2)
    for i in range(2):
        vals = []
        for sgn in (1, -1):
            x0 = net.x[k][i]
            net.x[k][i] = x0 + sgn * eps
            vals.append(net.run(net.P)["E"])
            net.x[k][i] = x0
        g[i] = (vals[0] - vals[1]) / (2 * eps)
    t.claim(r"\dfrac{\partial \mathcal{L}}{\partial x^{<t>}} =", lambda: Whx.T @ dz[k], g)
t.done()
