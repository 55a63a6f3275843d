"""Ed25519 signatures of ledger lines (through the ``cryptography`` package, imported when used).

A signed line carries ``"signature": {"alg": "ed25519", "key": PUB, "sig": SIG}``: ``PUB`` is
the signer's raw 32-byte public key and ``SIG`` the signature of the line's canonical bytes
without the ``signature`` field, both base64. Keys are PEM files, e.g. made with
``openssl genpkey -algorithm ed25519 -out key.pem`` and ``openssl pkey -in key.pem -pubout -out key.pub.pem``.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ectd_builder.errors import EctdError
from ectd_builder.ledger.entry import canonical, unsigned

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALG = "ed25519"
MAKE_KEY = "make one with 'openssl genpkey -algorithm ed25519 -out key.pem'"


def crypto_available() -> bool:
    try:
        import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    except ImportError:
        return False
    return True


def _require_crypto() -> None:
    if not crypto_available():
        raise EctdError("signing ledger lines needs the 'cryptography' package", hint="pip install cryptography")


def _pem(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise EctdError(f"cannot read the {what} {path}: {exc.strerror or exc}", hint="check the path") from None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """An unencrypted PEM Ed25519 private key; EctdError naming the file otherwise."""
    _require_crypto()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(_pem(path, "signing key"), password=None)
    except (TypeError, ValueError) as exc:
        raise EctdError(f"{path} is not an unencrypted PEM private key ({exc})", hint=MAKE_KEY) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise EctdError(f"{path} is a {type(key).__name__}, not an Ed25519 key", hint=MAKE_KEY)
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A PEM Ed25519 public key; EctdError naming the file otherwise."""
    _require_crypto()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    try:
        key = load_pem_public_key(_pem(path, "public key"))
    except (TypeError, ValueError) as exc:
        raise EctdError(
            f"{path} is not a PEM public key ({exc})",
            hint="export it from the private key: 'openssl pkey -in key.pem -pubout -out key.pub.pem'",
        ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise EctdError(f"{path} is a {type(key).__name__}, not an Ed25519 public key", hint=MAKE_KEY)
    return key


def raw_public(key: Ed25519PublicKey) -> str:
    """The public key as it is written in a line: raw bytes, base64."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def key_id(public: str) -> str:
    """A short name for a public key in messages: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(public.encode("ascii")).hexdigest()[:16]


def sign(data: Mapping[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The line with its signature added."""
    body = unsigned(data)
    signature = base64.b64encode(key.sign(canonical(body))).decode("ascii")
    return {**body, "signature": {"alg": ALG, "key": raw_public(key.public_key()), "sig": signature}}


def signature_error(data: Mapping[str, Any]) -> str | None:
    """Why the line's signature does not verify against the key it names; None when it does."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    sig = data.get("signature")
    if not isinstance(sig, dict) or sig.get("alg") != ALG:
        return f"the signature is not an object with alg '{ALG}'"
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(str(sig.get("key")), validate=True))
        public.verify(base64.b64decode(str(sig.get("sig")), validate=True), canonical(unsigned(data)))
    except (InvalidSignature, ValueError):
        return f"the signature does not verify (key {key_id(str(sig.get('key')))}): the line changed after it was signed"
    return None
