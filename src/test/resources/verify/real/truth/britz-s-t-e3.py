"""s_t = tanh(U x_t + W s_{t-1}), s_{-1} = 0, yhat_t = softmax(V s_t), E_t cross-entropy, steps 0..3.
Claims about E_3 checked against central differences of E_3."""
import numpy as np
from common import Truth, rnn, diag, chain, seeded

t = Truth(__file__)
net = rnn(3, t0=0, bias=False, act="tanh", out="softmax", loss="ce", seed=1, nx=4, nh=3, ny=4)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
yh, y3 = net[("p", 3)], net.y[3]

t.claim(r"\frac{\partial E_3}{\partial z_3} = \hat{y}_3 - y_3", lambda: yh - y3, net.d(("E", 3), ("o", 3)))
t.claim(r"\frac{\partial E_3}{\partial V} = (\hat{y}_3 - y_3) \otimes s_3", lambda: np.outer(yh - y3, s(3)), net.d(("E", 3), "Wy"))


def ds3_dsk(k):  # the product, latest factor on the left
    out = np.eye(3)
    for j in range(3, k, -1):
        out = out @ (diag(1 - s(j) ** 2) @ W)
    return out


g3 = V.T @ (yh - y3)  # dE_3/ds_3 as a column


def dW():
    # the immediate derivative of s_k with respect to W contracts to diag(1 - s_k^2) (...) s_{k-1}^T
    return sum(np.outer(diag(1 - s(k) ** 2) @ ds3_dsk(k).T @ g3, s(k - 1)) for k in range(0, 4))


t.claim(r"\frac{\partial E_3}{\partial W} = \sum_{k=0}^{3}", dW, net.d(("E", 3), "Wh"))
for k in range(0, 3):
    t.claim(r"\frac{\partial s_3}{\partial s_k} = \prod_{j=k+1}^{3}", lambda: ds3_dsk(k), net.d(("h", 3), ("h", k)))
for j in range(0, 4):
    t.claim(r"\frac{\partial s_j}{\partial s_{j-1}} = \operatorname{diag}", lambda: diag(1 - s(j) ** 2) @ W,
            net.d(("h", j), ("h", j - 1)))
t.claim(r"\frac{\partial E_3}{\partial U} = \sum_{k=0}^{3}",
        lambda: sum(np.outer(diag(1 - s(k) ** 2) @ ds3_dsk(k).T @ g3, net.x[k]) for k in range(0, 4)),
        net.d(("E", 3), "Wx"))
t.done()
