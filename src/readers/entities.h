/*
 * entities.h: the HTML named character references (&amp; &eacute;), as a
 * table sorted by name (strcmp order). The build writes it from libxml2's
 * HTML entity table (src/gen/entities.c), so that the library itself need
 * not load libxml2, and with it ICU and libstdc++, on every start.
 */
#ifndef TL_ENTITIES_H
#define TL_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

typedef struct tli_entity {
	const char *name; /* without '&' and ';' */
	uint32_t value;	  /* the code point */
} tli_entity;

extern const tli_entity tli_entities[];
extern const size_t tli_entity_count;

#endif
