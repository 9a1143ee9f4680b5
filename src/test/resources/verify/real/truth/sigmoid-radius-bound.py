"""h_t = sigmoid(Wh h_{t-1} + Wx x_t + b), h_0 = 0, o_t = Wo h_t, E = 1/2 sum |o_t - y_t|^2, t = 1..4.
The bound with the spectral radius is searched for a counterexample over seeded instances."""
import numpy as np
from common import Truth, rnn, diag, dsigmoid, GRID

t = Truth(__file__)
net = rnn(4, act="sigmoid", out="identity", loss="mse", seed=43)
Wh = net.P["Wh"]
h = lambda k: net[("h", k)]
for k in net.times:
    t.claim(r"\frac{\partial h_t}{\partial h_{t-1}} =", lambda: diag(h(k) * (1 - h(k))) @ Wh, net.d(("h", k), ("h", k - 1)))
t.bound(r"|\sigma'(z)| \le \frac{1}{4}", np.abs(dsigmoid(GRID)), 0.25)
ratios = []
for seed in range(12):
    for scale in (0.3, 0.6, 1.0, 2.0):
        other = rnn(4, act="sigmoid", out="identity", loss="mse", seed=200 + seed)
        other.P = {k: (v * scale if k in ("Wh", "Wx") else v) for k, v in other.P.items()}
        other.vals = other.run(other.P)
        rho = max(abs(np.linalg.eigvals(other.P["Wh"])))
        for a in range(0, 5):
            for b in range(a + 1, 5):
                ratios.append(np.linalg.norm(other.d(("h", b), ("h", a)), 2) / (0.25 * rho) ** (b - a))
t.bound(r"\left(\frac{1}{4} \rho(W_h)\right)^{t-k}", np.array(ratios), 1.0)
t.done()
