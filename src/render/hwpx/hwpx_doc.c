/* hwpx_doc.c — a release document (rdoc) written as an HWPX package.
 *
 * The package is what 한글 itself saves (compared part by part with the
 * reference files in docs/hwpx.md): `mimetype` (stored, first), version.xml,
 * Contents/header.xml, Contents/section0.xml, Preview/PrvText.txt,
 * settings.xml, META-INF/container.rdf, Contents/content.hpf,
 * META-INF/container.xml and META-INF/manifest.xml, in that order. No font is
 * embedded: faces are named (휴먼명조 body, HY헤드라인M headings, 함초롬돋움
 * tables, each with the 함초롬 face every 한글 has as substitute).
 *
 * header.xml is fixed: the lists below (fonts, borderFills, charPr, paraPr,
 * styles) are every property a release uses, one entry per role, so a PR
 * officer finds named styles (□ 문단, ○ 문단 …) when editing. section0.xml is
 * written from the blocks in order: real paragraphs with hanging indents for
 * □ ○ - ※ ■, tables as hp:tbl (header row repeated on every page, 합계 rows
 * bold and shaded, numbers right-aligned), the 보도자료 header box and the
 * contact table as tables, the chart as a table of its data, 붙임 on a new
 * page, and the page number as a control ("- n -" at the bottom centre).
 * Geometry follows the PDF (render/pdf/pdf_layout.c): A4, 56 pt left and
 * right, 50 pt top, 64 pt bottom; 1 pt = 100 HWPUNIT.
 *
 * Line layout (hp:linesegarray) is not written: 한글 lays paragraphs out when
 * it opens a file, and a cached layout computed without its fonts would be
 * wrong. Text is escaped for XML; control characters are dropped. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "date.h"
#include "diag.h"
#include "exitcodes.h"
#include "hwpx_doc.h"
#include "hwpx_zip.h"
#include "korean.h"
#include "utf8.h"
#include "version.h"

/* ---------------------------------------------------------------- geometry */

#define PAGE_W 59528 /* A4 in HWPUNIT (1/7200 in) */
#define PAGE_H 84186
#define MARGIN_LR 5600 /* the PDF's 56 pt */
#define MARGIN_TOP 2000
#define MARGIN_HEADER 3000 /* top + header = the PDF's 50 pt */
#define MARGIN_BOTTOM 3400
#define MARGIN_FOOTER 3000 /* bottom + footer = the PDF's 64 pt */
#define TEXT_W (PAGE_W - 2 * MARGIN_LR)
#define TBL_OUT 283                  /* a table's outer margin */
#define TBL_W (TEXT_W - 2 * TBL_OUT) /* a full-width table */
#define ROW_H 1700                   /* a one-line row of 10 pt text; 한글 grows taller rows */

/* ---------------------------------------------------------------- header lists */

enum { F_BATANG, F_DOTUM, F_MYEONGJO, F_HEADLINE, F_COUNT };

static const struct {
    const char *face, *type, *subst; /* subst: the 함초롬 face used when face is missing */
    const char *family;
} fonts[F_COUNT] = {
    [F_BATANG] = {"함초롬바탕", "TTF", NULL, "FCAT_GOTHIC"},
    [F_DOTUM] = {"함초롬돋움", "TTF", NULL, "FCAT_GOTHIC"},
    [F_MYEONGJO] = {"휴먼명조", "HFT", "함초롬바탕", "FCAT_MYUNGJO"},
    [F_HEADLINE] = {"HY헤드라인M", "TTF", "함초롬돋움", "FCAT_GOTHIC"},
};

/* borderFill ids start at 1 (the page border refers to 1). */
enum {
    BF_NONE = 1, /* no line, no fill: page border, invisible cells */
    BF_CHAR,     /* what every charPr refers to */
    BF_CELL,     /* 0.12 mm lines */
    BF_HEAD,     /* 0.12 mm lines, grey fill: header rows, contact labels */
    BF_TOTAL,    /* 0.12 mm lines, light fill: 합계 rows */
    BF_PRESS,    /* 0.5 mm frame: the 보도자료 cell */
    BF_BOX,      /* 0.25 mm frame: @box */
    BF_COUNT
};

static const struct {
    const char *line, *width, *fill;
} borders[BF_COUNT] = {
    [BF_NONE] = {"NONE", "0.1 mm", NULL},   [BF_CHAR] = {"NONE", "0.1 mm", "none"},
    [BF_CELL] = {"SOLID", "0.12 mm", NULL}, [BF_HEAD] = {"SOLID", "0.12 mm", "#E0E0E0"},
    [BF_TOTAL] = {"SOLID", "0.12 mm", "#F2F2F2"}, [BF_PRESS] = {"SOLID", "0.5 mm", NULL},
    [BF_BOX] = {"SOLID", "0.25 mm", NULL},
};

enum {
    CP_BODY,     /* 휴먼명조 13 pt: plain and ○ paragraphs */
    CP_L1,       /* HY헤드라인M 13.5 pt: □ */
    CP_L3,       /* 휴먼명조 12.5 pt: - and ■ */
    CP_NOTE,     /* 함초롬돋움 10.5 pt: ※ */
    CP_TITLE,    /* HY헤드라인M 20 pt */
    CP_SUBTITLE, /* 함초롬돋움 13 pt */
    CP_CELL,     /* 함초롬돋움 10 pt */
    CP_CELL_B,   /* 함초롬돋움 10 pt bold: header row, 합계 row, contact labels */
    CP_PRESS,    /* 함초롬돋움 24 pt bold: 보도자료 */
    CP_MINISTRY, /* 함초롬돋움 15 pt bold */
    CP_HEADBOX,  /* 함초롬돋움 10.5 pt: 보도시점 / 배포 values */
    CP_HEADBOX_B,
    CP_SMALL,    /* 함초롬돋움 9.5 pt: @unit */
    CP_BOXTITLE, /* 함초롬돋움 12.5 pt bold: < box title >, chart title */
    CP_ATTACH,   /* 함초롬돋움 15 pt bold: attachment title */
    CP_ATTACH_L, /* 함초롬돋움 12 pt bold: 붙임 n */
    CP_GROUP,    /* 함초롬돋움 12 pt bold: @group */
    CP_SPACE,    /* 7 pt: an empty line (the PDF's 0.6 line) */
    CP_PAGENUM,  /* 함초롬돋움 10 pt: page numbers */
    CP_CAPTION,  /* 함초롬돋움 11 pt bold: < table caption > */
    CP_COUNT
};

static const struct {
    int height, font;
    bool bold;
} charprs[CP_COUNT] = {
    [CP_BODY] = {1300, F_MYEONGJO, false},  [CP_L1] = {1350, F_HEADLINE, false},
    [CP_L3] = {1250, F_MYEONGJO, false},    [CP_NOTE] = {1050, F_DOTUM, false},
    [CP_TITLE] = {2000, F_HEADLINE, false}, [CP_SUBTITLE] = {1300, F_DOTUM, false},
    [CP_CELL] = {1000, F_DOTUM, false},     [CP_CELL_B] = {1000, F_DOTUM, true},
    [CP_PRESS] = {2400, F_DOTUM, true},     [CP_MINISTRY] = {1500, F_DOTUM, true},
    [CP_HEADBOX] = {1050, F_DOTUM, false},  [CP_HEADBOX_B] = {1050, F_DOTUM, true},
    [CP_SMALL] = {950, F_DOTUM, false},     [CP_BOXTITLE] = {1250, F_DOTUM, true},
    [CP_ATTACH] = {1500, F_DOTUM, true},    [CP_ATTACH_L] = {1200, F_DOTUM, true},
    [CP_GROUP] = {1200, F_DOTUM, true},     [CP_SPACE] = {700, F_MYEONGJO, false},
    [CP_PAGENUM] = {1000, F_DOTUM, false},  [CP_CAPTION] = {1100, F_DOTUM, true},
};

enum {
    PP_BODY,     /* justified, 160 % */
    PP_L1,       /* □: hanging under the text, 6 pt before */
    PP_L2,       /* ○: 14 pt in, hanging */
    PP_L3,       /* -: 30 pt in, hanging */
    PP_NOTE,     /* ※: 30 pt in, hanging, 130 % */
    PP_ITEM,     /* ■ inside a box */
    PP_TITLE,    /* centred, 140 % */
    PP_SUBTITLE, /* centred, 150 % */
    PP_CELL_L,   /* table cells, 130 % */
    PP_CELL_R,
    PP_CELL_C,
    PP_RIGHT,    /* @unit notes, the ministry name */
    PP_HEADING,  /* attachment titles, groups, chart titles: keep with next */
    PP_TABLE,    /* the paragraph that anchors a table */
    PP_CAPTION,  /* a table's caption: centred, kept with its table */
    PP_COUNT
};

static const struct {
    const char *align;
    int left, intent, prev, next, spacing;
    bool keep_next;
    bool widow; /* 한글's 외톨이줄 보호 (widowOrphan): as the PDF, no paragraph
                   leaves one line alone at a page's foot or top */
} paraprs[PP_COUNT] = {
    /* Hanging indents: the marker and its space are about 1.5 em of the face at
     * that size in 휴먼명조 (one em for □ ○ ■ ※, half an em for -), so
     * continuation lines start under the text, not the marker. */
    [PP_BODY] = {"JUSTIFY", 0, 0, 0, 0, 160, false, true},
    [PP_L1] = {"JUSTIFY", 0, -2000, 600, 0, 160, false, true},
    [PP_L2] = {"JUSTIFY", 1400, -1950, 200, 0, 160, false, true},
    [PP_L3] = {"JUSTIFY", 3000, -1250, 0, 0, 160, false, true},
    [PP_NOTE] = {"JUSTIFY", 3000, -1600, 0, 0, 130, false, true},
    [PP_ITEM] = {"JUSTIFY", 0, -1900, 100, 0, 160, false, true},
    [PP_TITLE] = {"CENTER", 0, 0, 0, 0, 140, false, false},
    [PP_SUBTITLE] = {"CENTER", 0, 0, 0, 0, 150, false, false},
    [PP_CELL_L] = {"LEFT", 0, 0, 0, 0, 130, false, false},
    [PP_CELL_R] = {"RIGHT", 0, 0, 0, 0, 130, false, false},
    [PP_CELL_C] = {"CENTER", 0, 0, 0, 0, 130, false, false},
    [PP_RIGHT] = {"RIGHT", 0, 0, 0, 0, 130, true, false},
    [PP_HEADING] = {"LEFT", 0, 0, 600, 200, 130, true, false},
    [PP_TABLE] = {"LEFT", 0, 0, 0, 0, 100, false, false},
    [PP_CAPTION] = {"CENTER", 0, 0, 400, 0, 160, true, false},
};

/* Named styles, so an editor's style list shows the release's roles. */
static const struct {
    const char *name, *eng;
    int para, chr;
} styles[] = {
    {"바탕글", "Normal", PP_BODY, CP_BODY},          {"제목", "Release Title", PP_TITLE, CP_TITLE},
    {"부제목", "Release Subtitle", PP_SUBTITLE, CP_SUBTITLE}, {"□ 문단", "Level 1", PP_L1, CP_L1},
    {"○ 문단", "Level 2", PP_L2, CP_BODY},           {"- 문단", "Level 3", PP_L3, CP_L3},
    {"※ 주석", "Note", PP_NOTE, CP_NOTE},            {"■ 항목", "Box Item", PP_ITEM, CP_L3},
    {"표 내용", "Table Text", PP_CELL_L, CP_CELL},    {"붙임 제목", "Attachment Title", PP_HEADING, CP_ATTACH},
};
enum { ST_NORMAL, ST_TITLE, ST_SUBTITLE, ST_L1, ST_L2, ST_L3, ST_NOTE, ST_ITEM, ST_CELL, ST_ATTACH };

static const char NAMESPACES[] =
    " xmlns:ha=\"http://www.hancom.co.kr/hwpml/2011/app\""
    " xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\""
    " xmlns:hp10=\"http://www.hancom.co.kr/hwpml/2016/paragraph\""
    " xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\""
    " xmlns:hc=\"http://www.hancom.co.kr/hwpml/2011/core\""
    " xmlns:hh=\"http://www.hancom.co.kr/hwpml/2011/head\""
    " xmlns:hhs=\"http://www.hancom.co.kr/hwpml/2011/history\""
    " xmlns:hm=\"http://www.hancom.co.kr/hwpml/2011/master-page\""
    " xmlns:hpf=\"http://www.hancom.co.kr/schema/2011/hpf\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
    " xmlns:opf=\"http://www.idpf.org/2007/opf/\""
    " xmlns:ooxmlchart=\"http://www.hancom.co.kr/hwpml/2016/ooxmlchart\""
    " xmlns:hwpunitchar=\"http://www.hancom.co.kr/hwpml/2016/HwpUnitChar\""
    " xmlns:epub=\"http://www.idpf.org/2007/ops\""
    " xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"";

/* Appends a string literal without measuring it at run time. */
#define LIT(b, lit) sb_addn((b), "" lit, sizeof(lit) - 1)

static const char XML_DECL[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?>";

/* ---------------------------------------------------------------- text */

/* Appends s escaped for XML text or an attribute value: & < > " escaped,
 * control characters (which XML 1.0 cannot carry, and tab and newline, which
 * 한글 writes as elements) and U+FFFE/U+FFFF dropped or made spaces. In hp:t
 * (in_t) a no-break space becomes 한글's 묶음 빈칸, <hp:nbSpace/>. */
static void xml_esc(strbuf *b, const char *s, bool in_t)
{
    size_t len = strlen(s), from = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t skip = 1;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"')
            rep = "&quot;";
        else if (c == '\t' || c == '\n' || c == '\r')
            rep = " ";
        else if (c < 0x20 || c == 0x7F)
            rep = "";
        else if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            rep = in_t ? "<hp:nbSpace/>" : " ", skip = 2;
        else if (c == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
                 ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            rep = "", skip = 3;
        if (!rep)
            continue;
        sb_addn(b, s + from, i - from);
        sb_adds(b, rep);
        i += skip - 1;
        from = i + 1;
    }
    sb_addn(b, s + from, len - from);
}

/* Appends v in decimal: the section has a few numbers in every cell, and
 * printf's parsing of the long formats around them was a third of its time. */
static void num(strbuf *b, long v)
{
    char t[24];
    size_t i = sizeof t;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        t[--i] = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        t[--i] = '-';
    sb_addn(b, t + i, sizeof t - i);
}

/* ---------------------------------------------------------------- header.xml */

static void header_fonts(strbuf *b)
{
    static const char *const langs[] = {"HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER"};
    sb_addf(b, "<hh:fontfaces itemCnt=\"%zu\">", ARRAY_LEN(langs));
    for (size_t l = 0; l < ARRAY_LEN(langs); l++) {
        sb_addf(b, "<hh:fontface lang=\"%s\" fontCnt=\"%d\">", langs[l], F_COUNT);
        for (int f = 0; f < F_COUNT; f++) {
            sb_addf(b, "<hh:font id=\"%d\" face=\"%s\" type=\"%s\" isEmbedded=\"0\">", f, fonts[f].face,
                    fonts[f].type);
            if (fonts[f].subst)
                sb_addf(b, "<hh:substFont face=\"%s\" type=\"TTF\" isEmbedded=\"0\" binaryItemIDRef=\"\"/>",
                        fonts[f].subst);
            sb_addf(b,
                    "<hh:typeInfo familyType=\"%s\" weight=\"6\" proportion=\"4\" contrast=\"0\" "
                    "strokeVariation=\"1\" armStyle=\"1\" letterform=\"1\" midline=\"1\" xHeight=\"1\"/>"
                    "</hh:font>",
                    fonts[f].family);
        }
        LIT(b, "</hh:fontface>");
    }
    LIT(b, "</hh:fontfaces>");
}

static void header_borders(strbuf *b)
{
    sb_addf(b, "<hh:borderFills itemCnt=\"%d\">", BF_COUNT - 1);
    for (int i = 1; i < BF_COUNT; i++) {
        sb_addf(b,
                "<hh:borderFill id=\"%d\" threeD=\"0\" shadow=\"0\" centerLine=\"NONE\" "
                "breakCellSeparateLine=\"0\"><hh:slash type=\"NONE\" Crooked=\"0\" isCounter=\"0\"/>"
                "<hh:backSlash type=\"NONE\" Crooked=\"0\" isCounter=\"0\"/>",
                i);
        static const char *const sides[] = {"left", "right", "top", "bottom"};
        for (int s = 0; s < 4; s++)
            sb_addf(b, "<hh:%sBorder type=\"%s\" width=\"%s\" color=\"#000000\"/>", sides[s], borders[i].line,
                    borders[i].width);
        LIT(b, "<hh:diagonal type=\"SOLID\" width=\"0.1 mm\" color=\"#000000\"/>");
        if (borders[i].fill)
            sb_addf(b,
                    "<hc:fillBrush><hc:winBrush faceColor=\"%s\" hatchColor=\"#999999\" alpha=\"0\"/>"
                    "</hc:fillBrush>",
                    borders[i].fill);
        LIT(b, "</hh:borderFill>");
    }
    LIT(b, "</hh:borderFills>");
}

/* The seven script slots of a charPr, all the same value. */
static void all_langs(strbuf *b, const char *elem, int v)
{
    sb_addf(b,
            "<hh:%s hangul=\"%d\" latin=\"%d\" hanja=\"%d\" japanese=\"%d\" other=\"%d\" symbol=\"%d\" "
            "user=\"%d\"/>",
            elem, v, v, v, v, v, v, v);
}

static void header_charprs(strbuf *b)
{
    sb_addf(b, "<hh:charProperties itemCnt=\"%d\">", CP_COUNT);
    for (int i = 0; i < CP_COUNT; i++) {
        sb_addf(b,
                "<hh:charPr id=\"%d\" height=\"%d\" textColor=\"#000000\" shadeColor=\"none\" "
                "useFontSpace=\"0\" useKerning=\"0\" symMark=\"NONE\" borderFillIDRef=\"%d\">",
                i, charprs[i].height, BF_CHAR);
        all_langs(b, "fontRef", charprs[i].font);
        all_langs(b, "ratio", 100);
        all_langs(b, "spacing", 0);
        all_langs(b, "relSz", 100);
        all_langs(b, "offset", 0);
        if (charprs[i].bold)
            LIT(b, "<hh:bold/>");
        LIT(b, "<hh:underline type=\"NONE\" shape=\"SOLID\" color=\"#000000\"/>"
                   "<hh:strikeout shape=\"NONE\" color=\"#000000\"/><hh:outline type=\"NONE\"/>"
                   "<hh:shadow type=\"NONE\" color=\"#C0C0C0\" offsetX=\"10\" offsetY=\"10\"/></hh:charPr>");
    }
    LIT(b, "</hh:charProperties>");
}

static void para_margin(strbuf *b, int i)
{
    sb_addf(b,
            "<hh:margin><hc:intent value=\"%d\" unit=\"HWPUNIT\"/><hc:left value=\"%d\" unit=\"HWPUNIT\"/>"
            "<hc:right value=\"0\" unit=\"HWPUNIT\"/><hc:prev value=\"%d\" unit=\"HWPUNIT\"/>"
            "<hc:next value=\"%d\" unit=\"HWPUNIT\"/></hh:margin>"
            "<hh:lineSpacing type=\"PERCENT\" value=\"%d\" unit=\"HWPUNIT\"/>",
            paraprs[i].intent, paraprs[i].left, paraprs[i].prev, paraprs[i].next, paraprs[i].spacing);
}

static void header_paraprs(strbuf *b)
{
    sb_addf(b, "<hh:paraProperties itemCnt=\"%d\">", PP_COUNT);
    for (int i = 0; i < PP_COUNT; i++) {
        sb_addf(b,
                "<hh:paraPr id=\"%d\" tabPrIDRef=\"0\" condense=\"0\" fontLineHeight=\"0\" snapToGrid=\"1\" "
                "suppressLineNumbers=\"0\" checked=\"0\"><hh:align horizontal=\"%s\" vertical=\"BASELINE\"/>"
                "<hh:heading type=\"NONE\" idRef=\"0\" level=\"0\"/>"
                "<hh:breakSetting breakLatinWord=\"KEEP_WORD\" breakNonLatinWord=\"KEEP_WORD\" "
                "widowOrphan=\"%d\" keepWithNext=\"%d\" keepLines=\"0\" pageBreakBefore=\"0\" lineWrap=\"BREAK\"/>"
                "<hh:autoSpacing eAsianEng=\"0\" eAsianNum=\"0\"/>"
                "<hp:switch><hp:case hp:required-namespace=\"http://www.hancom.co.kr/hwpml/2016/HwpUnitChar\">",
                i, paraprs[i].align, paraprs[i].widow, paraprs[i].keep_next);
        /* Both branches give HWPUNIT values, so readers of either agree. */
        para_margin(b, i);
        LIT(b, "</hp:case><hp:default>");
        para_margin(b, i);
        sb_addf(b,
                "</hp:default></hp:switch><hh:border borderFillIDRef=\"%d\" offsetLeft=\"0\" offsetRight=\"0\" "
                "offsetTop=\"0\" offsetBottom=\"0\" connect=\"0\" ignoreMargin=\"0\"/></hh:paraPr>",
                BF_CHAR);
    }
    LIT(b, "</hh:paraProperties>");
}

static void header_styles(strbuf *b)
{
    sb_addf(b, "<hh:styles itemCnt=\"%zu\">", ARRAY_LEN(styles));
    for (size_t i = 0; i < ARRAY_LEN(styles); i++)
        sb_addf(b,
                "<hh:style id=\"%zu\" type=\"PARA\" name=\"%s\" engName=\"%s\" paraPrIDRef=\"%d\" "
                "charPrIDRef=\"%d\" nextStyleIDRef=\"%zu\" langID=\"1042\" lockForm=\"0\"/>",
                i, styles[i].name, styles[i].eng, styles[i].para, styles[i].chr, i);
    LIT(b, "</hh:styles>");
}

/* The outline numbering the section's outlineShapeIDRef="1" names (as 한글 writes it). */
static void header_numbering(strbuf *b)
{
    static const char *const fmt[10][2] = {
        {"DIGIT", "^1."},         {"HANGUL_SYLLABLE", "^2."}, {"DIGIT", "^3)"},
        {"HANGUL_SYLLABLE", "^4)"}, {"DIGIT", "(^5)"},        {"HANGUL_SYLLABLE", "(^6)"},
        {"CIRCLED_DIGIT", "^7"},  {"CIRCLED_HANGUL_SYLLABLE", "^8"}, {"HANGUL_JAMO", ""},
        {"ROMAN_SMALL", ""},
    };
    LIT(b, "<hh:numberings itemCnt=\"1\"><hh:numbering id=\"1\" start=\"0\">");
    for (int l = 0; l < 10; l++) {
        sb_addf(b,
                "<hh:paraHead start=\"1\" level=\"%d\" align=\"LEFT\" useInstWidth=\"1\" autoIndent=\"1\" "
                "widthAdjust=\"0\" textOffsetType=\"PERCENT\" textOffset=\"50\" numFormat=\"%s\" "
                "charPrIDRef=\"4294967295\" checkable=\"%d\"",
                l + 1, fmt[l][0], l == 6 || l == 7 || l == 9);
        if (fmt[l][1][0])
            sb_addf(b, ">%s</hh:paraHead>", fmt[l][1]);
        else
            LIT(b, "/>");
    }
    LIT(b, "</hh:numbering></hh:numberings>");
}

void hwpx_header_xml(strbuf *b)
{
    sb_adds(b, XML_DECL);
    sb_addf(b, "<hh:head%s version=\"1.5\" secCnt=\"1\">", NAMESPACES);
    LIT(b, "<hh:beginNum page=\"1\" footnote=\"1\" endnote=\"1\" pic=\"1\" tbl=\"1\" equation=\"1\"/>"
               "<hh:refList>");
    header_fonts(b);
    header_borders(b);
    header_charprs(b);
    LIT(b, "<hh:tabProperties itemCnt=\"1\"><hh:tabPr id=\"0\" autoTabLeft=\"0\" autoTabRight=\"0\"/>"
               "</hh:tabProperties>");
    header_numbering(b);
    header_paraprs(b);
    header_styles(b);
    LIT(b, "</hh:refList><hh:compatibleDocument targetProgram=\"HWP201X\"><hh:layoutCompatibility/>"
               "</hh:compatibleDocument><hh:docOption><hh:linkinfo path=\"\" pageInherit=\"0\" "
               "footnoteInherit=\"0\"/></hh:docOption><hh:trackchageConfig flags=\"56\"/></hh:head>");
}

/* ---------------------------------------------------------------- section0.xml */

/* The preview text is short in 한글's files (about 1 KB of the start): cut on
 * a character boundary. */
#define PRV_MAX 2048

#define SECTION_PART "Contents/section0.xml"

typedef struct sec {
    strbuf *b;
    strbuf *prv;         /* Preview/PrvText.txt (its first PRV_MAX bytes) */
    hwpx_zip *z;         /* the package, for a section written out in pieces (spill) */
    bool streaming;      /* the section's member is open in z: b holds what is not written yet */
    unsigned para_id;    /* paragraph ids, unique in the section */
    unsigned tbl_id;     /* table ids and z-order */
    bool page_break;     /* the next top-level paragraph starts a page */
    strbuf bound;        /* scratch: a run's text with its figures bound (kbind_figures) */
} sec;

/* A section up to this size is deflated whole by libdeflate, like every
 * other part; beyond it (the overview at thousands of projects: 50 MB at
 * 10,000) its XML goes into the package in pieces of about this size as it
 * is made, so that memory does not grow with it. */
#define SECTION_WHOLE_MAX ((size_t)4 << 20)

/* Called after each top-level paragraph and table row: once the section
 * outgrows SECTION_WHOLE_MAX, what it holds is written out and dropped. A
 * write error is kept in the package (hwpx_zip_close reports it). */
static void spill(sec *s)
{
    if (!s->z || s->b->len < SECTION_WHOLE_MAX)
        return;
    if (!s->streaming)
        s->streaming = hwpx_zip_stream_open(s->z, SECTION_PART);
    if (s->streaming)
        hwpx_zip_stream_write(s->z, s->b->s, s->b->len);
    sb_reset(s->b);
}

/* The preview keeps only its start (PRV_MAX bytes, cut later on a character
 * boundary): more than that is not collected. */
static bool prv_wants(const sec *s)
{
    return s->prv && s->prv->len <= PRV_MAX;
}

/* Opens a paragraph; top-level ones may carry a pending page break. */
static void p_open(sec *s, int para, int style, bool top)
{
    bool pb = top && s->page_break;
    if (top)
        s->page_break = false;
    LIT(s->b, "<hp:p id=\"");
    num(s->b, s->para_id++);
    LIT(s->b, "\" paraPrIDRef=\"");
    num(s->b, para);
    LIT(s->b, "\" styleIDRef=\"");
    num(s->b, style);
    sb_adds(s->b, pb ? "\" pageBreak=\"1\" columnBreak=\"0\" merged=\"0\">"
                     : "\" pageBreak=\"0\" columnBreak=\"0\" merged=\"0\">");
}

static void run_text(sec *s, int chr, const char *prefix, const char *text)
{
    LIT(s->b, "<hp:run charPrIDRef=\"");
    num(s->b, chr);
    LIT(s->b, "\">");
    if ((prefix && *prefix) || (text && *text)) {
        LIT(s->b, "<hp:t>");
        if (prefix)
            xml_esc(s->b, prefix, true);
        if (text) {
            /* 한글 breaks the lines itself: a figure's spaces are 묶음 빈칸,
             * so that it never splits "약 22억 원" as the PDF never does. */
            sb_reset(&s->bound);
            kbind_figures(&s->bound, text, strlen(text));
            xml_esc(s->b, sb_str(&s->bound), true);
        }
        LIT(s->b, "</hp:t>");
    }
    LIT(s->b, "</hp:run>");
}

/* A whole paragraph of one run; its text goes to the preview too. */
static void para(sec *s, int para, int style, int chr, const char *prefix, const char *text, bool top)
{
    p_open(s, para, style, top);
    run_text(s, chr, prefix, text);
    LIT(s->b, "</hp:p>");
    if (top && prv_wants(s)) {
        sb_adds(s->prv, prefix ? prefix : "");
        sb_adds(s->prv, text ? text : "");
        LIT(s->prv, "\r\n");
    }
    if (top)
        spill(s);
}

/* ---- tables ---- */

typedef struct cell {
    const char *text;
    int para, chr, border;
    int colspan;
} cell;

static void tbl_open(sec *s, size_t rows, size_t cols, int width, bool repeat_head)
{
    unsigned id = s->tbl_id++;
    sb_addf(s->b,
            "<hp:tbl id=\"%u\" zOrder=\"%u\" numberingType=\"TABLE\" textWrap=\"TOP_AND_BOTTOM\" "
            "textFlow=\"BOTH_SIDES\" lock=\"0\" dropcapstyle=\"None\" pageBreak=\"CELL\" repeatHeader=\"%d\" "
            "rowCnt=\"%zu\" colCnt=\"%zu\" cellSpacing=\"0\" borderFillIDRef=\"%d\" noAdjust=\"0\">"
            "<hp:sz width=\"%d\" widthRelTo=\"ABSOLUTE\" height=\"%zu\" heightRelTo=\"ABSOLUTE\" protect=\"0\"/>"
            "<hp:pos treatAsChar=\"0\" affectLSpacing=\"0\" flowWithText=\"1\" allowOverlap=\"0\" "
            "holdAnchorAndSO=\"0\" vertRelTo=\"PARA\" horzRelTo=\"COLUMN\" vertAlign=\"TOP\" horzAlign=\"LEFT\" "
            "vertOffset=\"0\" horzOffset=\"0\"/><hp:outMargin left=\"%d\" right=\"%d\" top=\"%d\" bottom=\"%d\"/>"
            "<hp:inMargin left=\"510\" right=\"510\" top=\"141\" bottom=\"141\"/>",
            1000000000u + id, id, repeat_head, rows, cols, BF_CELL, width, rows * ROW_H, TBL_OUT, TBL_OUT,
            TBL_OUT, TBL_OUT);
}

/* One row of cells; widths[c] per column, a cell spanning colspan columns. */
static void tbl_row(sec *s, size_t r, const cell *cells, size_t n, const int *widths, bool header)
{
    LIT(s->b, "<hp:tr>");
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        int span = cells[i].colspan > 0 ? cells[i].colspan : 1, w = 0;
        for (int k = 0; k < span; k++)
            w += widths[col + (size_t)k];
        sb_adds(s->b, header ? "<hp:tc name=\"\" header=\"1\"" : "<hp:tc name=\"\" header=\"0\"");
        LIT(s->b, " hasMargin=\"0\" protect=\"0\" editable=\"0\" dirty=\"0\" borderFillIDRef=\"");
        num(s->b, cells[i].border);
        LIT(s->b, "\"><hp:subList id=\"\" textDirection=\"HORIZONTAL\" lineWrap=\"BREAK\" "
                      "vertAlign=\"CENTER\" linkListIDRef=\"0\" linkListNextIDRef=\"0\" textWidth=\"0\" "
                      "textHeight=\"0\" hasTextRef=\"0\" hasNumRef=\"0\">");
        para(s, cells[i].para, ST_CELL, cells[i].chr, NULL, cells[i].text, false);
        LIT(s->b, "</hp:subList><hp:cellAddr colAddr=\"");
        num(s->b, (long)col);
        LIT(s->b, "\" rowAddr=\"");
        num(s->b, (long)r);
        LIT(s->b, "\"/><hp:cellSpan colSpan=\"");
        num(s->b, span);
        LIT(s->b, "\" rowSpan=\"1\"/><hp:cellSz width=\"");
        num(s->b, w);
        LIT(s->b, "\" height=\"");
        num(s->b, ROW_H);
        LIT(s->b, "\"/><hp:cellMargin left=\"510\" right=\"510\" top=\"141\" bottom=\"141\"/></hp:tc>");
        col += (size_t)span;
    }
    LIT(s->b, "</hp:tr>");
    if (prv_wants(s)) {
        for (size_t i = 0; i < n; i++) {
            sb_addc(s->prv, '<');
            sb_adds(s->prv, cells[i].text);
            sb_addc(s->prv, '>');
        }
        LIT(s->prv, "\r\n");
    }
    spill(s);
}

/* Opens the paragraph that anchors a table (tables sit in a run, as 한글 writes them). */
static void anchor_open(sec *s)
{
    p_open(s, PP_TABLE, ST_NORMAL, true);
    sb_addf(s->b, "<hp:run charPrIDRef=\"%d\">", CP_CELL);
}

static void anchor_close(sec *s)
{
    LIT(s->b, "<hp:t/></hp:run></hp:p>");
}

/* Column widths in proportion to each column's widest text (display width,
 * Hangul counted double), at least 4 columns' worth, summing to total. */
static void col_widths(const rdoc_table *t, int total, int *w)
{
    long sum = 0;
    long *nat = xcalloc(t->ncols, sizeof *nat);
    for (size_t c = 0; c < t->ncols; c++) {
        int m = t->head ? utf8_width(t->head[c], strlen(t->head[c])) : 0;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *x = t->cells[r * t->ncols + c];
            int cw = utf8_width(x, strlen(x));
            if (cw > m)
                m = cw;
        }
        nat[c] = (m < 4 ? 4 : m > 60 ? 60 : m) + 2;
        sum += nat[c];
    }
    int used = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        w[c] = c + 1 == t->ncols ? total - used : (int)(total * nat[c] / sum);
        used += w[c];
    }
    free(nat);
}

static void data_table(sec *s, const rdoc_table *t)
{
    if (t->ncols == 0)
        return;
    int *w = xcalloc(t->ncols, sizeof *w);
    cell *row = xcalloc(t->ncols, sizeof *row);
    col_widths(t, TBL_W, w);
    anchor_open(s);
    tbl_open(s, t->nrows + (t->head ? 1 : 0), t->ncols, TBL_W, t->head != NULL);
    size_t r = 0;
    if (t->head) {
        for (size_t c = 0; c < t->ncols; c++)
            row[c] = (cell){t->head[c], PP_CELL_C, CP_CELL_B, BF_HEAD, 1};
        tbl_row(s, r++, row, t->ncols, w, true);
    }
    for (size_t i = 0; i < t->nrows; i++, r++) {
        bool tot = t->total_row && t->total_row[i];
        /* A short row's last cell spans the remaining columns, as in the PDF. */
        size_t n = t->rowlen && t->rowlen[i] >= 1 && t->rowlen[i] <= t->ncols ? t->rowlen[i] : t->ncols;
        for (size_t c = 0; c < n; c++)
            row[c] = (cell){t->cells[i * t->ncols + c],
                            t->numeric_col && t->numeric_col[c] ? PP_CELL_R : PP_CELL_L,
                            tot ? CP_CELL_B : CP_CELL, tot ? BF_TOTAL : BF_CELL,
                            c + 1 == n ? (int)(t->ncols - n + 1) : 1};
        tbl_row(s, r, row, n, w, false);
    }
    LIT(s->b, "</hp:tbl>");
    anchor_close(s);
    free(row);
    free(w);
}

/* The chart as a table of its data: label | the shown amount, right-aligned;
 * a highlighted row (a fourth cell: the reporting period among the quarters)
 * shaded. A drawn picture would need a renderer of its own and
 * could not be edited (docs/hwpx.md). */
static void chart(sec *s, const rdoc_block *bk)
{
    if (bk->text && *bk->text)
        para(s, PP_HEADING, ST_NORMAL, CP_BOXTITLE, NULL, bk->text, true);
    if (bk->unit)
        para(s, PP_RIGHT, ST_NORMAL, CP_SMALL, NULL, bk->unit, true);
    const rdoc_table *t = &bk->table;
    if (t->nrows == 0)
        return;
    int w[2] = {TBL_W * 3 / 5, TBL_W - TBL_W * 3 / 5};
    anchor_open(s);
    tbl_open(s, t->nrows, 2, TBL_W, false);
    for (size_t i = 0; i < t->nrows; i++) {
        const char *label = t->ncols > 0 ? t->cells[i * t->ncols] : "";
        const char *shown = t->ncols > 2 ? t->cells[i * t->ncols + 2] : t->ncols > 1 ? t->cells[i * t->ncols + 1] : "";
        int bf = t->highlight && t->highlight[i] ? BF_TOTAL : BF_CELL;
        cell row[2] = {{label, PP_CELL_L, CP_CELL, bf, 1}, {shown, PP_CELL_R, CP_CELL, bf, 1}};
        tbl_row(s, i, row, 2, w, false);
    }
    LIT(s->b, "</hp:tbl>");
    anchor_close(s);
}

static void contacts(sec *s, const rdoc_table *t)
{
    if (t->nrows == 0 || t->ncols == 0)
        return;
    size_t nc = t->ncols < 2 ? 2 : t->ncols;
    int *w = xcalloc(nc, sizeof *w);
    w[0] = 9000;
    for (size_t c = 1; c < nc; c++)
        w[c] = c + 1 == nc ? TBL_W - 9000 - (int)(nc - 2) * ((TBL_W - 9000) / (int)(nc - 1))
                           : (TBL_W - 9000) / (int)(nc - 1);
    cell *row = xcalloc(nc, sizeof *row);
    anchor_open(s);
    tbl_open(s, t->nrows, nc, TBL_W, false);
    for (size_t i = 0; i < t->nrows; i++) {
        for (size_t c = 0; c < nc; c++) {
            const char *x = c < t->ncols ? t->cells[i * t->ncols + c] : "";
            row[c] = c == 0 ? (cell){x, PP_CELL_C, CP_CELL_B, BF_HEAD, 1} : (cell){x, PP_CELL_L, CP_CELL, BF_CELL, 1};
        }
        tbl_row(s, i, row, nc, w, false);
    }
    LIT(s->b, "</hp:tbl>");
    anchor_close(s);
    free(row);
    free(w);
}

/* ---- blocks ---- */

static void para_block(sec *s, const rdoc_block *bk, bool top)
{
    static const struct {
        int para, style, chr;
    } roles[] = {
        [RDOC_P_PLAIN] = {PP_BODY, ST_NORMAL, CP_BODY}, [RDOC_P_L1] = {PP_L1, ST_L1, CP_L1},
        [RDOC_P_L2] = {PP_L2, ST_L2, CP_BODY},          [RDOC_P_L3] = {PP_L3, ST_L3, CP_L3},
        [RDOC_P_NOTE] = {PP_NOTE, ST_NOTE, CP_NOTE},    [RDOC_P_ITEM] = {PP_ITEM, ST_ITEM, CP_L3},
    };
    size_t k = (size_t)bk->style < ARRAY_LEN(roles) ? (size_t)bk->style : RDOC_P_PLAIN;
    char prefix[16] = "";
    if (bk->style != RDOC_P_PLAIN && bk->marker && strlen(bk->marker) < sizeof prefix - 1)
        snprintf(prefix, sizeof prefix, "%s ", bk->marker);
    para(s, roles[k].para, roles[k].style, roles[k].chr, prefix, bk->text, top);
}

/* @box: a one-cell framed table holding "< TITLE >" and its lines. */
static void box(sec *s, const rdoc_block *bk)
{
    anchor_open(s);
    tbl_open(s, 1, 1, TBL_W, false);
    sb_addf(s->b,
            "<hp:tr><hp:tc name=\"\" header=\"0\" hasMargin=\"0\" protect=\"0\" editable=\"0\" dirty=\"0\" "
            "borderFillIDRef=\"%d\"><hp:subList id=\"\" textDirection=\"HORIZONTAL\" lineWrap=\"BREAK\" "
            "vertAlign=\"TOP\" linkListIDRef=\"0\" linkListNextIDRef=\"0\" textWidth=\"0\" textHeight=\"0\" "
            "hasTextRef=\"0\" hasNumRef=\"0\">",
            BF_BOX);
    strbuf title = {0};
    if (bk->text && *bk->text) {
        sb_addf(&title, "< %s >", bk->text);
        para(s, PP_CELL_C, ST_NORMAL, CP_BOXTITLE, NULL, sb_str(&title), false);
    }
    size_t rows = 0;
    for (size_t i = 0; i < bk->nchild; i++) {
        const rdoc_block *c = &bk->child[i];
        if (c->kind == RDOC_PARA)
            para_block(s, c, false), rows++;
        else if (c->kind == RDOC_SPACE)
            para(s, PP_BODY, ST_NORMAL, CP_SPACE, NULL, NULL, false);
    }
    sb_addf(s->b,
            "</hp:subList><hp:cellAddr colAddr=\"0\" rowAddr=\"0\"/><hp:cellSpan colSpan=\"1\" rowSpan=\"1\"/>"
            "<hp:cellSz width=\"%d\" height=\"%zu\"/><hp:cellMargin left=\"1000\" right=\"1000\" top=\"800\" "
            "bottom=\"800\"/></hp:tc></hp:tr></hp:tbl>",
            TBL_W, (rows + 1) * 2100 + 1600);
    anchor_close(s);
    if (s->prv) {
        sb_addf(s->prv, "<%s>\r\n", sb_str(&title));
        for (size_t i = 0; i < bk->nchild; i++)
            if (bk->child[i].kind == RDOC_PARA)
                sb_addf(s->prv, "%s %s\r\n", bk->child[i].marker ? bk->child[i].marker : "",
                        bk->child[i].text);
    }
    sb_free(&title);
}

/* 붙임: a new page; the boxed label and the title side by side. */
static void attachment(sec *s, const rdoc_block *bk)
{
    s->page_break = true;
    if (!bk->label || !*bk->label) {
        para(s, PP_HEADING, ST_ATTACH, CP_ATTACH, NULL, bk->text, true);
        return;
    }
    int w[2] = {7000, TBL_W - 7000};
    anchor_open(s);
    tbl_open(s, 1, 2, TBL_W, false);
    cell row[2] = {{bk->label, PP_CELL_C, CP_ATTACH_L, BF_CELL, 1}, {bk->text, PP_CELL_L, CP_ATTACH, BF_NONE, 1}};
    tbl_row(s, 0, row, 2, w, false);
    LIT(s->b, "</hp:tbl>");
    anchor_close(s);
}

/* The first paragraph: section properties, the page-number control and the
 * 보도자료 header box (two rows: 보도자료 | ministry; 보도시점 | … | 배포 | …). */
static void first_para(sec *s, const rdoc *doc, const hwpx_info *info)
{
    p_open(s, PP_TABLE, ST_NORMAL, true);
    sb_addf(s->b,
            "<hp:run charPrIDRef=\"%d\"><hp:secPr id=\"\" textDirection=\"HORIZONTAL\" spaceColumns=\"1134\" "
            "tabStop=\"8000\" tabStopVal=\"4000\" tabStopUnit=\"HWPUNIT\" outlineShapeIDRef=\"1\" "
            "memoShapeIDRef=\"0\" textVerticalWidthHead=\"0\" masterPageCnt=\"0\">"
            "<hp:grid lineGrid=\"0\" charGrid=\"0\" wonggojiFormat=\"0\"/>"
            "<hp:startNum pageStartsOn=\"BOTH\" page=\"0\" pic=\"0\" tbl=\"0\" equation=\"0\"/>"
            "<hp:visibility hideFirstHeader=\"0\" hideFirstFooter=\"0\" hideFirstMasterPage=\"0\" "
            "border=\"SHOW_ALL\" fill=\"SHOW_ALL\" hideFirstPageNum=\"0\" hideFirstEmptyLine=\"0\" "
            "showLineNumber=\"0\"/><hp:lineNumberShape restartType=\"0\" countBy=\"0\" distance=\"0\" "
            "startNumber=\"0\"/><hp:pagePr landscape=\"WIDELY\" width=\"%d\" height=\"%d\" "
            "gutterType=\"LEFT_ONLY\"><hp:margin header=\"%d\" footer=\"%d\" gutter=\"0\" left=\"%d\" "
            "right=\"%d\" top=\"%d\" bottom=\"%d\"/></hp:pagePr>",
            CP_BODY, PAGE_W, PAGE_H, MARGIN_HEADER, MARGIN_FOOTER, MARGIN_LR, MARGIN_LR, MARGIN_TOP,
            MARGIN_BOTTOM);
    sb_adds(s->b,
            "<hp:footNotePr><hp:autoNumFormat type=\"DIGIT\" userChar=\"\" prefixChar=\"\" suffixChar=\")\" "
            "supscript=\"0\"/><hp:noteLine length=\"-1\" type=\"SOLID\" width=\"0.12 mm\" color=\"#000000\"/>"
            "<hp:noteSpacing betweenNotes=\"283\" belowLine=\"567\" aboveLine=\"850\"/>"
            "<hp:numbering type=\"CONTINUOUS\" newNum=\"1\"/><hp:placement place=\"EACH_COLUMN\" "
            "beneathText=\"0\"/></hp:footNotePr><hp:endNotePr><hp:autoNumFormat type=\"DIGIT\" userChar=\"\" "
            "prefixChar=\"\" suffixChar=\")\" supscript=\"0\"/><hp:noteLine length=\"14692344\" type=\"SOLID\" "
            "width=\"0.12 mm\" color=\"#000000\"/><hp:noteSpacing betweenNotes=\"0\" belowLine=\"567\" "
            "aboveLine=\"850\"/><hp:numbering type=\"CONTINUOUS\" newNum=\"1\"/>"
            "<hp:placement place=\"END_OF_DOCUMENT\" beneathText=\"0\"/></hp:endNotePr>");
    static const char *const pbf[] = {"BOTH", "EVEN", "ODD"};
    for (int i = 0; i < 3; i++)
        sb_addf(s->b,
                "<hp:pageBorderFill type=\"%s\" borderFillIDRef=\"%d\" textBorder=\"PAPER\" headerInside=\"0\" "
                "footerInside=\"0\" fillArea=\"PAPER\"><hp:offset left=\"1417\" right=\"1417\" top=\"1417\" "
                "bottom=\"1417\"/></hp:pageBorderFill>",
                pbf[i], BF_NONE);
    sb_addf(s->b,
            "</hp:secPr><hp:ctrl><hp:colPr id=\"\" type=\"NEWSPAPER\" layout=\"LEFT\" colCount=\"1\" "
            "sameSz=\"1\" sameGap=\"0\"/></hp:ctrl></hp:run>"
            "<hp:run charPrIDRef=\"%d\"><hp:ctrl><hp:pageNum pos=\"BOTTOM_CENTER\" formatType=\"DIGIT\" "
            "sideChar=\"-\"/></hp:ctrl></hp:run><hp:run charPrIDRef=\"%d\">",
            CP_PAGENUM, CP_CELL);
    const char *embargo = doc->embargo ? doc->embargo : info->embargo ? info->embargo : "";
    const char *dist = doc->distributed ? doc->distributed : info->distributed ? info->distributed : "";
    int lw = 6200, vw = (TBL_W - 2 * lw) / 2;
    int w[4] = {lw, vw, lw, TBL_W - 2 * lw - vw};
    tbl_open(s, 2, 4, TBL_W, false);
    cell top[2] = {{"보도자료", PP_CELL_C, CP_PRESS, BF_PRESS, 2},
                   {info->ministry ? info->ministry : "", PP_CELL_R, CP_MINISTRY, BF_NONE, 2}};
    tbl_row(s, 0, top, 2, w, false);
    cell row[4] = {{"보도시점", PP_CELL_C, CP_HEADBOX_B, BF_HEAD, 1},
                   {embargo, PP_CELL_C, CP_HEADBOX, BF_CELL, 1},
                   {"배포", PP_CELL_C, CP_HEADBOX_B, BF_HEAD, 1},
                   {dist, PP_CELL_C, CP_HEADBOX, BF_CELL, 1}};
    tbl_row(s, 1, row, 4, w, false);
    LIT(s->b, "</hp:tbl><hp:t/></hp:run></hp:p>");
}

static void section(sec *s, const rdoc *doc, const hwpx_info *info)
{
    sb_adds(s->b, XML_DECL);
    sb_addf(s->b, "<hs:sec%s>", NAMESPACES);
    first_para(s, doc, info);
    for (size_t i = 0; i < doc->nblock; i++) {
        const rdoc_block *bk = &doc->block[i];
        switch (bk->kind) {
        case RDOC_TITLE:
            para(s, PP_TITLE, ST_TITLE, CP_TITLE, NULL, bk->text, true);
            break;
        case RDOC_SUBTITLE: {
            char *t = xasprintf("- %s -", bk->text ? bk->text : "");
            para(s, PP_SUBTITLE, ST_SUBTITLE, CP_SUBTITLE, NULL, t, true);
            free(t);
            break;
        }
        case RDOC_PARA:
            para_block(s, bk, true);
            break;
        case RDOC_SPACE:
            para(s, PP_BODY, ST_NORMAL, CP_SPACE, NULL, NULL, true);
            break;
        case RDOC_BOX:
            box(s, bk);
            break;
        case RDOC_TABLE:
            if (bk->caption) {
                char *c = xasprintf("< %s >", bk->caption);
                para(s, PP_CAPTION, ST_NORMAL, CP_CAPTION, NULL, c, true);
                free(c);
            }
            if (bk->unit)
                para(s, PP_RIGHT, ST_NORMAL, CP_SMALL, NULL, bk->unit, true);
            data_table(s, &bk->table);
            break;
        case RDOC_CHART:
            chart(s, bk);
            break;
        case RDOC_CONTACTS:
            contacts(s, &bk->table);
            break;
        case RDOC_ATTACHMENT:
            attachment(s, bk);
            break;
        case RDOC_GROUP:
            para(s, PP_HEADING, ST_NORMAL, CP_GROUP, NULL, bk->text, true);
            break;
        case RDOC_PAGEBREAK:
            s->page_break = true;
            break;
        }
    }
    LIT(s->b, "</hs:sec>");
    sb_free(&s->bound);
}

void hwpx_section_xml(strbuf *out, const rdoc *doc, const hwpx_info *info)
{
    sec s = {.b = out};
    section(&s, doc, info);
}

/* ---------------------------------------------------------------- the other parts */

static void content_hpf(strbuf *b, const rdoc *doc, const hwpx_info *info)
{
    struct tm tm;
    time_t t = info->created;
    gmtime_r(&t, &tm);
    char iso[32];
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sb_adds(b, XML_DECL);
    sb_addf(b, "<opf:package%s version=\"\" unique-identifier=\"\" id=\"\"><opf:metadata><opf:title>",
            NAMESPACES);
    xml_esc(b, doc->title && *doc->title ? doc->title : "보도자료", false);
    LIT(b, "</opf:title><opf:language>ko</opf:language><opf:meta name=\"creator\" content=\"text\">");
    xml_esc(b, info->ministry ? info->ministry : "", false);
    LIT(b, "</opf:meta><opf:meta name=\"subject\" content=\"text\">");
    xml_esc(b, info->subject ? info->subject : "", false);
    sb_addf(b,
            "</opf:meta><opf:meta name=\"description\" content=\"text\"/><opf:meta name=\"lastsaveby\" "
            "content=\"text\">smereport</opf:meta><opf:meta name=\"CreatedDate\" content=\"text\">%s</opf:meta>"
            "<opf:meta name=\"ModifiedDate\" content=\"text\">%s</opf:meta><opf:meta name=\"date\" "
            "content=\"text\">%d년 %d월 %d일 %s요일 %s %d:%02d:%02d</opf:meta>"
            "<opf:meta name=\"keyword\" content=\"text\"/></opf:metadata>",
            iso, iso, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, date_weekday_name(date_from_time(info->created)), tm.tm_hour < 12 ? "오전" : "오후",
            tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12, tm.tm_min, tm.tm_sec);
    LIT(b, "<opf:manifest><opf:item id=\"header\" href=\"Contents/header.xml\" media-type=\"application/xml\"/>"
               "<opf:item id=\"section0\" href=\"Contents/section0.xml\" media-type=\"application/xml\"/>"
               "<opf:item id=\"settings\" href=\"settings.xml\" media-type=\"application/xml\"/></opf:manifest>"
               "<opf:spine><opf:itemref idref=\"header\" linear=\"yes\"/><opf:itemref idref=\"section0\" "
               "linear=\"yes\"/></opf:spine></opf:package>");
}

static const char VERSION_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?><hv:HCFVersion "
    "xmlns:hv=\"http://www.hancom.co.kr/hwpml/2011/version\" tagetApplication=\"WORDPROCESSOR\" major=\"5\" "
    "minor=\"1\" micro=\"1\" buildNumber=\"0\" os=\"1\" xmlVersion=\"1.5\" application=\"smereport\" "
    "appVersion=\"" SMR_VERSION "\"/>";

static const char SETTINGS_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?><ha:HWPApplicationSetting "
    "xmlns:ha=\"http://www.hancom.co.kr/hwpml/2011/app\" "
    "xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"><ha:CaretPosition listIDRef=\"0\" "
    "paraIDRef=\"0\" pos=\"0\"/></ha:HWPApplicationSetting>";

static const char CONTAINER_RDF[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?><rdf:RDF "
    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\"><ns0:hasPart "
    "xmlns:ns0=\"http://www.hancom.co.kr/hwpml/2016/meta/pkg#\" rdf:resource=\"Contents/header.xml\"/>"
    "</rdf:Description><rdf:Description rdf:about=\"Contents/header.xml\"><rdf:type "
    "rdf:resource=\"http://www.hancom.co.kr/hwpml/2016/meta/pkg#HeaderFile\"/></rdf:Description>"
    "<rdf:Description rdf:about=\"\"><ns0:hasPart xmlns:ns0=\"http://www.hancom.co.kr/hwpml/2016/meta/pkg#\" "
    "rdf:resource=\"Contents/section0.xml\"/></rdf:Description><rdf:Description "
    "rdf:about=\"Contents/section0.xml\"><rdf:type "
    "rdf:resource=\"http://www.hancom.co.kr/hwpml/2016/meta/pkg#SectionFile\"/></rdf:Description>"
    "<rdf:Description rdf:about=\"\"><rdf:type rdf:resource=\"http://www.hancom.co.kr/hwpml/2016/meta/pkg#Document\"/>"
    "</rdf:Description></rdf:RDF>";

static const char CONTAINER_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?><ocf:container "
    "xmlns:ocf=\"urn:oasis:names:tc:opendocument:xmlns:container\" "
    "xmlns:hpf=\"http://www.hancom.co.kr/schema/2011/hpf\"><ocf:rootfiles><ocf:rootfile "
    "full-path=\"Contents/content.hpf\" media-type=\"application/hwpml-package+xml\"/><ocf:rootfile "
    "full-path=\"Preview/PrvText.txt\" media-type=\"text/plain\"/><ocf:rootfile "
    "full-path=\"META-INF/container.rdf\" media-type=\"application/rdf+xml\"/></ocf:rootfiles></ocf:container>";

static const char MANIFEST_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\" ?><odf:manifest "
    "xmlns:odf=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>";

static const char MIMETYPE[] = "application/hwp+zip";

/* The parts in the order 한글 writes them; NULL entries are made per release. */
enum { PART_MIMETYPE, PART_VERSION, PART_HEADER, PART_SECTION, PART_PRV, PART_SETTINGS, PART_RDF, PART_HPF,
       PART_CONTAINER, PART_MANIFEST, PART_COUNT };

static const struct {
    const char *name;
    const char *text; /* fixed content, or NULL */
} parts[PART_COUNT] = {
    [PART_MIMETYPE] = {"mimetype", MIMETYPE},
    [PART_VERSION] = {"version.xml", VERSION_XML},
    [PART_HEADER] = {"Contents/header.xml", NULL},
    [PART_SECTION] = {SECTION_PART, NULL},
    [PART_PRV] = {"Preview/PrvText.txt", NULL},
    [PART_SETTINGS] = {"settings.xml", SETTINGS_XML},
    [PART_RDF] = {"META-INF/container.rdf", CONTAINER_RDF},
    [PART_HPF] = {"Contents/content.hpf", NULL},
    [PART_CONTAINER] = {"META-INF/container.xml", CONTAINER_XML},
    [PART_MANIFEST] = {"META-INF/manifest.xml", MANIFEST_XML},
};

struct hwpx_writer {
    hwpx_part fixed[PART_COUNT]; /* the shared parts; the others stay empty */
};

hwpx_writer *hwpx_writer_new(void)
{
    hwpx_writer *w = xcalloc(1, sizeof *w);
    for (int i = 0; i < PART_COUNT; i++)
        if (parts[i].text)
            hwpx_part_make(&w->fixed[i], parts[i].name, parts[i].text, strlen(parts[i].text),
                           i == PART_MIMETYPE);
    strbuf header = {0};
    hwpx_header_xml(&header);
    hwpx_part_make(&w->fixed[PART_HEADER], parts[PART_HEADER].name, header.s, header.len, false);
    sb_free(&header);
    return w;
}

void hwpx_writer_free(hwpx_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < PART_COUNT; i++)
        hwpx_part_free(&w->fixed[i]);
    free(w);
}

int hwpx_write(hwpx_writer *w, const rdoc *doc, const hwpx_info *info, const char *path)
{
    /* The package is opened first and the parts before the section written:
     * a large section goes in as it is made (spill). */
    hwpx_zip *z = hwpx_zip_open(path, info->created);
    bool ok = z != NULL;
    int err = errno;
    for (int i = 0; i < PART_SECTION && ok; i++)
        ok = hwpx_zip_add(z, &w->fixed[i]);
    strbuf section0 = {0}, prv = {0}, hpf = {0};
    sec s = {.b = &section0, .prv = &prv, .z = ok ? z : NULL};
    section(&s, doc, info);
    size_t plen = prv.len;
    if (plen > PRV_MAX) {
        plen = PRV_MAX;
        while (plen > 0 && ((unsigned char)prv.s[plen] & 0xC0) == 0x80)
            plen--;
    }
    content_hpf(&hpf, doc, info);
    hwpx_part own[PART_COUNT] = {{0}};
    if (!s.streaming)
        hwpx_part_make(&own[PART_SECTION], parts[PART_SECTION].name, section0.s, section0.len, false);
    hwpx_part_make(&own[PART_PRV], parts[PART_PRV].name, sb_str(&prv), plen, false);
    hwpx_part_make(&own[PART_HPF], parts[PART_HPF].name, hpf.s, hpf.len, false);

    if (ok && s.streaming)
        ok = hwpx_zip_stream_write(z, section0.s, section0.len) && hwpx_zip_stream_close(z);
    for (int i = s.streaming ? PART_SECTION + 1 : PART_SECTION; i < PART_COUNT && ok; i++)
        ok = hwpx_zip_add(z, own[i].data ? &own[i] : &w->fixed[i]);
    if (z && !hwpx_zip_close(z)) { /* it reports the first failure, if any */
        ok = false;
        err = errno;
    }
    int rc = EXIT_OK;
    if (!ok) {
        msg_error("cannot write %s: %s", path, strerror(err ? err : EIO));
        rc = EXIT_OUTPUT;
    }
    for (int i = 0; i < PART_COUNT; i++)
        hwpx_part_free(&own[i]);
    sb_free(&section0);
    sb_free(&prv);
    sb_free(&hpf);
    return rc;
}
