"""s_t = tanh(U x_t + W s_{t-1}), yhat = softmax(V s_t), E = sum CE over t = 1..3, s_0 = 0, z_t = U x_t + W s_{t-1}.
The circle binds looser than juxtaposition: a \circ V^T b is a * (V^T b)."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", bias=False, seed=72)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
ds = {k: net.d("E", ("h", k)) for k in net.times}
dz = {k: net.d("E", ("z", k)) for k in net.times}
for k in (1, 2):
    t.claim(r"\frac{\partial E}{\partial z_t} = (1 - s_t", lambda: (1 - s(k) ** 2) * (V.T @ (net[("p", k)] - net.y[k]))
            + (1 - s(k) ** 2) * (W.T @ dz[k + 1]), dz[k])
t.claim(r"\frac{\partial E}{\partial W} =", lambda: sum(np.outer(dz[k], s(k)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial E}{\partial U} =", lambda: sum(np.outer((1 - s(k) ** 2) * ds[k], net.x[k]) for k in net.times), net.d("E", "Wx"))
t.done()
