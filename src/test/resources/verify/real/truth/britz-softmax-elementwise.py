"""s_t = tanh(U x_t + W s_{t-1} + b), z_t = V s_t + c, yhat_t = softmax(z_t), E = sum of cross-entropies, t = 1..4."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(4, act="tanh", out="softmax", loss="ce", seed=2)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s, yh, y = (lambda k: net[("h", k)]), (lambda k: net[("p", k)]), net.y
dz = {k: net.d(("E", k), ("o", k)) for k in net.times}

for k in net.times:
    t.claim(r"\frac{\partial E_t}{\partial \hat y_t} = -\frac{y_t}{\hat y_t}$$", lambda: -y[k] / yh(k), net.d(("E", k), ("p", k)))
    t.claim(r"\frac{\partial E_t}{\partial z_t} = -\frac{y_t}", lambda: -y[k] / yh(k) * yh(k) * (1 - yh(k)), dz[k])
    t.claim(r"\frac{\partial E_t}{\partial z_t} = -\frac{y_t}", lambda: yh(k) * y[k] - y[k], dz[k])
t.claim(r"\frac{\partial E}{\partial c} =", lambda: sum(dz.values()), net.d("E", "by"))
t.claim(r"\frac{\partial E}{\partial V} =", lambda: sum(np.outer(dz[k], s(k)) for k in net.times), net.d("E", "Wy"))
delta = {k: net.d("E", ("h", k)) for k in net.times}
delta[5] = np.zeros(3)
for k in net.times:
    t.claim(r"\delta_t = V^\top", lambda: V.T @ dz[k] + W.T @ (delta[k + 1] * (1 - (s(k + 1) if k < 4 else 0) ** 2)), delta[k])
t.done()
