#ifndef DIGESTD_CCMARKGFM_SHIM_H
#define DIGESTD_CCMARKGFM_SHIM_H
// cmark-gfm (Debian libcmark-gfm-dev + libcmark-gfm-extensions-dev, pkg-config libcmark-gfm):
// GitHub's fork of the CommonMark reference parser, with the GFM extensions (tables,
// strikethrough, autolinks, task lists) and footnotes.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
