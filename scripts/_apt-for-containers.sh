#!/bin/sh
# Set up apt in the root filesystem at $1 for life in a container, as Debian's official images
# are set up (debuerreotype's minimizing config): called by make-base-image.
set -eu
root=$1
apt=$root/etc/apt/apt.conf.d
# Run apt-get clean after every install and update, and keep no binary caches: an image layer
# is written once and never sees the next install.
clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
printf 'DPkg::Post-Invoke { %s };\nAPT::Update::Post-Invoke { %s };\n' "$clean" "$clean" >"$apt/docker-clean"
printf 'Dir::Cache::pkgcache "";\nDir::Cache::srcpkgcache "";\n' >>"$apt/docker-clean"
# Lists that a Dockerfile forgets to remove stay compressed, and translations are not fetched.
echo 'Acquire::GzipIndexes "true";' >"$apt/docker-gzip-indexes"
echo 'Acquire::Languages "none";' >"$apt/docker-no-languages"
# `apt-get purge --auto-remove` removes what an install pulled in, even if something suggests it.
echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$apt/docker-autoremove-suggests"
# A build that loses power starts again from scratch: dpkg need not sync after every file.
echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
