"""GRU, Cho's interpolation, reset applied after Uh: htilde = tanh(Wh x + r (Uh h_{t-1}) + bh); softmax readout; L = sum CE;
t = 1..3, h_0 given. multline: the Jacobian's claim is judged on its first line (where it starts)."""
import numpy as np
from common import Truth, gru, diag, dsigmoid, dtanh, sigmoid, GRID

t = Truth(__file__)
net = gru(3, keep="cho", reset="after", seed=46, start="random")
P = net.P
G = lambda k, s: net[(k, s)]
for s in net.times:
    hp, n, z, r = G("h", s - 1), G("n", s), G("z", s), G("r", s)
    uh = P["Un"] @ hp
    t.claim(r"\frac{\partial \tilde{h}_t}{\partial r_t} =", lambda: diag((1 - n ** 2) * uh), net.d(("n", s), ("r", s)))
    t.claim(r"\frac{\partial h_t}{\partial z_t} =", lambda: diag(n - hp), net.d(("h", s), ("z", s)))
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(1 - z) + diag((n - hp) * z * (1 - z)) @ P["Uz"]
            + diag(z * (1 - n ** 2)) @ (diag(r) @ P["Un"] + diag(uh * r * (1 - r)) @ P["Ur"]), net.d(("h", s), ("h", s - 1)))
t.holds(r"\sigma'(a) = \sigma(a)", np.allclose(dsigmoid(GRID), sigmoid(GRID) * (1 - sigmoid(GRID))))
t.bound(r"\sigma'(a) = \sigma(a)", dsigmoid(GRID), 0.25)
t.bound(r"\sigma'(a) = \sigma(a)", dtanh(GRID), 1.0)
t.holds(r"\sigma'(a) = \sigma(a)", np.all(dtanh(np.linspace(-15, 15, 3001)) > 0))
t.claim(r"\frac{\partial \mathcal{L}}{\partial b_z} =", lambda: sum(net.d("E", ("h", s)) * (G("n", s) - G("h", s - 1)) * G("z", s) * (1 - G("z", s)) for s in net.times),
        net.d("E", "bz"))
t.done()
