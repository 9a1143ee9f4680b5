"""h_t = tanh(W h_{t-1} + U x_t + b), o_t = V h_t + c, L = sum 1/2 |o_t - y_t|^2, t = 1..3."""
import numpy as np
from common import Truth, rnn, diag, dtanh, GRID

t = Truth(__file__)
net = rnn(3, act="tanh", out="identity", loss="mse", seed=13)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
gh = {k: net.d("E", ("h", k)) for k in net.times}
t.holds(r"$\tanh'(z) = 1 - \tanh^2(z)$", np.allclose(dtanh(GRID), 1 - np.tanh(GRID) ** 2))
for k in net.times:
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(1 - h(k) * h(k)) @ W, net.d(("h", k), ("h", k - 1)))
    t.claim(r"$\partial L / \partial o_t = o_t - y_t$", lambda: net[("o", k)] - net.y[k], net.d("E", ("o", k)))
    rest = (lambda: W.T @ ((1 - h(k + 1) * h(k + 1)) * gh[k + 1])) if k < 3 else (lambda: 0.0)
    t.claim(r"\frac{\partial L}{\partial h_t} = V^\top", lambda: V.T @ (net[("o", k)] - net.y[k]) + rest(), gh[k])
t.bound(r"\tanh'(z) \le \frac{1}{4}", dtanh(GRID), 0.25)
t.done()
