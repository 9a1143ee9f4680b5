"""h_t = tanh(W [h_{t-1}; x_t] + b) with one stacked W, p_t = softmax(V h_t + c), L = sum CE, t = 1..3."""
import numpy as np
from common import Truth, Net, seeded, weights, one_hot, softmax

t = Truth(__file__)
rng = seeded(17)
n, d, m = 3, 2, 4
x = {k: rng.normal(0, 1, d) for k in (1, 2, 3)}
y = {k: one_hot(rng, m) for k in (1, 2, 3)}


def forward(P, tap):
    h = tap(("h", 0), np.zeros(n))
    total = 0.0
    for k in (1, 2, 3):
        a = tap(("a", k), P["W"] @ np.concatenate([h, x[k]]) + P["b"])
        h = tap(("h", k), np.tanh(a))
        p = tap(("p", k), softmax(P["V"] @ h + P["c"]))
        total += -y[k] @ np.log(p)
    tap("L", total)


net = Net(forward, {"W": weights(rng, n, n + d), "b": weights(rng, n), "V": weights(rng, m, n), "c": weights(rng, m)})
W, V = net.P["W"], net.P["V"]
Wh = W[:, :n]
h = lambda k: net[("h", k)]
gh = {k: net.d("L", ("h", k)) for k in (1, 2, 3)}
delta = {k: (1 - h(k) ** 2) * gh[k] for k in (1, 2, 3)}
delta[4] = np.zeros(n)
assert all(np.allclose(delta[k], net.d("L", ("a", k))) for k in (1, 2, 3))
dW = net.d("L", "W")
for k in (1, 2, 3):
    t.claim(r"\frac{\partial L}{\partial h_t} = V^\top", lambda: V.T @ (net[("p", k)] - y[k]) + Wh.T @ delta[k + 1], gh[k])
t.claim(r"\frac{\partial L}{\partial W} = \sum", lambda: sum(np.outer(delta[k], np.concatenate([h(k - 1), x[k]])) for k in (1, 2, 3)), dW)
t.claim(r"\frac{\partial L}{\partial W_h} =", lambda: sum(np.outer(delta[k], h(k - 1)) for k in (1, 2, 3)), dW[:, :n])
t.claim(r"\frac{\partial L}{\partial W_x} =", lambda: sum(np.outer(delta[k], x[k]) for k in (1, 2, 3)), dW[:, n:])
t.claim(r"$\partial L / \partial b = \sum_t \delta_t$", lambda: sum(delta[k] for k in (1, 2, 3)), net.d("L", "b"))
t.claim(r"$\partial L / \partial V = \sum_t", lambda: sum(np.outer(net[("p", k)] - y[k], h(k)) for k in (1, 2, 3)), net.d("L", "V"))
t.done()
