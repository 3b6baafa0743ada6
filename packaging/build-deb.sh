#!/usr/bin/env bash
# build-deb.sh - build dist/digestd_<version>_<arch>.deb from this working tree.
#
#   packaging/build-deb.sh            (root or not; needs the packages listed below)
#
# Needs: the Swift toolchain in /opt/swift (or SWIFT_BIN=...), and the Debian
# packages debhelper, dpkg-dev, libcmark-gfm-dev, libcmark-gfm-extensions-dev, libgmime-3.0-dev, libsqlite3-dev,
# libstemmer-dev, libsystemd-dev, libuchardet-dev, libxml2-dev, libyaml-dev, pkg-config (and lintian to check the result: LINTIAN=1, the default).
#
# FROM_GIT=REV packages a commit (git archive REV) instead of the working tree.
#
# How: copies the tree (without .git and build folders) to
# .build-deb/digestd-<version>/, adds debian/ from packaging/debian and the unit
# files from systemd/, runs dpkg-buildpackage -b there, and moves the .deb to
# dist/. The release build uses the scratch path .build-release-static of this
# repository, so a second run only relinks.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export SWIFT_BIN=${SWIFT_BIN:-/opt/swift/usr/bin}
export PATH=$SWIFT_BIN:$PATH
command -v dpkg-buildpackage >/dev/null || { echo "build-deb: install debhelper dpkg-dev" >&2; exit 2; }
command -v swift >/dev/null || { echo "build-deb: no swift in $SWIFT_BIN" >&2; exit 2; }

version=$(dpkg-parsechangelog -l packaging/debian/changelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
src=$repo/.build-deb/digestd-$version
rm -rf "$src"; mkdir -p "$src" dist
if [ -n "${FROM_GIT:-}" ]; then   # e.g. FROM_GIT=HEAD: the committed tree, not the working tree
  git archive "$FROM_GIT" | tar -xf - -C "$src"
else
  tar --exclude=./.git --exclude='./.build*' --exclude=./dist --exclude=./.swiftpm --exclude=./debian \
      -cf - . | tar -xf - -C "$src"
fi
cp -r packaging/debian "$src/debian"
# One source of truth for the units: systemd/ (names dh_install* look for).
cp systemd/digestd.service   "$src/debian/digestd.service"
cp systemd/digestd.sysusers  "$src/debian/digestd.sysusers"
cp systemd/digestd.tmpfiles  "$src/debian/digestd.tmpfiles"

( cd "$src" && DIGESTD_SCRATCH=$repo/.build-release-static dpkg-buildpackage -b -us -uc )
deb=$repo/.build-deb/digestd_${version}_${arch}.deb
mv "$deb" dist/
rm -f "$repo"/.build-deb/digestd_"${version}"_*.{buildinfo,changes}
echo "build-deb: dist/digestd_${version}_${arch}.deb"
if [ "${LINTIAN:-1}" = 1 ] && command -v lintian >/dev/null; then
  lintian --fail-on error,warning "dist/digestd_${version}_${arch}.deb"
fi
