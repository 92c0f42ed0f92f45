/* fuzz/config.c — libFuzzer harness for config_load(): any bytes as
 * config.ini over the built-in defaults, then config_free().
 *
 * Invariants: the result is EXIT_OK or EXIT_CONFIG; a loaded configuration
 * keeps the documented ranges (keep_runs ≥ 1, jobs ≥ 1, at most
 * CONFIG_MAX_CONTACTS contacts with every field set, non-NULL directory and
 * file-name strings). Problems are printed to stderr by config_load; `make
 * fuzz` runs every target with -close_fd_mask=2 so they do not flood the log
 * (libFuzzer keeps its own copy of stderr for crash reports). */
#include "fuzz_common.h"

#include "config.h"
#include "config_ini.h"
#include "exitcodes.h"

FUZZ_ENTRY(config)
{
    char path[32];
    int fd = fuzz_memfile(data, size, path);
    if (fd < 0)
        return 0;
    config cfg;
    config_defaults(&cfg);
    int rc = config_load(&cfg, path);
    FUZZ_CHECK(rc == EXIT_OK || rc == EXIT_CONFIG);
    if (rc == EXIT_OK) {
        FUZZ_CHECK(cfg.keep_runs >= 1);
        FUZZ_CHECK(cfg.jobs >= 1);
        FUZZ_CHECK(cfg.max_diagnostics >= 0);
        FUZZ_CHECK(cfg.sheet_max_rows >= 1);
        FUZZ_CHECK(cfg.ncontacts >= 0 && cfg.ncontacts <= CONFIG_MAX_CONTACTS);
        for (int i = 0; i < cfg.ncontacts; i++)
            FUZZ_CHECK(cfg.contacts[i].role && cfg.contacts[i].title && cfg.contacts[i].name &&
                       cfg.contacts[i].phone);
        FUZZ_CHECK(cfg.input_dir && cfg.projects_file && cfg.firms_file && cfg.allocations_file);
        FUZZ_CHECK(cfg.output_dir && cfg.workbook_name && cfg.release_prefix);
        FUZZ_CHECK(unit_divisor(cfg.unit) >= 1);
    }
    config_free(&cfg);
    close(fd);
    return 0;
}
