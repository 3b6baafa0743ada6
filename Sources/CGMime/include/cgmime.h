#ifndef DIGESTD_CGMIME_H
#define DIGESTD_CGMIME_H
// The GMime 3 calls digestd makes (Debian libgmime-3.0-dev; GMime 3.2), through a loader that
// opens libgmime-3.0.so.0 on the first call instead of at exec: a one-shot command such as
// `digestd summarize x.txt` never maps GMime, GIO, GObject, GLib and the libraries they need
// (gpgme, assuan, gpg-error, idn2, unistring, pcre2, ffi, mount, blkid, selinux, gmodule: about
// 2.8 ms of CPU per process; issue 15, start-up). Reading the first `.eml` or building a
// briefing loads it.
//
// Each `digestd_` function has the signature and result of its GMime or GLib namesake (the name
// after the prefix; gmime(3) API reference), with GLib's `gboolean` as `int`, `gint64` as
// `int64_t` and GMime's enums as `int` (constants below); loader.c checks each against the real
// prototype when it is built. The types are GMime's and GLib's own, left opaque here (their
// headers stay out of Swift). Call ``digestd_gmime_open`` first: when the library cannot be
// opened, or lacks a symbol, every function returns NULL or 0 and does nothing.
#include <stddef.h>
#include <stdint.h>

typedef struct _GMimeObject GMimeObject;
typedef struct _GMimeMessage GMimeMessage;
typedef struct _GMimeMultipart GMimeMultipart;
typedef struct _GMimeMessagePart GMimeMessagePart;
typedef struct _GMimePart GMimePart;
typedef struct _GMimeTextPart GMimeTextPart;
typedef struct _GMimeContentType GMimeContentType;
typedef struct _GMimeStream GMimeStream;
typedef struct _GMimeParser GMimeParser;
typedef struct _GMimeParserOptions GMimeParserOptions;
typedef struct _GMimeFormatOptions GMimeFormatOptions;
typedef struct _GMimeDataWrapper GMimeDataWrapper;
typedef struct _InternetAddressList InternetAddressList;
typedef struct _GDateTime GDateTime;
typedef struct _GTimeZone GTimeZone;

/// GMimeContentEncoding values used.
enum {
    DIGESTD_GMIME_CONTENT_ENCODING_DEFAULT = 0,
    DIGESTD_GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE = 5,
};
/// GMimeAddressType values used.
enum {
    DIGESTD_GMIME_ADDRESS_TYPE_FROM = 1,
    DIGESTD_GMIME_ADDRESS_TYPE_TO = 3,
};

/// Opens libgmime-3.0.so.0 (once per process; later calls return the first answer), finds every
/// function below and calls g_mime_init(). Returns 1 when GMime is ready, 0 when not: then
/// ``digestd_gmime_error`` says why.
int digestd_gmime_open(void);
/// Why ``digestd_gmime_open`` failed (dlopen(3)'s or dlsym(3)'s message), or NULL when it did not.
const char *digestd_gmime_error(void);

// Parsing a message.
GMimeStream *digestd_g_mime_stream_mem_new_with_buffer(const char *buffer, size_t len);
GMimeParser *digestd_g_mime_parser_new_with_stream(GMimeStream *stream);
GMimeMessage *digestd_g_mime_parser_construct_message(GMimeParser *parser, GMimeParserOptions *options);
const char *digestd_g_mime_message_get_subject(GMimeMessage *message);
GMimeObject *digestd_g_mime_message_get_mime_part(GMimeMessage *message);
int digestd_g_mime_multipart_get_count(GMimeMultipart *multipart);
GMimeObject *digestd_g_mime_multipart_get_part(GMimeMultipart *multipart, int index);
GMimeMessage *digestd_g_mime_message_part_get_message(GMimeMessagePart *part);
int digestd_g_mime_part_is_attachment(GMimePart *mime_part);
GMimeContentType *digestd_g_mime_object_get_content_type(GMimeObject *object);
int digestd_g_mime_content_type_is_type(GMimeContentType *content_type, const char *type, const char *subtype);
const char *digestd_g_mime_content_type_get_parameter(GMimeContentType *content_type, const char *name);
char *digestd_g_mime_text_part_get_text(GMimeTextPart *mime_part);

// Building a message.
GMimeMessage *digestd_g_mime_message_new(int pretty_headers);
void digestd_g_mime_message_set_subject(GMimeMessage *message, const char *subject, const char *charset);
void digestd_g_mime_message_set_date(GMimeMessage *message, GDateTime *date);
char *digestd_g_mime_utils_generate_message_id(const char *fqdn);
void digestd_g_mime_message_set_message_id(GMimeMessage *message, const char *message_id);
InternetAddressList *digestd_internet_address_list_parse(GMimeParserOptions *options, const char *str);
void digestd_internet_address_list_append(InternetAddressList *list, InternetAddressList *append);
InternetAddressList *digestd_g_mime_message_get_addresses(GMimeMessage *message, int type);
GMimeMultipart *digestd_g_mime_multipart_new_with_subtype(const char *subtype);
GMimeTextPart *digestd_g_mime_text_part_new_with_subtype(const char *subtype);
GMimeDataWrapper *digestd_g_mime_data_wrapper_new_with_stream(GMimeStream *stream, int encoding);
void digestd_g_mime_part_set_content(GMimePart *mime_part, GMimeDataWrapper *content);
void digestd_g_mime_text_part_set_charset(GMimeTextPart *mime_part, const char *charset);
void digestd_g_mime_part_set_content_encoding(GMimePart *mime_part, int encoding);
void digestd_g_mime_multipart_add(GMimeMultipart *multipart, GMimeObject *part);
void digestd_g_mime_message_set_mime_part(GMimeMessage *message, GMimeObject *mime_part);
char *digestd_g_mime_object_to_string(GMimeObject *object, GMimeFormatOptions *options);

// GLib dates (the Date header).
GTimeZone *digestd_g_time_zone_new_local(void);
GTimeZone *digestd_g_time_zone_new_identifier(const char *identifier);
void digestd_g_time_zone_unref(GTimeZone *tz);
GDateTime *digestd_g_date_time_new_from_unix_utc(int64_t t);
GDateTime *digestd_g_date_time_to_timezone(GDateTime *datetime, GTimeZone *tz);
void digestd_g_date_time_unref(GDateTime *datetime);

// GObject: references, memory, and the type checks GMime's GMIME_IS_* macros make
// (g_type_check_instance_is_a against each class's get_type()).
/// g_object_unref(3) of any GMime object; NULL is ignored.
void digestd_gmime_unref(void *object);
/// g_free(3).
void digestd_gmime_free(void *memory);
int digestd_gmime_is_multipart(GMimeObject *object);
int digestd_gmime_is_message_part(GMimeObject *object);
int digestd_gmime_is_text_part(GMimeObject *object);

// Up-casts and down-casts between GMime's classes (the first member of each instance struct is
// its parent): pointer conversions only, valid after the matching check above.
static inline GMimeMultipart *cgmime_as_multipart(GMimeObject *object) { return (GMimeMultipart *)(void *)object; }
static inline GMimeMessagePart *cgmime_as_message_part(GMimeObject *object) { return (GMimeMessagePart *)(void *)object; }
static inline GMimeTextPart *cgmime_as_text_part(GMimeObject *object) { return (GMimeTextPart *)(void *)object; }
static inline GMimePart *cgmime_text_part_as_part(GMimeTextPart *part) { return (GMimePart *)(void *)part; }
static inline GMimeObject *cgmime_text_part_as_object(GMimeTextPart *part) { return (GMimeObject *)(void *)part; }
static inline GMimeObject *cgmime_multipart_as_object(GMimeMultipart *multipart) { return (GMimeObject *)(void *)multipart; }
static inline GMimeObject *cgmime_message_as_object(GMimeMessage *message) { return (GMimeObject *)(void *)message; }

#endif
