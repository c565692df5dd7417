// The one file that includes the system ICU headers. See include/CICU.h for the contract.
#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *tm_icu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    if (text[0] == 0) {
        UVersionInfo info;
        u_getVersion(info);
        u_versionToString(info, text);
    }
    return text;
}

const char *tm_error_name(int32_t err) { return u_errorName((UErrorCode)err); }

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *status) {
    switch (form) {
    case TM_NORM_NFC: return unorm2_getNFCInstance(status);
    case TM_NORM_NFD: return unorm2_getNFDInstance(status);
    case TM_NORM_NFKC: return unorm2_getNFKCInstance(status);
    case TM_NORM_NFKD: return unorm2_getNFKDInstance(status);
    case TM_NORM_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(status);
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
    }
}

int32_t tm_normalize(int32_t form, const uint16_t *src, int32_t len, uint16_t *dst, int32_t cap, int32_t *err) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    int32_t out = 0;
    if (U_SUCCESS(status)) out = unorm2_normalize(n, (const UChar *)src, len, (UChar *)dst, cap, &status);
    *err = status;
    return out;
}

int32_t tm_is_normalized(int32_t form, const uint16_t *src, int32_t len, int32_t *err) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &status);
    UBool yes = 0;
    if (U_SUCCESS(status)) yes = unorm2_isNormalized(n, (const UChar *)src, len, &status);
    *err = status;
    return yes ? 1 : 0;
}

struct TMTranslit { UTransliterator *handle; };

static TMTranslit *wrap_translit(UTransliterator *handle, UErrorCode status, int32_t *err) {
    *err = status;
    if (U_FAILURE(status) || handle == NULL) {
        if (handle) utrans_close(handle);
        if (U_SUCCESS(status)) *err = U_INTERNAL_PROGRAM_ERROR;
        return NULL;
    }
    TMTranslit *t = malloc(sizeof *t);
    if (t == NULL) { utrans_close(handle); *err = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    t->handle = handle;
    return t;
}

TMTranslit *tm_translit_open_id(const uint16_t *id, int32_t idLen, int32_t reverse, int32_t *err) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse;
    UTransliterator *h = utrans_openU((const UChar *)id, idLen, reverse ? UTRANS_REVERSE : UTRANS_FORWARD, NULL, 0,
                                      &parse, &status);
    return wrap_translit(h, status, err);
}

TMTranslit *tm_translit_open_rules(const uint16_t *name, int32_t nameLen, const uint16_t *rules, int32_t rulesLen,
                                   int32_t reverse, int32_t *err, int32_t *errLine, int32_t *errOffset) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse = {0};
    UTransliterator *h = utrans_openU((const UChar *)name, nameLen, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      (const UChar *)rules, rulesLen, &parse, &status);
    *errLine = parse.line;
    *errOffset = parse.offset;
    return wrap_translit(h, status, err);
}

void tm_translit_close(TMTranslit *t) {
    utrans_close(t->handle);
    free(t);
}

TMTranslit *tm_translit_clone(TMTranslit *t, int32_t *err) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *h = utrans_clone(t->handle, &status);
    return wrap_translit(h, status, err);
}

int32_t tm_translit_apply(TMTranslit *t, uint16_t *buf, int32_t len, int32_t cap, int32_t *err) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t textLength = len, limit = len;
    utrans_transUChars(t->handle, (UChar *)buf, &textLength, cap, 0, &limit, &status);
    *err = status;
    return textLength;
}

struct TMBreak { UBreakIterator *handle; UChar *text; };

TMBreak *tm_break_open(int32_t kind, const char *locale, const uint16_t *text, int32_t len, int32_t *err) {
    UBreakIteratorType type = kind == TM_BREAK_WORD ? UBRK_WORD : kind == TM_BREAK_CHARACTER ? UBRK_CHARACTER
                                                                                             : UBRK_SENTENCE;
    TMBreak *b = calloc(1, sizeof *b);
    UChar *copy = malloc(sizeof(UChar) * (size_t)(len > 0 ? len : 1));
    if (b == NULL || copy == NULL) { free(b); free(copy); *err = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    if (len > 0) memcpy(copy, text, sizeof(UChar) * (size_t)len);
    UErrorCode status = U_ZERO_ERROR;
    b->handle = ubrk_open(type, locale, copy, len, &status);
    b->text = copy;
    *err = status;
    if (U_FAILURE(status)) { tm_break_close(b); return NULL; }
    return b;
}

int32_t tm_break_next(TMBreak *b) {
    int32_t next = ubrk_next(b->handle);
    return next == UBRK_DONE ? -1 : next;
}

int32_t tm_break_rule_status(TMBreak *b) { return ubrk_getRuleStatus(b->handle); }

void tm_break_close(TMBreak *b) {
    if (b->handle) ubrk_close(b->handle);
    free(b->text);
    free(b);
}

int32_t tm_script(uint32_t codePoint) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)codePoint, &status);
    if (U_FAILURE(status)) return TM_SCRIPT_OTHER;
    switch (s) {
    case USCRIPT_COMMON: return TM_SCRIPT_COMMON;
    case USCRIPT_INHERITED: return TM_SCRIPT_INHERITED;
    case USCRIPT_LATIN: return TM_SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return TM_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return TM_SCRIPT_GREEK;
    default: return TM_SCRIPT_OTHER;
    }
}
