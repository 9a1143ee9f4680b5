"""h_t = tanh(Whh h_{t-1} + Wxh x_t + b), yhat_t = softmax(Why h_t + c), L = sum CE, t = 1..3."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=25)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]


def prod(t_, k):
    out = np.eye(3)
    for j in range(t_, k, -1):
        out = out @ (diag(1 - h(j) ** 2) @ Whh)
    return out


dW = net.d("E", "Wh")
t.claim(r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{hh}} = \sum_{t=1}^{3} \sum_{k=1}^{t}",
        lambda: sum(np.outer(diag(1 - h(k) ** 2) @ prod(t_, k).T @ Why.T @ (net[("p", t_)] - net.y[t_]), h(k - 1))
                    for t_ in (1, 2, 3) for k in range(1, t_ + 1)), dW)
delta = {k: net.d("E", ("h", k)) for k in (1, 2, 3)}
delta[4] = np.zeros(3)
for k in (1, 2, 3):
    t.claim(r"&= \mathbf{W}_{hy}^\top", lambda: Why.T @ (net[("p", k)] - net.y[k]) + Whh.T @ ((1 - (h(k + 1) if k < 3 else 0) ** 2) * delta[k + 1]),
            delta[k])
t.claim(r"\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{hh}} = \sum_{t=1}^{3} \Big(", lambda: sum(np.outer((1 - h(k) ** 2) * delta[k], h(k - 1)) for k in (1, 2, 3)), dW)
t.done()
