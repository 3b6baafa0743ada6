#ifndef DIGESTD_CLIBXML2_SHIM_H
#define DIGESTD_CLIBXML2_SHIM_H
// libxml2's HTML parser (Debian libxml2-dev, pkg-config libxml-2.0): a tag-soup tolerant
// parser that builds a DOM we walk to find an article's text.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system ICU 72 headers,
// whose types clash with the toolchain's private copy in Foundation ("UErrorCode has different
// definitions"). We never touch encoding handlers (the only structs with ICU members), so hide
// them: xmlversion.h is include-guarded, and the undef holds for the headers that follow.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
