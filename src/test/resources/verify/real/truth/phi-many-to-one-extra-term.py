"""a_t = U x_t + W s_{t-1} + b, s_t = sigmoid(a_t), yhat = softmax(V s_T + c), J = CE of the last step only, T = 4."""
import numpy as np
from common import Truth, rnn, dsigmoid, sigmoid, GRID

t = Truth(__file__)
net = rnn(4, act="sigmoid", out="softmax", loss="ce", total="last", seed=18)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
gs = {k: net.d("E", ("h", k)) for k in net.times}
err = net[("p", 4)] - net.y[4]
for k in net.times:
    t.claim(r"\phi'(a_t) = s_t \odot (1 - s_t)", lambda: s(k) * (1 - s(k)), dsigmoid(net[("z", k)]))
t.claim(r"\frac{\partial J}{\partial s_T} = V^\top", lambda: V.T @ err, gs[4])
for k in (1, 2, 3):
    t.claim(r"\frac{\partial J}{\partial s_t} = W^\top", lambda: W.T @ (dsigmoid(net[("z", k + 1)]) * gs[k + 1]) + V.T @ err, gs[k])
t.claim(r"\frac{\partial J}{\partial W} =", lambda: sum(np.outer(dsigmoid(net[("z", k)]) * gs[k], s(k - 1)) for k in net.times), net.d("E", "Wh"))
t.claim(r"\frac{\partial J}{\partial V} =", lambda: np.outer(err, s(4)), net.d("E", "Wy"))
t.holds(r"Since $\phi' = \phi (1 - \phi)$", np.allclose(dsigmoid(GRID), sigmoid(GRID) * (1 - sigmoid(GRID))))
t.done()
