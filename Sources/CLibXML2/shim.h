#ifndef SHABLON_CLIBXML2_SHIM_H
#define SHABLON_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/parserInternals.h>

/// libxml2 frees with a function pointer (`xmlFree`), which Swift cannot call directly.
static inline void shablon_xml_free(void *p) { xmlFree(p); }

/// How deep libxml2 lets elements nest without XML_PARSE_HUGE (`xmlParserMaxDepth`, 256).
static inline unsigned int shablon_xml_max_depth(void) { return xmlParserMaxDepth; }
#endif
