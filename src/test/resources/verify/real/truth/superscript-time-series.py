"""s^t = tanh(U x^t + W s^{t-1}), o^t = softmax(V s^t), t = 1, 2, s^0 random; J^2 = CE of o^2 only.
Superscripts are times: s^2 is the state at step 2, (s^2)^2 its elementwise square."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(2, act="tanh", out="softmax", loss="ce", bias=False, total="last", h0="random", seed=73)
W, V = net.P["Wh"], net.P["Wy"]
s = lambda k: net[("h", k)]
g = V.T @ (net[("p", 2)] - net.y[2])
t.claim(r"\frac{\partial J^2}{\partial s^2} =", lambda: g, net.d("E", ("h", 2)))
t.claim(r"\frac{\partial J^2}{\partial s^1} =", lambda: W.T @ ((1 - s(2) ** 2) * g), net.d("E", ("h", 1)))
t.claim(r"\frac{\partial J^2}{\partial V} =", lambda: np.outer(net[("p", 2)] - net.y[2], s(2)), net.d("E", "Wy"))
t.done()
