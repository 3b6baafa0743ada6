#include "cicu_shim.h"
#include <unicode/ures.h>
#include <unicode/ustring.h>

/// Writes the CLDR sentence-break suppressions of `locale` (ICU data "brkitr/<locale>",
/// exceptions/SentenceBreak) to `out` as UTF-8, one entry per line. Returns the number of
/// bytes written, 0 when the locale has no such data, -1 when `capacity` is too small.
int32_t digestd_icu_sentence_suppressions(const char *locale, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_openDirect(U_ICUDATA_NAME "-brkitr", locale, &status);
    if (U_FAILURE(status)) return 0;
    UResourceBundle *exceptions = ures_getByKey(bundle, "exceptions", NULL, &status);
    UResourceBundle *list = U_SUCCESS(status) ? ures_getByKey(exceptions, "SentenceBreak", NULL, &status) : NULL;
    int32_t written = 0;
    if (U_SUCCESS(status) && list != NULL) {
        int32_t size = ures_getSize(list);
        for (int32_t i = 0; i < size && written >= 0; i++) {
            int32_t length = 0;
            UErrorCode entryStatus = U_ZERO_ERROR;
            const UChar *entry = ures_getStringByIndex(list, i, &length, &entryStatus);
            if (U_FAILURE(entryStatus)) continue;
            int32_t needed = 0;
            UErrorCode convertStatus = U_ZERO_ERROR;
            u_strToUTF8(out + written, capacity - written - 1, &needed, entry, length, &convertStatus);
            if (U_FAILURE(convertStatus) || written + needed + 1 > capacity) { written = -1; break; }
            written += needed;
            out[written++] = '\n';
        }
    }
    if (list) ures_close(list);
    if (exceptions) ures_close(exceptions);
    ures_close(bundle);
    return written;
}


#include <unicode/ubrk.h>
#include <stdlib.h>

int32_t digestd_icu_words(const char *locale, const char *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    u_strFromUTF8(NULL, 0, &units, text, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -2;
    status = U_ZERO_ERROR;
    UChar *utf16 = malloc(sizeof(UChar) * (size_t)(units + 1));
    if (utf16 == NULL) return -2;
    u_strFromUTF8(utf16, units + 1, NULL, text, length, &status);
    if (U_FAILURE(status)) { free(utf16); return -2; }
    UBreakIterator *words = ubrk_open(UBRK_WORD, locale, utf16, units, &status);
    if (U_FAILURE(status)) { free(utf16); return -2; }
    int32_t written = 0;
    int32_t start = ubrk_first(words);
    for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
        if (ubrk_getRuleStatus(words) < UBRK_WORD_LETTER) continue; // spaces, punctuation, numbers
        int32_t needed = 0;
        UErrorCode convert = U_ZERO_ERROR;
        u_strToUTF8(out + written, capacity - written - 1, &needed, utf16 + start, end - start, &convert);
        if (U_FAILURE(convert) || written + needed + 1 > capacity) { written = -1; break; }
        written += needed;
        out[written++] = '\n';
    }
    ubrk_close(words);
    free(utf16);
    return written;
}
