/*
 * recv_roundtrip.c — a deterministic, SQL-driven fuzzer of the binary input of
 * every state type of the extension (test/scripts/recv_roundtrip.sh builds and
 * runs it).
 *
 * The property: a value that the receive function accepts prints with the
 * output function, reads back with the input function, and sends the same
 * bytes as the received value (send(in(out(recv(b)))) = send(recv(b))); and a
 * value it refuses is refused with SQLSTATE class 22 (or 08P01, PostgreSQL's
 * own code for a binary message of the wrong length), never anything else.
 *
 * The seeds are the samples of test/type_samples.txt, sent by the server
 * (binary result format).  Each seed is mutated byte by byte (every position
 * of its first bytes gets a few replacement values) and then at random (bit
 * flips, interesting 2/4/8-byte integers and doubles, insertions, deletions,
 * truncation, repeats) from a fixed seed, so two runs try the same values.
 * Every candidate is one round trip:
 *     SELECT $1::text, $1, ($1::text)::<type>
 * with $1 bound in binary as the type (the receive function), results in
 * binary (the send function).
 *
 * usage: recv_roundtrip <type_samples.txt> <random mutations per seed> <seed> [type]
 * (connection from the PG* environment).  Prints one line per type and
 * "recv_roundtrip: N passed, M failed" (one check per type).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libpq-fe.h"

#define MAX_TYPES	32
#define MAX_SEEDS	64
#define BYTEWISE	64			/* positions mutated one by one */

typedef struct Bytes
{
	unsigned char *data;
	int			len;
} Bytes;

typedef struct TypeRun
{
	char		name[64];
	unsigned int oid;
	Bytes		seeds[MAX_SEEDS];
	int			nseeds;
	long		tried,
				accepted,
				canonical,
				refused,
				failures;
} TypeRun;

static PGconn *conn;
static int	check_utf8;		/* the database encoding is UTF8 */
static uint64_t rng_state;

/* xorshift64*: deterministic and good enough to pick mutations. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static int
rng_below(int n)
{
	return n <= 0 ? 0 : (int) (rng() % (uint64_t) n);
}

static void
die(const char *what)
{
	fprintf(stderr, "recv_roundtrip: %s: %s\n", what, PQerrorMessage(conn));
	printf("recv_roundtrip: 0 passed, 1 failed\n");
	exit(1);
}

static void
connect_db(void)
{
	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
		die("cannot connect");
}

/* The extension's base types that have a receive function. */
static int
load_types(TypeRun *types)
{
	PGresult   *r = PQexec(conn,
						   "SELECT t.oid, t.typname FROM pg_type t "
						   "JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e' "
						   "JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'customer_focus' "
						   "WHERE t.typtype = 'b' AND t.typreceive <> 0 ORDER BY t.typname");
	int			n,
				i;

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		die("listing the types");
	n = PQntuples(r);
	if (n > MAX_TYPES)
		n = MAX_TYPES;
	for (i = 0; i < n; i++)
	{
		memset(&types[i], 0, sizeof(TypeRun));
		types[i].oid = (unsigned int) strtoul(PQgetvalue(r, i, 0), NULL, 10);
		snprintf(types[i].name, sizeof(types[i].name), "%s", PQgetvalue(r, i, 1));
	}
	PQclear(r);
	return n;
}

/* The binary form of every sample of the listed types. */
static void
load_seeds(const char *path, TypeRun *types, int ntypes)
{
	FILE	   *f = fopen(path, "r");
	char		line[65536];

	if (!f)
	{
		perror(path);
		printf("recv_roundtrip: 0 passed, 1 failed\n");
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *p = line,
				   *name,
				   *expr,
				   *sql;
		int			i;
		PGresult   *r;

		line[strcspn(line, "\n")] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		name = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
		expr = p;
		for (i = 0; i < ntypes && strcmp(types[i].name, name) != 0; i++)
			;
		if (i == ntypes || types[i].nseeds == MAX_SEEDS)
			continue;
		sql = malloc(strlen(expr) + 64);
		sprintf(sql, "SELECT (%s)::%s", expr, name);
		r = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, 1);
		free(sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
		{
			fprintf(stderr, "sample of %s failed: %s", name, PQresultErrorMessage(r));
			types[i].failures++;
		}
		else if (!PQgetisnull(r, 0, 0))
		{
			Bytes	   *b = &types[i].seeds[types[i].nseeds++];

			b->len = PQgetlength(r, 0, 0);
			b->data = malloc(b->len + 1);
			memcpy(b->data, PQgetvalue(r, 0, 0), b->len);
		}
		PQclear(r);
	}
	fclose(f);
}

static void
hexdump(FILE *out, const unsigned char *d, int len)
{
	int			i;

	fprintf(out, "\\x");
	for (i = 0; i < len && i < 256; i++)
		fprintf(out, "%02x", d[i]);
	if (len > 256)
		fprintf(out, "... (%d bytes)", len);
	fprintf(out, "\n");
}

static void
report(TypeRun *t, const unsigned char *d, int len, const char *why, PGresult *r)
{
	t->failures++;
	if (t->failures > 5)
		return;
	fprintf(stdout, "FAILED: %s: %s%s%s\n    input ", t->name, why,
			r ? ": " : "", r ? PQresultErrorMessage(r) : "");
	hexdump(stdout, d, len);
}

/* True when s[0..len) is well-formed UTF-8 (no overlong forms, no surrogates). */
static int
valid_utf8(const char *str, int len)
{
	const unsigned char *s = (const unsigned char *) str;
	int			i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		int			n,
					k;
		uint32_t	cp;

		if (c == 0)
			return 0;
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		if (i + n >= len)
			return 0;
		for (k = 1; k <= n; k++)
		{
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
			(n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += n + 1;
	}
	return 1;
}

static int
accepted_class(const char *state)
{
	return state && (strncmp(state, "22", 2) == 0 || strcmp(state, "08P01") == 0);
}

/* One candidate through receive, output, input and send; true when received. */
static int
try_bytes(TypeRun *t, const unsigned char *d, int len)
{
	char		sql[256];
	const char *values[1] = {(const char *) d};
	int			lengths[1] = {len};
	int			formats[1] = {1};
	Oid			oids[1] = {t->oid};
	PGresult   *r;

	t->tried++;
	snprintf(sql, sizeof(sql), "SELECT $1::text, $1, ($1::text)::%s", t->name);
	r = PQexecParams(conn, sql, 1, oids, values, lengths, formats, 1);
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
	{
		int			l1 = PQgetlength(r, 0, 1),
					l2 = PQgetlength(r, 0, 2);

		t->accepted++;
		if (l1 != l2 || memcmp(PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), l1) != 0)
		{
			report(t, d, len, "send(in(out(recv(b)))) differs from send(recv(b))", NULL);
			if (t->failures <= 5)
			{
				printf("    out(recv(b)):         %.300s\n", PQgetvalue(r, 0, 0));
				PQclear(r);
				snprintf(sql, sizeof(sql), "SELECT (($1::text)::%s)::text", t->name);
				r = PQexecParams(conn, sql, 1, oids, values, lengths, formats, 0);
				if (PQresultStatus(r) == PGRES_TUPLES_OK)
					printf("    out(in(out(recv(b)))): %.300s\n", PQgetvalue(r, 0, 0));
			}
		}
		else if (check_utf8 && !valid_utf8(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0)))
			report(t, d, len, "its text form is not valid UTF-8 (it would not restore)", NULL);
		else if (l1 == len && memcmp(PQgetvalue(r, 0, 1), d, len) == 0)
			t->canonical++;
		PQclear(r);
		return 1;
	}
	if (PQstatus(conn) != CONNECTION_OK)
	{
		report(t, d, len, "the connection was lost", r);
		PQclear(r);
		PQfinish(conn);
		connect_db();
		return 0;
	}
	if (!accepted_class(PQresultErrorField(r, PG_DIAG_SQLSTATE)))
	{
		report(t, d, len, "refused outside class 22", r);
		PQclear(r);
		return 0;
	}
	PQclear(r);
	/* refused: by the receive function, or (a failure) by out/in afterwards? */
	r = PQexecParams(conn, "SELECT 1 WHERE $1 IS NOT NULL", 1, oids, values, lengths, formats, 1);
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
	{
		PQclear(r);
		snprintf(sql, sizeof(sql), "SELECT ($1::text)::%s", t->name);
		r = PQexecParams(conn, sql, 1, oids, values, lengths, formats, 1);
		report(t, d, len, "received, but its text form is refused", r);
	}
	else
		t->refused++;
	PQclear(r);
	return 0;
}

static const unsigned char byte_values[] = {0x00, 0x01, 0x7f, 0x80, 0xff};

/* Byte by byte: every one of the first positions gets a few other values. */
static void
bytewise(TypeRun *t, const Bytes *s)
{
	unsigned char *buf = malloc(s->len + 1);
	int			i,
				k;

	for (i = 0; i < s->len && i < BYTEWISE; i++)
	{
		unsigned char repl[7];
		int			nrepl = 0;

		for (k = 0; k < (int) sizeof(byte_values); k++)
			repl[nrepl++] = byte_values[k];
		repl[nrepl++] = (unsigned char) (s->data[i] + 1);
		repl[nrepl++] = (unsigned char) (s->data[i] - 1);
		for (k = 0; k < nrepl; k++)
		{
			if (repl[k] == s->data[i])
				continue;
			memcpy(buf, s->data, s->len);
			buf[i] = repl[k];
			try_bytes(t, buf, s->len);
		}
	}
	free(buf);
}

/* Big-endian interesting values for 2, 4 and 8 byte fields. */
static const uint64_t interesting64[] = {
	0, 1, 2, UINT64_C(0x7fffffffffffffff), UINT64_C(0x8000000000000000),
	UINT64_C(0xffffffffffffffff), UINT64_C(0x4000000000000000),
	UINT64_C(0x8000000000000000) /* -0.0 */ , UINT64_C(0x01a56e1fc2f8f359) /* 1e-300 */ ,
	UINT64_C(0x7ff0000000000000) /* +inf */ , UINT64_C(0x7ff8000000000000) /* NaN */ ,
	UINT64_C(0x0000000000000001) /* denormal */ , UINT64_C(0x3ff0000000000000) /* 1.0 */ ,
	UINT64_C(0x7fefffffffffffff) /* DBL_MAX */ , UINT64_C(0xbff0000000000000) /* -1.0 */ ,
	UINT64_C(0x00000000ffffffff), UINT64_C(0x0000000080000000),
};

static void
put_be(unsigned char *p, uint64_t v, int width)
{
	int			i;

	for (i = width - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char) v;
}

/* One random mutation of s into buf (room for s->len + 64); returns its length. */
static int
mutate(const Bytes *s, const Bytes *other, unsigned char *buf)
{
	int			len = s->len;
	int			pos,
				n,
				w;

	memcpy(buf, s->data, len);
	switch (rng_below(9))
	{
		case 0:					/* flip a bit */
			if (len)
				buf[rng_below(len)] ^= (unsigned char) (1u << rng_below(8));
			break;
		case 1:					/* a random byte */
			if (len)
				buf[rng_below(len)] = (unsigned char) rng();
			break;
		case 2:					/* an interesting 8-byte value */
		case 3:
			w = 8;
			if (len >= w)
			{
				pos = rng_below(len - w + 1);
				put_be(buf + pos, interesting64[rng_below(sizeof(interesting64) / sizeof(interesting64[0]))], w);
			}
			break;
		case 4:					/* an interesting 2- or 4-byte integer */
			w = rng_below(2) ? 4 : 2;
			if (len >= w)
			{
				static const uint32_t small[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
				0x7fffffff, 0x80000000, 0xffffffff, 100, 1000, 20000};

				pos = rng_below(len - w + 1);
				put_be(buf + pos, small[rng_below(sizeof(small) / sizeof(small[0]))], w);
			}
			break;
		case 5:					/* truncate */
			len = rng_below(len + 1);
			break;
		case 6:					/* insert 1..8 random bytes */
			n = 1 + rng_below(8);
			pos = rng_below(len + 1);
			memmove(buf + pos + n, buf + pos, len - pos);
			for (w = 0; w < n; w++)
				buf[pos + w] = (unsigned char) rng();
			len += n;
			break;
		case 7:					/* delete 1..8 bytes */
			if (len)
			{
				pos = rng_below(len);
				n = 1 + rng_below(8);
				if (n > len - pos)
					n = len - pos;
				memmove(buf + pos, buf + pos + n, len - pos - n);
				len -= n;
			}
			break;
		case 8:					/* splice: the tail of another sample of the type */
			if (other->len && len)
			{
				int			from = rng_below(other->len);

				pos = rng_below(len);
				n = other->len - from;
				if (n > 64)
					n = 64;
				if (pos + n > len)
					n = len - pos;
				memcpy(buf + pos, other->data + from, n);
			}
			break;
	}
	return len;
}

int
main(int argc, char **argv)
{
	TypeRun    *types = calloc(MAX_TYPES, sizeof(TypeRun));
	int			ntypes,
				i,
				j,
				k,
				per_seed,
				passed = 0,
				failed = 0;

	if (argc != 4 && argc != 5)
	{
		fprintf(stderr, "usage: %s <type_samples.txt> <mutations per seed> <seed>\n", argv[0]);
		return 2;
	}
	per_seed = atoi(argv[2]);
	rng_state = strtoull(argv[3], NULL, 10) | 1;
	connect_db();
	check_utf8 = strcmp(PQparameterStatus(conn, "server_encoding"), "UTF8") == 0;
	ntypes = load_types(types);
	load_seeds(argv[1], types, ntypes);

	for (i = 0; i < ntypes; i++)
	{
		TypeRun    *t = &types[i];

		if (argc == 5 && strcmp(argv[4], t->name) != 0)
			continue;
		if (t->nseeds == 0)
		{
			printf("FAILED: %s: no non-NULL sample in the samples file\n", t->name);
			t->failures++;
		}
		for (j = 0; j < t->nseeds; j++)
		{
			const Bytes *s = &t->seeds[j];
			unsigned char *buf = malloc(s->len + 64);

			if (!try_bytes(t, s->data, s->len))	/* the sample itself */
				report(t, s->data, s->len, "a sample of test/type_samples.txt is refused", NULL);
			bytewise(t, s);
			for (k = 0; k < per_seed; k++)
			{
				int			len = mutate(s, &t->seeds[rng_below(t->nseeds)], buf);

				try_bytes(t, buf, len);
			}
			free(buf);
		}
		printf("%s: %d samples, %ld values tried: %ld accepted (%ld sent back byte for byte), %ld refused, %ld failures\n",
			   t->name, t->nseeds, t->tried, t->accepted, t->canonical, t->refused, t->failures);
		if (t->failures)
			failed++;
		else
			passed++;
	}
	PQfinish(conn);
	printf("recv_roundtrip: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
