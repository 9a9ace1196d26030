/*
 * gmime_load.h: GMime, loaded when the first message is read, not when
 * the program starts.
 *
 * GMime brings GLib, GObject, GIO and a dozen libraries more (gpgme,
 * libmount, libidn2...): mapping and relocating them was most of the start-up
 * of a run that reads no email at all, which is most runs (a pre-commit hook
 * on three templates). So the library does not link GMime; email.c calls it
 * through this table of its functions, filled by dlopen and dlsym once per
 * process. Include this after <gmime/gmime.h>: each function email.c uses
 * becomes a call through the table, so its code reads as plain GMime.
 */
#ifndef TL_GMIME_LOAD_H
#define TL_GMIME_LOAD_H

#include <gmime/gmime.h>
#include <stddef.h>

/* The GMime, GObject and GLib functions email.c uses, by name. */
#define TLI_GMIME_FUNCTIONS(X)                        \
	X(g_free)                                     \
	X(g_strndup)                                  \
	X(g_object_unref)                             \
	X(g_type_check_instance_cast)                 \
	X(g_type_check_instance_is_a)                 \
	X(g_mime_init)                                \
	X(g_mime_charset_iconv_name)                  \
	X(g_mime_content_type_get_media_subtype)      \
	X(g_mime_content_type_is_type)                \
	X(g_mime_data_wrapper_get_stream)             \
	X(g_mime_header_get_offset)                   \
	X(g_mime_header_list_get_header)              \
	X(g_mime_message_get_message_id)              \
	X(g_mime_message_get_mime_part)               \
	X(g_mime_message_part_get_message)            \
	X(g_mime_message_part_get_type)               \
	X(g_mime_multipart_get_count)                 \
	X(g_mime_multipart_get_part)                  \
	X(g_mime_multipart_get_type)                  \
	X(g_mime_object_get_content_type)             \
	X(g_mime_object_get_content_type_parameter)   \
	X(g_mime_object_get_header_list)              \
	X(g_mime_object_get_type)                     \
	X(g_mime_parser_construct_message)            \
	X(g_mime_parser_eos)                          \
	X(g_mime_parser_new_with_stream)              \
	X(g_mime_parser_options_free)                 \
	X(g_mime_parser_options_new)                  \
	X(g_mime_parser_options_set_warning_callback) \
	X(g_mime_parser_set_format)                   \
	X(g_mime_parser_set_persist_stream)           \
	X(g_mime_parser_tell)                         \
	X(g_mime_part_get_content)                    \
	X(g_mime_part_get_content_encoding)           \
	X(g_mime_part_get_filename)                   \
	X(g_mime_part_get_type)                       \
	X(g_mime_part_is_attachment)                  \
	X(g_mime_stream_mem_new_with_buffer)          \
	X(g_mime_stream_seek)                         \
	X(g_mime_utils_header_decode_text)

#define TLI_GMIME_FIELD(name) __typeof__(name) *name;
typedef struct tli_gmime_api {
	TLI_GMIME_FUNCTIONS(TLI_GMIME_FIELD)
} tli_gmime_api;
#undef TLI_GMIME_FIELD

/* The shared object loaded: GMime's soname, found by the build. */
#ifndef TL_GMIME_SONAME
#define TL_GMIME_SONAME "libgmime-3.0.so.0"
#endif

/*
 * Loads GMime from `soname` and looks up every function of the table, then
 * calls g_mime_init. Returns the table (static, filled once for the whole
 * process and only read afterwards, whichever thread asks first), or NULL
 * with a one-line reason in why[0..size) ("libgmime-3.0.so.0: cannot open
 * shared object file..."). Safe to call from several threads: the first
 * call loads, every later one returns its result.
 */
const tli_gmime_api *tli_gmime_load(char *why, size_t size);

/* The same for any soname, without the once-per-process guard, for the
 * tests of a library that cannot be loaded; a table it fills is the
 * caller's (`out`). Returns 0, or -1 with the reason in why. */
int tli_gmime_open(tli_gmime_api *out, const char *soname, char *why,
		   size_t size);

/* The table email.c reads through: valid once tli_gmime_load succeeded. */
extern const tli_gmime_api *tli_gmime;

#ifndef TLI_GMIME_LOADER
/* Every call below goes through the table (a macro's own name in its
 * expansion is not expanded again, so tli_gmime->g_free is the field). */
#define g_free			   (*tli_gmime->g_free)
#define g_strndup		   (*tli_gmime->g_strndup)
#define g_object_unref		   (*tli_gmime->g_object_unref)
#define g_type_check_instance_cast (*tli_gmime->g_type_check_instance_cast)
#define g_type_check_instance_is_a (*tli_gmime->g_type_check_instance_is_a)
#define g_mime_init		   (*tli_gmime->g_mime_init)
#define g_mime_charset_iconv_name  (*tli_gmime->g_mime_charset_iconv_name)
#define g_mime_content_type_get_media_subtype \
	(*tli_gmime->g_mime_content_type_get_media_subtype)
#define g_mime_content_type_is_type (*tli_gmime->g_mime_content_type_is_type)
#define g_mime_data_wrapper_get_stream \
	(*tli_gmime->g_mime_data_wrapper_get_stream)
#define g_mime_header_get_offset (*tli_gmime->g_mime_header_get_offset)
#define g_mime_header_list_get_header \
	(*tli_gmime->g_mime_header_list_get_header)
#define g_mime_message_get_message_id \
	(*tli_gmime->g_mime_message_get_message_id)
#define g_mime_message_get_mime_part (*tli_gmime->g_mime_message_get_mime_part)
#define g_mime_message_part_get_message \
	(*tli_gmime->g_mime_message_part_get_message)
#define g_mime_message_part_get_type (*tli_gmime->g_mime_message_part_get_type)
#define g_mime_multipart_get_count   (*tli_gmime->g_mime_multipart_get_count)
#define g_mime_multipart_get_part    (*tli_gmime->g_mime_multipart_get_part)
#define g_mime_multipart_get_type    (*tli_gmime->g_mime_multipart_get_type)
#define g_mime_object_get_content_type \
	(*tli_gmime->g_mime_object_get_content_type)
#define g_mime_object_get_content_type_parameter \
	(*tli_gmime->g_mime_object_get_content_type_parameter)
#define g_mime_object_get_header_list \
	(*tli_gmime->g_mime_object_get_header_list)
#define g_mime_object_get_type (*tli_gmime->g_mime_object_get_type)
#define g_mime_parser_construct_message \
	(*tli_gmime->g_mime_parser_construct_message)
#define g_mime_parser_eos (*tli_gmime->g_mime_parser_eos)
#define g_mime_parser_new_with_stream \
	(*tli_gmime->g_mime_parser_new_with_stream)
#define g_mime_parser_options_free (*tli_gmime->g_mime_parser_options_free)
#define g_mime_parser_options_new  (*tli_gmime->g_mime_parser_options_new)
#define g_mime_parser_options_set_warning_callback \
	(*tli_gmime->g_mime_parser_options_set_warning_callback)
#define g_mime_parser_set_format (*tli_gmime->g_mime_parser_set_format)
#define g_mime_parser_set_persist_stream \
	(*tli_gmime->g_mime_parser_set_persist_stream)
#define g_mime_parser_tell	(*tli_gmime->g_mime_parser_tell)
#define g_mime_part_get_content (*tli_gmime->g_mime_part_get_content)
#define g_mime_part_get_content_encoding \
	(*tli_gmime->g_mime_part_get_content_encoding)
#define g_mime_part_get_filename  (*tli_gmime->g_mime_part_get_filename)
#define g_mime_part_get_type	  (*tli_gmime->g_mime_part_get_type)
#define g_mime_part_is_attachment (*tli_gmime->g_mime_part_is_attachment)
#define g_mime_stream_mem_new_with_buffer \
	(*tli_gmime->g_mime_stream_mem_new_with_buffer)
#define g_mime_stream_seek (*tli_gmime->g_mime_stream_seek)
#define g_mime_utils_header_decode_text \
	(*tli_gmime->g_mime_utils_header_decode_text)
#endif

#endif
