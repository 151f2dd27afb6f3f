"""Reading inputs into Documents: text files, folders, globs and JSONL corpora.

Every input becomes either a Document or a Rejected record, so a run can account for
each one (docs_seen = new + unchanged + quarantined).
"""

from __future__ import annotations

import glob
import hashlib
import json
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transforms.boilerplate import find_boilerplate
from transforms.language import detect_language
from transforms.schema import Document

TEXT_SUFFIXES = (".txt", ".text")
CORPUS_SUFFIXES = (".jsonl",)
# A text file's metadata lives beside it as NAME.meta.toml (see seeds/README.md).
META_SUFFIX = ".meta.toml"


@dataclass(slots=True)
class Rejected:
    """An input that could not become a Document, with the reason it was held back."""

    source: str
    reason: str
    payload: str


def discover_inputs(paths: Iterable[str | Path]) -> list[str]:
    """Expand files, folders (recursively) and glob patterns into a sorted list of files.

    A path that matches nothing is returned as it is, so that reading it yields a
    Rejected record instead of silently dropping it.
    """
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file() and _is_input_file(p) and not _is_hidden(p.relative_to(path))
            )
        elif path.exists():
            found.append(str(path))
        elif glob.has_magic(str(raw)):
            found.extend(
                p for p in sorted(glob.glob(str(raw), recursive=True)) if _is_input_file(Path(p))
            )
        else:
            found.append(str(raw))
    return list(dict.fromkeys(found))


def _is_input_file(path: Path) -> bool:
    name = path.name.lower()
    return not name.endswith(META_SUFFIX) and name.endswith(TEXT_SUFFIXES + CORPUS_SUFFIXES)


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def normalise_text(text: str) -> str:
    """Unicode NFC and universal newlines: the form every offset refers to."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if unicodedata.is_normalized("NFC", text):
        return text  # the usual case, and checked faster than normalised
    return unicodedata.normalize("NFC", text)


def make_doc_id(text: str) -> str:
    """Stable across machines: a hash of the normalised text, nothing else."""
    return _doc_id_of_normalised(normalise_text(text))


def _doc_id_of_normalised(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def decode_bytes(data: bytes) -> str:
    """UTF-8 (with or without BOM); raises UnicodeDecodeError for anything else."""
    return data.decode("utf-8-sig")


def build_document(
    text: str,
    source: str,
    *,
    title: str | None = None,
    language: str | None = None,
    published: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    text = normalise_text(text)
    lang = language if language in ("de", "en") else detect_language(text)
    return Document(
        doc_id=_doc_id_of_normalised(text),
        text=text,
        source=source,
        title=title,
        language=lang,
        published=str(published)[:10] if published else None,
        boilerplate=find_boilerplate(text, lang),
        metadata=metadata or {},
    )


def read_sidecar(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not meta_path.exists():
        meta_path = path.with_suffix(META_SUFFIX)
    if not meta_path.exists():
        return {}
    with meta_path.open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Overrides:
    """Language and publication date given by the user: they win over metadata."""

    language: str | None = None
    published: str | None = None


_NO_OVERRIDES = Overrides()


def read_text_file(
    path: Path, source: str, overrides: Overrides = _NO_OVERRIDES
) -> Iterator[Document | Rejected]:
    try:
        text = decode_bytes(path.read_bytes())
    except UnicodeDecodeError as exc:
        yield Rejected(source, f"read.not_utf8: {exc.reason} at byte {exc.start}", "")
        return
    try:
        meta = read_sidecar(path)
    except (tomllib.TOMLDecodeError, OSError) as exc:
        yield Rejected(source, f"read.bad_metadata: {exc}", text[:2000])
        return
    yield build_document(
        text,
        source,
        title=meta.get("title"),
        language=overrides.language or meta.get("language"),
        published=overrides.published or meta.get("published"),
        metadata={k: v for k, v in meta.items() if k not in ("title", "language", "published")},
    )


def read_jsonl_corpus(
    path: Path, source: str, overrides: Overrides = _NO_OVERRIDES
) -> Iterator[Document | Rejected]:
    """One document per line: `id`, `text`, optional `published`, `lang`, `title`, `source`."""
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, start=1):
            where = f"{source}:{line_no}"
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield Rejected(
                    where, f"read.bad_json_line: {exc}", raw[:2000].decode("utf-8", "replace")
                )
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield Rejected(where, "read.no_text_field", json.dumps(record)[:2000])
                continue
            extra = {k: v for k, v in record.items() if k not in _CORPUS_KEYS}
            if "id" in record:
                extra["corpus_id"] = record["id"]
            yield build_document(
                record["text"],
                str(record.get("source") or where),
                title=record.get("title"),
                language=overrides.language or record.get("lang") or record.get("language"),
                published=overrides.published
                or record.get("published")
                or _reuters_date(record.get("date")),
                metadata=extra,
            )


_CORPUS_KEYS = {"id", "text", "source", "title", "lang", "language", "published"}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}


def _reuters_date(value: Any) -> str | None:
    """Reuters-21578 dates look like '26-FEB-1987 15:17:11.20'."""
    if not isinstance(value, str):
        return None
    parts = value.split()[0].split("-") if value.strip() else []
    if (
        len(parts) == 3
        and parts[1].upper() in _MONTHS
        and parts[0].isdigit()
        and parts[2].isdigit()
    ):
        return f"{int(parts[2]):04d}-{_MONTHS[parts[1].upper()]:02d}-{int(parts[0]):02d}"
    return None


def read_input(
    path_str: str, overrides: Overrides = _NO_OVERRIDES
) -> Iterator[Document | Rejected]:
    """Read one discovered input; never raises for bad content, only yields Rejected."""
    path = Path(path_str)
    if not path.is_file():
        yield Rejected(path_str, "read.not_found", "")
        return
    try:
        if path.name.lower().endswith(CORPUS_SUFFIXES):
            yield from read_jsonl_corpus(path, path_str, overrides)
        else:
            yield from read_text_file(path, path_str, overrides)
    except OSError as exc:
        yield Rejected(path_str, f"read.os_error: {exc}", "")


def read_inputs(paths: Iterable[str]) -> Iterator[Document | Rejected]:
    for path in paths:
        yield from read_input(path)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
