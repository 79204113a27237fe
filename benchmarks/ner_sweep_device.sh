#!/usr/bin/env bash
# The NER sweep (python -m konflikt.training.sweep) on a lent many-core machine, one call.
#
# That machine has Python 3.12 and no spaCy, and nothing can be fetched there, so the call carries
# .devcarry/ (git-ignored), made here beforehand:
#   devsite.tar.xz  spaCy 3.8.18, thinc 8.3.14 and their compiled dependencies as cp312 wheels,
#                   unpacked, test folders and other languages removed, shared objects stripped
#   norne.tar.xz    the NorNE files the corpus step reads (ndt-nob train/dev, ndt-nno, UD nynorsk dev/test)
# konflikt is imported from a copy with an empty __init__: the real one imports the whole extraction
# pipeline (trafilatura, lingua, SQLAlchemy ...), which training does not use.
# Writes the table, the dev curves, the logs and the best run's model-best (in 15 MB parts) to $OUT.
set -euo pipefail
: "${OUT:?set OUT to a folder for the results}"
SITE=/tmp/site WORK=/tmp/work SHARED=/tmp/shared STUB=/tmp/stub
mkdir -p "$SITE" "$WORK" "$SHARED/data" "$STUB"
for t in .devcarry/devsite*.tar.xz; do tar xJf "$t" -C "$SITE"; done
tar xJf .devcarry/norne.tar.xz -C "$SHARED/data"
# a copy of the package whose __init__ imports nothing (resources still resolve inside it)
cp -r src/konflikt "$STUB/" && : > "$STUB/konflikt/__init__.py"
export PYTHONPATH="$STUB:$SITE" PYTHONUNBUFFERED=1
python3 -c "import spacy, thinc, numpy; print('spacy', spacy.__version__, 'thinc', thinc.__version__, 'numpy', numpy.__version__)"
nproc
python3 -m konflikt.training.sweep --work "$WORK" --shared "$SHARED" --build-corpora \
    --minutes "${MINUTES:-6.5}" --jobs "${JOBS:-14}" --json "$OUT/curves.json" | tee "$OUT/table.txt"
(cd "$WORK" && tar czf "$OUT/logs.tgz" sweep-*.log)
best=$(python3 -c "
import json; c = json.load(open('$OUT/curves.json'))
print(max(c, key=lambda k: max((p[1] for p in c[k]), default=0)))")
echo "best: $best"
if [ -d "$WORK/sweep-$best/model-best" ]; then
    (cd "$WORK/sweep-$best" && tar czf - model-best) | split -b 15M - "$OUT/best-$best.tgz.part-"
fi
ls -la "$OUT"
