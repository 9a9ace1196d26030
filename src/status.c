/* status.c: versions, status codes, severities and error records. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "strbuf.h"

const char *tl_version(void)
{
	return TL_VERSION_STRING;
}

/* No default: the compiler then names any code added to the enum and
 * forgotten here. */
const char *tl_strerror(tl_status status)
{
	switch (status) {
	case TL_OK:
		return "success";
	case TL_ENOMEM:
		return "out of memory";
	case TL_EIO:
		return "input/output error";
	case TL_ESYNTAX:
		return "YAML syntax error";
	case TL_ERULE:
		return "invalid rule";
	case TL_EREGEX:
		return "invalid regular expression";
	case TL_EDUPLICATE:
		return "duplicate rule id";
	case TL_EINVAL:
		return "invalid argument";
	case TL_ELIMIT:
		return "resource limit reached";
	case TL_ENOTFOUND:
		return "not found";
	case TL_EFORMAT:
		return "input not in the expected format";
	case TL_ECHANGED:
		return "the file changed since it was read";
	}
	return "unknown status";
}

const char *tl_severity_name(tl_severity severity)
{
	switch (severity) {
	case TL_SEVERITY_SUGGESTION:
		return "suggestion";
	case TL_SEVERITY_WARNING:
		return "warning";
	case TL_SEVERITY_ERROR:
		return "error";
	}
	return NULL;
}

tl_status tl_severity_parse(tl_severity *out, const char *name)
{
	static const tl_severity all[] = {
		TL_SEVERITY_SUGGESTION, TL_SEVERITY_WARNING, TL_SEVERITY_ERROR};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (strcmp(name, tl_severity_name(all[i])) == 0) {
			*out = all[i];
			return TL_OK;
		}
	}
	return TL_EINVAL;
}

void tli_error_set(tli_errinfo *e, const char *file, unsigned line,
		   unsigned column, const char *fmt, ...)
{
	tli_buf b = TLI_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tli_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *msg = tli_buf_take(&b);
	char *f = file ? tli_strndup(file, strlen(file)) : NULL;
	if (!msg || (file && !f)) {
		free(msg);
		free(f);
		return;
	}
	tli_error_clear(e);
	e->message = msg;
	e->file = f;
	e->pub.message = msg;
	e->pub.file = f;
	e->pub.line = line;
	e->pub.column = column;
}

void tli_error_clear(tli_errinfo *e)
{
	free(e->message);
	free(e->file);
	memset(e, 0, sizeof *e);
	e->pub.message = "";
}
