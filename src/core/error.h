/*
 * error.h — the return codes of the core.
 *
 * A core function that can fail returns one of these (CF_OK on success); when
 * the caller needs words for the failure it passes a message buffer that the
 * function fills.  The glue turns a code (and the message) into ereport.
 *
 * Pure C: no PostgreSQL headers.
 */
#ifndef CF_ERROR_H
#define CF_ERROR_H

#define CF_OK			0
#define CF_ENOMEM		1		/* allocator or malloc failed */
#define CF_ERANGE		2		/* a count or value out of range */
#define CF_EZONE		3		/* profiles of time zones that are not the same (zone.h) */
#define CF_EINVAL		4		/* bad argument */

#endif							/* CF_ERROR_H */
