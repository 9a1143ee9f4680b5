"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), softmax, L = sum of NLL, tau = 3.
The gradient at the scores drops the target: yhat(t) alone."""
import numpy as np
from common import Truth, dl_book, diag

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(3, seed=14)
for k in T:
    t.claim(r"\nabla_{\mathbf{o}^{(t)}} L = \hat", lambda: net[("p", k)], go[k])
t.claim(r"\nabla_{\mathbf{h}^{(\tau)}} L =", lambda: V.T @ go[3], gh[3])
for k in (1, 2):
    t.claim(r"\nabla_{\mathbf{h}^{(t)}} L = \mathbf{W}^T", lambda: W.T @ diag(1 - h(k + 1) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\mathbf{c}} L = \sum_t", lambda: sum(go[k] for k in T), net.d("E", "by"))
t.claim(r"\nabla_{\mathbf{V}} L = \sum_t", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.done()
