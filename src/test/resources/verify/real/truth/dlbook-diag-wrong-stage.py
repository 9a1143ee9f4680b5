"""a(t) = b + W h(t-1) + U x(t), h(t) = tanh(a(t)), o(t) = c + V h(t), softmax, L = sum of NLL, tau = 3.
The recursion for the hidden gradient takes the tanh's derivative at h(t) instead of h(t+1)."""
import numpy as np
from common import Truth, dl_book, diag

t = Truth(__file__)
net, U, W, V, h, T, go, gh = dl_book(3, seed=13)
for k in T:
    t.claim(r"\nabla_{\boldsymbol{o}^{(t)}} L = \hat", lambda: net[("p", k)] - net.y[k], go[k])
t.claim(r"\nabla_{\boldsymbol{h}^{(\tau)}} L =", lambda: V.T @ go[3], gh[3])
for k in (1, 2):
    t.claim(r"\nabla_{\boldsymbol{h}^{(t)}} L = \boldsymbol{W}^\top", lambda: W.T @ diag(1 - h(k) ** 2) @ gh[k + 1] + V.T @ go[k], gh[k])
t.claim(r"\nabla_{\boldsymbol{b}} L =", lambda: sum(diag(1 - h(k) ** 2) @ gh[k] for k in T), net.d("E", "bh"))
t.done()
