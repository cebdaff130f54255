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

#endif
