"""z_t = Whx x_t + Whh h_{t-1} + bh, h_t = tanh(z_t), yhat_t = softmax(Wyh h_t + by), C = sum CE, t = 1..5."""
import numpy as np
from common import Truth, rnn, diag, dtanh, GRID

t = Truth(__file__)
net = rnn(5, act="tanh", out="softmax", loss="ce", seed=26)
Whx, Whh, Wyh = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
fp = lambda k: dtanh(net[("z", k)])
for k in net.times:
    t.claim(r"Show that $f'(z_t) = 1 - h_t \odot h_t$", lambda: 1 - h(k) * h(k), fp(k))
    t.claim(r"f'(z_t) = 1 - h_t \odot h_t .", lambda: 1 - h(k) * h(k), fp(k))
for k in range(2, 6):
    t.claim(r"\frac{\partial h_t}{\partial h_{t-2}} =", lambda: diag(fp(k)) @ Whh @ diag(fp(k - 1)) @ Whh, net.d(("h", k), ("h", k - 2)))
delta = {k: net.d("E", ("z", k)) for k in net.times}
err = lambda k: net[("p", k)] - net.y[k]
for k in range(1, 5):
    t.claim(r"\delta_t &= f'(z_t) \odot", lambda: fp(k) * (Wyh.T @ err(k) + Whh.T @ delta[k + 1]), delta[k])
t.claim(r"\delta_5 &= f'(z_5)", lambda: fp(5) * (Wyh.T @ err(5)), delta[5])
t.claim(r"\frac{\partial C}{\partial W_{hh}} = \sum_{t=1}^{5}", lambda: sum(np.outer(delta[k], h(k - 1)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial C}{\partial b_h} = \sum_{t=1}^{5}", lambda: sum(delta[k] for k in net.times), net.d("E", "bh"))
t.holds(r"$\frac{d}{dz}\tanh z = 1 - \tanh^2 z$", np.allclose(dtanh(GRID), 1 - np.tanh(GRID) ** 2))
t.done()
