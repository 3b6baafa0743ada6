#ifndef DIGESTD_CICU_SHIM_PUBLIC_H
#define DIGESTD_CICU_SHIM_PUBLIC_H
#include <stdint.h>
// Plain-C front of the system ICU (libicu-dev 72). ICU renames its symbols per version
// (ures_openDirect_72) and its headers clash with the toolchain's private copy of ICU when a
// Swift module that imports Foundation sees them, so only these functions are visible to Swift.

/// Writes the CLDR sentence-break suppressions of `locale` (ICU data "brkitr/<locale>",
/// exceptions/SentenceBreak) to `out` as UTF-8, one entry per line. Returns the number of
/// bytes written, 0 when the locale has no such data, -1 when `capacity` is too small.
int32_t digestd_icu_sentence_suppressions(const char *locale, char *out, int32_t capacity);

/// Splits UTF-8 `text` into words with ICU's word break iterator for `locale` (dictionary
/// based for Chinese and Japanese) and writes the words that hold letters or ideographs to
/// `out`, one per line. Returns the bytes written, -1 when `capacity` is too small, -2 on
/// an ICU error.
int32_t digestd_icu_words(const char *locale, const char *text, int32_t length, char *out, int32_t capacity);
#endif
