"""h_t = tanh(W h_{t-1} + U x_t + b), o_t = V h_t + c, yhat_t = softmax(o_t), E = sum CE, t = 1..3. Index forms."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=21)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
e = lambda k: net[("p", k)] - net.y[k]
n, m, d_ = 3, 4, 2
for k in net.times:
    t.claim(r"\frac{\partial E_t}{\partial o_{t,i}} =", lambda: np.array([e(k)[i] for i in range(m)]), net.d(("E", k), ("o", k)))
t.claim(r"\frac{\partial E}{\partial V_{ij}} =", lambda: np.array([[sum(e(k)[i] * h(k)[j] for k in net.times) for j in range(n)] for i in range(m)]),
        net.d("E", "Wy"))
delta = {k: net.d("E", ("z", k)) for k in net.times}
delta[4] = np.zeros(n)
for k in net.times:
    t.claim(r"\delta_{t,i} = \left(1 - h_{t,i}^2\right)", lambda: np.array([
        (1 - h(k)[i] ** 2) * (sum(V[q, i] * e(k)[q] for q in range(m)) + sum(W[q, i] * delta[k + 1][q] for q in range(n)))
        for i in range(n)]), delta[k])
t.claim(r"\frac{\partial E}{\partial W_{ij}} =", lambda: np.array([[sum(delta[k][i] * h(k - 1)[j] for k in net.times) for j in range(n)] for i in range(n)]),
        net.d("E", "Wh"))
t.claim(r"\frac{\partial E}{\partial U_{ij}} =", lambda: np.array([[sum(delta[k][i] * net.x[k][j] for k in net.times) for j in range(d_)] for i in range(n)]),
        net.d("E", "Wx"))
t.claim(r"\frac{\partial E}{\partial b_i} =", lambda: np.array([sum(delta[k][i] for k in net.times) for i in range(n)]), net.d("E", "bh"))
t.done()
