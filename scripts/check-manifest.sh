#!/usr/bin/env bash
# Validates manifest.xml (and the production dist/manifest.xml, when built) against the
# Office add-in manifest schema, offline. `npm run validate` needs Microsoft's online
# service; this is the check CI can run. The schemas are in the repository
# (schemas/office-manifest, see its README); MANIFEST_XSD_DIR points elsewhere.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
xsd_dir="${MANIFEST_XSD_DIR:-$repo/schemas/office-manifest}"
xsd="$xsd_dir/OfficeAppManifestV1_1.xsd"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "check-manifest: xmllint not found (Debian: apt-get install -y libxml2-utils)" >&2
  exit 2
fi
if [ ! -f "$xsd" ]; then
  echo "check-manifest: schema not found at $xsd (set MANIFEST_XSD_DIR)" >&2
  exit 2
fi

files=("$repo/manifest.xml")
if [ -f "$repo/dist/manifest.xml" ]; then
  files+=("$repo/dist/manifest.xml")
  if grep -qi localhost "$repo/dist/manifest.xml"; then
    echo "check-manifest: note: dist/manifest.xml is a development build (points at localhost)"
  fi
fi

for f in "${files[@]}"; do
  xmllint --noout --schema "$xsd" "$f"
done
