"""Getting upstream files: from a mirror folder, else from the publisher, always checksummed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from hustings.data.sources import SourceFile
from hustings.errors import DataError, OfflineError
from hustings.settings import MIRROR_ENV, Settings

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(label, bytes_done, bytes_total)`` while downloading."""

MIRROR_HINT = f"give a mirror folder with --mirror DIR or ${MIRROR_ENV}"


def sha256_of(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(path: Path, source: SourceFile) -> Path:
    """``path`` if its sha256 is the published one, else a :class:`DataError` naming both."""
    actual = sha256_of(path)
    if actual != source.sha256:
        raise DataError(
            f"{path}: checksum mismatch (expected sha256 {source.sha256[:12]}..., "
            f"got {actual[:12]}...)",
            hint="the file is not the published version: restore it from the publisher "
            f"({source.url})",
            file=str(path),
            expected=source.sha256,
            actual=actual,
        )
    return path


def resolve(source: SourceFile, settings: Settings, *, progress: Progress | None = None) -> Path:
    """A local, verified copy of ``source``: the mirror's, the cache's, or a fresh download."""
    if settings.mirror is not None:
        local = settings.mirror / source.path
        if not local.is_file():
            raise DataError(
                f"{local}: not in the mirror folder {settings.mirror}",
                hint=f"add the file (published at {source.url}) or point to a complete mirror",
                file=str(local),
            )
        return check(local, source)
    cached = settings.cache_dir / source.sha256 / Path(source.path).name
    if cached.is_file():
        return check(cached, source)
    return check(download(source.url, cached, progress=progress), source)


def download(url: str, target: Path, *, progress: Progress | None = None) -> Path:
    """Stream ``url`` into ``target`` (written aside, then renamed: never half a file)."""
    import httpx

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with (
            httpx.stream("GET", url, follow_redirects=True, timeout=60) as response,
            partial.open("wb") as out,
        ):
            response.raise_for_status()
            total = int(response.headers.get("content-length", 0)) or None
            done = 0
            for chunk in response.iter_bytes():
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(target.name, done, total)
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise OfflineError(
            f"cannot download {url} ({type(exc).__name__})", hint=MIRROR_HINT, url=url
        ) from exc
    os.replace(partial, target)
    return target
