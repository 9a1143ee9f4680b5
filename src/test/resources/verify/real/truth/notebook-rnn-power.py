"""h_t = Whh h_{t-1} + Wxh x_t (identity, no bias), yhat = Why h_T, l = 1/2 |yhat - y|^2 on the last step, T = 4, h_0 = 0.
Line numbers are lines of the .ipynb file."""
import numpy as np
from common import Truth, rnn, mpow

t = Truth(__file__)
net = rnn(4, act="identity", out="identity", loss="mse", total="last", bias=False, seed=38)
Wxh, Whh, Why = net.P["Wx"], net.P["Wh"], net.P["Wy"]
e = net[("p", 4)] - net.y[4]
t.claim(r"\frac{\partial \ell}{\partial h_T} =", lambda: Why.T @ e, net.d("E", ("h", 4)))
for k in (1, 2, 3):
    t.claim(r"\frac{\partial h_T}{\partial h_k} = W_{hh}^{T-k-1}", lambda: mpow(Whh, 4 - k - 1), net.d(("h", 4), ("h", k)))
t.claim(r"\frac{\partial \ell}{\partial W_{xh}} =", lambda: sum(np.outer(net.d(("h", 4), ("h", k)).T @ Why.T @ e, net.x[k]) for k in range(1, 5)),
        net.d("E", "Wx"))
t.done()
