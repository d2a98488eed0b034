"""Exact and near-duplicate detection: duplicates are linked to the first copy, never dropped."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_NEAR_THRESHOLD = 0.9
_SEED = 1
_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
# LSH needs datasketch MinHash objects; their permutations are fixed once (they are not used to
# compute our signatures, see `signature`).
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
_rng = np.random.default_rng(_SEED)
_POSITION_MULTIPLIERS = _rng.integers(1, 2**63, SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
_BIN_BITS = int(NUM_PERM).bit_length() - 1
_EMPTY = np.uint32(0xFFFFFFFF)
_ROTATION = np.uint32(0x9E3779B1)


def normalised_words(text: str) -> list[str]:
    """Words of a text with case, accents' composition, soft hyphens and punctuation levelled."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold()
    return _WORD.findall(text)


def content_hash(words: list[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def signature(words: list[str]) -> np.ndarray:
    """MinHash signature (one-permutation hashing) over word 5-shingles.

    One-permutation MinHash with rotation densification (Shrivastava & Li, 2014) gives
    NUM_PERM values whose agreement estimates Jaccard similarity like classic MinHash, at the
    cost of one hash per shingle instead of NUM_PERM: it keeps dedup off the ingest hot path.
    """
    if not words:
        words = [""]
    hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(hashes))
    count = len(hashes) - width + 1
    shingles = hashes[:count] * _POSITION_MULTIPLIERS[0]
    for k in range(1, width):
        shingles ^= hashes[k:k + count] * _POSITION_MULTIPLIERS[k]
    shingles = _mix(shingles)
    keys = np.sort(((shingles >> np.uint64(64 - _BIN_BITS)) << np.uint64(32)) | (shingles & np.uint64(0xFFFFFFFF)))
    bins = (keys >> np.uint64(32)).astype(np.intp)
    first = np.flatnonzero(np.r_[True, bins[1:] != bins[:-1]])
    sig = np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    sig[bins[first]] = (keys[first] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    if len(first) < NUM_PERM:
        sig = _densify(sig)
    return sig


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every output bit depends on every input bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the next filled bin to its right (circularly), offset by distance."""
    filled = np.flatnonzero(sig != _EMPTY)
    empty = np.flatnonzero(sig == _EMPTY)
    ring = np.concatenate([filled, filled + NUM_PERM])
    source = ring[np.searchsorted(ring, empty)]
    distance = (source - empty).astype(np.uint32)
    out = sig.copy()
    out[empty] = sig[source % NUM_PERM] + distance * _ROTATION
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Duplicate:
    of: str
    kind: str
    similarity: float


class DuplicateIndex:
    """Content hashes and MinHash LSH over every article seen, including those already stored."""

    def __init__(self, threshold: float = DEFAULT_NEAR_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self._by_hash: dict[str, str] = {}
        self._signatures: dict[str, np.ndarray] = {}
        self._lsh = MinHashLSH(threshold=min(threshold, 0.99), num_perm=NUM_PERM)

    def __len__(self) -> int:
        return len(self._signatures) or len(self._by_hash)

    def load(self, rows: Iterable[tuple[str, str, bytes | None]]) -> None:
        """Add stored articles: `(article_id, content_hash, signature bytes)`."""
        for article_id, key, blob in rows:
            sig = np.frombuffer(blob, dtype=np.uint32) if blob else None
            self.add(article_id, key, sig)

    def find(self, key: str, sig: np.ndarray | None) -> Duplicate | None:
        """The earlier article this one duplicates, exactly or nearly, if any."""
        if key in self._by_hash:
            return Duplicate(self._by_hash[key], "exact", 1.0)
        if sig is None:
            return None
        best: Duplicate | None = None
        for candidate in self._lsh.query(_lean(sig)):
            score = similarity(sig, self._signatures[candidate])
            if score >= self.threshold and (best is None or score > best.similarity):
                best = Duplicate(candidate, "near", score)
        return best

    def add(self, article_id: str, key: str, sig: np.ndarray | None) -> None:
        self._by_hash.setdefault(key, article_id)
        if sig is not None and article_id not in self._signatures:
            self._signatures[article_id] = sig
            self._lsh.insert(article_id, _lean(sig))


def _lean(sig: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=sig.astype(np.uint64), permutations=_PERMUTATIONS, scheme=_SCHEME)
