// CICU: the only door to the system ICU (libicu-dev).
//
// This header uses <stdint.h> types and opaque structs only, so any Swift module (including ones that
// import Foundation, which carries its own ICU) can import it. ICU itself is included only in icu.c.
// Every function reports ICU's status through `err`: 0 or negative (a warning) is success.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#pragma clang assume_nonnull begin

/// ICU's U_BUFFER_OVERFLOW_ERROR: the output did not fit; the return value is the length needed.
#define TM_ERR_BUFFER_OVERFLOW 15

/// The version of the system ICU, e.g. "72.1". Static storage.
const char *tm_icu_version(void);

/// The name of an ICU error code ("U_ILLEGAL_ARGUMENT_ERROR"). Static storage.
const char *tm_error_name(int32_t err);

// MARK: Normalization

enum { TM_NORM_NFC = 0, TM_NORM_NFD = 1, TM_NORM_NFKC = 2, TM_NORM_NFKD = 3, TM_NORM_NFKC_CASEFOLD = 4 };

/// Normalizes `src` into `dst`; returns the output length (larger than `cap` with TM_ERR_BUFFER_OVERFLOW).
int32_t tm_normalize(int32_t form, const uint16_t *src, int32_t len, uint16_t *_Nullable dst, int32_t cap,
                     int32_t *err);

/// 1 when `src` is already in the form (a fast check), 0 otherwise.
int32_t tm_is_normalized(int32_t form, const uint16_t *src, int32_t len, int32_t *err);

// MARK: Transliteration

typedef struct TMTranslit TMTranslit;

/// Opens a transliterator by ICU id ("Russian-Latin/BGN", "Any-Latin; Latin-ASCII"); `reverse` != 0 opens its inverse.
TMTranslit *_Nullable tm_translit_open_id(const uint16_t *id, int32_t idLen, int32_t reverse, int32_t *err);

/// Compiles ICU transform rules. On a syntax error, `errLine`/`errOffset` locate it (ICU counts rules from 0).
TMTranslit *_Nullable tm_translit_open_rules(const uint16_t *name, int32_t nameLen, const uint16_t *rules,
                                             int32_t rulesLen, int32_t reverse, int32_t *err, int32_t *errLine,
                                             int32_t *errOffset);

void tm_translit_close(TMTranslit *t);

/// An independent copy of `t` (ICU shares the compiled rules), for use on another thread.
TMTranslit *_Nullable tm_translit_clone(TMTranslit *t, int32_t *err);

/// Transliterates `buf[0..<len]` in place; returns the new length. When it exceeds `cap`, err is
/// TM_ERR_BUFFER_OVERFLOW and `buf` is garbage: retry from a fresh copy with a larger buffer.
int32_t tm_translit_apply(TMTranslit *t, uint16_t *buf, int32_t len, int32_t cap, int32_t *err);

// MARK: Break iteration

typedef struct TMBreak TMBreak;

enum { TM_BREAK_SENTENCE = 0, TM_BREAK_WORD = 1, TM_BREAK_CHARACTER = 2 };

/// Opens a break iterator over a private copy of `text` (so the caller's buffer may go away).
TMBreak *_Nullable tm_break_open(int32_t kind, const char *locale, const uint16_t *text, int32_t len, int32_t *err);

/// The next boundary (UTF-16 offset), or -1 at the end.
int32_t tm_break_next(TMBreak *b);

/// The rule status of the boundary last returned (for words: 0 none, 100.. number, 200.. letter, 300.. kana, 400.. ideo).
int32_t tm_break_rule_status(TMBreak *b);

void tm_break_close(TMBreak *b);

// MARK: Scripts

enum { TM_SCRIPT_COMMON = 0, TM_SCRIPT_INHERITED = 1, TM_SCRIPT_LATIN = 2, TM_SCRIPT_CYRILLIC = 3, TM_SCRIPT_GREEK = 4,
       TM_SCRIPT_OTHER = 5 };

/// The Unicode script of a code point, folded to the few this project distinguishes.
int32_t tm_script(uint32_t codePoint);

#pragma clang assume_nonnull end

#endif
