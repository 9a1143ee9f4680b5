"""a(t) = b + W h(t-1) + U x(t), h(t) = sigmoid(a(t)), o(t) = c + V h(t), softmax, L = sum of cross-entropies, tau = 3.
Gradients carried at the pre-activation a(t)."""
import numpy as np
from common import Truth, dl_book, diag, GRID, dsigmoid, sigmoid

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(3, seed=15, act="sigmoid")
ga = {k: net.d("E", ("z", k)) for k in T}
t.holds(r"Since $\sigma'(a) = \sigma(a)(1 - \sigma(a))$", np.allclose(dsigmoid(GRID), sigmoid(GRID) * (1 - sigmoid(GRID))))
for k in T:
    t.claim(r"\nabla_{\mathbf{a}^{(t)}} L = \operatorname{diag}", lambda: diag(h(k) * (1 - h(k))) @ gh[k], ga[k])
for k in (1, 2):
    t.claim(r"\nabla_{\mathbf{h}^{(t)}} L = \mathbf{W}^{\mathsf{T}}", lambda: W.T @ ga[k + 1] + V.T @ (net[("p", k)] - net.y[k]), gh[k])
t.claim(r"\nabla_{\mathbf{b}} L &=", lambda: sum(ga[k] for k in T), net.d("E", "bh"))
t.claim(r"\nabla_{\mathbf{W}} L &=", lambda: sum(np.outer(ga[k], h(k - 1)) for k in T), net.d("E", "Wh"))
t.claim(r"\nabla_{\mathbf{U}} L &=", lambda: sum(np.outer(ga[k], net.x[k]) for k in T), net.d("E", "Wx"))
t.done()
