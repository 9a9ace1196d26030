/*
 * Replacing a file when the system calls fail: this test is linked with
 * -Wl,--wrap=write,--wrap=fsync,--wrap=rename,--wrap=mkstemp, so the calls
 * filewrite.c makes come here first and can be made to fail, as a full
 * disk, a failing device, a read-only file system or another program
 * would. Each case checks that the original is intact and that no
 * temporary file is left behind.
 */
/* realpath() is X/Open (see filewrite.c). */
#define _XOPEN_SOURCE 700

#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filewrite.h"

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to);
int __real_mkstemp(char *tmpl);
int __wrap_mkstemp(char *tmpl);

/* What to break: an errno to fail with (0: pass the call through). */
static int write_errno, fsync_errno, rename_errno, mkstemp_errno;
/* Bytes a failing write lets through first (a disk that fills up). */
static size_t write_budget;
/* Runs inside fsync: another program editing the file meanwhile. */
static void (*during_fsync)(void);
static int temp_created;

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (write_errno && fd > 2) {
		if (write_budget == 0) {
			errno = write_errno;
			return -1;
		}
		if (n > write_budget)
			n = write_budget;
		write_budget -= n;
	}
	return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
	if (during_fsync) {
		during_fsync();
		during_fsync = NULL;
	}
	if (fsync_errno) {
		errno = fsync_errno;
		return -1;
	}
	return __real_fsync(fd);
}

int __wrap_rename(const char *from, const char *to)
{
	if (rename_errno) {
		errno = rename_errno;
		return -1;
	}
	return __real_rename(from, to);
}

int __wrap_mkstemp(char *tmpl)
{
	if (mkstemp_errno) {
		errno = mkstemp_errno;
		return -1;
	}
	temp_created = 1;
	return __real_mkstemp(tmpl);
}

static char dir[64], path[128];

static const char original[] = "Please utilise the portal prior to paying.\n";
static const char fixed_text[] = "Please use the portal before paying.\n";

static int set_up(void **state)
{
	(void)state;
	write_errno = fsync_errno = rename_errno = mkstemp_errno = 0;
	write_budget = 0;
	during_fsync = NULL;
	temp_created = 0;
	snprintf(dir, sizeof dir, "/tmp/tl-write-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/reminder.txt", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(original, f);
	return fclose(f) == 0 && chmod(path, 0640) == 0 ? 0 : -1;
}

static int tear_down(void **state)
{
	(void)state;
	write_errno = fsync_errno = rename_errno = mkstemp_errno = 0;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *contents(void)
{
	return file_text(path);
}

/* The folder holds the file and nothing else (no temporary file). */
static void assert_alone(void)
{
	assert_int_equal(folder_entries(dir), 1);
}

/* Replaces the file with the fixed text, as read just now. */
static tl_status replace(char *why, size_t size)
{
	tl_document *doc;
	assert_int_equal(tl_document_from_file(&doc, path, NULL, TL_FORMAT_TEXT,
					       NULL, NULL, 0),
			 TL_OK);
	tl_status st = tli_replace_file(path, fixed_text, strlen(fixed_text),
					doc, why, size);
	tl_document_free(doc);
	return st;
}

static void replace__all_calls_succeed__new_text_same_mode(void **state)
{
	(void)state;
	char why[256];
	assert_int_equal(replace(why, sizeof why), TL_OK);
	assert_string_equal(contents(), fixed_text);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_true(temp_created);
	assert_alone();
}

static void replace__disk_full__original_intact(void **state)
{
	(void)state;
	char why[256];
	write_errno = ENOSPC;
	write_budget = 10; /* the first bytes fit, the rest do not */
	assert_int_equal(replace(why, sizeof why), TL_EIO);
	assert_string_equal(why, "cannot write the fixed text (No space left "
				 "on device); the file is unchanged");
	assert_string_equal(contents(), original);
	assert_alone();
}

static void replace__flush_fails__original_intact(void **state)
{
	(void)state;
	char why[256];
	fsync_errno = EIO;
	assert_int_equal(replace(why, sizeof why), TL_EIO);
	assert_string_equal(why, "cannot flush the fixed text to disk "
				 "(Input/output error); the file is unchanged");
	assert_string_equal(contents(), original);
	assert_alone();
}

static void replace__rename_fails__original_intact(void **state)
{
	(void)state;
	char why[256];
	rename_errno = EACCES;
	assert_int_equal(replace(why, sizeof why), TL_EIO);
	assert_string_equal(why, "cannot replace the file (Permission "
				 "denied); it is unchanged");
	assert_string_equal(contents(), original);
	assert_alone();
}

static void replace__read_only_file_system__nothing_written(void **state)
{
	(void)state;
	char why[256];
	mkstemp_errno = EROFS;
	assert_int_equal(replace(why, sizeof why), TL_EIO);
	char want[256];
	/* the folder as realpath() spells it: /tmp may be a link */
	char *real = realpath(dir, NULL);
	assert_non_null(real);
	snprintf(want, sizeof want,
		 "cannot create a temporary file in %s (Read-only file "
		 "system); not fixed",
		 real);
	free(real);
	assert_string_equal(why, want);
	assert_string_equal(contents(), original);
	assert_alone();
}

static void edit_meanwhile(void)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("Edited in another window.\n", f);
	assert_int_equal(fclose(f), 0);
}

static void replace__file_edited_while_writing__not_overwritten(void **state)
{
	(void)state;
	char why[256];
	/* after the temporary file is written, before the rename */
	during_fsync = edit_meanwhile;
	assert_int_equal(replace(why, sizeof why), TL_ECHANGED);
	assert_string_equal(why, "changed while it was being linted; not "
				 "overwritten");
	assert_string_equal(contents(), "Edited in another window.\n");
	assert_alone();
}

static void replace__same_size_edit__caught_by_the_bytes(void **state)
{
	(void)state;
	char why[256];
	tl_document *doc;
	assert_int_equal(tl_document_from_file(&doc, path, NULL, TL_FORMAT_TEXT,
					       NULL, NULL, 0),
			 TL_OK);
	/* Same length, and the time of change put back: only the bytes
	 * tell. */
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	FILE *f = fopen(path, "r+");
	assert_non_null(f);
	fputs("PLEASE", f);
	assert_int_equal(fclose(f), 0);
	struct timespec times[2] = {sb.st_atim, sb.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
	tl_status st = tli_replace_file(path, fixed_text, strlen(fixed_text),
					doc, why, sizeof why);
	tl_document_free(doc);
	assert_int_equal(st, TL_ECHANGED);
	assert_string_equal(contents(),
			    "PLEASE utilise the portal prior to paying.\n");
	assert_alone();
}

static void die(void)
{
	_exit(3); /* killed between writing and renaming */
}

static void replace__interrupted_before_rename__original_intact(void **state)
{
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		during_fsync = die;
		char why[256];
		replace(why, sizeof why);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_string_equal(contents(), original);
	/* What a killed run leaves is a hidden temporary file beside it. */
	char cmd[160];
	snprintf(cmd, sizeof cmd,
		 "ls -A '%s' | grep -c '^\\.reminder\\.txt\\.tonelint-'", dir);
	FILE *p = popen(cmd, "r");
	int n = -1;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	assert_int_equal(n, 1);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, set_up, tear_down)
	const struct CMUnitTest tests[] = {
		T(replace__all_calls_succeed__new_text_same_mode),
		T(replace__disk_full__original_intact),
		T(replace__flush_fails__original_intact),
		T(replace__rename_fails__original_intact),
		T(replace__read_only_file_system__nothing_written),
		T(replace__file_edited_while_writing__not_overwritten),
		T(replace__same_size_edit__caught_by_the_bytes),
		T(replace__interrupted_before_rename__original_intact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
