/** The largest file a user may attach; the same default cap as incoming mail (G9). */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** At most this many files on one message. */
export const MAX_FILES_PER_MESSAGE = 20;
