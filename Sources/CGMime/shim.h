#ifndef DIGESTD_CGMIME_SHIM_H
#define DIGESTD_CGMIME_SHIM_H
// GMime 3 (Debian libgmime-3.0-dev, pkg-config gmime-3.0): RFC 5322 messages and RFC 2045-2049
// MIME parts. GObject type checks and casts are macros, which Swift cannot call: wrap them.
#include <gmime/gmime.h>

static inline int cgmime_is_multipart(GMimeObject *object) { return GMIME_IS_MULTIPART(object); }
static inline int cgmime_is_message_part(GMimeObject *object) { return GMIME_IS_MESSAGE_PART(object); }
static inline int cgmime_is_text_part(GMimeObject *object) { return GMIME_IS_TEXT_PART(object); }
static inline int cgmime_is_part(GMimeObject *object) { return GMIME_IS_PART(object); }

static inline GMimeMultipart *cgmime_as_multipart(GMimeObject *object) { return (GMimeMultipart *)object; }
static inline GMimeMessagePart *cgmime_as_message_part(GMimeObject *object) { return (GMimeMessagePart *)object; }
static inline GMimeTextPart *cgmime_as_text_part(GMimeObject *object) { return (GMimeTextPart *)object; }
static inline GMimePart *cgmime_as_part(GMimeObject *object) { return (GMimePart *)object; }

static inline void cgmime_unref(void *object) { if (object) g_object_unref(object); }
static inline void cgmime_free(void *memory) { g_free(memory); }
#endif
