/* rule_info.c: rule metadata that reports describe rules with. */
#include <assert.h>

#include "internal.h"

size_t tl_rule_suggestion_count(const tl_rule *rule)
{
	return rule->rewrite_count ? rule->rewrite_count : rule->suggest_count;
}

const char *tl_rule_suggestion(const tl_rule *rule, size_t i)
{
	assert(i < tl_rule_suggestion_count(rule));
	return rule->rewrite_count ? rule->rewrites[i] : rule->suggest[i];
}
