/* xmlout.h: writing untrusted text into XML documents. */
#ifndef TL_XMLOUT_H
#define TL_XMLOUT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes s[0..n) as XML character data or the inside of a double-quoted
 * attribute: & < > " ' become references; characters XML 1.0 forbids (most
 * controls) and invalid UTF-8 become U+FFFD. In an attribute (`attr`) tab,
 * line feed and carriage return become references too, since a parser would
 * otherwise turn them into spaces.
 */
void tli_put_xml(FILE *out, const char *s, size_t n, int attr);

/* The same for a NUL-terminated string. */
void tli_put_xml_str(FILE *out, const char *s, int attr);

#endif
