"""a<t> = tanh(Waa a<t-1> + Wax x<t> + ba), yhat<t> = softmax(Wya a<t> + by), L = sum of cross-entropies, T_x = 3."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=4)
Wax, Waa, Wya = net.P["Wx"], net.P["Wh"], net.P["Wy"]
a = lambda k: net[("h", k)]
err = lambda k: net[("p", k)] - net.y[k]
d = {k: net.d("E", ("h", k)) for k in net.times}
T = net.times
t.claim(r"\frac{\partial \mathcal{L}}{\partial b_y} =", lambda: sum(err(k) for k in T), net.d("E", "by"))
t.claim(r"\delta^{<3>} = W_{ya}^\top", lambda: Wya.T @ err(3), d[3])
for k in (2, 1):
    t.claim(r"\delta^{<t>} = W_{ya}^\top", lambda: Wya.T @ err(k) + Waa.T @ ((1 - a(k + 1) ** 2) * d[k + 1]), d[k])
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{aa}} =", lambda: sum(np.outer((1 - a(k - 1) ** 2) * d[k], a(k - 1)) for k in T),
        net.d("E", "Wh"))
t.claim(r"\frac{\partial \mathcal{L}}{\partial W_{ax}} =", lambda: sum(np.outer((1 - a(k) ** 2) * d[k], net.x[k]) for k in T),
        net.d("E", "Wx"))
t.done()
