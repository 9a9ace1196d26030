/*
 * yamldoc.h: a YAML document as a small read-only tree with 1-based source
 * positions, for rule packs and configuration files (libyaml's events, read
 * once by yamldoc.c; a locale file's reader, readers/yaml.c, reads its own).
 *
 * Aliases are not expanded: an alias is the node it refers to, shared. The
 * tree is therefore a graph; walkers must be bounded by their schema's depth.
 */
#ifndef TL_YAMLDOC_H
#define TL_YAMLDOC_H

#include <stddef.h>

typedef enum tli_ykind { TLI_Y_SCALAR, TLI_Y_SEQ, TLI_Y_MAP } tli_ykind;

typedef struct tli_ynode tli_ynode;
struct tli_ynode {
	tli_ykind kind;
	unsigned line, column; /* 1-based, of the node's first character */
	/* scalar; `plain` sits with the 4-byte fields above so that a node
	 * has no padding (the built-in packs' trees are data, packtree.h) */
	int plain;	 /* an unquoted scalar (true, null, ...) */
	const char *str; /* NUL-terminated; may also contain NULs */
	size_t len;
	/* sequence: items[0..count); mapping: keys items[2i], values [2i+1] */
	tli_ynode **items;
	size_t count;
};

typedef struct tli_ydoc tli_ydoc;

/* Limits on a document (rule packs and configuration files are untrusted):
 * collections nested in one another, aliases and anchors, and the nodes
 * the aliases would expand to (or 10 times the nodes written, if more). */
#define TLI_YAML_MAX_DEPTH     64
#define TLI_YAML_MAX_ALIASES   10000
#define TLI_YAML_MAX_EXPANSION ((size_t)100000)

/*
 * Parses `data`. On success returns 0 and *out is the document (free with
 * tli_ydoc_free); its root is NULL for an empty stream. On a syntax error
 * returns -1 and fills msg (one line), *line and *column (1-based); on
 * out of memory returns -2; past one of the limits above returns -3 and
 * fills msg, *line and *column. A stream of more than one document is an
 * error.
 */
int tli_ydoc_parse(tli_ydoc **out, const char *data, size_t len, char *msg,
		   size_t msg_size, unsigned *line, unsigned *column);
const tli_ynode *tli_ydoc_root(const tli_ydoc *doc);
void tli_ydoc_free(tli_ydoc *doc);

/* What a node is, for error messages: "a list", "a mapping", "a single
 * value" or "nothing" (a null). Static. */
const char *tli_ynode_kind(const tli_ynode *n);

/* Is this scalar a YAML null (empty plain, ~, null)? */
int tli_ynode_is_null(const tli_ynode *n);

#endif
