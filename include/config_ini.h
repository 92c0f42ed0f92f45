/* config_ini.h — filling a config (config.h): the built-in defaults, then
 * config.ini (read with iniparser by config_ini.c, the only module that
 * includes it), then command-line overrides through config_set().
 *
 * Values are typed and validated here; a bad value is reported as
 * `config.ini:[section] key: message` and makes config_load() fail. The
 * [output] switches are the renderers' names (render.h). */
#ifndef SMR_CONFIG_INI_H
#define SMR_CONFIG_INI_H

#include "config.h"

/* Fills in the built-in defaults (the same values as the shipped config.ini). */
void config_defaults(config *cfg);
/* Reads path over the defaults. Returns EXIT_OK, or EXIT_CONFIG after printing
 * every problem found to stderr. */
int config_load(config *cfg, const char *path);
/* The run's output file names (workbook, releases, figures.json, manifest.json)
 * must be plain names inside the run directory, no longer than NAME_MAX, and
 * distinct. Returns EXIT_OK, or EXIT_CONFIG after printing each problem as
 * `config.ini:[output] key: error: …`. Called once the command line is applied. */
int config_check_names(const config *cfg);
/* Replaces a string setting, freeing the old value. */
void config_set(char **slot, const char *text);
void config_free(config *cfg); /* NULL-safe */

#endif
