// C front of CLD2, whose API is C++ (compact_lang_det.h).
#include "ccld2_shim.h"
#include <cstdio>
#include <cstring>
#include <vector>
#include <cld2/public/compact_lang_det.h>
#include <cld2/internal/lang_script.h>

extern "C" int digestd_cld2_detect(const char *text, int length, char *out, int capacity) {
    bool reliable = false;
    CLD2::Language language = CLD2::DetectLanguage(text, length, /*is_plain_text=*/true, &reliable);
    const char *code = CLD2::LanguageCode(language);
    size_t size = std::strlen(code);
    if (capacity <= 0 || size + 1 > static_cast<size_t>(capacity)) return -1;
    std::memcpy(out, code, size + 1);
    return reliable ? 1 : 0;
}
