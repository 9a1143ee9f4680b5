"""h_t = sigmoid(Wxh x_t + Whh h_{t-1}), yhat_t = Why h_t, E = 1/2 sum |yhat - y|^2, t = 1..4. The wrong line's left
side names W^{xh}; its right side is the gradient of W^{hh}. nx = nh = 3 so both have the same shape."""
import numpy as np
from common import Truth, rnn

t = Truth(__file__)
net = rnn(4, act="sigmoid", out="identity", loss="mse", bias=False, seed=22, nx=3)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
e = lambda k: net[("p", k)] - net.y[k]
delta = {k: net.d("E", ("z", k)) for k in net.times}
delta[5] = np.zeros(3)
for k in net.times:
    t.claim(r"\delta_{t,i} = h_{t,i} (1 - h_{t,i})", lambda: np.array([
        h(k)[i] * (1 - h(k)[i]) * (sum(Why[q, i] * e(k)[q] for q in range(4)) + sum(Whh[q, i] * delta[k + 1][q] for q in range(3)))
        for i in range(3)]), delta[k])
t.claim(r"\frac{\partial E}{\partial W^{hy}_{ij}} =", lambda: np.array([[sum(e(k)[i] * h(k)[j] for k in net.times) for j in range(3)] for i in range(4)]),
        net.d("E", "Wy"))
t.claim(r"\frac{\partial E}{\partial W^{xh}_{ij}} =", lambda: np.array([[sum(delta[k][i] * h(k - 1)[j] for k in net.times) for j in range(3)] for i in range(3)]),
        net.d("E", "Wx"))
t.done()
