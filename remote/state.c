// SPDX-License-Identifier: GPL-2.0
/* The desired state file (see state.h). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "state.h"

/* Write all of buf to fd. 0 or -1 (errno). */
static int write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* fsync the directory path is in, so that a rename in it is durable. */
static int sync_dir(const char *path)
{
	char dir[PATH_MAX];
	int fd, ret;

	snprintf(dir, sizeof(dir), "%s", path);
	fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int state_save(const char *path, const json_t *doc, char *msg, size_t size)
{
	char tmp[PATH_MAX];
	char *text;
	int fd, ret;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(msg, size, "%s: path too long", path);
		return -1;
	}
	text = json_dumps(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (!text) {
		snprintf(msg, size, "out of memory");
		return -1;
	}
	/* A FILE.tmp left by a kill -9 is replaced, never written through. */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		snprintf(msg, size, "%s: %s", tmp, strerror(errno));
		free(text);
		return -1;
	}
	ret = write_all(fd, text, strlen(text));
	if (!ret)
		ret = write_all(fd, "\n", 1);
	if (!ret)
		ret = fsync(fd);
	free(text);
	if (close(fd) && !ret)
		ret = -1;
	if (!ret)
		ret = rename(tmp, path);
	if (ret) {
		snprintf(msg, size, "writing %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (sync_dir(path)) {
		snprintf(msg, size, "%s: syncing its directory: %s", path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Keep a file that is not valid under another name, for people to read:
 * FILE.bad-TIME, or FILE.bad-TIME.N when that is taken (never replaced).
 */
static void keep_bad(const char *path, char *msg, size_t size)
{
	long long t = (long long)time(NULL);
	char bad[PATH_MAX + 48];
	size_t n = strlen(msg);
	int i;

	for (i = 0; i < 100; i++) {
		if (i)
			snprintf(bad, sizeof(bad), "%s.bad-%lld.%d", path, t, i);
		else
			snprintf(bad, sizeof(bad), "%s.bad-%lld", path, t);
		if (!renameat2(AT_FDCWD, path, AT_FDCWD, bad, RENAME_NOREPLACE)) {
			snprintf(msg + n, size - n, " (kept as %s)", bad);
			return;
		}
		if (errno != EEXIST)
			return;
	}
}

int state_load(const char *path, struct cfg *out, char *msg, size_t size)
{
	struct stat st;
	char why[256];
	json_error_t jerr;
	json_t *root;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st)) {
		if (errno == ENOENT)
			return 0;
		snprintf(msg, size, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {	/* not ours to move aside */
		snprintf(msg, size, "%s: not a regular file", path);
		return -1;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		if (jerr.line < 0 && errno != 0 && access(path, R_OK)) {
			snprintf(msg, size, "%s: %s", path, strerror(errno));
			return -1;
		}
		snprintf(msg, size, "%s:%d:%d: %s", path, jerr.line,
			 jerr.column, jerr.text);
		keep_bad(path, msg, size);
		return -1;
	}
	if (!cfg_from_json(root, out, why, sizeof(why))) {
		snprintf(msg, size, "%s: %s", path, why);
		json_decref(root);
		keep_bad(path, msg, size);
		return -1;
	}
	json_decref(root);
	return 1;
}
