"""h_t = tanh(Wh h_{t-1} + Wx x_t + bh), yhat_t = softmax(Wy h_t + by), L = mean of CE over t = 1..4, h_0 = 0."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", total="mean", seed=45)
Wx, Wh, Wy = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
e = lambda k: net[("p", k)] - net.y[k]
t.claim(r"&= \frac{1}{4} \sum_{t=1}^{4} \frac{\partial \ell_t}{\partial \mathbf{b}_y}", lambda: sum(net.d(("E", k), "by") for k in net.times) / 4, net.d("E", "by"))
t.claim(r"&= \frac{1}{4} \sum_{t=1}^{4} \left(\hat", lambda: sum(e(k) for k in net.times) / 4, net.d("E", "by"))


def prod(t_, k):
    out = np.eye(3)
    for j in range(t_, k, -1):
        out = out @ (diag(1 - h(j) ** 2) @ Wh)
    return out


for t_ in net.times:
    true = net.d(("E", t_), "Wx")
    t.claim(r"\left(\frac{\partial \mathbf{h}_t}{\partial \mathbf{h}_k}\right)^{\!\top} \frac{\partial \ell_t}",
            lambda: sum(np.outer(diag(1 - h(k) ** 2) @ net.d(("h", t_), ("h", k)).T @ net.d(("E", t_), ("h", t_)), net.x[k]) for k in range(1, t_ + 1)), true)
    t.claim(r"\left(\prod_{j=k+1}^{t}",
            lambda: sum(np.outer(diag(1 - h(k) ** 2) @ prod(t_, k).T @ Wy.T @ e(t_), net.x[k]) for k in range(1, t_ + 1)), true)
t.claim(r"\frac{\partial \ell_2}{\partial \mathbf{W}_x} =",
        lambda: np.outer(diag(1 - h(2) ** 2) @ Wy.T @ e(2), net.x[2]) + np.outer(diag(1 - h(1) ** 2) @ Wh.T @ diag(1 - h(2) ** 2) @ Wy.T @ e(2), net.x[1]),
        net.d(("E", 2), "Wx"))
t.claim(r"$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_x} = \frac{1}{4}", lambda: sum(net.d(("E", k), "Wx") for k in net.times) / 4, net.d("E", "Wx"))
t.done()
