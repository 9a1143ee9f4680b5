"""s_t = sigmoid(w_s s_{t-1} + w_x x_t), s_0 = 0, yhat = w_y s_T, E = (yhat - y)^2 / 2; one unit. The document
leaves T open, so every claim is checked at T = 2..6 (verify judges it at T = 4). The one-step derivative is
written with tanh's 1 - s_t^2 where the sigmoid's s_t (1 - s_t) belongs."""
import numpy as np
from common import Truth, scalar_rnn

t = Truth(__file__)
for T in range(2, 7):
    net = scalar_rnn(T, act="sigmoid", seed=50 + T)
    ws, wy = net.P["w"], net.P["v"]
    s = lambda k: net[("h", k)]
    for k in range(1, T + 1):
        t.claim(r"\frac{\partial s_t}{\partial s_{t-1}} = w_{s}\, (1 - s_t^2)", lambda: ws * (1 - s(k) ** 2),
                net.d(("h", k), ("h", k - 1)))
    step = lambda j: ws * s(j) * (1 - s(j))
    prod = lambda k: np.prod([step(j) for j in range(k + 1, T + 1)])
    t.claim(r"\frac{\partial E}{\partial w_{s}} = \sum_{k=1}^{T}",
            lambda: sum((net["yhat"] - net.y) * wy * prod(k) * s(k) * (1 - s(k)) * s(k - 1) for k in range(1, T + 1)),
            net.d("E", "w"))
t.done()
