// The public header compiles as C++ too.
#include "tonelint.h"

int tl_header_compiles_cxx();
int tl_header_compiles_cxx()
{
	tl_ruleset *rs = nullptr;
	return tl_ruleset_new(&rs) == TL_OK ? (tl_ruleset_free(rs), 0) : 1;
}
