"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), softmax, L = sum of NLL, tau = 3.
Line numbers are lines of the .ipynb file."""
import numpy as np
from common import Truth, dl_book, diag

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(3, seed=16)
for k in T:
    t.claim(r"\left(\nabla_{\mathbf{o}^{(t)}} L\right)_i =", lambda: net[("p", k)] - net.y[k], go[k])
t.claim(r"\nabla_{\mathbf{h}^{(\tau)}} L =", lambda: V.T @ go[3], gh[3])
for k in (1, 2):
    t.claim(r"\nabla_{\mathbf{h}^{(t)}} L = \mathbf{W}^{\top}", lambda: W.T @ diag(1 - h(k + 1) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\mathbf{V}} L =", lambda: sum(np.outer(go[k], h(k)) for k in T), net.d("E", "Wy"))
t.claim(r"\nabla_{\mathbf{c}} L =", lambda: sum(go[k] for k in T), net.d("E", "by"))
t.done()
