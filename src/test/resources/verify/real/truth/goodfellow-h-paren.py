"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), yhat(t) = softmax(o(t)), L = sum of NLL, tau = 3."""
import numpy as np
from common import Truth, rnn, diag

t = Truth(__file__)
net = rnn(3, act="tanh", out="softmax", loss="ce", seed=5)
U, W, V = net.P["Wx"], net.P["Wh"], net.P["Wy"]
h = lambda k: net[("h", k)]
go = {k: net.d("E", ("o", k)) for k in net.times}
gh = {k: net.d("E", ("h", k)) for k in net.times}
T = net.times
for k in T:
    t.claim(r"\left(\nabla_{\boldsymbol{o}^{(t)}} L\right)_i =", lambda: net[("p", k)] - net.y[k], go[k])
t.claim(r"\nabla_{\boldsymbol{h}^{(\tau)}} L =", lambda: V.T @ go[3], gh[3])
for k in (1, 2):
    t.claim(r"\nabla_{\boldsymbol{h}^{(t)}} L = \boldsymbol{W}^\top", lambda: W.T @ diag(1 - h(k + 1) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\boldsymbol{c}} L &=", lambda: sum(go[k] for k in T), net.d("E", "by"))
t.claim(r"\nabla_{\boldsymbol{b}} L &=", lambda: sum(diag(1 - h(k) ** 2) @ gh[k] for k in T), net.d("E", "bh"))
t.claim(r"\nabla_{\boldsymbol{V}} L &=", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\nabla_{\boldsymbol{W}} L &=", lambda: sum(np.outer(diag(1 - h(k) ** 2) @ gh[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\nabla_{\boldsymbol{U}} L &=", lambda: sum(np.outer(diag(1 - h(k) ** 2) @ gh[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.done()
