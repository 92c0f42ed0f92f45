/* template.h — the release template language (docs/templates.md).
 *
 *   {{ path.to.value | filter | filter:"arg" }}    substitution with formatters
 *   {% for x in list %} … {% endfor %}            loops (loop.index, loop.first, loop.last)
 *   {% if expr %} … {% elif expr %} … {% else %} … {% endif %}
 *   {# comment #}
 * A line holding only a {% … %} or {# … #} tag produces no output line.
 * Errors (syntax at load, unknown names or filters at render) are reported as
 * `file:line:col: error: …` pointing into the template. */
#ifndef SMR_TEMPLATE_H
#define SMR_TEMPLATE_H

#include <stdbool.h>
#include "config.h"
#include "diag.h"
#include "strbuf.h"
#include "value.h"

typedef struct template template;

/* {% for %} and {% if %} nest at most this deep; deeper is a parse error
 * (the parser recurses per level). */
#define TPL_MAX_DEPTH 100
/* Per rendered document, unless tpl_set_limits() says otherwise ([limits]
 * template_iterations and template_output): loop iterations in all, and bytes.
 * The overview's table of projects loops 시·도 × projects (1.7 M iterations
 * at 100,000 projects), so the default is 10 M: still well under a second
 * of rendering before a runaway template stops. */
#define TPL_DEFAULT_MAX_ITERATIONS 10000000ULL
#define TPL_DEFAULT_MAX_OUTPUT ((size_t)64 << 20)

/* Parses text (UTF-8) named `name` (used in diagnostics; must outlive the
 * template). Returns NULL after adding errors to d. */
template *tpl_parse(const char *name, const char *text, size_t len, diag_list *d);
/* Reads and parses a file; a missing file is reported in d. */
template *tpl_load(const char *path, diag_list *d);
/* Renders with `root` as the top-level scope; formatters that depend on the
 * display unit read it from unit. Returns false after adding errors to d. */
bool tpl_render(const template *t, const value *root, display_unit unit, strbuf *out, diag_list *d);
/* A render that would run more loop iterations or write more bytes stops with
 * an error at the loop or the node where the limit was passed. */
void tpl_set_limits(template *t, uint64_t max_iterations, size_t max_output);
void tpl_free(template *t); /* NULL-safe */

#endif
