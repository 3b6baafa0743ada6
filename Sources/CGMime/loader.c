// Opens libgmime-3.0.so.0 once, on the first digestd_gmime_open(), and forwards to it (cgmime.h).
//
// The GMime and GLib headers are included for their prototypes only: every call goes through a
// pointer from dlsym(3), so the binary holds no reference to GMime or GLib and ld.so maps none
// of them at exec. Each pointer's type is __typeof__ the real function, and each wrapper below
// passes its arguments to it, so a wrapper whose signature drifts from GMime's fails the build
// (incompatible pointer types are errors here).
#pragma clang diagnostic error "-Wincompatible-pointer-types"
#pragma clang diagnostic error "-Wint-conversion"
#include "cgmime.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <gmime/gmime.h>

_Static_assert(DIGESTD_GMIME_CONTENT_ENCODING_DEFAULT == GMIME_CONTENT_ENCODING_DEFAULT, "GMimeContentEncoding");
_Static_assert(DIGESTD_GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, "GMimeContentEncoding");
_Static_assert(DIGESTD_GMIME_ADDRESS_TYPE_FROM == GMIME_ADDRESS_TYPE_FROM, "GMimeAddressType");
_Static_assert(DIGESTD_GMIME_ADDRESS_TYPE_TO == GMIME_ADDRESS_TYPE_TO, "GMimeAddressType");
_Static_assert(sizeof(gboolean) == sizeof(int) && sizeof(gint64) == sizeof(int64_t), "GLib scalar types");

// Every function looked up; the library (or one it needs: GObject, GLib) must export them all.
#define DIGESTD_GMIME_FUNCTIONS(X) \
    X(g_mime_init) \
    X(g_mime_stream_mem_new_with_buffer) \
    X(g_mime_parser_new_with_stream) \
    X(g_mime_parser_construct_message) \
    X(g_mime_message_get_subject) \
    X(g_mime_message_get_mime_part) \
    X(g_mime_multipart_get_count) \
    X(g_mime_multipart_get_part) \
    X(g_mime_message_part_get_message) \
    X(g_mime_part_is_attachment) \
    X(g_mime_object_get_content_type) \
    X(g_mime_content_type_is_type) \
    X(g_mime_content_type_get_parameter) \
    X(g_mime_text_part_get_text) \
    X(g_mime_message_new) \
    X(g_mime_message_set_subject) \
    X(g_mime_message_set_date) \
    X(g_mime_utils_generate_message_id) \
    X(g_mime_message_set_message_id) \
    X(internet_address_list_parse) \
    X(internet_address_list_append) \
    X(g_mime_message_get_addresses) \
    X(g_mime_multipart_new_with_subtype) \
    X(g_mime_text_part_new_with_subtype) \
    X(g_mime_data_wrapper_new_with_stream) \
    X(g_mime_part_set_content) \
    X(g_mime_text_part_set_charset) \
    X(g_mime_part_set_content_encoding) \
    X(g_mime_multipart_add) \
    X(g_mime_message_set_mime_part) \
    X(g_mime_object_to_string) \
    X(g_mime_multipart_get_type) \
    X(g_mime_message_part_get_type) \
    X(g_mime_text_part_get_type) \
    X(g_time_zone_new_local) \
    X(g_time_zone_new_identifier) \
    X(g_time_zone_unref) \
    X(g_date_time_new_from_unix_utc) \
    X(g_date_time_to_timezone) \
    X(g_date_time_unref) \
    X(g_type_check_instance_is_a) \
    X(g_object_unref) \
    X(g_free)

static struct {
#define DIGESTD_POINTER(name) __typeof__(&name) name;
    DIGESTD_GMIME_FUNCTIONS(DIGESTD_POINTER)
#undef DIGESTD_POINTER
} gmime;

static pthread_once_t opened = PTHREAD_ONCE_INIT;
static int ready;
static const char *failure;
static char failure_text[512];

static void keep_failure(const char *what, const char *detail) {
    snprintf(failure_text, sizeof failure_text, "%s%s", what, detail ? detail : "");
    failure = failure_text;
}

static void open_library(void) {
    // RTLD_LOCAL: GMime's and GLib's symbols serve these pointers only (and GMime itself). Never
    // closed: GLib registers types and keeps threads that must outlive any use.
    void *library = dlopen("libgmime-3.0.so.0", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        keep_failure("", dlerror());
        return;
    }
    // dlsym on the handle searches GMime and then the libraries it needs (GObject, GLib).
#define DIGESTD_LOOK_UP(name) \
    gmime.name = (__typeof__(&name))dlsym(library, #name); \
    if (gmime.name == NULL) { keep_failure("libgmime-3.0.so.0: no symbol ", #name); return; }
    DIGESTD_GMIME_FUNCTIONS(DIGESTD_LOOK_UP)
#undef DIGESTD_LOOK_UP
    gmime.g_mime_init();
    ready = 1;
}

int digestd_gmime_open(void) {
    pthread_once(&opened, open_library);
    return ready;
}

const char *digestd_gmime_error(void) {
    pthread_once(&opened, open_library);
    return failure;
}

// A call through the pointer once GMime is ready; `fallback` (NULL, 0, or nothing) before.
#define CALL(fallback, name, ...) \
    (pthread_once(&opened, open_library), ready ? gmime.name(__VA_ARGS__) : fallback)
#define CALL_VOID(name, ...) \
    do { pthread_once(&opened, open_library); if (ready) gmime.name(__VA_ARGS__); } while (0)

GMimeStream *digestd_g_mime_stream_mem_new_with_buffer(const char *buffer, size_t len) {
    return CALL(NULL, g_mime_stream_mem_new_with_buffer, buffer, len);
}
GMimeParser *digestd_g_mime_parser_new_with_stream(GMimeStream *stream) {
    return CALL(NULL, g_mime_parser_new_with_stream, stream);
}
GMimeMessage *digestd_g_mime_parser_construct_message(GMimeParser *parser, GMimeParserOptions *options) {
    return CALL(NULL, g_mime_parser_construct_message, parser, options);
}
const char *digestd_g_mime_message_get_subject(GMimeMessage *message) {
    return CALL(NULL, g_mime_message_get_subject, message);
}
GMimeObject *digestd_g_mime_message_get_mime_part(GMimeMessage *message) {
    return CALL(NULL, g_mime_message_get_mime_part, message);
}
int digestd_g_mime_multipart_get_count(GMimeMultipart *multipart) {
    return CALL(0, g_mime_multipart_get_count, multipart);
}
GMimeObject *digestd_g_mime_multipart_get_part(GMimeMultipart *multipart, int index) {
    return CALL(NULL, g_mime_multipart_get_part, multipart, index);
}
GMimeMessage *digestd_g_mime_message_part_get_message(GMimeMessagePart *part) {
    return CALL(NULL, g_mime_message_part_get_message, part);
}
int digestd_g_mime_part_is_attachment(GMimePart *mime_part) {
    return CALL(0, g_mime_part_is_attachment, mime_part);
}
GMimeContentType *digestd_g_mime_object_get_content_type(GMimeObject *object) {
    return CALL(NULL, g_mime_object_get_content_type, object);
}
int digestd_g_mime_content_type_is_type(GMimeContentType *content_type, const char *type, const char *subtype) {
    return CALL(0, g_mime_content_type_is_type, content_type, type, subtype);
}
const char *digestd_g_mime_content_type_get_parameter(GMimeContentType *content_type, const char *name) {
    return CALL(NULL, g_mime_content_type_get_parameter, content_type, name);
}
char *digestd_g_mime_text_part_get_text(GMimeTextPart *mime_part) {
    return CALL(NULL, g_mime_text_part_get_text, mime_part);
}

GMimeMessage *digestd_g_mime_message_new(int pretty_headers) {
    return CALL(NULL, g_mime_message_new, pretty_headers);
}
void digestd_g_mime_message_set_subject(GMimeMessage *message, const char *subject, const char *charset) {
    CALL_VOID(g_mime_message_set_subject, message, subject, charset);
}
void digestd_g_mime_message_set_date(GMimeMessage *message, GDateTime *date) {
    CALL_VOID(g_mime_message_set_date, message, date);
}
char *digestd_g_mime_utils_generate_message_id(const char *fqdn) {
    return CALL(NULL, g_mime_utils_generate_message_id, fqdn);
}
void digestd_g_mime_message_set_message_id(GMimeMessage *message, const char *message_id) {
    CALL_VOID(g_mime_message_set_message_id, message, message_id);
}
InternetAddressList *digestd_internet_address_list_parse(GMimeParserOptions *options, const char *str) {
    return CALL(NULL, internet_address_list_parse, options, str);
}
void digestd_internet_address_list_append(InternetAddressList *list, InternetAddressList *append) {
    CALL_VOID(internet_address_list_append, list, append);
}
InternetAddressList *digestd_g_mime_message_get_addresses(GMimeMessage *message, int type) {
    return CALL(NULL, g_mime_message_get_addresses, message, (GMimeAddressType)type);
}
GMimeMultipart *digestd_g_mime_multipart_new_with_subtype(const char *subtype) {
    return CALL(NULL, g_mime_multipart_new_with_subtype, subtype);
}
GMimeTextPart *digestd_g_mime_text_part_new_with_subtype(const char *subtype) {
    return CALL(NULL, g_mime_text_part_new_with_subtype, subtype);
}
GMimeDataWrapper *digestd_g_mime_data_wrapper_new_with_stream(GMimeStream *stream, int encoding) {
    return CALL(NULL, g_mime_data_wrapper_new_with_stream, stream, (GMimeContentEncoding)encoding);
}
void digestd_g_mime_part_set_content(GMimePart *mime_part, GMimeDataWrapper *content) {
    CALL_VOID(g_mime_part_set_content, mime_part, content);
}
void digestd_g_mime_text_part_set_charset(GMimeTextPart *mime_part, const char *charset) {
    CALL_VOID(g_mime_text_part_set_charset, mime_part, charset);
}
void digestd_g_mime_part_set_content_encoding(GMimePart *mime_part, int encoding) {
    CALL_VOID(g_mime_part_set_content_encoding, mime_part, (GMimeContentEncoding)encoding);
}
void digestd_g_mime_multipart_add(GMimeMultipart *multipart, GMimeObject *part) {
    CALL_VOID(g_mime_multipart_add, multipart, part);
}
void digestd_g_mime_message_set_mime_part(GMimeMessage *message, GMimeObject *mime_part) {
    CALL_VOID(g_mime_message_set_mime_part, message, mime_part);
}
char *digestd_g_mime_object_to_string(GMimeObject *object, GMimeFormatOptions *options) {
    return CALL(NULL, g_mime_object_to_string, object, options);
}

GTimeZone *digestd_g_time_zone_new_local(void) {
    return CALL(NULL, g_time_zone_new_local);
}
GTimeZone *digestd_g_time_zone_new_identifier(const char *identifier) {
    return CALL(NULL, g_time_zone_new_identifier, identifier);
}
void digestd_g_time_zone_unref(GTimeZone *tz) {
    CALL_VOID(g_time_zone_unref, tz);
}
GDateTime *digestd_g_date_time_new_from_unix_utc(int64_t t) {
    return CALL(NULL, g_date_time_new_from_unix_utc, t);
}
GDateTime *digestd_g_date_time_to_timezone(GDateTime *datetime, GTimeZone *tz) {
    return CALL(NULL, g_date_time_to_timezone, datetime, tz);
}
void digestd_g_date_time_unref(GDateTime *datetime) {
    CALL_VOID(g_date_time_unref, datetime);
}

void digestd_gmime_unref(void *object) {
    if (object != NULL) CALL_VOID(g_object_unref, object);
}
void digestd_gmime_free(void *memory) {
    CALL_VOID(g_free, memory);
}

// What G_TYPE_CHECK_INSTANCE_TYPE (GMIME_IS_MULTIPART and the rest) does, through the pointers.
static int is_a(GMimeObject *object, GType (*get_type)(void)) {
    return object != NULL && gmime.g_type_check_instance_is_a((GTypeInstance *)(void *)object, get_type());
}
int digestd_gmime_is_multipart(GMimeObject *object) {
    return digestd_gmime_open() && is_a(object, gmime.g_mime_multipart_get_type);
}
int digestd_gmime_is_message_part(GMimeObject *object) {
    return digestd_gmime_open() && is_a(object, gmime.g_mime_message_part_get_type);
}
int digestd_gmime_is_text_part(GMimeObject *object) {
    return digestd_gmime_open() && is_a(object, gmime.g_mime_text_part_get_type);
}
