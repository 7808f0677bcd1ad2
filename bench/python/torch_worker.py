"""The PyTorch worker of `pnpm bench`: the same JSON-lines protocol as the JavaScript workers
(src/protocol.ts) and the same workloads as shared/anchors/*_torch.py.

The runner starts it as
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=T OPENBLAS_NUM_THREADS=B \
        /usr/bin/python3 torch_worker.py --threads=T
(the thread counts must be in the environment before torch is imported: torch.set_num_threads
does not reach OpenBLAS's pool)."""
import ctypes
import json
import os
import sys
import time

PREFIX = "@@bench "
MLP_SAMPLES, BATCH = 60000, 100
MLP_STEPS = MLP_SAMPLES // BATCH


def arg(name, default):
    for a in sys.argv[1:]:
        if a.startswith("--" + name + "="):
            return type(default)(a.split("=", 1)[1])
    return default


def send(obj):
    sys.stdout.write(PREFIX + json.dumps(obj) + "\n")
    sys.stdout.flush()


threads = arg("threads", 1)
import torch  # noqa: E402  (after the thread environment is read)
from torch import nn  # noqa: E402

torch.set_num_threads(threads)
torch.manual_seed(0)


def blas_info():
    """The BLAS this process loaded and OpenBLAS's kernel (core) name."""
    libs = sorted({ln.split()[-1] for ln in open("/proc/self/maps") if "blas" in ln and ".so" in ln})
    info = {"libs": libs}
    for p in libs:
        try:
            lib = ctypes.CDLL(p)
        except OSError:
            continue
        if hasattr(lib, "openblas_get_corename"):
            f = lib.openblas_get_corename
            f.restype = ctypes.c_char_p
            info["corename"] = f().decode()
        if hasattr(lib, "openblas_get_num_threads"):
            info["threads"] = lib.openblas_get_num_threads()
    return info


def time_calls(fn, t):
    """Seconds per call, one per sample (as stats.ts timeCalls)."""
    warmup, reps, min_time = t["warmup"], t["reps"], t["minTime"]
    max_total = t.get("maxTotal", float("inf"))
    for _ in range(warmup - 1):
        fn()
    if warmup > 0:
        t0 = time.perf_counter()
        fn()
        one = max(time.perf_counter() - t0, 1e-9)
        iters = max(1, int(min_time / one))
        fit = int(max_total / (one * iters)) if max_total != float("inf") else reps
    else:  # no warm-up: one call a sample
        iters, fit = 1, reps
    min_reps = min(reps, t.get("minReps", 3))
    reps = max(min_reps, min(reps, fit))
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        out.append((time.perf_counter() - t0) / iters)
    return out


def mlp_model():
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


cache = {}


def lazy(key, make):
    if key not in cache:
        cache[key] = make()
    return cache[key]


def make_mlp():
    X, Y = torch.randn(MLP_SAMPLES, 784), torch.randint(0, 10, (MLP_SAMPLES,))
    batches = [(X[i:i + BATCH], Y[i:i + BATCH]) for i in range(0, MLP_SAMPLES, BATCH)]
    model = mlp_model()
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    state = {"cursor": 0}

    def run(k):
        loss = None
        for _ in range(k):
            xb, yb = batches[state["cursor"]]
            state["cursor"] = (state["cursor"] + 1) % MLP_STEPS
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        if loss is not None:
            loss.item()

    def epochs(w):
        if w["warmupSteps"] > 0:
            run(w["warmupSteps"])
        out = []
        for _ in range(w["samples"]):
            t0 = time.perf_counter()
            run(w["steps"])
            out.append((time.perf_counter() - t0) * MLP_STEPS / w["steps"])
        return out

    return epochs


def make_cnn():
    model = nn.Sequential(nn.Conv2d(3, 32, 3), nn.ReLU(), nn.Conv2d(32, 32, 3), nn.ReLU(), nn.MaxPool2d(2, 2),
                          nn.Flatten(), nn.Linear(6272, 128), nn.ReLU(), nn.Linear(128, 10))
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    data = [(torch.randn(BATCH, 3, 32, 32), torch.randint(0, 10, (BATCH,))) for _ in range(4)]
    state = {"i": 0}

    def step():
        xb, yb = data[state["i"] % len(data)]
        state["i"] += 1
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def handle(w):
    kind = w["kind"]
    if kind == "matmul":
        n = w["n"]
        if cache.get("matmul_n") != n:
            cache["matmul"] = (torch.randn(n, n), torch.randn(n, n), torch.empty(n, n))
            cache["matmul_n"] = n
        a, b, c = cache["matmul"]
        return {"samples": time_calls(lambda: torch.mm(a, b, out=c), w["timing"])}
    if kind == "mlp_train":
        return {"samples": lazy("mlp", make_mlp)(w)}
    if kind == "cnn_train":
        return {"samples": time_calls(lazy("cnn", make_cnn), w["timing"])}
    if kind == "mlp_infer":
        model = lazy("infer", lambda: mlp_model().eval())
        x = torch.randn(w["batch"], 784)

        def fwd():
            with torch.no_grad():
                return model(x)

        return {"samples": time_calls(fwd, w["timing"])}
    if kind == "op_add":
        a, b = lazy("add", lambda: (torch.tensor([1.0], requires_grad=True), torch.tensor([2.0], requires_grad=True)))
        return {"samples": time_calls(lambda: a + b, w["timing"])}
    raise ValueError("unknown workload " + kind)


send({"ready": True, "info": {
    "impl": "torch", "version": torch.__version__, "threads": torch.get_num_threads(),
    "omp": os.environ.get("OMP_NUM_THREADS"), "openblas_threads_env": os.environ.get("OPENBLAS_NUM_THREADS"),
    "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"), "blas": blas_info(),
}})
for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    req = json.loads(line)
    if req.get("quit"):
        break
    try:
        send({"id": req["id"], **handle(req["workload"])})
    except Exception as e:  # an answer, not a crash: the runner notes it and goes on
        send({"id": req["id"], "error": "%s: %s" % (type(e).__name__, e)})
