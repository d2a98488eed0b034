"""Matrix products through numpy (OpenBLAS, which picks kernels for the CPU it runs on) instead of thinc's
BLIS, whose PyPI wheel runs its generic reference kernel: ~3× faster tok2vec layers on this machine's CPU
(34 vs 91 GFLOPS for a 29k×192 · 192×192 product with OpenBLAS's AVX2 kernels; its AVX-512 kernels, which it picks
on this CPU unless the environment pins others through OPENBLAS_CORETYPE, reach 120-190 GFLOPS: `blas_kernels`).

`use_numpy_blas(nlp)` gives every model of the pipeline these ops, and chains that free each layer's activations
once the next layer has run; the results are the same up to float rounding. It also gives the maxout, layernorm,
hash embedding and static vectors layers prediction-only forward passes that do the same arithmetic in fewer
passes over memory (the same values, bit for bit: `tests/nlp/test_ops.py`).
"""

from __future__ import annotations

import atexit
import ctypes
import functools
import gc
import os
import sys

import numpy

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.ml.staticvectors import forward as static_vectors_forward
from spacy.vectors import Mode, Vectors
from thinc.api import NumpyOps, Ragged
from thinc.layers.chain import forward as chain_forward
from thinc.layers.hashembed import forward as hashembed_forward
from thinc.layers.layernorm import forward as layernorm_forward
from thinc.layers.maxout import forward as maxout_forward


class PredictionOps(NumpyOps):
    """thinc's NumpyOps for prediction: maxout takes the elementwise maximum of the pieces (the same values) and
    skips the argmax that only training's backward pass reads (1.5x faster on a 32k x 64 x 3 batch). The pipeline
    `load_pipeline` gives is for prediction only; training builds its own with spaCy's ops."""

    def maxout(self, X):
        best = X[..., 0].copy()
        for piece in range(1, X.shape[-1]):
            numpy.maximum(best, X[..., piece], out=best)
        return best, None


def blas_kernels() -> str | None:
    """The kernels numpy's OpenBLAS runs ("SkylakeX", "Haswell", …; OpenBLAS picks them for the CPU, unless
    `OPENBLAS_CORETYPE` pins them), or None where that cannot be asked (another BLAS, not Linux). For the
    benchmarks' reports: on this project's machine, OpenBLAS's AVX-512 kernels (its own choice there) run the
    pipeline ~15 % faster than its AVX2 ones, which an environment with OPENBLAS_CORETYPE=Haswell pins."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line})
    except OSError:
        return None
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename64_",
                     "openblas_get_corename"):
            function = getattr(library, name, None)
            if function is not None:
                function.restype = ctypes.c_char_p
                return function().decode()
    return None


def use_numpy_blas(nlp: Language) -> None:
    ops = PredictionOps(use_blis=False)  # thinc's own switch: gemm through numpy
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
                if node._func is chain_forward:
                    node._func = _predict_chain
                elif node._func is maxout_forward:
                    node._func = functools.partial(_predict_maxout, _Derived())
                elif node._func is layernorm_forward:
                    node._func = _predict_layernorm
                elif node._func is static_vectors_forward:
                    node._func = functools.partial(_predict_static_vectors, _Derived())
                elif node._func is hashembed_forward:
                    node._func = _predict_hashembed
    _keep_freed_memory()


def _predict_chain(model, X, is_train: bool):
    """thinc's `chain` that, when predicting, lets go of each layer's backprop closure (and the activations it holds)
    as soon as the next layer has its input: thinc keeps them all until the chain returns, so a tok2vec's four
    layers' activations were alive at once (221 MB for a batch of 33k tokens)."""
    if is_train:
        return chain_forward(model, X, is_train)
    for layer in model.layers:
        X = layer(X, is_train=False)[0]
    return X, _no_backprop


def _no_backprop(dY):
    raise NotImplementedError("the pipeline of load_pipeline() is for prediction only")


class _Derived:
    """What a layer's prediction derives from its parameters (or the vocabulary's vectors), made once and made
    again if they are replaced."""

    def __init__(self) -> None:
        self.sources: tuple = ()
        self.values: tuple = ()

    def get(self, sources: tuple, make) -> tuple:
        if len(sources) != len(self.sources) or any(a is not b for a, b in zip(sources, self.sources)):
            self.values, self.sources = make(), sources
        return self.values


def _predict_maxout(derived: _Derived, model, X, is_train: bool):
    """thinc's Maxout with the weights' rows ordered piece by piece: the product's columns for one piece are then
    a contiguous block, and the maximum runs over blocks instead of every third float. The same dot products
    (same inner dimension and order), so the same values."""
    if is_train:
        return maxout_forward(model, X, is_train)
    n_out, n_pieces, n_in = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    weights = model.get_param("W")

    def by_piece():
        rows = weights.reshape(n_out, n_pieces, n_in).transpose(1, 0, 2).reshape(n_pieces * n_out, n_in)
        bias = model.get_param("b").reshape(n_out, n_pieces).T.reshape(-1)
        return numpy.ascontiguousarray(rows), numpy.ascontiguousarray(bias)

    rows, bias = derived.get((weights, model.get_param("b")), by_piece)
    Y = model.ops.gemm(X, rows, trans2=True)
    Y += bias
    best = numpy.maximum(Y[:, :n_out], Y[:, n_out:2 * n_out])
    for piece in range(2, n_pieces):
        numpy.maximum(best, Y[:, piece * n_out:(piece + 1) * n_out], out=best)
    return best, _no_backprop


def _predict_layernorm(model, X, is_train: bool):
    """thinc's LayerNorm with the mean taken once (numpy's `var` takes it again) and the scaling done in place:
    the same operations in the same order, so the same values."""
    if is_train:
        return layernorm_forward(model, X, is_train)
    width = X.shape[1]
    mean = numpy.add.reduce(X, axis=1, keepdims=True)
    numpy.true_divide(mean, width, out=mean)
    centred = X - mean
    variance = numpy.add.reduce(centred * centred, axis=1, keepdims=True)
    numpy.true_divide(variance, width, out=variance)
    variance += 1e-08
    centred *= variance ** (-1.0 / 2.0)
    centred *= model.get_param("G")
    centred += model.get_param("b")
    return centred, _no_backprop


def _predict_hashembed(model, ids, is_train: bool):
    """thinc's HashEmbed summing the hashed rows once per distinct value of the batch: a batch of 20k tokens has
    ~100 distinct prefixes or shapes and ~5k norms, and thinc's gather-add sums four rows per token one float at
    a time. The same rows added in the same order, so the same values."""
    if is_train or not len(ids):
        return hashembed_forward(model, ids, is_train)
    vectors = model.get_param("E")
    distinct, where = numpy.unique(model.ops.as_contig(ids, dtype="uint64"), return_inverse=True)
    keys = model.ops.hash(distinct, model.attrs["seed"]) % vectors.shape[0]
    return model.ops.gather_add(vectors, keys)[where.reshape(-1)], _no_backprop


def _predict_static_vectors(derived: _Derived, model, docs, is_train: bool):
    """spaCy's StaticVectors with the vectors' rows found by a binary search over the sorted keys, for all tokens
    at once (spaCy looks each key up in Python: ~0.5 us per token of the NER)."""
    vectors = docs[0].vocab.vectors if docs else None
    if is_train or not isinstance(vectors, Vectors) or vectors.mode != Mode.default \
            or not sum(len(doc) for doc in docs):
        return static_vectors_forward(model, docs, is_train)

    def sorted_keys():
        pairs = numpy.array(sorted(vectors.key2row.items()), dtype="uint64").reshape(-1, 2)
        return pairs[:, 0].copy(), pairs[:, 1].astype("int32")

    keys, rows_of = derived.get((vectors, vectors.data, vectors.key2row), sorted_keys)
    wanted = model.ops.flatten([doc.to_array(getattr(vectors, "attr", ORTH)) for doc in docs]).astype("uint64")
    at = numpy.minimum(numpy.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    rows = numpy.where(keys[at] == wanted, rows_of[at], -1) if len(keys) else numpy.full(len(wanted), -1, "int32")
    found = model.ops.as_contig(model.ops.asarray(vectors.data)[rows])
    projected = model.ops.gemm(found, model.ops.as_contig(model.get_param("W")), trans2=True)
    projected[rows < 0] = 0
    return Ragged(projected, model.ops.asarray1i([len(doc) for doc in docs])), _no_backprop


def _keep_freed_memory() -> None:
    """Serve large arrays from the heap and keep freed memory there: glibc otherwise maps fresh pages for every
    activation array above 128 KB and the kernel zeroes them anew on each batch (bench/nlp.py: the whole pipeline
    ~14 % slower without this, at the same peak RSS). A process-wide setting, as the pipeline is per process."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 256 << 20)
    libc.mallopt(m_trim_threshold, 512 << 20)


# Python's cyclic garbage collector in a process that runs the pipeline: by default it scans its youngest objects
# every 700 allocations and, as they pile up, everything the process holds (the models, the vocabulary, the caches
# by word form). Over 2,000 FANG-COVID articles on one core that took 8.0-12.1 s of 155-260 s, 17 full passes of
# 0.4-0.5 s among them; with the loaded pipeline frozen out of the collector and these thresholds, 2.3 s (1.2 s
# once `analyze` freed each Doc at once: with full passes this rare, Docs left to them stayed in memory).
GC_THRESHOLDS = (10_000, 10, 10)


def collect_less() -> None:
    """After a pipeline is loaded: keep what the process holds so far out of the garbage collector's passes (it
    lives as long as the pipeline) and collect the young objects less often. A process-wide setting, as the pipeline
    is per process; `release_dropped_pipeline` unfreezes, so a dropped pipeline's cycles are collected."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    # frozen objects outlive the interpreter's last collection, and extension modules (DuckDB's) then report
    # their objects as leaked on exit
    atexit.unregister(gc.unfreeze)
    atexit.register(gc.unfreeze)


# resident MB per pipeline above which a long run loads its pipeline anew between batches (engine/worker.py,
# analyze.py): a process's memory grows with every new word form it meets (spaCy's vocabulary and tokenizer cache,
# our caches by word form), ~80 MB per 1,000 FANG-COVID articles at first, which took workers to 1.6-2.0 GB on the
# whole corpus. A batch's activations come on top. spaCy's memory zones would free the vocabulary too, but its
# tokenizer caches nothing inside one (9.5 instead of 3.6 us/token, measured before tokenizer.py let its cache work).
RECYCLE_RSS_MB = float(os.environ.get("LAGEBILD_RECYCLE_MB", 1000))


def resident_mb() -> float:
    """This process's resident memory now (Linux; elsewhere its peak, which only makes the reloading earlier)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def release_freed_memory() -> None:
    """Give the heap's free pages back to the system (glibc's malloc_trim). With the freed memory kept for speed
    (above), a long-running worker's RSS would otherwise creep up by the batches' fragments: on FANG-COVID, 984 MB
    after 1,000 articles of which 370 MB were free heap. Called between partitions, where the cost (a few ms and
    the next batch's page faults) does not matter."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return
