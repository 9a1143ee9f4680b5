"""GRU (Cho): h_t = (1 - z) h_{t-1} + z htilde, htilde = tanh(Wh x + Uh (r h_{t-1}) + bh); yhat = softmax(V h + c);
E = sum CE, t = 1..3, h_0 given."""
import numpy as np
from common import Truth, gru, diag

t = Truth(__file__)
net = gru(3, keep="cho", reset="inside", seed=35, start="random")
P = net.P
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
dn = {s: net.d("E", ("n", s)) for s in net.times}
dz = {s: net.d("E", ("z", s)) for s in net.times}
for s in net.times:
    hp, n, z, r = G("h", s - 1), G("n", s), G("z", s), G("r", s)
    t.claim(r"\frac{\partial E}{\partial z_t} =", lambda: dh[s] * (n - hp), dz[s])
    t.claim(r"\frac{\partial E}{\partial \tilde{h}_t} =", lambda: dh[s] * z, dn[s])
    t.claim(r"\frac{\partial E}{\partial r_t} =", lambda: hp * (P["Un"].T @ (dn[s] * (1 - n ** 2))), net.d("E", ("r", s)))
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(1 - z) + diag((n - hp) * z * (1 - z)) @ P["Uz"]
            + diag(z * (1 - n ** 2)) @ P["Un"] @ (diag(r) + diag(hp * r * (1 - r)) @ P["Ur"]), net.d(("h", s), ("h", s - 1)))
t.claim(r"\frac{\partial E}{\partial U_z} =", lambda: sum(np.outer(dz[s] * G("z", s) * (1 - G("z", s)), G("h", s - 1)) for s in net.times),
        net.d("E", "Uz"))
t.done()
