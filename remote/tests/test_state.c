// SPDX-License-Identifier: GPL-2.0
/*
 * state.c: the desired state file, replaced atomically (FILE.tmp, fsync,
 * rename), and a file that is not valid kept aside as FILE.bad-TIME.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "harness.h"
#include "state.h"

/* A temporary directory and the state file's path in it. */
struct tmp {
	char dir[64];
	char path[128];
	char tmp[160];		/* path.tmp */
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "/tmp/test_state.XXXXXX");
	if (!mkdtemp(t->dir)) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s/teamctld.json", t->dir);
	snprintf(t->tmp, sizeof(t->tmp), "%s.tmp", t->path);
	*state = t;
	return 0;
}

/* Empty dir (files, and directories one level down), then remove it. */
static void remove_tree(const char *dir)
{
	char p[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (unlink(p) && errno == EISDIR)
			remove_tree(p);
	}
	closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct tmp *t = *state;

	remove_tree(t->dir);
	free(t);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	size_t n = strlen(text);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* The whole of a file (free it), or NULL if it cannot be read. */
static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (!f)
		return NULL;
	buf = calloc(1, 65536);
	assert_non_null(buf);
	n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static bool exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

/* The entries of dir whose names start with prefix; the last in *last. */
static int count_entries(const char *dir, const char *prefix, char *last,
			 size_t size)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		if (last)
			snprintf(last, size, "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* A configuration document in the form cfg_to_json writes (decref it). */
static json_t *sample_doc(const char *text)
{
	json_t *in = json_loads(text, 0, NULL), *out;
	char msg[256];
	struct cfg c;

	assert_non_null(in);
	if (!cfg_from_json(in, &c, msg, sizeof(msg)))
		fail_msg("sample: %s", msg);
	out = cfg_to_json(&c);
	assert_non_null(out);
	cfg_free(&c);
	json_decref(in);
	return out;
}

static const char doc_a[] =
	"{\"teams\":[{\"name\":\"team0\",\"mode\":\"lacp\",\"lb\":\"address-hash\","
	"\"hash\":[\"ip\",\"ports\"],\"probe_interval_ms\":100,"
	"\"probe_targets\":[\"192.0.2.1\",\"2001:db8::1\"],\"updelay_ms\":200,"
	"\"members\":[{\"name\":\"eth0\",\"weight\":1000},"
	"{\"name\":\"eth1\",\"role\":\"standby\",\"admin\":\"down\"}]},"
	"{\"name\":\"team1\"}]}";
static const char doc_b[] =
	"{\"teams\":[{\"name\":\"team9\",\"members\":[{\"name\":\"eth7\"}]}]}";

static void save(const char *path, const json_t *doc)
{
	char msg[256] = "";

	if (state_save(path, doc, msg, sizeof(msg)))
		fail_msg("state_save %s: %s", path, msg);
	assert_string_equal(msg, "");
}

/* state_load(path) must read a configuration equal to doc. */
static void assert_loads(const char *path, const json_t *doc)
{
	char msg[256] = "";
	struct cfg c;
	json_t *j;

	assert_int_equal(state_load(path, &c, msg, sizeof(msg)), 1);
	assert_string_equal(msg, "");
	j = cfg_to_json(&c);
	assert_non_null(j);
	if (!json_equal(j, doc)) {
		char *s = json_dumps(j, JSON_COMPACT);

		fail_msg("%s read back as %s", path, s);
	}
	json_decref(j);
	cfg_free(&c);
}

/*
 * state_load(path) must fail: -1, a message that starts with path and
 * says where the file went, path gone, and exactly one path.bad-* whose
 * content is text.
 */
static void assert_kept_bad(struct tmp *t, const char *text, const char *want)
{
	char msg[512] = "", bad[512], *content;
	struct cfg c;

	memset(&c, 0x5a, sizeof(c));
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), -1);
	assert_null(c.teams);
	assert_int_equal(c.n_teams, 0);
	if (strncmp(msg, t->path, strlen(t->path)) || !strstr(msg, want))
		fail_msg("message '%s' does not start with '%s' or lacks '%s'",
			 msg, t->path, want);
	assert_false(exists(t->path));
	assert_int_equal(count_entries(t->dir, "teamctld.json.bad-", bad,
				       sizeof(bad)), 1);
	if (!strstr(msg, bad))
		fail_msg("message '%s' does not name %s", msg, bad);
	content = read_file(bad);
	assert_non_null(content);
	assert_string_equal(content, text);
	free(content);
	/* Then there is no state: the next load starts empty. */
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), 0);
}

/* ---- saving ---- */

static void round_trip(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a), *b = sample_doc(doc_b);
	json_t *empty = sample_doc("{\"teams\":[]}");
	char *text;

	save(t->path, a);
	assert_loads(t->path, a);
	/* The file is the document itself, readable by people. */
	text = read_file(t->path);
	assert_non_null(text);
	assert_int_equal(text[strlen(text) - 1], '\n');
	free(text);
	/* A save replaces the whole file. */
	save(t->path, b);
	assert_loads(t->path, b);
	save(t->path, empty);
	assert_loads(t->path, empty);
	save(t->path, a);
	assert_loads(t->path, a);
	json_decref(a);
	json_decref(b);
	json_decref(empty);
}

static void relative_path(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a);

	assert_int_equal(chdir(t->dir), 0);
	save("teamctld.json", a);
	assert_loads("teamctld.json", a);
	assert_loads(t->path, a);
	json_decref(a);
}

static void file_mode(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a);
	struct stat st;

	/* Whatever the umask lets through. */
	umask(0);
	save(t->path, a);
	assert_int_equal(stat(t->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	/* An older file of another mode is replaced, mode and all. */
	assert_int_equal(chmod(t->path, 0644), 0);
	save(t->path, a);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	json_decref(a);
}

static void no_tmp_left(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a);

	save(t->path, a);
	save(t->path, a);
	assert_false(exists(t->tmp));
	/* The directory holds the state file and nothing else. */
	assert_int_equal(count_entries(t->dir, "", NULL, 0), 1);
	assert_true(exists(t->path));
	json_decref(a);
}

static void save_into_missing_dir(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a);
	char path[256], sub[192], msg[256] = "";

	snprintf(sub, sizeof(sub), "%s/nodir", t->dir);
	snprintf(path, sizeof(path), "%s/teamctld.json", sub);
	assert_int_equal(state_save(path, a, msg, sizeof(msg)), -1);
	if (!strstr(msg, path) || !strstr(msg, strerror(ENOENT)))
		fail_msg("message '%s' does not name %s and why", msg, path);
	/* Nothing made: no directory, no file, no tmp. */
	assert_false(exists(sub));
	assert_int_equal(count_entries(t->dir, "", NULL, 0), 0);
	json_decref(a);
}

static void save_fails_keeps_old(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a), *b = sample_doc(doc_b);
	char path[256], msg[256] = "";

	/* The path is a directory: the rename fails; the tmp goes. */
	snprintf(path, sizeof(path), "%s/isdir", t->dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(state_save(path, a, msg, sizeof(msg)), -1);
	if (!strstr(msg, path))
		fail_msg("message '%s' does not name %s", msg, path);
	assert_int_equal(count_entries(t->dir, "isdir.", NULL, 0), 0);
	assert_int_equal(count_entries(path, "", NULL, 0), 0);

	/* A failed save leaves the old state whole. */
	save(t->path, a);
	assert_int_equal(chmod(t->dir, 0500), 0);
	if (!access(t->dir, W_OK)) {
		/* Root writes anyway: nothing to show here. */
		assert_int_equal(chmod(t->dir, 0700), 0);
	} else {
		assert_int_equal(state_save(t->path, b, msg, sizeof(msg)), -1);
		assert_int_equal(chmod(t->dir, 0700), 0);
		assert_loads(t->path, a);
	}
	json_decref(a);
	json_decref(b);
}

/* ---- loading ---- */

static void load_missing(void **state)
{
	struct tmp *t = *state;
	char msg[256] = "";
	struct cfg c;

	memset(&c, 0x5a, sizeof(c));
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), 0);
	assert_null(c.teams);
	assert_int_equal(c.n_teams, 0);
	assert_string_equal(msg, "");
	assert_int_equal(count_entries(t->dir, "", NULL, 0), 0);
}

static void load_truncated(void **state)
{
	struct tmp *t = *state;
	char want[256];
	static const char text[] = "{\"teams\":[{\"name\":\"team0\",\"mem";

	write_file(t->path, text, 0600);
	snprintf(want, sizeof(want), "%s:1:", t->path);
	assert_kept_bad(t, text, want);
}

static void load_truncated_save(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a);
	char *text, *cut, want[256];

	/* The first half of a file state_save wrote. */
	save(t->path, a);
	text = read_file(t->path);
	assert_non_null(text);
	cut = text + strlen(text) / 2;
	*cut = '\0';
	write_file(t->path, text, 0600);
	json_decref(a);
	snprintf(want, sizeof(want), "%s:", t->path);
	assert_kept_bad(t, text, want);
	free(text);
}

static void load_empty(void **state)
{
	struct tmp *t = *state;

	write_file(t->path, "", 0600);
	assert_kept_bad(t, "", "near end of file");
}

static void load_not_config(void **state)
{
	struct tmp *t = *state;
	static const struct {
		const char *text;
		const char *want;
	} c[] = {
		{ "{\"teams\":{}}\n", "teams: must be an array" },
		{ "{\"version\":1}\n", "unknown key 'version'" },
		{ "{}", "'teams' is missing" },
		{ "[]", "must be a JSON object" },
		{ "{\"teams\":[{\"name\":\"eth0/x\"}]}",
		  "teams[0].name: 'eth0/x' is not a valid interface name" },
		{ "{\"teams\":[{\"name\":\"t\"},{\"name\":\"t\"}]}",
		  "team 't' is listed twice" },
	};
	char bad[512];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		write_file(t->path, c[i].text, 0600);
		assert_kept_bad(t, c[i].text, c[i].want);
		/* Out of the way for the next one. */
		assert_int_equal(count_entries(t->dir, "teamctld.json.bad-", bad,
					       sizeof(bad)), 1);
		assert_int_equal(unlink(bad), 0);
	}
}

/*
 * state.h: a file that is not valid "is renamed to path.bad-TIME and kept,
 * never overwritten". Two bad files in the same second (the daemon
 * restarted by systemd, lbfo.ko reloaded) must both be kept.
 */
static void bad_files_never_overwritten(void **state)
{
	struct tmp *t = *state;
	static const char one[] = "{\"teams\":[{\"name\":\"first\"";
	static const char two[] = "{\"teams\":{\"second\":1}}";
	char msg[512], bad[512], *content;
	bool seen_one = false, seen_two = false;
	struct dirent *e;
	struct cfg c;
	time_t start;
	DIR *d;

	/* At the start of a second, so that both loads fall within it. */
	start = time(NULL);
	while (time(NULL) == start)
		usleep(1000);
	write_file(t->path, one, 0600);
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), -1);
	write_file(t->path, two, 0600);
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), -1);
	d = opendir(t->dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "teamctld.json.bad-", 18))
			continue;
		snprintf(bad, sizeof(bad), "%s/%s", t->dir, e->d_name);
		content = read_file(bad);
		assert_non_null(content);
		seen_one |= !strcmp(content, one);
		seen_two |= !strcmp(content, two);
		free(content);
	}
	closedir(d);
	assert_true(seen_two);
	if (!seen_one)
		fail_msg("the first bad file was overwritten by the second");
}

/* ---- a save killed half way ---- */

static void stale_tmp(void **state)
{
	struct tmp *t = *state;
	json_t *a = sample_doc(doc_a), *b = sample_doc(doc_b);
	static const char half[] = "{\n  \"teams\": [\n    {\n      \"name\": \"te";
	char msg[256] = "", *content;
	struct cfg c;

	/* A tmp alone (killed during the first save): no state yet. */
	write_file(t->tmp, half, 0600);
	assert_int_equal(state_load(t->path, &c, msg, sizeof(msg)), 0);
	assert_string_equal(msg, "");
	assert_true(exists(t->tmp));

	/* A tmp next to a good file: the good file is the state. */
	save(t->path, a);
	write_file(t->tmp, half, 0600);
	assert_loads(t->path, a);
	assert_int_equal(count_entries(t->dir, "teamctld.json.bad-", NULL, 0), 0);
	content = read_file(t->tmp);	/* left alone by the load */
	assert_non_null(content);
	assert_string_equal(content, half);
	free(content);

	/* The next save writes over it, and leaves none. */
	save(t->path, b);
	assert_false(exists(t->tmp));
	assert_loads(t->path, b);
	assert_int_equal(count_entries(t->dir, "", NULL, 0), 1);

	/* A tmp longer than the new state: nothing of it is left over. */
	write_file(t->tmp, doc_a, 0600);
	save(t->path, b);
	assert_loads(t->path, b);
	json_decref(a);
	json_decref(b);
}

/*
 * A stale FILE.tmp that is not state_save's own (another mode): the save
 * opens it with O_CREAT|O_TRUNC, which keeps its mode, so the state file
 * ends up 0644 rather than 0600.
 */
static void stale_tmp_other_mode(void **state)
{
	struct tmp *t = *state;
	json_t *b = sample_doc(doc_b);
	struct stat st;

	umask(022);
	write_file(t->tmp, "junk", 0644);
	assert_int_equal(chmod(t->tmp, 0644), 0);
	save(t->path, b);
	assert_loads(t->path, b);
	json_decref(b);
	assert_int_equal(stat(t->path, &st), 0);
	if ((st.st_mode & 07777) != 0600)
		fail_msg("the state file is %04o, not 0600", st.st_mode & 07777);
}

/*
 * A stale FILE.tmp that is a symlink: the save writes through it (the
 * target is truncated and overwritten) and renames the link over FILE, so
 * the state file becomes a symlink. It should replace the tmp, not follow
 * it.
 */
static void stale_tmp_symlink(void **state)
{
	struct tmp *t = *state;
	json_t *b = sample_doc(doc_b);
	char victim[256], *content;
	struct stat st;

	snprintf(victim, sizeof(victim), "%s/victim", t->dir);
	write_file(victim, "not yours\n", 0644);
	assert_int_equal(symlink(victim, t->tmp), 0);
	save(t->path, b);
	assert_loads(t->path, b);
	json_decref(b);
	content = read_file(victim);
	assert_non_null(content);
	if (strcmp(content, "not yours\n")) {
		free(content);
		fail_msg("the save wrote through the stale tmp symlink into %s",
			 victim);
	}
	free(content);
	assert_int_equal(lstat(t->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

static const struct CMUnitTest tests[] = {
	T(round_trip),
	T(relative_path),
	T(file_mode),
	T(no_tmp_left),
	T(save_into_missing_dir),
	T(save_fails_keeps_old),
	T(load_missing),
	T(load_truncated),
	T(load_truncated_save),
	T(load_empty),
	T(load_not_config),
	T(bad_files_never_overwritten),
	T(stale_tmp),
	T(stale_tmp_other_mode),
	T(stale_tmp_symlink),
};

HARNESS_MAIN("state", tests)
