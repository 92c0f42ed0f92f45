/* exitcodes.h — the program's exit codes, one X-macro list so that the enum,
 * --help, the man page text and the tests cannot drift apart. */
#ifndef SMR_EXITCODES_H
#define SMR_EXITCODES_H

#define SMR_EXIT_CODES(X)                                                                 \
    X(EXIT_OK, 0, "success: the figures or documents were produced")                       \
    X(EXIT_DATA, 1, "the input data has errors; they were listed and nothing was written") \
    X(EXIT_USAGE, 2, "command-line usage error")                                           \
    X(EXIT_CONFIG, 3, "the configuration file is missing or has a bad value")              \
    X(EXIT_INPUT, 4, "an input file is missing, unreadable or in an unsupported encoding")  \
    X(EXIT_OUTPUT, 5, "output could not be written; previous outputs were left unchanged") \
    X(EXIT_TEMPLATE, 6, "a template or font is missing or invalid")                        \
    X(EXIT_LOCKED, 7, "another run holds the lock on the output directory")                \
    X(EXIT_INTERNAL, 70, "internal error (out of memory, a bug)")

typedef enum {
#define SMR_X(name, code, text) name = code,
    SMR_EXIT_CODES(SMR_X)
#undef SMR_X
} smr_exit;

/* Short description of an exit code; "unknown" for codes not in the list. */
const char *exit_code_text(int code);

#endif
