"""Row-vector GRU without biases: z = sig(x Uz + s Wz), r = sig(x Ur + s Wr), h = tanh(x Uh + (s r) Wh),
s_t = (1 - z) h + z s_{t-1}; o_t = softmax(s_t V); E = sum CE; t = 1..3; s_0 given."""
import numpy as np
from common import Truth, Net, seeded, weights, sigmoid, softmax, one_hot

t = Truth(__file__)
rng = seeded(52)
D, H, K, T = 2, 3, 4, 3
x = {k: rng.normal(0, 1, D) for k in range(1, T + 1)}
y = {k: one_hot(rng, K) for k in range(1, T + 1)}
s0 = rng.normal(0, 0.5, H)
P0 = {n: weights(rng, D, H) for n in ("Uz", "Ur", "Uh")}
P0.update({n: weights(rng, H, H) for n in ("Wz", "Wr", "Wh")})
P0["V"] = weights(rng, H, K)


def forward(P, tap):
    s = tap(("s", 0), s0)
    E = 0.0
    for k in range(1, T + 1):
        z = tap(("z", k), sigmoid(x[k] @ P["Uz"] + s @ P["Wz"]))
        r = tap(("r", k), sigmoid(x[k] @ P["Ur"] + s @ P["Wr"]))
        h = tap(("h", k), np.tanh(x[k] @ P["Uh"] + (s * r) @ P["Wh"]))
        s = tap(("s", k), (1 - z) * h + z * s)
        o = tap(("o", k), softmax(s @ P["V"]))
        E += -y[k] @ np.log(o)
    tap("E", E)


net = Net(forward, P0)
G = lambda n, k: net[(n, k)]
ds = {k: net.d("E", ("s", k)) for k in range(1, T + 1)}
dz = {k: net.d("E", ("z", k)) for k in range(1, T + 1)}
dh = {k: net.d("E", ("h", k)) for k in range(1, T + 1)}
R = range(1, T + 1)
for k in R:
    t.claim(r"\frac{\partial E}{\partial h_t} =", lambda: ds[k] * (1 - G("z", k)), dh[k])
    t.claim(r"\frac{\partial E}{\partial z_t} =", lambda: ds[k] * (G("s", k - 1) - G("h", k)), dz[k])
t.claim(r"\frac{\partial E}{\partial W^z} =", lambda: sum(np.outer(G("s", k - 1), dz[k] * G("z", k) * (1 - G("z", k))) for k in R), net.d("E", "Wz"))
t.claim(r"\frac{\partial E}{\partial U^h} =", lambda: sum(np.outer(x[k], dh[k] * (1 - G("s", k) * G("s", k))) for k in R), net.d("E", "Uh"))
t.done()
