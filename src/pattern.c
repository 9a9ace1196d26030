#include "pattern.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

pcre2_code *tli_pattern_compile(const char *src, size_t len, int caseless,
				char *err, size_t err_size, size_t *erroffset,
				int *oom)
{
	int code = 0;
	PCRE2_SIZE off = 0;
	uint32_t flags = TLI_PCRE2_FLAGS | (caseless ? PCRE2_CASELESS : 0);
	*oom = 0;
	pcre2_code *re =
		pcre2_compile((PCRE2_SPTR)src, len, flags, &code, &off, NULL);
	if (!re) {
		if (code == PCRE2_ERROR_HEAPLIMIT ||
		    code == PCRE2_ERROR_NOMEMORY)
			*oom = 1;
		pcre2_get_error_message(code, (PCRE2_UCHAR *)err, err_size);
		*erroffset = off;
		return NULL;
	}
	/* JIT compilation is left to tli_pattern_jit, when a text is large
	 * enough to repay it: it costs more than the whole scan of a small
	 * file. */
	return re;
}

pcre2_code *tli_pattern_jit(const pcre2_code *re)
{
	pcre2_code *copy = pcre2_code_copy(re);
	if (!copy)
		return NULL;
	/* (*NO_JIT) in the pattern: "compiled", but into nothing, and
	 * pcre2_jit_match() would fail with a bad-option error */
	size_t size = 0;
	if (pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0 ||
	    pcre2_pattern_info(copy, PCRE2_INFO_JITSIZE, &size) != 0 ||
	    size == 0) {
		pcre2_code_free(copy);
		return NULL;
	}
	return copy;
}

int tli_pattern_has_start(const pcre2_code *re)
{
	uint32_t first = 0, opts = 0;
	const uint8_t *bitmap = NULL;
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &first);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap);
	pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts);
	return first != 0 || bitmap != NULL || (opts & PCRE2_ANCHORED);
}

const char *tl_rule_slow_start(const tl_rule *rule)
{
	for (size_t k = 0; rule->patterns && k < rule->pattern_count; k++)
		if (rule->patterns[k] &&
		    !tli_pattern_has_start(rule->patterns[k]))
			return k < rule->pattern_src_count
				       ? rule->pattern_src[k]
				       : "";
	return NULL;
}
