"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), yhat(t) = softmax(o(t)), L = sum of NLL, tau = 4."""
import numpy as np
from common import Truth, dl_book, diag

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(4, seed=11)
for k in T:
    t.claim(r"\frac{\partial \mathcal{L}}{\partial o^{(t)}_i} =", lambda: net[("p", k)] - net.y[k], go[k])
t.claim(r"\nabla_{\bm{h}^{(\tau)}} \mathcal{L} =", lambda: V.T @ go[4], gh[4])
for k in (1, 2, 3):
    t.claim(r"\nabla_{\bm{h}^{(t)}} \mathcal{L} = \bm{W}^\mathsf{T}", lambda: W.T @ diag(1 - h(k + 1) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\bm{c}} \mathcal{L} =", lambda: sum(go[k] for k in T), net.d("E", "by"))
t.claim(r"\nabla_{\bm{V}} \mathcal{L} =", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\nabla_{\bm{b}} \mathcal{L} =", lambda: sum(diag(1 - h(k) ** 2) @ gh[k] for k in T), net.d("E", "bh"))
t.claim(r"\nabla_{\bm{W}} \mathcal{L} =", lambda: sum(np.outer(diag(1 - h(k) ** 2) @ gh[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\nabla_{\bm{U}} \mathcal{L} =", lambda: sum(np.outer(diag(1 - h(k) ** 2) @ gh[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.done()
