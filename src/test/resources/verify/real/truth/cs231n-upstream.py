"""Row vectors: h_t = tanh(x_t Wx + h_{t-1} Wh + b), t = 1..4, h_0 given; L = sum_t h_t . g_t with fixed upstream g_t."""
import numpy as np
from common import Truth, Net, seeded, weights

t = Truth(__file__)
rng = seeded(51)
D, H, T = 2, 3, 4
g = {k: rng.normal(0, 1, H) for k in range(1, T + 1)}
h0 = rng.normal(0, 0.5, H)
P0 = {"Wx": weights(rng, D, H), "Wh": weights(rng, H, H), "b": weights(rng, H)}
for k in range(1, T + 1):
    P0["x%d" % k] = rng.normal(0, 1, D)  # the inputs as parameters, so that dL/dx_t is a plain finite difference


def forward(P, tap):
    h = tap(("h", 0), h0)
    L = 0.0
    for k in range(1, T + 1):
        a = tap(("a", k), P["x%d" % k] @ P["Wx"] + h @ P["Wh"] + P["b"])
        h = tap(("h", k), np.tanh(a))
        L += h @ g[k]
    tap("L", L)


net = Net(forward, P0)
Wx, Wh = net.P["Wx"], net.P["Wh"]
h = lambda k: net[("h", k)]
da = {k: net.d("L", ("a", k)) for k in range(1, T + 1)}
da[T + 1] = np.zeros(H)
dh = {k: net.d("L", ("h", k)) for k in range(0, T + 1)}
R = range(1, T + 1)
for k in R:
    t.claim(r"\frac{\partial L}{\partial h_t} = g_t +", lambda: g[k] + da[k + 1] @ Wh.T, dh[k])
    t.claim(r"\mathrm{d}a_t = \frac{\partial L}{\partial h_t}", lambda: dh[k] * (1 - h(k) ** 2), da[k])
t.claim(r"\frac{\partial L}{\partial W_x} =", lambda: sum(np.outer(net.P["x%d" % k], da[k]) for k in R), net.d("L", "Wx"))
t.claim(r"\frac{\partial L}{\partial W_x} =", lambda: sum(np.outer(h(k - 1), da[k]) for k in R), net.d("L", "Wh"))
t.claim(r"\frac{\partial L}{\partial W_x} =", lambda: sum(da[k] for k in R), net.d("L", "b"))
for k in R:
    t.claim(r"\frac{\partial L}{\partial x_t} =", lambda: da[k] @ Wx.T, net.d("L", "x%d" % k))
t.claim(r"\frac{\partial L}{\partial x_t} =", lambda: da[1] @ Wh.T, dh[0])
t.done()
