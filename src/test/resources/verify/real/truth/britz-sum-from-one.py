"""s_t = tanh(U x_t + W s_{t-1}), s_{-1} = 0, yhat_t = softmax(V s_t), E_t cross-entropy, steps 0..3."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, t0=0, act="tanh", out="softmax", loss="ce", bias=False, seed=20, nx=4, ny=4)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
d = {k: net.d(("E", 3), ("z", k)) for k in range(0, 4)}
t.claim(r"\frac{\partial E_3}{\partial s_3} =", lambda: V.T @ (net[("p", 3)] - net.y[3]), net.d(("E", 3), ("h", 3)))
t.claim(r"\delta^{(3)}_3 =", lambda: (1 - s(3) ** 2) * (V.T @ (net[("p", 3)] - net.y[3])), d[3])
for k in (3, 2, 1):
    t.claim(r"\delta^{(3)}_{k-1} =", lambda: (1 - s(k - 1) ** 2) * (W.T @ d[k]), d[k - 1])
t.claim(r"\frac{\partial E_3}{\partial U} =", lambda: sum(np.outer(d[k], net.x[k]) for k in (1, 2, 3)), net.d(("E", 3), "Wx"))
t.done()
