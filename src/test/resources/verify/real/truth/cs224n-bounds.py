"""h_t = sigmoid(Whh h_{t-1} + Whx x_t), yhat_t = softmax(WS h_t), J = mean of cross-entropies, T = 5."""
import numpy as np
from common import Truth, rnn, diag, dsigmoid, sigmoid, GRID

t = Truth(__file__)
net = rnn(5, act="sigmoid", out="softmax", loss="ce", total="mean", bias=False, seed=11)
Whx, Whh, WS = net.P["Wx"], net.P["Wh"], net.P["Wy"]
z = lambda j: net[("z", j)]
jac = lambda j: diag(dsigmoid(z(j))) @ Whh


def chain(t_, k):
    out = np.eye(3)
    for j in range(t_, k, -1):  # j = t leftmost
        out = out @ jac(j)
    return out


for t_ in net.times:
    for k in range(0, t_ + 1):
        t.claim(r"\frac{\partial J^{(t)}}{\partial h_k} =", lambda: net.d(("E", t_), ("h", t_)) @ chain(t_, k),
                net.d(("E", t_), ("h", k)))
for j in net.times:
    t.claim(r"\frac{\partial h_j}{\partial h_{j-1}} = \operatorname{diag}", lambda: jac(j), net.d(("h", j), ("h", j - 1)))
t.bound(r"0 < \sigma'(z) \le \frac{1}{4}", dsigmoid(GRID), 0.25)
t.holds(r"0 < \sigma'(z) \le \frac{1}{4}", np.min(dsigmoid(np.linspace(-30, 30, 6001))) > 0)
bW = np.linalg.norm(Whh, 2)
for j in net.times:
    t.bound(r"\right\rVert_2 \le \frac{\beta_W}{4}$$", np.linalg.norm(net.d(("h", j), ("h", j - 1)), 2), bW / 4)
for t_ in net.times:
    for k in range(0, t_ + 1):
        t.bound(r"\le \left(\frac{\beta_W}{4}\right)^{t-k}", np.linalg.norm(net.d(("h", t_), ("h", k)), 2), (bW / 4) ** (t_ - k) + 1e-9)
t.done()
