/* mimedecode.h: transfer encodings and charsets, decoded with a map. */
#ifndef TL_MIMEDECODE_H
#define TL_MIMEDECODE_H

#include "readers.h"

/* Decode the whole of tb->in into tb. Bad input is warned about once per
 * call, at its position, and decoding goes on. */
void tli_decode_qp(tli_tb *tb, tl_document *doc);
void tli_decode_base64(tli_tb *tb, tl_document *doc);

/* Is this charset name UTF-8 or a subset of it (no conversion needed)? */
int tli_charset_is_utf8(const char *charset);
/* Converts tb->in from `charset` to UTF-8 into tb; invalid bytes become
 * U+FFFD. -1 (and nothing appended) if iconv does not know the charset. */
int tli_decode_charset(tli_tb *tb, tl_document *doc, const char *charset);

#endif
