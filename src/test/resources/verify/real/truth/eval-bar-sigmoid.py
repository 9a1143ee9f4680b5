"""z_t = W h_{t-1} + U x_t + b, h_t = sigmoid(z_t), p_t = softmax(V h_t), l = sum CE, t = 1..3, h_0 = 0."""
import numpy as np
from common import Truth, rnn, diag, dsigmoid, sigmoid

t = Truth(__file__)
net = rnn(3, act="sigmoid", out="softmax", loss="ce", seed=48)
net.P["by"][:] = 0.0
net.vals = net.run(net.P)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
z = lambda k: net[("z", k)]
h = lambda k: net[("h", k)]
for k in net.times:
    t.claim(r"\left.\frac{d\sigma}{dz}\right|_{z = \boldsymbol{z}_t} =", lambda: sigmoid(z(k)) * (1 - sigmoid(z(k))), dsigmoid(z(k)))
    t.claim(r"\left.\frac{d\sigma}{dz}\right|_{z = \boldsymbol{z}_t} =", lambda: h(k) * (1 - h(k)), dsigmoid(z(k)))
    t.claim(r"\frac{\partial \boldsymbol{h}_t}{\partial \boldsymbol{h}_{t-1}} =", lambda: diag(dsigmoid(z(k))) @ W, net.d(("h", k), ("h", k - 1)))
t.claim(r"\frac{\partial \ell_3}{\partial \mathbf{U}} =",
        lambda: sum(np.outer(diag(dsigmoid(z(k))) @ net.d(("h", 3), ("h", k)).T @ V.T @ (net[("p", 3)] - net.y[3]), net.x[k]) for k in (1, 2, 3)),
        net.d(("E", 3), "Wx"))
g = {k: net.d("E", ("z", k)) for k in net.times}
g[4] = np.zeros(3)
for k in net.times:
    t.claim(r"\boldsymbol{g}_t = \sigma'(\boldsymbol{z}_t) \odot", lambda: dsigmoid(z(k)) * (V.T @ (net[("p", k)] - net.y[k]) + W.T @ g[k + 1]), g[k])
t.claim(r"\frac{\partial \ell}{\partial \boldsymbol{b}} =", lambda: g[1] + g[2] + g[3], net.d("E", "bh"))
t.done()
