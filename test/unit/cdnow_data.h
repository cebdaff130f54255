/*
 * cdnow_data.h — locate and read the shared CDNOW summaries for the unit
 * tests of the lifetime models.  The data live outside the repository
 * ($CF_CDNOW_DIR, else <repo>/../shared/data/cdnow seen from the repository
 * root, where `make unittest` runs); callers skip with a message if absent.
 */
#ifndef CF_CDNOW_DATA_H
#define CF_CDNOW_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgnbd.h"
#include "model_state.h"

/* The Makefile passes the source tree, so an out-of-tree (VPATH) build finds the data too. */
#ifndef CF_SOURCE_DIR
#define CF_SOURCE_DIR "."
#endif

/* Open <dir>/<name> for reading, or NULL; path gets the name tried. */
static FILE *
cdnow_open(const char *name, char *path, size_t pathlen)
{
	const char *dir = getenv("CF_CDNOW_DIR");

	if (dir == NULL || *dir == '\0')
		dir = CF_SOURCE_DIR "/../shared/data/cdnow";
	snprintf(path, pathlen, "%s/%s", dir, name);
	return fopen(path, "r");
}

/*
 * The BG/NBD summaries (x, t_x, T) of cdnow_customers_summary.csv
 * (ID,frequency,recency,T) into e[0..cap), compacted; 0 with a message when
 * the file is absent.  *read gets the customers read before compaction
 * (2,357 for CDNOW).  For the unit tests of BG/NBD and MBG/NBD.
 */
static inline size_t
cdnow_read_summary(cf_bgnbd_entry *e, size_t cap, size_t *read)
{
	char		path[512],
				line[256];
	FILE	   *f = cdnow_open("cdnow_customers_summary.csv", path, sizeof(path));
	size_t		n = 0,
				m;
	cf_error	err;

	*read = 0;
	if (f == NULL)
	{
		printf("skipping CDNOW fit: %s not found (set CF_CDNOW_DIR)\n", path);
		return 0;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		abort();
	while (fgets(line, sizeof(line), f) && n < cap)
	{
		int			id,
					x;
		double		tx,
					T;

		if (sscanf(line, "%d,%d,%lf,%lf", &id, &x, &tx, &T) == 4)
			if (cf_bgnbd_make_entry(x, tx, T, &e[n], &err) == CF_OK)
				n++;
	}
	fclose(f);
	*read = n;
	cf_model_state_compact(&cf_bgnbd_layout, e, n, &m, &err);
	return m;
}

#endif
