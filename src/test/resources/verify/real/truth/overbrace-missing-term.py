"""s_t = tanh(U x_t + W s_{t-1}), s_0 given and nonzero, yhat_t = softmax(V s_t), E_t CE, t = 1..3. Claims about E_3;
prod(a, b) = a b^T."""
import numpy as np
from common import Truth, rnn, dtanh

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", bias=False, h0="random", seed=54)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
d = {k: net.d(("E", 3), ("z", k)) for k in net.times}
for k in net.times:
    t.claim(r"$\tanh'(z)\Big|_{z = z_k} = 1 - s_k^2$", lambda: 1 - s(k) ** 2, dtanh(net[("z", k)]))
t.claim(r"$$\delta_3 =", lambda: (1 - s(3) ** 2) * (V.T @ (net[("p", 3)] - net.y[3])), d[3])
t.claim(r"\delta_2 = (1 - s_2^2)", lambda: (1 - s(2) ** 2) * (W.T @ d[3]), d[2])
t.claim(r"$$\delta_1 =", lambda: (1 - s(1) ** 2) * (W.T @ d[2]), d[1])
t.claim(r"\frac{\partial E_3}{\partial W} =", lambda: np.outer(d[3], s(2)) + np.outer(d[2], s(1)), net.d(("E", 3), "Wh"))
t.claim(r"\frac{\partial E_3}{\partial U} =", lambda: sum(np.outer(d[k], net.x[k]) for k in net.times), net.d(("E", 3), "Wx"))
t.done()
