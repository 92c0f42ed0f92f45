/* version.h — the program's version, printed by --version and recorded in
 * every manifest.json. */
#ifndef SMR_VERSION_H
#define SMR_VERSION_H
#define SMR_VERSION "0.1.0"
#endif
