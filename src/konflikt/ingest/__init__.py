"""Readers: files and folders in, Documents out (seed format, plain text, JSONL, HTML)."""

from konflikt.ingest.readers import iter_documents, read_path

__all__ = ["iter_documents", "read_path"]
