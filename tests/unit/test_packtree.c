/* The built-in packs' trees parsed at build time (packtree.h) must be
 * exactly what parsing the packs' text now gives, node for node, and load
 * the same rules. */
#include "helpers.h"
#include "internal.h"
#include "packtree.h"
#include "rules_load.h"
#include "yamldoc.h"

#include <stdlib.h>
#include <string.h>

static size_t item_count(const tli_ynode *n)
{
	if (n->kind == TLI_Y_MAP)
		return 2 * n->count;
	return n->kind == TLI_Y_SEQ ? n->count : 0;
}

/* The same tree, node for node (an alias's node is compared at each place
 * it is used: the built tree has a copy there). */
static void assert_same_tree(const char *pack, const tli_ynode *x,
			     const tli_ynode *y)
{
	if (!x || !y) {
		assert_ptr_equal(x, y);
		return;
	}
	if (x->kind != y->kind || x->line != y->line ||
	    x->column != y->column || x->plain != y->plain ||
	    x->len != y->len || x->count != y->count || !x->str != !y->str ||
	    (x->str &&
	     (memcmp(x->str, y->str, x->len) != 0 || x->str[x->len] != '\0')))
		fail_msg("%s: the node at line %u, column %u differs", pack,
			 y->line, y->column);
	for (size_t j = 0; j < item_count(x); j++)
		assert_same_tree(pack, x->items[j], y->items[j]);
}

static void trees__every_pack__same_as_parsed_now(void **state)
{
	(void)state;
	assert_true(tli_embedded_pack_count > 0);
	assert_int_equal(tli_pack_tree_count, tli_embedded_pack_count);
	for (size_t i = 0; i < tli_embedded_pack_count; i++) {
		const tli_embedded_pack *p = &tli_embedded_packs[i];
		const tli_pack_tree *t = &tli_pack_trees[i];
		assert_string_equal(t->name, p->name);
		assert_true(t->parsed);
		tli_ydoc *doc = NULL;
		char msg[256];
		unsigned line, col;
		assert_int_equal(tli_ydoc_parse(&doc, p->data, p->len, msg,
						sizeof msg, &line, &col),
				 0);
		tli_pexpand e = {0};
		const tli_ynode *built = NULL;
		if (t->root != TLI_PNODE_NONE)
			assert_int_equal(tli_pexpand_node(&e, t->root, &built),
					 TL_OK);
		assert_same_tree(p->name, built, tli_ydoc_root(doc));
		tli_pexpand_free(&e);
		tli_ydoc_free(doc);
	}
}

static void assert_same_strings(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void assert_same_examples(const tli_example *a, size_t na,
				 const tli_example *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_string_equal(a[i].text, b[i].text);
		assert_int_equal(a[i].line, b[i].line);
		assert_int_equal(a[i].column, b[i].column);
		assert_int_equal(a[i].kind, b[i].kind);
		assert_int_equal(a[i].stage, b[i].stage);
		assert_int_equal(a[i].format, b[i].format);
	}
}

static void assert_same_rule(const tl_rule *a, const tl_rule *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->category, b->category);
	assert_string_equal(a->message, b->message);
	assert_int_equal(a->severity, b->severity);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->column, b->column);
	assert_int_equal(a->pattern_count, b->pattern_count);
	assert_int_equal(a->exception_count, b->exception_count);
	assert_same_strings(a->pattern_src, a->pattern_src_count,
			    b->pattern_src, b->pattern_src_count);
	assert_same_strings(a->rewrites, a->rewrite_count, b->rewrites,
			    b->rewrite_count);
	assert_same_strings(a->suggest, a->suggest_count, b->suggest,
			    b->suggest_count);
	assert_true(!a->fix == !b->fix);
	if (a->fix)
		assert_string_equal(a->fix, b->fix);
	assert_true(!a->fix_rewrite == !b->fix_rewrite);
	if (a->fix_rewrite)
		assert_memory_equal(a->fix_rewrite, b->fix_rewrite,
				    a->rewrite_count);
	assert_int_equal(a->fix_article, b->fix_article);
	assert_same_examples(a->flag, a->flag_count, b->flag, b->flag_count);
	assert_same_examples(a->pass, a->pass_count, b->pass, b->pass_count);
	assert_true(!a->cond == !b->cond);
	assert_true(!a->doc == !b->doc);
}

static void rules__each_pack__same_from_tree_and_text(void **state)
{
	(void)state;
	for (size_t i = 0; i < tli_embedded_pack_count; i++) {
		const tli_embedded_pack *p = &tli_embedded_packs[i];
		tl_rule **ra, **rb;
		size_t na, nb;
		tli_errinfo err = {0};
		assert_int_equal(tli_load_pack_built(p->name,
						     &tli_pack_trees[i], &ra,
						     &na, &err),
				 TL_OK);
		assert_int_equal(
			tli_load_pack(p->name, p->data, p->len, &rb, &nb, &err),
			TL_OK);
		assert_int_equal(na, nb);
		assert_true(na > 0);
		for (size_t k = 0; k < na; k++) {
			assert_same_rule(ra[k], rb[k]);
			tli_rule_free(ra[k]);
			tli_rule_free(rb[k]);
		}
		free(ra);
		free(rb);
		tli_error_clear(&err);
	}
}

/* tl_ruleset_add_default takes the trees; the same packs added as text
 * give the same rule set. */
static void ruleset__default__same_as_packs_added_as_text(void **state)
{
	(void)state;
	tl_ruleset *a = NULL, *b = NULL;
	assert_int_equal(tl_ruleset_new(&a), TL_OK);
	assert_int_equal(tl_ruleset_new(&b), TL_OK);
	assert_int_equal(tl_ruleset_add_default(a), TL_OK);
	for (size_t i = 0; i < tli_embedded_pack_count; i++)
		assert_int_equal(
			tl_ruleset_add_buffer(b, tli_embedded_packs[i].name,
					      tli_embedded_packs[i].data,
					      tli_embedded_packs[i].len),
			TL_OK);
	assert_int_equal(tl_ruleset_count(a), tl_ruleset_count(b));
	for (size_t i = 0; i < tl_ruleset_count(a); i++) {
		const tl_rule *x = tl_ruleset_rule(a, i),
			      *y = tl_ruleset_rule(b, i);
		assert_string_equal(x->file, y->file);
		assert_int_equal(x->index, y->index);
		assert_same_rule(x, y);
	}
	tl_ruleset_free(a);
	tl_ruleset_free(b);
}

/* A pack the build found empty loads as the empty text does. */
static void tree__empty__same_error_as_empty_text(void **state)
{
	(void)state;
	tl_rule **rules;
	size_t n;
	tli_errinfo a = {0}, b = {0};
	const tli_pack_tree empty = {"e.yml", 1, TLI_PNODE_NONE};
	assert_int_equal(tli_load_pack_built("e.yml", &empty, &rules, &n, &a),
			 TL_ERULE);
	assert_int_equal(tli_load_pack("e.yml", "# none\n", 7, &rules, &n, &b),
			 TL_ERULE);
	assert_string_equal(a.pub.message, b.pub.message);
	assert_int_equal(a.pub.line, b.pub.line);
	assert_int_equal(a.pub.column, b.pub.column);
	tli_error_clear(&a);
	tli_error_clear(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trees__every_pack__same_as_parsed_now),
		cmocka_unit_test(rules__each_pack__same_from_tree_and_text),
		cmocka_unit_test(ruleset__default__same_as_packs_added_as_text),
		cmocka_unit_test(tree__empty__same_error_as_empty_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
