"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), softmax, L = sum of cross-entropies, tau = 3.
The gradient of W is written with h(t) where h(t-1) belongs (the printed erratum)."""
import numpy as np
from common import Truth, dl_book, diag

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(3, seed=12)
for k in T:
    t.claim(r"\nabla_{\mathbf{o}^{(t)}} L = \hat", lambda: net[("p", k)] - net.y[k], go[k])
for k in (2, 1):
    t.claim(r"\nabla_{\mathbf{h}^{(t)}} L = \mathbf{W}^{\top}", lambda: W.T @ diag(1 - h(k + 1) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\mathbf{V}} L =", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\nabla_{\mathbf{c}} L =", lambda: sum(go[k] for k in T), net.d("E", "by"))
t.claim(r"\nabla_{\mathbf{W}} L =", lambda: sum(np.outer(diag(1 - h(k) ** 2) @ gh[k], h(k)) for k in T), net.d("E", "Wh"))
t.done()
