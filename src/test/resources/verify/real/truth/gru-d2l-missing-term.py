"""GRU, d2l convention: h_t = z h_{t-1} + (1 - z) htilde, htilde = tanh(Wxh x + Whh (r h_{t-1}) + bh); o_t = Whq h_t + bq;
L = sum 1/2 |o - y|^2, t = 1..4, h_0 given. The Jacobian is the total one (the reset gate's path included)."""
import numpy as np
from common import Truth, gru, diag

t = Truth(__file__)
net = gru(4, keep="d2l", reset="inside", out="identity", loss="mse", seed=36, start="random")
P = net.P
G = lambda k, s: net[(k, s)]
dh = {s: net.d("E", ("h", s)) for s in net.times}
for s in net.times:
    hp, n, z, r = G("h", s - 1), G("n", s), G("z", s), G("r", s)
    t.claim(r"\frac{\partial L}{\partial z_t} =", lambda: dh[s] * (hp - n), net.d("E", ("z", s)))
    t.claim(r"\frac{\partial L}{\partial z_t} =", lambda: dh[s] * (1 - z), net.d("E", ("n", s)))
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(z) + diag((hp - n) * z * (1 - z)) @ P["Uz"]
            + diag((1 - z) * (1 - n ** 2)) @ P["Un"] @ diag(r), net.d(("h", s), ("h", s - 1)))
t.done()
