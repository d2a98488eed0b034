"""Exact and near-duplicate detection: duplicates are linked to the first copy, never dropped."""

from __future__ import annotations

import copy
import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_NEAR_THRESHOLD = 0.9
_SEED = 1
_SCHEME = "affine32"
# LSH needs datasketch MinHash objects; their permutations are fixed once (they are not used to
# compute our signatures, see `_signatures`).
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations
_rng = np.random.default_rng(_SEED)
_POSITION_MULTIPLIERS = _rng.integers(1, 2**63, SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
_BIN_BITS = int(NUM_PERM).bit_length() - 1
_EMPTY = np.uint32(0xFFFFFFFF)
_ROTATION = np.uint32(0x9E3779B1)
# After case-folding: ASCII letters and digits and the bytes of multi-byte UTF-8 characters are
# word bytes; other ASCII bytes become spaces. Typographic punctuation is replaced before encoding.
_WORD_BYTES = bytes(b if (97 <= b <= 122 or 48 <= b <= 57 or b >= 128) else 32 for b in range(256))
_TYPOGRAPHIC = "„“”‚‘’–—…«»‹›•·©°§\u00a0"


@dataclass(frozen=True)
class Fingerprint:
    """What duplicate detection compares: a hash of the normalised words and a MinHash signature."""

    content_hash: str
    signature: np.ndarray


def normalised_words(text: str) -> list[bytes]:
    """The words of a text, case-, punctuation- and spacing-insensitive (readers give NFC text)."""
    text = text.casefold().replace("\u00ad", "")
    for mark in _TYPOGRAPHIC:
        if mark in text:
            text = text.replace(mark, " ")
    return text.encode("utf-8").translate(_WORD_BYTES).split()


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    """Fingerprints of many texts; the signatures of a whole batch come from one set of array
    operations, so ingest pays numpy's fixed costs once per batch rather than once per text."""
    if not texts:
        return []
    words = [normalised_words(t) for t in texts]
    counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    flat = [w for text_words in words for w in text_words]
    hashes = _mix(np.fromiter(map(zlib.crc32, flat), dtype=np.uint64, count=len(flat)))
    owner = np.repeat(np.arange(len(texts)), counts)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    signatures = _signatures(hashes, owner, counts, offsets, len(texts))
    return [Fingerprint(hashlib.sha1(b" ".join(w)).hexdigest(), signatures[i]) for i, w in enumerate(words)]


def fingerprint(text: str) -> Fingerprint:
    return fingerprints([text])[0]


def word_hashes(text: str) -> np.ndarray:
    """The 64-bit hash of every word of a text, as fingerprints see them."""
    words = normalised_words(text)
    return _mix(np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words)))


def _signatures(hashes: np.ndarray, owner: np.ndarray, counts: np.ndarray, offsets: np.ndarray,
                n: int) -> np.ndarray:
    """MinHash signatures (one-permutation hashing) over word 5-shingles, one row per text.

    One-permutation MinHash with rotation densification (Shrivastava & Li, 2014) gives NUM_PERM
    values whose agreement estimates Jaccard similarity like classic MinHash, at the cost of one
    hash per shingle instead of NUM_PERM. Texts of fewer than five words use all their words as
    one shingle; a text without words gets the signature of one empty shingle.
    """
    width = SHINGLE_WORDS
    shingles = np.zeros(0, dtype=np.uint64)
    shingle_owner = np.zeros(0, dtype=np.int64)
    if len(hashes) >= width:
        count = len(hashes) - width + 1
        shingles = hashes[:count] * _POSITION_MULTIPLIERS[0]
        for k in range(1, width):
            shingles = shingles ^ (hashes[k:k + count] * _POSITION_MULTIPLIERS[k])
        inside = owner[:count] == owner[width - 1:]
        shingles, shingle_owner = shingles[inside], owner[:count][inside]
    short = np.flatnonzero(counts < width)
    if len(short):
        extra = [np.bitwise_xor.reduce(hashes[offsets[i]:offsets[i + 1]] * _POSITION_MULTIPLIERS[:counts[i]])
                 for i in short]
        shingles = np.concatenate((shingles, np.array(extra, dtype=np.uint64)))
        shingle_owner = np.concatenate((shingle_owner, short))
    mixed = _mix(shingles)
    slots = shingle_owner * NUM_PERM + (mixed >> np.uint64(64 - _BIN_BITS)).astype(np.intp)
    flat = np.full(n * NUM_PERM, _EMPTY, dtype=np.uint32)
    np.minimum.at(flat, slots, (mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    sigs = flat.reshape(n, NUM_PERM)
    for row in np.flatnonzero((sigs == _EMPTY).any(axis=1)):
        sigs[row] = _densify(sigs[row])
    return sigs


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
        self._order: dict[str, int] = {}
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
        scored = [(similarity(sig, self._signatures[c]), c) for c in self._lsh.query(_lean(sig))]
        scored = [(score, c) for score, c in scored if score >= self.threshold]
        if not scored:
            return None
        # the most similar; among equals the earliest seen, so links point at the first copy
        score, of = max(scored, key=lambda sc: (sc[0], -self._order[sc[1]]))
        return Duplicate(of, "near", score)

    def add(self, article_id: str, key: str, sig: np.ndarray | None) -> None:
        """Remember an article; an exact copy of one already known adds nothing new to compare with."""
        if key in self._by_hash:
            return
        self._by_hash[key] = article_id
        if sig is not None:
            self._order[article_id] = len(self._order)
            self._signatures[article_id] = sig
            self._lsh.insert(article_id, _lean(sig))


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_PERMUTATIONS, scheme=_SCHEME)


def _lean(sig: np.ndarray) -> MinHash:
    """A MinHash carrying our signature, for the LSH index (a shallow copy: no permutation set-up)."""
    minhash = copy.copy(_TEMPLATE)
    minhash.hashvalues = sig.astype(np.uint64)
    return minhash
