/* The public header compiles alone, with -pedantic -Werror. */
#include "tonelint.h"

int tl_header_compiles(void);
int tl_header_compiles(void)
{
	return TL_VERSION_NUM > 0 && TL_OK == 0;
}
