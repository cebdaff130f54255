/*
 * complaint.h — the complaint signal: mergeable counts of orders and complaints
 *
 * Pure C: no PostgreSQL headers.  The first field of every stored struct is
 * room for PostgreSQL's varlena length word; the core never touches it.
 */
#ifndef CF_COMPLAINT_H
#define CF_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fixsum.h"
#include "error.h"

#define CF_COMPLAINT_FORMAT_VERSION 1
#define CF_COMPLAINT_TEXT_VERSION 2	/* "v2;key=value;...": the 1.0 text was "v1 key=value ..." */
#define CF_COMPLAINT_DEFAULT_MIN_ORDERS 500

typedef struct cf_complaint_counts
{
	int32_t		vl_len_;
	int16_t		version;
	int16_t		reserved;
	int64_t		orders;
	int64_t		complaints;
} cf_complaint_counts;

void		cf_complaint_init(cf_complaint_counts *s);
bool		cf_complaint_merge(cf_complaint_counts *dst, const cf_complaint_counts *src);
size_t		cf_complaint_format(const cf_complaint_counts *s, char *buf, size_t buflen);
int			cf_complaint_parse(const char *text, cf_complaint_counts *out, cf_error *err);
int			cf_complaint_check(const cf_complaint_counts *s, cf_error *err);

#endif
