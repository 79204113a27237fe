"""Readers: files and folders in, Documents out (seed format, plain text, JSONL, HTML); batches."""

from konflikt.ingest.batch import BatchReport, Failure, collect_files, extract_files, ingest_files
from konflikt.ingest.decode import decode_bytes
from konflikt.ingest.readers import iter_documents, iter_files, read_file, read_path

__all__ = ["BatchReport", "Failure", "collect_files", "decode_bytes", "extract_files",
           "ingest_files", "iter_documents", "iter_files", "read_file", "read_path"]
