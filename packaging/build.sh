#!/usr/bin/env bash
# Build ThaPlan Desktop with PyInstaller (one folder) and smoke-test the program that was built.
#
#   bash packaging/build.sh            # builds into build/packaging/dist/thaplan/
#   PYTHON=.venv/bin/python BUILD_DIR=/tmp/thaplan-build bash packaging/build.sh
#
# Needs the application installed with the packaging extra: pip install -e ".[packaging]".
# Not part of CI (it takes minutes); run it before a release and after adding a dependency, a data
# folder or a subcommand. The smoke test runs the *built* program, never the source tree, with its own
# user data folder so nothing of the user's is touched.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
BUILD_DIR=${BUILD_DIR:-$ROOT/build/packaging}

if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
  echo "PyInstaller is missing: $PYTHON -m pip install -e '.[packaging]'" >&2
  exit 1
fi

echo "== build with $("$PYTHON" -m PyInstaller --version) into $BUILD_DIR"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$BUILD_DIR/dist" --workpath "$BUILD_DIR/work" packaging/thaplan.spec
build_seconds=$(( $(date +%s) - start ))

APP_DIR="$BUILD_DIR/dist/thaplan"
APP="$APP_DIR/thaplan"
[ -x "$APP" ] || APP="$APP_DIR/thaplan.exe"

echo "== smoke test of $APP"
SMOKE=$(mktemp -d)
trap 'rm -rf "$SMOKE"' EXIT
export THAPLAN_DATA_DIR="$SMOKE/userdata"
export QT_QPA_PLATFORM=offscreen
cd "$SMOKE"  # the built program must not lean on the source tree

run() { echo "+ thaplan $*" >&2; "$APP" "$@"; }

run --version | grep -q "ThaPlan Desktop"
run demo --db "$SMOKE/demo.sqlite"
run info --db "$SMOKE/demo.sqlite" | grep -q "รวมทั้งสิ้น"
run backup --db "$SMOKE/demo.sqlite"
run backups --db "$SMOKE/demo.sqlite" | grep -q "สำรองด้วยตนเอง"
run restore 1 --db "$SMOKE/demo.sqlite" | grep -q "กู้คืน"

# A file of the first released schema: upgrading it needs the bundled Alembic migrations.
# Reading commands never upgrade a file (they may be given a read-only one): "db upgrade" does, after a backup.
cp "$ROOT/tests/data/schema_0001_demo.sqlite" "$SMOKE/old.sqlite"
run db upgrade --db "$SMOKE/old.sqlite"
run info --db "$SMOKE/old.sqlite" | grep -q "ท่าสะท้อน"
run backups --db "$SMOKE/old.sqlite" | grep -q "ก่อนปรับรุ่นฐานข้อมูล"

if "$APP" --help | grep -q "export-pdf"; then
  run export-pdf --db "$SMOKE/demo.sqlite" --out "$SMOKE/plan.pdf"
  head -c 5 "$SMOKE/plan.pdf" | grep -q "%PDF-"
  echo "export-pdf: $(wc -c < "$SMOKE/plan.pdf") bytes"
else
  echo "NOTE: this build has no export-pdf subcommand yet; PDF smoke test skipped" >&2
fi

# The Qt add-ons the window loads later (QtCharts for ภาพรวม at start, QtPdf for the document viewer on demand)
# and the Qt libraries they link to (QtPdf needs QtNetwork) must be in the folder.
for module in QtCharts QtPdf QtPdfWidgets; do
  find "$APP_DIR" -name "$module.*" | grep -q . || { echo "missing from the build: PySide6.$module" >&2; exit 1; }
done
for lib in Qt6Charts Qt6Pdf Qt6Network; do
  find "$APP_DIR" -name "*$lib*" | grep -q . || { echo "missing from the build: $lib" >&2; exit 1; }
done

# The window: it must start (Qt plugins, fonts) and stay up until stopped.
echo "+ thaplan --db demo.sqlite (window, offscreen, 8 s)"
status=0
timeout 8 "$APP" --db "$SMOKE/demo.sqlite" >"$SMOKE/gui.log" 2>&1 || status=$?
if [ "$status" -ne 124 ]; then
  echo "the window closed by itself (exit $status):" >&2
  cat "$SMOKE/gui.log" >&2
  exit 1
fi

size=$(du -sh "$APP_DIR" | cut -f1)
files=$(find "$APP_DIR" -type f | wc -l)
echo "== ok: $APP_DIR — $size in $files files, built in ${build_seconds} s"
