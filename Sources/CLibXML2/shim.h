#ifndef DIGESTD_CLIBXML2_SHIM_H
#define DIGESTD_CLIBXML2_SHIM_H
// libxml2's HTML parser (Debian libxml2-dev, pkg-config libxml-2.0): a tag-soup tolerant
// parser whose events build the small tree we walk to find an article's text.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system ICU 72 headers,
// whose types clash with the toolchain's private copy in Foundation ("UErrorCode has different
// definitions"). We only pass encoding handlers by pointer, never look inside them (the only
// structs with ICU members), so hide those members: xmlversion.h is include-guarded, and the
// undef holds for the headers that follow.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/globals.h>
#include <string.h>

/// Parses an HTML page as htmlReadMemory(buffer, size, NULL, encoding, options) does in
/// libxml2 2.9.14 (xmlCreateMemoryParserCtxt, the HTML handler copied in as a SAX1 handler,
/// then htmlDoRead: options, html mode, a forced encoding), but hands every parser event to
/// `sax`, with `private_data` in the parser context's `_private`, instead of building a document.
///
/// Writes to `encoding_out` (NUL-terminated, at most `encoding_size` bytes) the encoding
/// htmlReadMemory would have stored in the document (`ctxt->encoding`, else the input's
/// encoding, as xmlSAX2EndDocument takes it), or an empty string when there is none or it is too
/// long. Returns 0 when no parser context could be made (nothing was parsed), else 1.
static inline int digestd_html_parse_events(const char *buffer, int size, const char *encoding, int options,
                                            const htmlSAXHandler *sax, void *private_data,
                                            char *encoding_out, size_t encoding_size) {
    encoding_out[0] = 0;
    xmlInitParser();
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buffer, size);
    if (ctxt == NULL) return 0;
    if (ctxt->sax != NULL) memcpy(ctxt->sax, sax, sizeof(xmlSAXHandlerV1));
    ctxt->_private = private_data;
    htmlCtxtUseOptions(ctxt, options);
    ctxt->html = 1;
    if (encoding != NULL) {
        xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(encoding);
        if (handler != NULL) {
            xmlSwitchToEncoding(ctxt, handler);
            if (ctxt->input->encoding != NULL) xmlFree((xmlChar *) ctxt->input->encoding);
            ctxt->input->encoding = xmlStrdup((const xmlChar *) encoding);
        }
    }
    htmlParseDocument(ctxt);
    const xmlChar *used = ctxt->encoding;
    if (used == NULL && ctxt->inputTab != NULL && ctxt->inputNr > 0 && ctxt->inputTab[0] != NULL)
        used = ctxt->inputTab[0]->encoding;
    if (used != NULL && strlen((const char *) used) < encoding_size)
        strcpy(encoding_out, (const char *) used);
    xmlFreeParserCtxt(ctxt);
    return 1;
}
#endif
