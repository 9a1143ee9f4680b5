"""h_t = Wh h_{t-1} + Wx x_t (identity, no bias), yhat_t = Wy h_t, J_t = 1/2 |yhat_t - y_t|^2, J = sum, t = 1..4."""
import numpy as np
from common import Truth, rnn, mpow

t = Truth(__file__)
net = rnn(4, act="identity", out="identity", loss="mse", bias=False, seed=10)
Wx, Wh, Wy = net.P["Wx"], net.P["Wh"], net.P["Wy"]
e4 = net[("p", 4)] - net.y[4]
for a in range(0, 5):
    for b in range(a, 5):
        t.claim(r"\frac{\partial h_t}{\partial h_k} = W_h^{\,t-k}", lambda: mpow(Wh, b - a), net.d(("h", b), ("h", a)))
t.claim(r"\frac{\partial J_4}{\partial h_4} =", lambda: Wy.T @ e4, net.d(("E", 4), ("h", 4)))
t.claim(r"\frac{\partial J_4}{\partial h_2} =", lambda: mpow(Wh.T, 2) @ Wy.T @ e4, net.d(("E", 4), ("h", 2)))
t.claim(r"\frac{\partial J_4}{\partial h_1} =", lambda: mpow(Wh.T, 2) @ Wy.T @ e4, net.d(("E", 4), ("h", 1)))
t.claim(r"\frac{\partial J_4}{\partial W_x} =", lambda: sum(np.outer(mpow(Wh.T, 4 - k) @ Wy.T @ e4, net.x[k]) for k in range(1, 5)),
        net.d(("E", 4), "Wx"))
t.done()
