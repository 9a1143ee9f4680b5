"""s_t = W s_{t-1} + U x_t (identity, no bias), yhat_t = V s_t, E = sum |yhat_t - y_t|^2, t = 1..4."""
import numpy as np
from common import Truth, rnn, mpow

t = Truth(__file__)
net = rnn(4, act="identity", out="identity", loss="sse", bias=False, seed=14)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
gs = {k: net.d("E", ("h", k)) for k in net.times}
for k in net.times:
    t.claim(r"\frac{\partial E}{\partial \hat{\mathbf{y}}_t} = 2", lambda: 2 * (net[("p", k)] - net.y[k]), net.d("E", ("p", k)))
rho = max(abs(np.linalg.eigvals(W)))
worst = []
for a in range(0, 5):
    for b in range(a + 1, 5):
        t.claim(r"\frac{\partial \mathbf{s}_t}{\partial \mathbf{s}_k} = \mathbf{W}^{t-k}", lambda: mpow(W, b - a), net.d(("h", b), ("h", a)))
        worst.append(np.linalg.norm(net.d(("h", b), ("h", a)), 2) / rho ** (b - a))
t.bound(r"\right\rVert_2 \le \rho(\mathbf{W})^{t-k}", np.array(worst), 1.0)
for k in (1, 2, 3):
    t.claim(r"\frac{\partial E}{\partial \mathbf{s}_t} = \mathbf{V}^\top", lambda: V.T @ net.d("E", ("p", k)) + W.T @ gs[k + 1], gs[k])
t.claim(r"\frac{\partial E}{\partial \mathbf{U}} = \sum", lambda: sum(np.outer(gs[k], net.x[k]) for k in net.times), net.d("E", "Wx"))
t.done()
