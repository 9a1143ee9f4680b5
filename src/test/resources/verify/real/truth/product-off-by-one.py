"""h_t = tanh(Whh h_{t-1} + Whx x_t + b), yhat_t = softmax(WS h_t), J_t cross-entropy, t = 1..4, h_0 = 0."""
import numpy as np
from common import Truth, rnn, diag, dtanh, GRID

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=12)
Whh, WS = net.P["Wh"], net.P["Wy"]
fp = lambda j: dtanh(net[("z", j)])
jac = lambda j: diag(fp(j)) @ Whh


def prod(t_, lo):
    out = np.eye(3)
    for j in range(t_, lo - 1, -1):
        out = out @ jac(j)
    return out


for j in net.times:
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: jac(j), net.d(("h", j), ("h", j - 1)))
for t_ in net.times:
    for k in range(1, t_ + 1):
        t.claim(r"\frac{\partial h_t}{\partial h_k} = \prod_{j=k}^{t}", lambda: prod(t_, k), net.d(("h", t_), ("h", k)))
for t_ in net.times:
    err = WS.T @ (net[("p", t_)] - net.y[t_])
    for k in range(1, t_ + 1):
        t.claim(r"\frac{\partial J_t}{\partial h_k} =", lambda: net.d(("h", t_), ("h", k)).T @ err, net.d(("E", t_), ("h", k)))
    t.claim(r"\frac{\partial J_t}{\partial W_{hh}} =",
            lambda: sum(np.outer(fp(k) * net.d(("E", t_), ("h", k)), net[("h", k - 1)]) for k in range(1, t_ + 1)),
            net.d(("E", t_), "Wh"))
t.bound(r"Since $|f'| \le 1$", np.abs(dtanh(GRID)), 1.0)
t.done()
