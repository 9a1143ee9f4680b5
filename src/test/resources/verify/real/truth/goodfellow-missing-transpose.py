"""a(t) = b + W h(t-1) + U x(t), h(t) = sigmoid(a(t)), o(t) = c + V h(t), softmax, L = sum of cross-entropies, t = 1..4."""
import numpy as np
from common import Truth, rnn, diag, GRID, dsigmoid, sigmoid

t = Truth(__file__)
net = rnn(4, act="sigmoid", out="softmax", loss="ce", seed=6)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
go = {k: net.d("E", ("o", k)) for k in net.times}
gh = {k: net.d("E", ("h", k)) for k in net.times}
T = net.times
for k in T:
    t.claim(r"\frac{\partial \mathbf{h}^{(t)}}{\partial \mathbf{h}^{(t-1)}} =", lambda: diag(h(k) * (1 - h(k))) @ W,
            net.d(("h", k), ("h", k - 1)))
    t.claim(r"\frac{\partial L}{\partial \mathbf{o}^{(t)}} = \hat", lambda: net[("p", k)] - net.y[k], go[k])
for k in (3, 2, 1):
    t.claim(r"\frac{\partial L}{\partial \mathbf{h}^{(t)}} = \mathbf{V}^\top",
            lambda: V.T @ go[k] + W @ diag(h(k + 1) * (1 - h(k + 1))) @ gh[k + 1], gh[k])
t.claim(r"\frac{\partial L}{\partial \mathbf{h}^{(4)}} = \mathbf{V}^\top", lambda: V.T @ go[4], gh[4])
t.claim(r"\frac{\partial L}{\partial \mathbf{W}} &=", lambda: sum(np.outer(h(k) * (1 - h(k)) * gh[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\frac{\partial L}{\partial \mathbf{b}} &=", lambda: sum(h(k) * (1 - h(k)) * gh[k] for k in T), net.d("E", "bh"))
t.bound(r"Because $\sigma' \le \frac14$", dsigmoid(GRID), 0.25)
t.holds(r"Since $\sigma'(a) = \sigma(a)(1 - \sigma(a))$", np.allclose(dsigmoid(GRID), sigmoid(GRID) * (1 - sigmoid(GRID))))
t.done()
