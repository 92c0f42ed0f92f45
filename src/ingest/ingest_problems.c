/* ingest_problems.c — a file's problems, from where they are found to the
 * diag_list.
 *
 * A problem is recorded with a position that costs nothing to record —
 * (record, field), see csv_reader.h — and resolved to line:col in one
 * re-scan of the file when it is done (flush_problems); only then do the
 * problems go to the diag_list, in the order they were found. The list's
 * limit is honoured while collecting, so a million bad rows cost no memory.
 *
 * Repeated problems of one kind (the same message template) in one column
 * are grouped, so that a file with a thousand identical mistakes gets a few
 * lines, not a thousand: problem_at shows the first GROUP_SHOW and folds the
 * rest into one line with their count and first lines; problem_grouped (an
 * accepted form worth a note, such as an Excel serial date) is one line from
 * the first occurrence on. Folded problems still count as problems. */
#include <stdarg.h>
#include <stdlib.h>

#include "ingest_private.h"

/* Appends a pending entry (msg may be NULL: a bare location). */
static size_t pend_push(filectx *fc, diag_severity sev, csv_loc loc, char *msg, int grp)
{
    if (fc->npend == fc->cap) {
        size_t cap = fc->cap;
        xgrow((void **)&fc->locs, &cap, fc->npend + 1, sizeof *fc->locs);
        xgrow((void **)&fc->pm, &fc->cap, fc->npend + 1, sizeof *fc->pm);
    }
    fc->locs[fc->npend] = loc;
    fc->pm[fc->npend] = (pend){.sev = sev, .msg = msg, .group = grp};
    if (msg || grp >= 0)
        fc->nshown++;
    return fc->npend++;
}

static group *find_group(filectx *fc, const char *fmt, csv_loc loc, diag_severity sev,
                         bool from_first)
{
    if (loc.kind != CSV_LOC_FIELD)
        return NULL;
    for (int i = 0; i < fc->ngroups; i++) {
        group *g = &fc->groups[i];
        if (g->fmt == fmt && g->field == loc.field && g->sev == sev)
            return g;
    }
    if (fc->ngroups == GROUP_MAX)
        return NULL;
    group *g = &fc->groups[fc->ngroups++];
    memset(g, 0, sizeof *g);
    g->fmt = fmt;
    g->field = loc.field;
    g->sev = sev;
    g->from_first = from_first;
    return g;
}

static void problem_add(filectx *fc, diag_severity sev, csv_loc loc, bool from_first,
                        const char *fmt, va_list ap) PRINTF_LIKE(5, 0) __attribute__((cold));
static void problem_add(filectx *fc, diag_severity sev, csv_loc loc, bool from_first,
                        const char *fmt, va_list ap)
{
    diag_list *d = fc->in->d;
    if (sev == DIAG_ERROR)
        fc->row_errors++;
    group *g = find_group(fc, fmt, loc, sev, from_first);
    if (g && ++g->seen > (g->from_first ? 1u : GROUP_SHOW)) {
        /* Folded into the group's one line; still counted as a problem. */
        if (!g->has_head) {
            g->has_head = true;
            g->column = xstrdup(header_name(fc, g->field));
            g->head = pend_push(fc, sev, loc, NULL, (int)(g - fc->groups));
        } else if (g->nat < GROUP_LINES) {
            g->at[g->nat++] = pend_push(fc, sev, loc, NULL, -1);
        }
        g->folded++;
        return;
    }
    if (d->limit && d->n + fc->nshown >= d->limit) {
        d->count[sev]++;
        d->dropped++;
        return;
    }
    strbuf b = {0};
    sb_vaddf(&b, fmt, ap);
    size_t i = pend_push(fc, sev, loc, sb_take(&b), -1);
    if (g && g->from_first) {
        g->has_head = true;
        g->head = i;
        g->folded = 1;
        fc->pm[i].group = (int)(g - fc->groups);
    }
}

void problem_at(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem_add(fc, sev, loc, false, fmt, ap);
    va_end(ap);
}

/* One line for all occurrences in the column (their count and first lines). */
void problem_grouped(filectx *fc, diag_severity sev, csv_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    problem_add(fc, sev, loc, true, fmt, ap);
    va_end(ap);
}

/* "lines 4, 9, 12 and 3 more" for a group's folded occurrences. */
static void group_lines(filectx *fc, const group *g, bool with_head, strbuf *b)
{
    uint64_t listed = 0;
    sb_adds(b, g->folded == 1 ? "line " : "lines ");
    if (with_head) {
        sb_addf(b, "%u", fc->locs[g->head].line);
        listed++;
    }
    for (uint32_t k = 0; k < g->nat && listed < GROUP_LINES; k++, listed++)
        sb_addf(b, "%s%u", listed ? ", " : "", fc->locs[g->at[k]].line);
    char n[GROUPED_MAX];
    if (g->folded > listed)
        sb_addf(b, " and %s more", fmt_grouped(n, (int64_t)(g->folded - listed)));
}

/* Drops everything pending (after an error that makes them moot). */
void drop_problems(filectx *fc)
{
    for (size_t i = 0; i < fc->npend; i++)
        free(fc->pm[i].msg);
    for (int i = 0; i < fc->ngroups; i++)
        free((char *)fc->groups[i].column);
    free(fc->locs);
    free(fc->pm);
    fc->locs = NULL;
    fc->pm = NULL;
    fc->npend = fc->cap = fc->nshown = 0;
    fc->ngroups = 0;
}

/* Resolves the pending problems of the file and hands them to the list. */
void flush_problems(filectx *fc, text_encoding enc)
{
    if (!fc->npend)
        return;
    csv_locate(fc->path, enc, fc->locs, fc->npend);
    diag_list *d = fc->in->d;
    for (size_t i = 0; i < fc->npend; i++) {
        pend *pm = &fc->pm[i];
        const group *g = pm->group >= 0 ? &fc->groups[pm->group] : NULL;
        if (!pm->msg && !g)
            continue; /* a location named in a summary */
        strbuf b = {0};
        char n[GROUPED_MAX];
        if (pm->msg)
            sb_adds(&b, pm->msg);
        if (g && g->from_first && g->folded > 1) {
            sb_addf(&b, "; %s times in this column, on ", fmt_grouped(n, (int64_t)g->folded));
            group_lines(fc, g, true, &b);
        } else if (g && !g->from_first) {
            sb_addf(&b, "%s: %s more like the %d above, on ", g->column,
                    fmt_grouped(n, (int64_t)g->folded), GROUP_SHOW);
            group_lines(fc, g, true, &b);
        }
        size_t before = d->n;
        diag_add(d, pm->sev, fc->path, fc->locs[i].line, fc->locs[i].col, "%s", sb_str(&b));
        /* The folded occurrences are problems too: counted, not printed (and
         * not shown at all when the summary itself is past the limit). */
        if (g && g->folded > 1) {
            d->count[pm->sev] += g->folded - 1;
            if (d->n == before)
                d->dropped += g->folded - 1;
        }
        sb_free(&b);
    }
    drop_problems(fc);
}

/* A value for a message: at most 40 characters, cut at a character boundary. */
const char *shown(ingest *in, const char *s, size_t n)
{
    sb_reset(&in->tmp);
    size_t chars = 0, i = 0;
    while (i < n && chars < 40) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    sb_addn(&in->tmp, s, i);
    if (i < n)
        sb_adds(&in->tmp, "…");
    return sb_str(&in->tmp);
}
