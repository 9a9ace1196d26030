/* gmime_load.c: GMime loaded on first need (gmime_load.h says why). */
#define TLI_GMIME_LOADER
#include "gmime_load.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

const tli_gmime_api *tli_gmime;

int tli_gmime_open(tli_gmime_api *out, const char *soname, char *why,
		   size_t size)
{
	memset(out, 0, sizeof *out);
	/* RTLD_LOCAL: GLib's symbols stay out of the program's namespace,
	 * as they were never part of it. The handle is kept for the life of
	 * the process (GMime has global state of its own). */
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why, size, "%s", e ? e : soname);
		return -1;
	}
	/* dlsym's void * to a function pointer: POSIX requires this to work
	 * (its rationale for dlsym); C11 leaves it undefined, hence memcpy. */
#define TLI_GMIME_LOOKUP(name)                                            \
	{                                                                 \
		void *sym = dlsym(h, #name);                              \
		if (!sym) {                                               \
			snprintf(why, size, "%s: no function %s", soname, \
				 #name);                                  \
			dlclose(h);                                       \
			memset(out, 0, sizeof *out);                      \
			return -1;                                        \
		}                                                         \
		memcpy(&out->name, &sym, sizeof sym);                     \
	}
	TLI_GMIME_FUNCTIONS(TLI_GMIME_LOOKUP)
#undef TLI_GMIME_LOOKUP
	return 0;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static tli_gmime_api api;
static char failure[256];

static void load(void)
{
	if (tli_gmime_open(&api, TL_GMIME_SONAME, failure, sizeof failure))
		return;
	api.g_mime_init();
	tli_gmime = &api;
}

const tli_gmime_api *tli_gmime_load(char *why, size_t size)
{
	pthread_once(&once, load);
	if (!tli_gmime && why && size)
		snprintf(why, size, "%s", failure);
	return tli_gmime;
}
