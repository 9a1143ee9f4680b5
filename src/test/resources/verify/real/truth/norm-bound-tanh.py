"""h_t = tanh(Whh h_{t-1} + Wxh x_t + bh), h_0 = 0, yhat_t = softmax(Why h_t + by), L = sum CE, t = 1..3.
The norm bound is searched over seeded instances at several weight scales (and it is the
submultiplicative bound with |tanh'| <= 1, so no instance can break it)."""
import numpy as np
from common import Truth, rnn, diag, dtanh, GRID

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=41)
Wh, Wy = net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
gh = {k: net.d("E", ("h", k)) for k in net.times}
for k in net.times:
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(1 - h(k) * h(k)) @ Wh, net.d(("h", k), ("h", k - 1)))
for k in (1, 2):
    t.claim(r"\frac{\partial L}{\partial h_t} = W_{hy}^\top",
            lambda: Wy.T @ (net[("p", k)] - net.y[k]) + Wh.T @ ((1 - h(k + 1) * h(k + 1)) * gh[k + 1]), gh[k])
t.bound(r"|\tanh'(z)| \le 1", np.abs(dtanh(GRID)), 1.0)
ratios = []
for seed in range(12):
    for scale in (0.1, 0.3, 0.6, 1.0, 2.0, 4.0):
        other = rnn(3, act="tanh", out="softmax", loss="ce", seed=100 + seed)
        other.P = {k: (v * scale if k in ("Wh", "Wx") else v) for k, v in other.P.items()}
        other.vals = other.run(other.P)
        for a in range(0, 4):
            for b in range(a + 1, 4):
                J = other.d(("h", b), ("h", a))
                ratios.append(np.linalg.norm(J, 2) / np.linalg.norm(other.P["Wh"], 2) ** (b - a))
t.bound(r"\right\|_2 \le \|W_{hh}\|_2^{t-k}", np.array(ratios), 1.0 + 1e-6)
t.done()
