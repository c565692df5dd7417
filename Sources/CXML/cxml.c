#include "CXML.h"
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

struct cxml_reader {
    xmlTextReaderPtr reader;
    char *error;
    int32_t error_line;
    int32_t error_column;
};

/// No network, no entity substitution, no DTD loading or validation, no huge-input relaxation.
static const int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

static void record_error(void *context, xmlErrorPtr error) {
    struct cxml_reader *r = context;
    if (error == NULL || error->level < XML_ERR_ERROR || r->error != NULL) return;
    const char *message = error->message != NULL ? error->message : "XML error";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) length--;
    r->error = malloc(length + 1);
    if (r->error != NULL) { memcpy(r->error, message, length); r->error[length] = 0; }
    r->error_line = error->line;
    r->error_column = error->int2;
}

/// libxml2 reports some I/O problems through its global generic handler (printing to stderr); the library
/// never prints, so that handler is silenced and such failures surface as read errors instead.
static void silent(void *context, const char *message, ...) { (void)context; (void)message; }

static cxml_reader *wrap(xmlTextReaderPtr reader) {
    if (reader == NULL) return NULL;
    struct cxml_reader *r = calloc(1, sizeof *r);
    if (r == NULL) { xmlFreeTextReader(reader); return NULL; }
    r->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, record_error, r);
    return r;
}

static int entity_refused(cxml_reader *r) {
    if (r->error == NULL) {
        const char *message = "entity declarations are not allowed (external entities and expansion bombs are refused)";
        r->error = strdup(message);
        r->error_line = xmlTextReaderGetParserLineNumber(r->reader);
        r->error_column = xmlTextReaderGetParserColumnNumber(r->reader);
    }
    return -1;
}

cxml_reader *cxml_open_file(const char *path) {
    xmlSetGenericErrorFunc(NULL, silent);
    return wrap(xmlReaderForFile(path, NULL, kOptions));
}

cxml_reader *cxml_open_fd(int fd, const char *name) {
    xmlSetGenericErrorFunc(NULL, silent);
    return wrap(xmlReaderForFd(fd, name, NULL, kOptions));
}

void cxml_close(cxml_reader *r) {
    xmlFreeTextReader(r->reader);
    free(r->error);
    free(r);
}

/// After each step: a document whose DTD declares entities is refused before any entity is used.
static int32_t checked(cxml_reader *r, int result) {
    if (result == 1 && xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_DOCUMENT_TYPE) {
        xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
        xmlDocPtr doc = node != NULL ? node->doc : NULL;
        if (doc != NULL && doc->intSubset != NULL && doc->intSubset->entities != NULL) return entity_refused(r);
    }
    if (result == 1 && xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_ENTITY_REFERENCE) return entity_refused(r);
    if (result < 0 && r->error == NULL) {
        r->error = strdup("the document is not well-formed XML");
        r->error_line = xmlTextReaderGetParserLineNumber(r->reader);
        r->error_column = xmlTextReaderGetParserColumnNumber(r->reader);
    }
    return result;
}

int32_t cxml_read(cxml_reader *r) { return checked(r, xmlTextReaderRead(r->reader)); }
int32_t cxml_skip(cxml_reader *r) { return checked(r, xmlTextReaderNext(r->reader)); }
int32_t cxml_node_type(cxml_reader *r) { return xmlTextReaderNodeType(r->reader); }
int32_t cxml_depth(cxml_reader *r) { return xmlTextReaderDepth(r->reader); }
int32_t cxml_is_empty_element(cxml_reader *r) { return xmlTextReaderIsEmptyElement(r->reader); }
const char *cxml_local_name(cxml_reader *r) { return (const char *)xmlTextReaderConstLocalName(r->reader); }
const char *cxml_name(cxml_reader *r) { return (const char *)xmlTextReaderConstName(r->reader); }
const char *cxml_value(cxml_reader *r) { return (const char *)xmlTextReaderConstValue(r->reader); }
int32_t cxml_line(cxml_reader *r) { return xmlTextReaderGetParserLineNumber(r->reader); }
int32_t cxml_column(cxml_reader *r) { return xmlTextReaderGetParserColumnNumber(r->reader); }
int64_t cxml_bytes_consumed(cxml_reader *r) { return (int64_t)xmlTextReaderByteConsumed(r->reader); }
int32_t cxml_node_line(cxml_reader *r) {
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    return node != NULL ? (int32_t)xmlGetLineNo(node) : 0;
}
int32_t cxml_first_attribute(cxml_reader *r) { return xmlTextReaderMoveToFirstAttribute(r->reader) == 1; }
int32_t cxml_next_attribute(cxml_reader *r) { return xmlTextReaderMoveToNextAttribute(r->reader) == 1; }
void cxml_back_to_element(cxml_reader *r) { xmlTextReaderMoveToElement(r->reader); }
const char *cxml_error_message(cxml_reader *r) { return r->error; }
int32_t cxml_error_line(cxml_reader *r) { return r->error_line; }
int32_t cxml_error_column(cxml_reader *r) { return r->error_column; }
