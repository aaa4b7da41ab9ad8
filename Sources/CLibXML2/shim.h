#ifndef SHABLON_CLIBXML2_SHIM_H
#define SHABLON_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// libxml2 frees with a function pointer (`xmlFree`), which Swift cannot call directly.
static inline void shablon_xml_free(void *p) { xmlFree(p); }
#endif
