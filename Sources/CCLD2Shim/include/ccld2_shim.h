#ifndef DIGESTD_CCLD2_SHIM_H
#define DIGESTD_CCLD2_SHIM_H
#ifdef __cplusplus
extern "C" {
#endif

/// Detects the language of `length` bytes of UTF-8 plain text `text` with Compact Language
/// Detector 2 (Debian libcld2, Apache-2.0; McCandless/Sites, Google 2013): writes its ISO 639
/// code ("da", "en", "zh-Hant", or "un" when unknown) to `out` (NUL-terminated, at most
/// `capacity` bytes) and returns 1 when CLD2 calls the result reliable, 0 when not, -1 when
/// `out` is too small.
int digestd_cld2_detect(const char *text, int length, char *out, int capacity);

#ifdef __cplusplus
}
#endif
#endif
