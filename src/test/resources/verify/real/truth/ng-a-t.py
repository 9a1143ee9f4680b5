"""a<t> = tanh(Waa a<t-1> + Wax x<t> + ba), yhat<t> = softmax(Wya a<t> + by), L = sum of cross-entropies, T_x = 4."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=3)
Wax, Waa, Wya = net.P["Wx"], net.P["Wh"], net.P["Wy"]
a = lambda k: net[("h", k)]
yh = lambda k: net[("p", k)]
da = {k: net.d("E", ("h", k)) for k in net.times}
dz = {k: (1 - a(k) ** 2) * da[k] for k in net.times}
for k in net.times:
    rest = (lambda: Waa.T @ ((1 - a(k + 1) ** 2) * da[k + 1])) if k < 4 else (lambda: 0.0)
    t.claim(r"\frac{\partial \mathcal{L}}{\partial a^{<t>}} = W_{ya}^\top", lambda: Wya.T @ (yh(k) - net.y[k]) + rest(), da[k])
    t.claim(r"\frac{\partial a^{<t>}}{\partial a^{<t-1>}} =", lambda: diag(1 - a(k) ** 2) @ Waa, net.d(("h", k), ("h", k - 1)))
T = net.times
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{ax}} =", lambda: sum(np.outer(dz[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{aa}} =", lambda: sum(np.outer(dz[k], a(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial b_a} =", lambda: sum(dz[k] for k in T), net.d("E", "bh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{ya}} =", lambda: sum(np.outer(yh(k) - net.y[k], a(k)) for k in T), net.d("E", "Wy"))
t.done()
