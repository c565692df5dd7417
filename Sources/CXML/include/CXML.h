// CXML: a thin C boundary over libxml2's streaming xmlTextReader, for the TMX reader.
// Only cxml.c includes libxml2; this header uses stdint types and one opaque struct.
// Security: the network is never used, entities are never substituted, no DTD is loaded or validated,
// and documents that declare entities are refused (entity-expansion bombs cannot start).
#ifndef CXML_H
#define CXML_H
#include <stdint.h>

#pragma clang assume_nonnull begin

typedef struct cxml_reader cxml_reader;

/// Node types, as xmlTextReaderNodeType reports them.
enum {
    CXML_ELEMENT = 1, CXML_TEXT = 3, CXML_CDATA = 4, CXML_ENTITY_REFERENCE = 5, CXML_COMMENT = 8,
    CXML_DOCUMENT_TYPE = 10, CXML_WHITESPACE = 13, CXML_SIGNIFICANT_WHITESPACE = 14, CXML_END_ELEMENT = 15
};

/// Opens a file (plain or gzip-compressed) for streaming. NULL when it cannot be opened.
cxml_reader *_Nullable cxml_open_file(const char *path);
/// Reads a document from a file descriptor (e.g. a pipe); `name` is used in messages. The fd is not closed.
cxml_reader *_Nullable cxml_open_fd(int fd, const char *name);
void cxml_close(cxml_reader *reader);

/// Advances to the next node: 1 on success, 0 at the end, -1 on an error (see cxml_error_*).
int32_t cxml_read(cxml_reader *reader);
/// Skips the current node's subtree: 1 on success, 0 at the end, -1 on an error.
int32_t cxml_skip(cxml_reader *reader);

int32_t cxml_node_type(cxml_reader *reader);
int32_t cxml_depth(cxml_reader *reader);
int32_t cxml_is_empty_element(cxml_reader *reader);
/// The local name (no prefix) of the current node; valid until the next call that moves the reader.
const char *_Nullable cxml_local_name(cxml_reader *reader);
/// The qualified name (prefix:local).
const char *_Nullable cxml_name(cxml_reader *reader);
/// The text value of the current node (text, whitespace, CDATA, attribute); valid until the reader moves.
const char *_Nullable cxml_value(cxml_reader *reader);
/// The current line (1-based) and column (1-based, approximate within the line) of the parser.
int32_t cxml_line(cxml_reader *reader);
int32_t cxml_column(cxml_reader *reader);
/// Bytes of input the parser has consumed so far (for progress).
int64_t cxml_bytes_consumed(cxml_reader *reader);
/// The line (1-based) where the current node starts, 0 when unknown.
int32_t cxml_node_line(cxml_reader *reader);

/// Attributes of the current element: move to the first/next (1 moved, 0 none), then back to the element.
int32_t cxml_first_attribute(cxml_reader *reader);
int32_t cxml_next_attribute(cxml_reader *reader);
void cxml_back_to_element(cxml_reader *reader);


/// The first error recorded (NULL if none), with its line and column (0 when unknown).
const char *_Nullable cxml_error_message(cxml_reader *reader);
int32_t cxml_error_line(cxml_reader *reader);
int32_t cxml_error_column(cxml_reader *reader);

#pragma clang assume_nonnull end
#endif
