// libxml2 for Swift 6, around its two traps on these machines (see ../shared/TOOLCHAIN.md):
// 1. Debian builds libxml2 with ICU; encoding.h then includes <unicode/ucnv.h>, whose UErrorCode clashes
//    with Foundation's bundled ICU. Undefining LIBXML_ICU_ENABLED after xmlversion.h keeps it out.
// 2. xmlFree is a global function-pointer variable, which Swift 6 rejects as not concurrency-safe;
//    planner_xml_free wraps it in a function.
#ifndef PLANNER_LIBXML2_SHIM_H
#define PLANNER_LIBXML2_SHIM_H

#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

static inline void planner_xml_free(void *pointer) { xmlFree(pointer); }

// libxml2 prints I/O and parser errors to stderr unless told otherwise; library code must not print.
// Callers collect the errors they care about through per-context structured handlers instead.
static void planner_xml_ignore_structured(void *context, xmlErrorPtr error) { (void)context; (void)error; }
static void planner_xml_ignore_generic(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void planner_xml_quiet(void) {
    xmlSetStructuredErrorFunc(NULL, planner_xml_ignore_structured);
    xmlSetGenericErrorFunc(NULL, planner_xml_ignore_generic);
}

#endif
