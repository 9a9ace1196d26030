/*
 * packtree.c: the build step that parses the built-in packs ahead of time
 * (packtree.h). Each embedded pack is parsed with the library's own parser
 * (yamldoc.c) and its tree written as static C data: the nodes, one array
 * of the collections' items, and one pool of the scalars' bytes.
 *
 *   tl_packtree OUT.c
 *
 * Exit status 0, or 1 with a message (the build then fails). A pack that
 * does not parse is written as unparsed, so that the library parses it at
 * run time and reports the error exactly as before.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "yamldoc.h"

/* Every node reached, in the order written (nodes[] of the output), with
 * an open-addressing map from node to index: an alias makes one node the
 * item of several collections, and it is written once. */
static const tli_ynode **nodes;
static size_t nnodes, capnodes;
static size_t *slots; /* index + 1; 0 is empty */
static size_t nslots;

/* The scalars' bytes, each followed by a NUL, identical ones shared. */
static char *pool;
static size_t npool, cappool;
typedef struct pooled {
	size_t off, len; /* len + 1: 0 is empty */
} pooled;
static pooled *strs;
static size_t nstrs;
static size_t strcount;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t cap2 = *cap ? *cap : 256;
	while (cap2 < need)
		cap2 *= 2;
	void *q = realloc(p, cap2 * size);
	if (!q) {
		fputs("tl_packtree: out of memory\n", stderr);
		exit(1);
	}
	*cap = cap2;
	return q;
}

static size_t hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15u;
	return (size_t)(h >> 17);
}

static void rehash(void)
{
	size_t n = nslots ? nslots * 2 : 1024;
	size_t *s = calloc(n, sizeof *s);
	if (!s) {
		fputs("tl_packtree: out of memory\n", stderr);
		exit(1);
	}
	for (size_t i = 0; i < nnodes; i++) {
		size_t h = hash_ptr(nodes[i]) & (n - 1);
		while (s[h])
			h = (h + 1) & (n - 1);
		s[h] = i + 1;
	}
	free(slots);
	slots = s;
	nslots = n;
}

/* The index of node n, added (to be walked) if not yet seen. */
static size_t node_index(const tli_ynode *n)
{
	if (2 * (nnodes + 1) > nslots)
		rehash();
	size_t h = hash_ptr(n) & (nslots - 1);
	while (slots[h]) {
		if (nodes[slots[h] - 1] == n)
			return slots[h] - 1;
		h = (h + 1) & (nslots - 1);
	}
	nodes = grow(nodes, &capnodes, nnodes + 1, sizeof *nodes);
	nodes[nnodes] = n;
	slots[h] = ++nnodes;
	return nnodes - 1;
}

static size_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

/* The offset in the pool of a copy of s[0..len) followed by a NUL. */
static size_t pool_offset(const char *s, size_t len)
{
	if (2 * (strcount + 1) > nstrs) {
		size_t n = nstrs ? nstrs * 2 : 1024;
		pooled *t = calloc(n, sizeof *t);
		if (!t) {
			fputs("tl_packtree: out of memory\n", stderr);
			exit(1);
		}
		for (size_t i = 0; i < nstrs; i++) {
			if (!strs[i].len)
				continue;
			size_t h = hash_bytes(pool + strs[i].off,
					      strs[i].len - 1) &
				   (n - 1);
			while (t[h].len)
				h = (h + 1) & (n - 1);
			t[h] = strs[i];
		}
		free(strs);
		strs = t;
		nstrs = n;
	}
	size_t h = hash_bytes(s, len) & (nstrs - 1);
	while (strs[h].len) {
		if (strs[h].len == len + 1 &&
		    memcmp(pool + strs[h].off, s, len) == 0)
			return strs[h].off;
		h = (h + 1) & (nstrs - 1);
	}
	pool = grow(pool, &cappool, npool + len + 1, 1);
	if (len)
		memcpy(pool + npool, s, len);
	pool[npool + len] = '\0';
	strs[h] = (pooled){npool, len + 1};
	strcount++;
	npool += len + 1;
	return strs[h].off;
}

static size_t item_count(const tli_ynode *n)
{
	if (n->kind == TLI_Y_MAP)
		return 2 * n->count;
	return n->kind == TLI_Y_SEQ ? n->count : 0;
}

/* Bytes as the inside of a C string literal: octal escapes are always
 * three digits, so a digit after one is not read as part of it; '?' is
 * escaped against trigraphs. */
static void put_bytes(FILE *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '?')
			fprintf(o, "\\%03o", c);
		else
			fputc(c, o);
	}
}

static void put_pool(FILE *o)
{
	fputs("static const char pool[] =\n\t\"", o);
	size_t col = 0;
	/* One string a line (and at most 48 bytes a line); the NUL that ends
	 * the last one is the literal's own. */
	for (size_t i = 0; i + 1 < npool; i++) {
		put_bytes(o, pool + i, 1);
		col++;
		if (pool[i] == '\0' || col == 48) {
			fputs("\"\n\t\"", o);
			col = 0;
		}
	}
	fputs("\";\n\n", o);
}

static int write_trees(FILE *o, const size_t *roots, const int *parsed)
{
	/* Where each collection's items start in items[], and each
	 * scalar's bytes in the pool. */
	size_t *first = malloc((nnodes ? nnodes : 1) * sizeof *first);
	size_t *str = malloc((nnodes ? nnodes : 1) * sizeof *str);
	if (!first || !str) {
		free(first);
		free(str);
		return -1;
	}
	size_t nitems = 0;
	for (size_t i = 0; i < nnodes; i++) {
		first[i] = nitems;
		nitems += item_count(nodes[i]);
		if (nodes[i]->str)
			str[i] = pool_offset(nodes[i]->str, nodes[i]->len);
	}
	fputs("/* Generated by src/gen/packtree.c from the built-in rule "
	      "packs. Do not edit. */\n#include \"packtree.h\"\n\n",
	      o);
	if (nnodes) {
		fprintf(o, "static const tli_ynode nodes[%zu];\n\n", nnodes);
		if (npool)
			put_pool(o);
	}
	if (nitems) {
		/* The tree's type has no const in its items: these arrays are
		 * read-only all the same, as any tree is to its readers. */
		fprintf(o, "static tli_ynode *const items[%zu] = {", nitems);
		size_t k = 0;
		for (size_t i = 0; i < nnodes; i++) {
			const tli_ynode *n = nodes[i];
			for (size_t j = 0; j < item_count(n); j++, k++)
				fprintf(o, "%s(tli_ynode *)&nodes[%zu],",
					k % 4 ? " " : "\n\t",
					node_index(n->items[j]));
		}
		fputs("\n};\n\n", o);
	}
	if (nnodes) {
		static const char *const kinds[] = {"TLI_Y_SCALAR", "TLI_Y_SEQ",
						    "TLI_Y_MAP"};
		fprintf(o, "static const tli_ynode nodes[%zu] = {\n", nnodes);
		for (size_t i = 0; i < nnodes; i++) {
			const tli_ynode *n = nodes[i];
			fprintf(o, "\t{.kind = %s, .line = %u, .column = %u",
				kinds[n->kind], n->line, n->column);
			if (n->str)
				fprintf(o, ", .str = pool + %zu", str[i]);
			if (n->len)
				fprintf(o, ", .len = %zu", n->len);
			if (n->plain)
				fputs(", .plain = 1", o);
			if (item_count(n))
				fprintf(o,
					", .items = (tli_ynode **)&items[%zu]",
					first[i]);
			if (n->count)
				fprintf(o, ", .count = %zu", n->count);
			fputs("},\n", o);
		}
		fputs("};\n\n", o);
	}
	free(first);
	free(str);
	if (tli_embedded_pack_count == 0) {
		fputs("const tli_pack_tree tli_pack_trees[1] = {{0, 0, 0}};\n"
		      "const size_t tli_pack_tree_count = 0;\n",
		      o);
		return 0;
	}
	fputs("const tli_pack_tree tli_pack_trees[] = {\n", o);
	for (size_t i = 0; i < tli_embedded_pack_count; i++) {
		const char *name = tli_embedded_packs[i].name;
		fputs("\t{\"", o);
		put_bytes(o, name, strlen(name));
		if (!parsed[i])
			fputs("\", 0, NULL},\n", o);
		else if (roots[i] == SIZE_MAX)
			fputs("\", 1, NULL},\n", o);
		else
			fprintf(o, "\", 1, &nodes[%zu]},\n", roots[i]);
	}
	fprintf(o, "};\nconst size_t tli_pack_tree_count = %zu;\n",
		tli_embedded_pack_count);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: tl_packtree OUT.c\n", stderr);
		return 1;
	}
	size_t npacks = tli_embedded_pack_count;
	tli_ydoc **docs = calloc(npacks ? npacks : 1, sizeof *docs);
	size_t *roots = calloc(npacks ? npacks : 1, sizeof *roots);
	int *parsed = calloc(npacks ? npacks : 1, sizeof *parsed);
	if (!docs || !roots || !parsed) {
		fputs("tl_packtree: out of memory\n", stderr);
		return 1;
	}
	for (size_t i = 0; i < npacks; i++) {
		const tli_embedded_pack *p = &tli_embedded_packs[i];
		char msg[512];
		unsigned line = 0, col = 0;
		int rc = tli_ydoc_parse(&docs[i], p->data, p->len, msg,
					sizeof msg, &line, &col);
		if (rc == -2) {
			fputs("tl_packtree: out of memory\n", stderr);
			return 1;
		}
		if (rc) {
			fprintf(stderr,
				"tl_packtree: %s:%u:%u: %s (left to be "
				"reported at run time)\n",
				p->name, line, col, msg);
			docs[i] = NULL;
			continue;
		}
		parsed[i] = 1;
		const tli_ynode *root = tli_ydoc_root(docs[i]);
		roots[i] = root ? node_index(root) : SIZE_MAX;
		/* Breadth first, nodes[] being the queue. */
		for (size_t k = root ? roots[i] : nnodes; k < nnodes; k++) {
			const tli_ynode *n = nodes[k];
			for (size_t j = 0; j < item_count(n); j++)
				node_index(n->items[j]);
		}
	}
	/* Written beside OUT and renamed, so that a failed run leaves no
	 * half-written file for the build to take as up to date. */
	size_t olen = strlen(argv[1]);
	char *tmp = malloc(olen + 5);
	if (!tmp)
		return 1;
	memcpy(tmp, argv[1], olen);
	memcpy(tmp + olen, ".tmp", 5);
	FILE *o = fopen(tmp, "w");
	if (!o) {
		perror(tmp);
		return 1;
	}
	int rc = write_trees(o, roots, parsed);
	if (fclose(o) != 0 || rc != 0 || rename(tmp, argv[1]) != 0) {
		fprintf(stderr, "tl_packtree: cannot write %s\n", argv[1]);
		remove(tmp);
		return 1;
	}
	for (size_t i = 0; i < npacks; i++)
		tli_ydoc_free(docs[i]);
	free(docs);
	free(roots);
	free(parsed);
	free(tmp);
	return 0;
}
